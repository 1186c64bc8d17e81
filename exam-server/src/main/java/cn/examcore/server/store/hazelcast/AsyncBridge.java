package cn.examcore.server.store.hazelcast;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Hazelcast's async map calls as Vert.x futures completed on the caller's context. */
final class AsyncBridge {

    private AsyncBridge() {
    }

    static <T> Future<T> bridge(Vertx vertx, Supplier<CompletionStage<T>> call) {
        // A member that is shutting down throws instead of failing the stage; both become a failed future.
        try {
            return Future.fromCompletionStage(call.get(), vertx.getOrCreateContext());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
