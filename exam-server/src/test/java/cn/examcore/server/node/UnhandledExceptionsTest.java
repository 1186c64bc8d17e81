package cn.examcore.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a node does with exceptions that reach Vert.x uncaught: counted each, logged once per kind and minute. */
@DisplayName("Unhandled exceptions")
class UnhandledExceptionsTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicLong now = new AtomicLong(1_000_000);
    final List<String> lines = new CopyOnWriteArrayList<>();
    final UnhandledExceptions handler = new UnhandledExceptions(registry, now::get, (m, t) -> lines.add(m));
    Vertx vertx;

    @AfterEach
    void close() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private double counted(Class<?> type) {
        var c = registry.find("examcore.unhandled.exceptions").tag("exception", type.getName()).counter();
        return c == null ? 0 : c.count();
    }

    /** The exception Vert.x 5.0.10's write path throws, from one place, as many closing sockets do. */
    private static IllegalStateException alreadyCompleted() {
        return new IllegalStateException("Promise already completed");
    }

    @Test
    @DisplayName("A flood thrown on the event loops is counted in full and logged once, with the count on the next line")
    void floodFromTheEventLoopIsCountedAndLoggedOnce() {
        vertx = Vertx.vertx();
        vertx.exceptionHandler(handler);
        for (int i = 0; i < 200; i++) {
            vertx.runOnContext(v -> {
                throw alreadyCompleted();
            });
        }
        Await.until("every exception reached the handler", Duration.ofSeconds(10),
                () -> counted(IllegalStateException.class) == 200);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("IllegalStateException: Promise already completed");

        now.addAndGet(UnhandledExceptions.QUIET_MILLIS);
        handler.handle(alreadyCompleted());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("199 more of this kind");
        assertThat(counted(IllegalStateException.class)).isEqualTo(201);
    }

    @Test
    @DisplayName("Another kind of exception is logged at once, not hidden behind the flood")
    void anotherKindIsLogged() {
        handler.handle(alreadyCompleted());
        handler.handle(alreadyCompleted());
        handler.handle(new java.util.concurrent.RejectedExecutionException("worker pool shut down"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("RejectedExecutionException");
        assertThat(counted(IllegalStateException.class)).isEqualTo(2);
        assertThat(counted(java.util.concurrent.RejectedExecutionException.class)).isEqualTo(1);
    }

    @Test
    @DisplayName("Exception classes beyond the cap share one counter, so a flood of kinds cannot grow the registry")
    void counterTagsAreBounded() {
        for (int i = 0; i < UnhandledExceptions.MAX_KINDS + 10; i++) {
            handler.counter("example.Exception" + i).increment();
        }
        assertThat(registry.find("examcore.unhandled.exceptions").counters()).hasSize(UnhandledExceptions.MAX_KINDS + 1);
        assertThat(registry.find("examcore.unhandled.exceptions").tag("exception", "other").counter().count())
                .isEqualTo(10);
    }
}
