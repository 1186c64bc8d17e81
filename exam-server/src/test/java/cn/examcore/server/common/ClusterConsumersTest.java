package cn.examcore.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.IndeterminateOperationStateException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Registering a clustered consumer while the cluster migrates")
class ClusterConsumersTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Fails {@code failures} times with {@code cause}, then succeeds with "registered". */
    private static Supplier<Future<String>> flaky(AtomicInteger calls, int failures, Supplier<Throwable> cause) {
        return () -> calls.incrementAndGet() <= failures
                ? Future.failedFuture(cause.get()) : Future.succeededFuture("registered");
    }

    private static Throwable wrappedIndeterminate() {
        // As the cluster manager reports it: the backup of the multimap put was never acknowledged.
        return new HazelcastException("addRegistration failed",
                new IndeterminateOperationStateException("backup acks missed"));
    }

    private static <T> Future<T> settle(Future<T> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException ignored) {
            // the future carries the failure; the caller asserts on it
        }
        return f;
    }

    @Test
    @DisplayName("an indeterminate registration is made again until it reaches the cluster")
    void retriesIndeterminate() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = settle(ClusterConsumers.retryIndeterminate(vertx, "a",
                flaky(calls, 3, ClusterConsumersTest::wrappedIndeterminate), 8, 1));
        assertThat(f.succeeded()).isTrue();
        assertThat(f.result()).isEqualTo("registered");
        assertThat(calls).hasValue(4);
    }

    @Test
    @DisplayName("any other failure is not retried: it is a real fault the node must not start with")
    void otherFailuresAreFinal() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = settle(ClusterConsumers.retryIndeterminate(vertx, "a",
                flaky(calls, 3, () -> new IllegalStateException("closed")), 8, 1));
        assertThat(f.failed()).isTrue();
        assertThat(f.cause()).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("gives up after the last attempt with the indeterminate failure")
    void givesUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = settle(ClusterConsumers.retryIndeterminate(vertx, "a",
                flaky(calls, 100, ClusterConsumersTest::wrappedIndeterminate), 3, 1));
        assertThat(f.failed()).isTrue();
        assertThat(ClusterConsumers.indeterminate(f.cause())).isTrue();
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("a registered consumer receives each message once")
    void registers() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> second = new java.util.concurrent.CompletableFuture<>();
        settle(ClusterConsumers.<String>register(vertx, "examcore.test", m -> {
            heard.add(m.body());
            if (m.body().equals("two")) {
                second.complete(null);
            }
        }));
        vertx.eventBus().publish("examcore.test", "one");
        vertx.eventBus().publish("examcore.test", "two");
        // Delivered in order on one context: once "two" has arrived, a second handler would have had "one" twice.
        second.get(5, TimeUnit.SECONDS);
        assertThat(heard).containsExactly("one", "two");
    }
}
