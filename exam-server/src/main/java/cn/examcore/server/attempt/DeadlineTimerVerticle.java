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
    private boolean scanning;
    private long timerId = -1;

    public DeadlineTimerVerticle(AttemptStore attempts, SubmissionService submissions, LongSupplier clock,
                                 long periodMillis) {
        this.attempts = attempts;
        this.submissions = submissions;
        this.clock = clock;
        this.periodMillis = periodMillis;
    }

    @Override
    public Future<?> start() {
        timerId = vertx.setPeriodic(periodMillis, id -> scan());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timerId);
        return Future.succeededFuture();
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
