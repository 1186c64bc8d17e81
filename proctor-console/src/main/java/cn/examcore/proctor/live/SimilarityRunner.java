package cn.examcore.proctor.live;

import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.similarity.SimilarityDetector;
import cn.examcore.proctor.similarity.SimilarityReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 答案雷同检测 on live sittings: reads a sitting's objective answers from exam-server, runs the
 * {@link SimilarityDetector} on a worker thread (it is CPU work, never on the event loop), and hands its B2 / C5
 * proposals to the {@link LiveHub} as flags. Runs come from {@link #tick()} (every configured interval, for every
 * sitting the hub serves, until a run saw every attempt submitted: that run is the final one), from
 * {@link #submissionSeen} (the final run, a few seconds after the last attempt was submitted) and from
 * {@link #run(String)} on demand. One run per sitting at a time: a request while one is under way gets that run.
 *
 * <p>Deterministic: the same answers give the same flags under the same ids, so a re-run adds none.
 * Not thread-safe: called on the console verticle's event loop, and completes there.
 */
public final class SimilarityRunner {

    /** What the runner asks exam-server, with the console's own token. */
    public interface Source {
        /** {@code GET /api/admin/sittings/{id}/objective-answers}. */
        Future<ObjectiveAnswers> objectiveAnswers(String sittingId);

        /** Whether every attempt of the sitting is submitted (from the attempts query: states only, no answers). */
        Future<Boolean> allSubmitted(String sittingId);
    }

    /** How long after a sitting's last submission event the runner checks whether that was the last attempt. */
    public static final long FINAL_CHECK_DELAY_MILLIS = 5_000;

    /**
     * What one run did.
     *
     * @param candidates    candidates with objective answers analysed
     * @param suspicions    B2 / C5 proposals of the detector
     * @param flags         flags they make (one per candidate of each proposal)
     * @param newOrChanged  of those, the ones not already open with the same figures (0 on an unchanged re-run)
     * @param withdrawn     open flags of the sitting this run no longer proposes, withdrawn
     * @param allSubmitted  every attempt was submitted: no periodic run follows for this sitting
     * @param medianSharedItems     the power figure: objective items a neighbouring pair typically both answered
     * @param minimumDetectableCopy the power figure: the share of copied items from which a neighbour copier is about
     *                              as likely flagged as not, from the answers alone; null when nothing is detectable
     */
    public record Run(String sittingId, long at, int candidates, long pairsCompared, int suspicions, int flags,
                      int newOrChanged, int withdrawn, boolean allSubmitted, int medianSharedItems,
                      Double minimumDetectableCopy) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SimilarityRunner.class);

    private final Vertx vertx;
    private final LiveHub hub;
    private final Source source;
    private final SimilarityDetector detector;
    private final Severity c5Severity;
    private final LongSupplier clock;
    private final Map<String, Future<Run>> running = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<String, Long> finalChecks = new HashMap<>();

    public SimilarityRunner(Vertx vertx, LiveHub hub, Source source, SimilarityDetector detector,
                            Severity c5Severity, LongSupplier clock) {
        this.vertx = vertx;
        this.hub = hub;
        this.source = source;
        this.detector = detector;
        this.c5Severity = c5Severity;
        this.clock = clock;
    }

    /** Runs the detector on the sitting now (or joins the run under way). */
    public Future<Run> run(String sittingId) {
        Future<Run> f = running.get(sittingId);
        if (f != null) {
            return f;
        }
        long at = clock.getAsLong();
        f = source.objectiveAnswers(sittingId)
                .compose(body -> vertx.executeBlocking(() -> analyse(sittingId, body, at), false))
                .map(a -> {
                    SimilarityFlags.Merged merged = hub.similarityFlags(sittingId, a.flags, at,
                            a.report.candidates());
                    merged.withdrawn().forEach(w -> LOG.info("similarity flag {} withdrawn: {}", w.flagId(),
                            w.reason()));
                    if (a.sitting.allSubmitted()) {
                        finished.add(sittingId);
                    }
                    SimilarityReport.Power power = a.report.power();
                    Run r = new Run(sittingId, at, a.report.candidates(), a.report.pairsCompared(),
                            a.report.suspicions().size(), a.flags.size(), merged.changed().size(),
                            merged.withdrawn().size(), a.sitting.allSubmitted(), power.medianSharedItems(),
                            Double.isNaN(power.minimumDetectableCopy()) ? null : power.minimumDetectableCopy());
                    LOG.info("similarity run: {}", r);
                    return r;
                });
        running.put(sittingId, f);
        f.onComplete(x -> running.remove(sittingId));
        return f;
    }

    /**
     * A submission event of the sitting was seen: {@link #FINAL_CHECK_DELAY_MILLIS} after the last one of a burst,
     * the runner asks whether every attempt is submitted now and, if so, makes the final run at once (not at the
     * next interval).
     */
    public void submissionSeen(String sittingId) {
        if (finished.contains(sittingId)) {
            return;
        }
        Long pending = finalChecks.remove(sittingId);
        if (pending != null) {
            vertx.cancelTimer(pending);
        }
        finalChecks.put(sittingId, vertx.setTimer(FINAL_CHECK_DELAY_MILLIS, id -> {
            finalChecks.remove(sittingId);
            source.allSubmitted(sittingId)
                    .compose(all -> all && !finished.contains(sittingId) ? run(sittingId).mapEmpty()
                            : Future.succeededFuture())
                    .onFailure(e -> LOG.warn("final similarity check for sitting {} failed, the next interval "
                            + "tries again: {}", sittingId, e.getMessage()));
        }));
    }

    /** The periodic run: every sitting the hub serves whose final run has not happened yet. */
    public void tick() {
        for (String id : hub.sittings()) {
            if (!finished.contains(id)) {
                run(id).onFailure(e -> LOG.warn("similarity run for sitting {} failed, the next interval tries "
                        + "again: {}", id, e.getMessage()));
            }
        }
    }

    private record Analysed(SimilarityFlags.Sitting sitting, SimilarityReport report, List<FlagView> flags) {
    }

    private Analysed analyse(String sittingId, ObjectiveAnswers body, long at) {
        SimilarityFlags.Sitting sitting = SimilarityFlags.Sitting.parse(sittingId, body);
        SimilarityReport report = sitting.candidates().size() < 2
                ? new SimilarityReport(sitting.candidates().size(), 0, 0, 0, 0, List.of())
                : detector.analyse(sitting.items(), sitting.candidates());
        return new Analysed(sitting, report, SimilarityFlags.flagsOf(sitting, report, c5Severity, at));
    }
}
