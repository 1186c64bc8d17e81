package cn.examcore.server.conduct;

import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.ResultAdjustment.SubjectResult;
import cn.examcore.server.conduct.domain.ResultAdjustment;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.conduct.store.DecisionStore;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.results.ResultsService;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 成绩处理: where a sanction is applied to results. Reads a sitting's result lines ({@link ResultsService}) and the
 * sanctions of the confirmed decisions on record, and applies them with {@link ResultAdjustment}: the decisions
 * of the sitting itself, and the all-subjects ones of its sibling sittings (the other subject of the same
 * evaluation: same occupation, level and Shanghai sitting date). The results view, the CSV and {@code .xlsx}
 * exports and certificate issuing all read these lines, so they cannot disagree about a cancellation.
 */
public final class ResultAdjustments {

    private final SittingStore sittingStore;
    private final ResultsService results;
    private final DecisionStore decisions;

    public ResultAdjustments(SittingStore sittingStore, ResultsService results, DecisionStore decisions) {
        this.sittingStore = sittingStore;
        this.results = results;
        this.decisions = decisions;
    }

    /**
     * The sitting's results as they count.
     *
     * @return one adjusted line per roster candidate; a failed future naming {@code sittingId} (404) for an unknown
     *         sitting
     */
    public Future<AdjustedResults> of(String sittingId) {
        return sittingStore.existingSitting(sittingId).compose(sitting -> sittingStore.sittings().compose(all -> {
            LocalDate day = SanctionPolicy.dateOf(Instant.ofEpochMilli(sitting.t0()));
            List<Sitting> siblings = all.stream().filter(o -> !o.id().equals(sitting.id())
                    && o.occupation().equals(sitting.occupation()) && o.level() == sitting.level()
                    && SanctionPolicy.dateOf(Instant.ofEpochMilli(o.t0())).equals(day)).toList();
            List<Future<?>> reads = new ArrayList<>();
            reads.add(results.results(sittingId));
            reads.add(decisions.decisions(sittingId));
            siblings.forEach(o -> reads.add(decisions.decisions(o.id())));
            return Future.all(reads).map(done -> {
                List<ResultLine> lines = done.resultAt(0);
                // The sitting's own decisions first, then the siblings', each in the order taken.
                Map<String, List<Sanction>> byPerson = new HashMap<>();
                for (int i = 1; i < reads.size(); i++) {
                    List<RecordedDecision> taken = done.resultAt(i);
                    taken.forEach(r -> r.sanction().ifPresent(s -> byPerson
                            .computeIfAbsent(s.idNumber(), k -> new ArrayList<>()).add(s)));
                }
                Set<String> siblingIds = siblings.stream().map(Sitting::id).collect(Collectors.toSet());
                List<AdjustedLine> adjusted = new ArrayList<>(lines.size());
                for (ResultLine l : lines) {
                    adjusted.add(new AdjustedLine(l, l.attendedResult().map(r -> {
                        String idNumber = IdentityNumbers.normalise(l.candidate().idNumber());
                        SubjectResult scored = new SubjectResult(sitting.subject().name(),
                                r.total() == null ? r.objectiveScore() : r.total(),
                                Boolean.TRUE.equals(r.passed()));
                        return ResultAdjustment.adjust(idNumber, sitting.id(), siblingIds, List.of(scored),
                                byPerson.getOrDefault(idNumber, List.of())).get(0);
                    })));
                }
                return new AdjustedResults(sitting, adjusted);
            });
        }));
    }
}
