package cn.examcore.server.paper.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.IndeterminateOperationStateException;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The retry of a copy's write: a write whose backup did not acknowledge in time is tried again, up to
 * {@link HazelcastPaperCopies#TRIES} times; any other failure ends it at once.
 */
@DisplayName("Writing a kept paper copy again when its backup's acknowledgement went missing")
class HazelcastPaperCopiesTest {

    private static Future<Void> indeterminate() {
        return Future.failedFuture(new IllegalStateException("write failed",
                new IndeterminateOperationStateException("backup did not acknowledge")));
    }

    @Test
    @DisplayName("an indeterminate write is written again until it succeeds")
    void indeterminateIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        Future<Void> done = HazelcastPaperCopies.repeated(
                () -> calls.incrementAndGet() < 3 ? indeterminate() : Future.succeededFuture(),
                HazelcastPaperCopies.TRIES);
        assertThat(done.succeeded()).as("the third write succeeded").isTrue();
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("a write that stays indeterminate fails after the last try, naming the cause")
    void triesAreBounded() {
        AtomicInteger calls = new AtomicInteger();
        Future<Void> done = HazelcastPaperCopies.repeated(() -> {
            calls.incrementAndGet();
            return indeterminate();
        }, HazelcastPaperCopies.TRIES);
        assertThat(done.failed()).isTrue();
        assertThat(done.cause()).hasRootCauseInstanceOf(IndeterminateOperationStateException.class);
        assertThat(calls).hasValue(HazelcastPaperCopies.TRIES);
    }

    @Test
    @DisplayName("any other failure is not retried: writing the same copy again would not help")
    void otherFailureEndsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        Future<Void> done = HazelcastPaperCopies.repeated(() -> {
            calls.incrementAndGet();
            return Future.failedFuture(new IllegalArgumentException("copy too large"));
        }, HazelcastPaperCopies.TRIES);
        assertThat(done.cause()).isInstanceOf(IllegalArgumentException.class).hasMessage("copy too large");
        assertThat(calls).hasValue(1);
    }
}
