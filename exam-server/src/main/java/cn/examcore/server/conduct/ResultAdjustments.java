package cn.examcore.server.conduct;

import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.ResultAdjustment.SubjectResult;
import cn.examcore.server.conduct.domain.ResultAdjustment;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.store.DecisionStore;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.results.ResultsService;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * 成绩处理: where a sanction is applied to results. Reads a sitting's result lines ({@link ResultsService}) and the
 * sanctions of the confirmed decisions on record, and applies them with {@link ResultAdjustment}: the decisions
 * of the sitting itself, and the all-subjects ones of the other sittings of each candidate's evaluation (一次评价:
 * the other subjects, on whatever day they are sat, and whenever the decision is taken). The results view, the
 * CSV and {@code .xlsx} exports, level results and certificate issuing all read these lines, so they cannot
 * disagree about a cancellation.
 */
public final class ResultAdjustments {

    private final SittingStore sittingStore;
    private final ResultsService results;
    private final DecisionStore decisions;
    private final RosterStore roster;

    public ResultAdjustments(SittingStore sittingStore, RosterStore roster, ResultsService results,
                             DecisionStore decisions) {
        this.sittingStore = sittingStore;
        this.roster = roster;
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
        return sittingStore.existingSitting(sittingId).compose(sitting -> roster.evaluationSittings(sittingId)
                .compose(siblingsByTicket -> {
            List<String> siblingIds = siblingsByTicket.values().stream().flatMap(Set::stream).distinct().sorted()
                    .toList();
            List<Future<?>> reads = new ArrayList<>();
            reads.add(results.results(sittingId));
            reads.add(decisions.decisions(sittingId));
            siblingIds.forEach(o -> reads.add(decisions.decisions(o)));
            return Future.all(reads).map(done -> {
                List<ResultLine> lines = done.resultAt(0);
                // The sitting's own decisions first, then the siblings', each in the order taken.
                // A decision revised on appeal no longer applies; its revision is a decision of the same sitting.
                Set<String> revised = new HashSet<>();
                for (int i = 1; i < reads.size(); i++) {
                    List<RecordedDecision> taken = done.resultAt(i);
                    taken.stream().map(RecordedDecision::revises).filter(Objects::nonNull).forEach(revised::add);
                }
                Map<String, List<Sanction>> byPerson = new HashMap<>();
                for (int i = 1; i < reads.size(); i++) {
                    List<RecordedDecision> taken = done.resultAt(i);
                    taken.stream().filter(r -> !revised.contains(r.decision().id())).forEach(r -> r.sanction()
                            .ifPresent(s -> byPerson.computeIfAbsent(s.idNumber(), k -> new ArrayList<>()).add(s)));
                }
                List<AdjustedLine> adjusted = new ArrayList<>(lines.size());
                for (ResultLine l : lines) {
                    Set<String> siblings = siblingsByTicket.getOrDefault(l.candidate().ticket(), Set.of());
                    adjusted.add(new AdjustedLine(l, l.attendedResult().map(r -> {
                        String idNumber = IdentityNumbers.normalise(l.candidate().idNumber());
                        SubjectResult scored = new SubjectResult(sitting.subject().name(),
                                r.total() == null ? r.objectiveScore() : r.total(),
                                Boolean.TRUE.equals(r.passed()));
                        // Only this candidate's evaluation: the person's rows in other evaluations stay apart.
                        List<Sanction> relevant = byPerson.getOrDefault(idNumber, List.of()).stream()
                                .filter(x -> x.sittingId().equals(sitting.id()) || siblings.contains(x.sittingId()))
                                .toList();
                        return ResultAdjustment.adjust(idNumber, sitting.id(), siblings, List.of(scored), relevant)
                                .get(0);
                    })));
                }
                return new AdjustedResults(sitting, adjusted);
            });
        }));
    }
}
