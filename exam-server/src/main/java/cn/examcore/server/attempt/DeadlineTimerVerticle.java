package cn.examcore.server.attempt;

import cn.examcore.server.attempt.store.AttemptStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 到时交卷: every period, finds the attempts this node owns whose deadline has passed and auto-submits them in
 * batches ({@link SubmissionService#freezeDue}: the scan ends once they are frozen, and their scores and events are
 * stored behind, so a database outage never holds up the next deadlines). Only locally owned keys are scanned (a
 * predicate over the entries of the partitions this member owns at the time of the scan, no index), so each
 * attempt has one timer in
 * the cluster, and when a node dies the new owners of its partitions pick its attempts up on their next scan.
 * Auto-submit is idempotent: an attempt frozen twice (two scans across a migration) is scored once.
 */
public final class DeadlineTimerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineTimerVerticle.class);

    private final AttemptStore attempts;
    private final SubmissionService submissions;
    private final LongSupplier clock;
    private final long periodMillis;
    private final long recoveryMillis;
    private final LongConsumer scanned;
    /** How long a stop waits for the scan in flight (one stuck on an unreachable database must not hold it). */
    static final long STOP_WAIT_MILLIS = 10_000;

    private boolean scanning;
    private boolean recovering;
    private boolean stopped;
    private Promise<Void> drained;
    private long timerId = -1;
    private long recoveryTimerId = -1;

    /**
     * @param recoveryMillis how often to look for submitted attempts without a stored result, and how long after
     *                       its submission an attempt counts as such ({@link SubmissionService#recoverMissingResults})
     * @param scanned        told the clock's time after every scan that froze what was due: a timer that stalls
     *                       or whose scans keep failing freezes nothing at its deadlines and records no lag either,
     *                       so the time since the last one is what shows it ({@code examcore_deadline_scan_age_seconds})
     */
    public DeadlineTimerVerticle(AttemptStore attempts, SubmissionService submissions, LongSupplier clock,
                                 long periodMillis, long recoveryMillis, LongConsumer scanned) {
        this.attempts = attempts;
        this.submissions = submissions;
        this.clock = clock;
        this.periodMillis = periodMillis;
        this.recoveryMillis = recoveryMillis;
        this.scanned = scanned;
    }

    @Override
    public Future<?> start() {
        timerId = vertx.setPeriodic(periodMillis, id -> scan());
        recoveryTimerId = vertx.setPeriodic(recoveryMillis, id -> recover());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(timerId);
        vertx.cancelTimer(recoveryTimerId);
        if (!scanning && !recovering) {
            return Future.succeededFuture();
        }
        // A scan in flight finishes before Vert.x goes on closing: its freezes and reads need the worker pools
        // that close after the verticles (a SIGTERM otherwise logged RejectedExecutionException now and then).
        drained = Promise.promise();
        long guard = vertx.setTimer(STOP_WAIT_MILLIS, id -> {
            LOG.warn("stopping with a deadline scan or result recovery still running after {} ms", STOP_WAIT_MILLIS);
            drained.tryComplete();
        });
        return drained.future().onComplete(ar -> vertx.cancelTimer(guard));
    }

    /** Whether a scan or a recovery round is running (for the stop, and tests). */
    boolean busy() {
        return scanning || recovering;
    }

    private void settled() {
        if (stopped && !busy() && drained != null) {
            drained.tryComplete();
        }
    }

    private void recover() {
        if (recovering || stopped) {
            return;
        }
        recovering = true;
        submissions.recoverMissingResults(recoveryMillis).onComplete(ar -> {
            recovering = false;
            settled();
            if (ar.failed()) {
                // The database is away, most likely: the next round looks again.
                LOG.debug("result recovery failed: {}", ar.cause().toString());
            } else if (ar.result() > 0) {
                LOG.warn("stored {} missing result(s)", ar.result());
            }
        });
    }

    private void scan() {
        // A slow scan must not pile up behind itself.
        if (scanning || stopped) {
            return;
        }
        scanning = true;
        attempts.locallyDue(clock.getAsLong())
                .compose(submissions::freezeDue)
                .onComplete(ar -> {
                    scanning = false;
                    settled();
                    if (ar.failed()) {
                        LOG.warn("deadline scan failed: {}", ar.cause().toString());
                    } else {
                        scanned.accept(clock.getAsLong());
                    }
                });
    }
}
