package cn.examcore.server.storage.hazelcast;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Hazelcast's async map calls as Vert.x futures completed on the caller's context. */
public final class AsyncBridge {

    private AsyncBridge() {
    }

    /**
     * The call's stage, completed on the caller's context. Its callback is handed to that context explicitly:
     * Hazelcast runs the callbacks of its futures on its default async executor, which is the common fork-join
     * pool only when that pool has more than one thread. On a two-core machine it has one, and Hazelcast then
     * starts a new thread for every callback: the 10,000-seat load run's JFR counted about 2,500 thread starts a
     * second, one per answer save. The context also deserialises the result, off the partition threads.
     */
    public static <T> Future<T> bridge(Vertx vertx, Supplier<CompletionStage<T>> call) {
        Context context = vertx.getOrCreateContext();
        CompletionStage<T> stage;
        // A member that is shutting down throws instead of failing the stage; both become a failed future.
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Promise<T> promise = Promise.promise();
        Executor onContext = command -> context.runOnContext(v -> command.run());
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                promise.fail(failure);
            } else {
                promise.complete(value);
            }
        }, onContext);
        return promise.future();
    }
}
