package cn.examcore.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.admission.domain.IdentityCheck;
import cn.examcore.server.admission.store.AdmissionStore;
import cn.examcore.server.attempt.KeyGate.Verdict;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The identity gate (身份核验) a seat's key passes: read once per sitting at a time, and kept to its last read while
 * the database is slow or away, but never opened on a guess.
 */
@DisplayName("The identity gate while the database is slow or away")
class IdentityGateTest {

    private static final long T0 = 1_000_000_000L;

    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong now = new AtomicLong(T0 + 1_000);
    private final Store store = new Store();
    private final IdentityChecks gate = new IdentityChecks(vertx, now::get, null, null, null, null, store, null,
            null);

    private final Attempt confirmedSeat = attempt("T-1");
    private final Attempt waitingSeat = attempt("T-2");

    /** A gated sitting where T-1 was confirmed before the start; the reads answer when the test says. */
    static final class Store implements AdmissionStore {
        final AtomicInteger reads = new AtomicInteger();
        volatile Promise<List<IdentityCheck>> pending;
        volatile boolean answer = true;
        volatile boolean fail;

        @Override
        public Future<Optional<AdmissionSettings>> settings(String sittingId) {
            return Future.succeededFuture(Optional.of(new AdmissionSettings(sittingId, "", "", 0, true, true)));
        }

        @Override
        public Future<Void> saveSettings(AdmissionSettings settings, String actor, long at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<IdentityCheck>> confirm(List<IdentityCheck> checks) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<List<IdentityCheck>> checks(String sittingId) {
            reads.incrementAndGet();
            if (fail) {
                return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
            }
            List<IdentityCheck> checks = List.of(new IdentityCheck(sittingId, "T-1", "R1-01", "MANUAL", "p1",
                    T0 - 60_000));
            if (answer) {
                return Future.succeededFuture(checks);
            }
            pending = Promise.promise();
            return pending.future();
        }

        @Override
        public Future<Optional<IdentityCheck>> check(String sittingId, String ticket) {
            throw new UnsupportedOperationException();
        }
    }

    private static Attempt attempt(String ticket) {
        return Attempt.create("a-" + ticket, "s-1", ticket, "THEORY", "R1-0" + ticket.substring(2), T0, 3600);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("Every seat asking at once shares one read of the sitting's gate")
    void oneReadAtATime() throws Exception {
        store.answer = false;
        List<Future<Verdict>> asked = List.of(gate.mayHaveKey(confirmedSeat), gate.mayHaveKey(waitingSeat),
                gate.mayHaveKey(confirmedSeat));
        assertThat(store.reads.get()).isEqualTo(1);
        store.pending.complete(List.of(new IdentityCheck("s-1", "T-1", "R1-01", "MANUAL", "p1", T0 - 60_000)));
        assertThat(await(asked.get(0))).isEqualTo(Verdict.OPEN);
        assertThat(await(asked.get(1))).isEqualTo(Verdict.HELD);
        assertThat(await(asked.get(2))).isEqualTo(Verdict.OPEN);
    }

    @Test
    @DisplayName("A database that stops answering: the last read stands after a second, the unconfirmed seat held")
    void lastReadWhileSlow() throws Exception {
        assertThat(await(gate.mayHaveKey(waitingSeat))).isEqualTo(Verdict.HELD);
        now.addAndGet(IdentityChecks.CACHE_MILLIS + 1);
        store.answer = false;
        long t = System.nanoTime();
        assertThat(await(gate.mayHaveKey(confirmedSeat))).isEqualTo(Verdict.OPEN);
        assertThat(await(gate.mayHaveKey(waitingSeat))).isEqualTo(Verdict.HELD);
        assertThat((System.nanoTime() - t) / 1_000_000).as("waited for the database first")
                .isGreaterThanOrEqualTo(IdentityChecks.LAST_READ_WAIT_MILLIS - 50);
        assertThat(store.reads.get()).as("the slow read is shared, not repeated").isEqualTo(2);
    }

    @Test
    @DisplayName("Once the read under way has gone a second unanswered, a seat asking then keeps to the last read at"
            + " once")
    void slowReadKnown() throws Exception {
        assertThat(await(gate.mayHaveKey(waitingSeat))).isEqualTo(Verdict.HELD);
        now.addAndGet(IdentityChecks.CACHE_MILLIS + 1);
        store.answer = false;
        assertThat(await(gate.mayHaveKey(confirmedSeat))).as("after its wait").isEqualTo(Verdict.OPEN);

        Future<Verdict> later = gate.mayHaveKey(waitingSeat);
        assertThat(later.isComplete()).as("answered without a wait of its own").isTrue();
        assertThat(later.result()).isEqualTo(Verdict.HELD);
        assertThat(store.reads.get()).as("the slow read is shared, not repeated").isEqualTo(2);

        // Once the database answers, the read is fresh again: a confirmation since then counts.
        store.pending.complete(List.of(new IdentityCheck("s-1", "T-1", "R1-01", "MANUAL", "p1", T0 - 60_000),
                new IdentityCheck("s-1", "T-2", "R1-02", "MANUAL", "p1", T0 - 30_000)));
        Await.until("the read answered", Duration.ofSeconds(5), () -> gate.mayHaveKey(waitingSeat).result()
                == Verdict.OPEN);
    }

    @Test
    @DisplayName("A database that fails: the last read stands")
    void lastReadWhenFailing() throws Exception {
        assertThat(await(gate.mayHaveKey(confirmedSeat))).isEqualTo(Verdict.OPEN);
        now.addAndGet(IdentityChecks.CACHE_MILLIS + 1);
        store.fail = true;
        assertThat(await(gate.mayHaveKey(waitingSeat))).isEqualTo(Verdict.HELD);
        assertThat(await(gate.mayHaveKey(confirmedSeat))).isEqualTo(Verdict.OPEN);
    }

    @Test
    @DisplayName("A node that never read the gate waits for the database: no key on a guess")
    void noGuessWithoutARead() throws Exception {
        store.answer = false;
        Future<Verdict> asked = gate.mayHaveKey(waitingSeat);
        Thread.sleep(IdentityChecks.LAST_READ_WAIT_MILLIS + 500);
        assertThat(asked.isComplete()).as("still waiting for the database").isFalse();
        store.pending.complete(List.of());
        Await.until("the read answered", Duration.ofSeconds(5), asked::isComplete);
        assertThat(asked.result()).isEqualTo(Verdict.HELD);
    }
}
