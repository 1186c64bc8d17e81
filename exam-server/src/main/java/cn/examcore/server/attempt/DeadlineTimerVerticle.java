package cn.examcore.server.attempt;

import cn.examcore.server.attempt.store.AttemptStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
    private boolean scanning;
    private boolean recovering;
    private long timerId = -1;
    private long recoveryTimerId = -1;

    /**
     * @param recoveryMillis how often to look for submitted attempts without a stored result, and how long after
     *                       its submission an attempt counts as such ({@link SubmissionService#recoverMissingResults})
     */
    public DeadlineTimerVerticle(AttemptStore attempts, SubmissionService submissions, LongSupplier clock,
                                 long periodMillis, long recoveryMillis) {
        this.attempts = attempts;
        this.submissions = submissions;
        this.clock = clock;
        this.periodMillis = periodMillis;
        this.recoveryMillis = recoveryMillis;
    }

    @Override
    public Future<?> start() {
        timerId = vertx.setPeriodic(periodMillis, id -> scan());
        recoveryTimerId = vertx.setPeriodic(recoveryMillis, id -> recover());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timerId);
        vertx.cancelTimer(recoveryTimerId);
        return Future.succeededFuture();
    }

    private void recover() {
        if (recovering) {
            return;
        }
        recovering = true;
        submissions.recoverMissingResults(recoveryMillis).onComplete(ar -> {
            recovering = false;
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
        if (scanning) {
            return;
        }
        scanning = true;
        attempts.locallyDue(clock.getAsLong())
                .compose(submissions::freezeDue)
                .onComplete(ar -> {
                    scanning = false;
                    if (ar.failed()) {
                        LOG.warn("deadline scan failed: {}", ar.cause().toString());
                    }
                });
    }
}
