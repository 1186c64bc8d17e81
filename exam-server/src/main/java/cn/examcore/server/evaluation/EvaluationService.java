package cn.examcore.server.evaluation;

import cn.examcore.bank.model.Subject;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.AdjustedLine;
import cn.examcore.server.conduct.AdjustedResults;
import cn.examcore.server.conduct.LevelResults;
import cn.examcore.server.conduct.ResultAdjustments;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.evaluation.domain.BodyRules;
import cn.examcore.server.evaluation.domain.Enrolment;
import cn.examcore.server.evaluation.domain.EvaluationRecord;
import cn.examcore.server.evaluation.domain.EvaluationRules;
import cn.examcore.server.evaluation.domain.LevelResult;
import cn.examcore.server.evaluation.domain.SubjectOutcome;
import cn.examcore.server.evaluation.store.EvaluationStore;
import cn.examcore.server.sitting.RosterRules;
import cn.examcore.server.sitting.domain.ApplicationKind;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * 一次评价: reads evaluations across their sittings, applies the evaluation bodies' rules to them (level result,
 * makeup), refuses roster rows the rules do not allow, and tells certificate issuing which levels passed. Subject
 * outcomes come from {@link ResultAdjustments}, so a cancelled score counts as cancelled here too.
 */
public final class EvaluationService implements RosterRules, LevelResults {

    /**
     * One evaluation as it stands.
     *
     * @param id          the evaluation id
     * @param body        the evaluation body
     * @param application first attempt, makeup or competition
     * @param idNumber    the candidate's normalised identity number
     * @param name        the candidate's name
     * @param occupation  the occupation
     * @param levelNo     the level, 5 (lowest) to 1
     * @param required    the subjects the level needs
     * @param enrolments  its roster rows, by sitting start
     * @param record      its subjects' outcomes
     * @param level       the level result
     */
    public record Summary(String id, String body, ApplicationKind application, String idNumber, String name,
                          String occupation, int levelNo, List<Subject> required, List<Enrolment> enrolments,
                          EvaluationRecord record, LevelResult level) {
    }

    private final EvaluationBodies bodies;
    private final EvaluationStore store;
    private final ResultAdjustments adjusted;
    private final LongSupplier clock;

    public EvaluationService(EvaluationBodies bodies, EvaluationStore store, ResultAdjustments adjusted,
                             LongSupplier clock) {
        this.bodies = bodies;
        this.store = store;
        this.adjusted = adjusted;
        this.clock = clock;
    }

    public EvaluationBodies bodies() {
        return bodies;
    }

    /**
     * The evaluation with its level result.
     *
     * @return a failed future naming {@code evaluationId}: 400 when malformed, 404 when no roster names it
     */
    public Future<Summary> evaluation(String evaluationId) {
        if (evaluationId == null || evaluationId.isBlank() || evaluationId.length() > 64) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "evaluationId",
                    "evaluationId must be 1 to 64 characters"));
        }
        return store.evaluation(evaluationId).compose(rows -> {
            if (rows.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "evaluationId",
                        "no roster names evaluation " + evaluationId));
            }
            Enrolment first = rows.get(0);
            return store.enrolments(List.of(first.idNumber()), first.occupation(), first.level())
                    .compose(this::summaries).map(all -> all.get(evaluationId));
        });
    }

    /** The evaluation of each candidate of the sitting, by ticket. */
    public Future<Map<String, Summary>> ofSitting(String sittingId) {
        return adjusted.of(sittingId).compose(results -> {
            Sitting s = results.sitting();
            List<String> people = results.lines().stream()
                    .map(l -> IdentityNumbers.normalise(l.line().candidate().idNumber())).distinct().toList();
            return store.enrolments(people, s.occupation(), s.level()).compose(this::summaries).map(all -> {
                Map<String, Summary> byTicket = new LinkedHashMap<>();
                for (AdjustedLine l : results.lines()) {
                    Candidate c = l.line().candidate();
                    Summary summary = all.get(c.evaluation().id());
                    if (summary != null) {
                        byTicket.put(c.ticket(), summary);
                    }
                }
                return byTicket;
            });
        });
    }

    @Override
    public Future<Map<String, LevelVerdict>> bySitting(String sittingId) {
        return ofSitting(sittingId).map(all -> {
            Map<String, LevelVerdict> out = new LinkedHashMap<>();
            all.forEach((ticket, s) -> out.put(ticket, verdict(s.id(), s.body(), s.required(), s.level())));
            return out;
        });
    }

    /** The verdict certificates and the publication read off an evaluation's level result. */
    public static LevelVerdict verdict(String evaluationId, String body, List<Subject> required, LevelResult level) {
        Map<String, LocalDate> valid = new LinkedHashMap<>();
        // Only the passes of this evaluation: a pass carried into a makeup belongs to the earlier one's rows.
        level.subjects().stream().filter(c -> c.validUntil() != null && evaluationId.equals(c.evaluationId()))
                .forEach(c -> valid.put(c.subject().name(), c.validUntil()));
        return new LevelVerdict(evaluationId, body, level.passed(), level.passedOn(),
                required.stream().map(Enum::name).collect(Collectors.joining("+")), level.status().name(), valid);
    }

    /** The rules of a body by name, or the default body's for null. */
    private Optional<BodyRules> rulesOf(String body) {
        return body == null ? Optional.of(bodies.defaultBody()) : bodies.body(body);
    }

    private static List<Subject> required(BodyRules rules, String occupation, int level, Set<Subject> toSit) {
        // An occupation the body's data does not list needs what the roster says it sits.
        return rules.subjects(occupation, level).orElseGet(() -> toSit.stream().sorted().toList());
    }

    /** Every evaluation among these rows (one occupation and level), each with its level result, by id. */
    private Future<Map<String, Summary>> summaries(List<Enrolment> rows) {
        List<String> sittingIds = rows.stream().map(Enrolment::sittingId).distinct().toList();
        List<Future<AdjustedResults>> reads = sittingIds.stream().map(adjusted::of).toList();
        return Future.all(reads).map(done -> {
            long now = clock.getAsLong();
            Map<String, Map<String, SubjectOutcome>> outcomes = new HashMap<>();
            for (Future<AdjustedResults> f : reads) {
                AdjustedResults r = f.result();
                Map<String, SubjectOutcome> byTicket = new HashMap<>();
                r.lines().forEach(l -> byTicket.put(l.line().candidate().ticket(), outcome(r.sitting(), l, now)));
                outcomes.put(r.sitting().id(), byTicket);
            }
            Map<String, List<Enrolment>> byEvaluation = new LinkedHashMap<>();
            rows.stream().sorted(Comparator.comparingLong(Enrolment::t0).thenComparing(Enrolment::sittingId))
                    .forEach(e -> byEvaluation.computeIfAbsent(e.evaluationId(), k -> new ArrayList<>()).add(e));
            Map<String, EvaluationRecord> records = new LinkedHashMap<>();
            byEvaluation.forEach((id, list) -> {
                List<SubjectOutcome> sat = new ArrayList<>();
                for (Enrolment e : list) {
                    SubjectOutcome o = outcomes.getOrDefault(e.sittingId(), Map.of()).get(e.ticket());
                    if (o != null) {
                        sat.add(o);
                    }
                }
                records.put(id, new EvaluationRecord(id, list.get(0).application(), day(list.get(0).t0()), sat));
            });
            // Each person's evaluations, so finding a person's earlier ones costs their own count, not every
            // evaluation of the set (a 10,000-candidate sitting's results made that a hundred million comparisons
            // per request, a quarter of a node's CPU in the deadline storm's profile).
            Map<String, List<EvaluationRecord>> byPerson = new HashMap<>();
            records.forEach((id, r) -> byPerson.computeIfAbsent(byEvaluation.get(id).get(0).idNumber(),
                    k -> new ArrayList<>()).add(r));
            Map<String, Summary> out = new LinkedHashMap<>();
            byEvaluation.forEach((id, list) -> {
                Enrolment first = list.get(0);
                EvaluationRecord current = records.get(id);
                BodyRules rules = rulesOf(first.body()).orElse(bodies.defaultBody());
                List<Subject> required = required(rules, first.occupation(), first.level(), first.toSit());
                LevelResult level = new EvaluationRules(rules).levelResult(first.level(), required, current,
                        earlier(byPerson.get(first.idNumber()), current));
                out.put(id, new Summary(id, first.body(), first.application(), first.idNumber(), first.name(),
                        first.occupation(), first.level(), required, List.copyOf(list), current, level));
            });
            return out;
        });
    }

    /** Of one person's evaluations, those that began before {@code current}, oldest first. */
    private static List<EvaluationRecord> earlier(List<EvaluationRecord> persons, EvaluationRecord current) {
        return persons.stream()
                .filter(r -> !r.id().equals(current.id()) && r.firstDay().isBefore(current.firstDay()))
                .sorted(Comparator.comparing(EvaluationRecord::firstDay).thenComparing(EvaluationRecord::id))
                .toList();
    }

    /** How a result line counts as a subject outcome: cancelled, pending, passed, failed, or absent. */
    static SubjectOutcome outcome(Sitting s, AdjustedLine l, long now) {
        LocalDate day = day(s.t0());
        Optional<Result> result = l.result();
        if (result.isPresent()) {
            Result r = result.get();
            BigDecimal score = r.total();
            SubjectOutcome.Outcome o = l.cancelled() ? SubjectOutcome.Outcome.CANCELLED
                    : r.pendingMarking() ? SubjectOutcome.Outcome.PENDING
                    : Boolean.TRUE.equals(r.passed()) ? SubjectOutcome.Outcome.PASSED : SubjectOutcome.Outcome.FAILED;
            return new SubjectOutcome(s.subject(), day, o, score, s.id());
        }
        boolean over = now >= s.startAt() + s.durationSeconds() * 1000L;
        AttemptState state = l.line().state();
        boolean open = state != null ? state.open() : !over;
        return new SubjectOutcome(s.subject(), day, open ? SubjectOutcome.Outcome.PENDING
                : SubjectOutcome.Outcome.ABSENT, null, s.id());
    }

    private static LocalDate day(long epochMillis) {
        return SanctionPolicy.dateOf(Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public Future<List<RosterRefusal>> check(Sitting sitting, List<Candidate> candidates) {
        List<String> people = candidates.stream().map(c -> IdentityNumbers.normalise(c.idNumber())).distinct()
                .toList();
        List<String> evaluationIds = candidates.stream().map(c -> c.evaluation().id()).distinct().toList();
        return Future.all(store.enrolments(people, sitting.occupation(), sitting.level()),
                store.evaluations(evaluationIds)).compose(both -> {
                    // The sitting's own rows are being replaced: they say nothing about the new roster.
                    List<Enrolment> history = both.<List<Enrolment>>resultAt(0).stream()
                            .filter(e -> !e.sittingId().equals(sitting.id())).toList();
                    List<Enrolment> named = both.<List<Enrolment>>resultAt(1).stream()
                            .filter(e -> !e.sittingId().equals(sitting.id())).toList();
                    return summaries(history).map(summaries -> refusals(sitting, candidates, named, summaries));
                });
    }

    private List<RosterRefusal> refusals(Sitting sitting, List<Candidate> candidates, List<Enrolment> named,
                                         Map<String, Summary> summaries) {
        LocalDate on = day(sitting.t0());
        Map<String, String> ticketOfEvaluation = new HashMap<>();
        List<RosterRefusal> out = new ArrayList<>();
        for (Candidate c : candidates) {
            out.add(refusal(sitting, c, on, named, summaries, ticketOfEvaluation));
        }
        return out;
    }

    private RosterRefusal refusal(Sitting sitting, Candidate c, LocalDate on, List<Enrolment> named,
                                  Map<String, Summary> summaries, Map<String, String> ticketOfEvaluation) {
        Candidate.EvaluationRef ref = c.evaluation();
        Optional<BodyRules> body = rulesOf(ref.body());
        if (body.isEmpty()) {
            return new RosterRefusal("body", "unknown evaluation body '" + ref.body() + "'; use one of "
                    + String.join(", ", bodies.names()));
        }
        String other = ticketOfEvaluation.putIfAbsent(ref.id(), c.ticket());
        if (other != null) {
            return new RosterRefusal("evaluation", "evaluation " + ref.id() + " is also named by ticket " + other
                    + " of this roster; each evaluation has one row per sitting");
        }
        String idNumber = IdentityNumbers.normalise(c.idNumber());
        for (Enrolment e : named) {
            if (!e.evaluationId().equals(ref.id())) {
                continue;
            }
            String clash = !e.idNumber().equals(idNumber) ? "another candidate"
                    : !e.occupation().equals(sitting.occupation()) || e.level() != sitting.level()
                    ? e.occupation() + " level " + e.level()
                    : !e.body().equals(body.get().body()) ? "body " + e.body()
                    : e.application() != ref.application() ? "application " + e.application() : null;
            if (clash != null) {
                return new RosterRefusal("evaluation", "evaluation " + ref.id() + " belongs to " + clash
                        + " in sitting " + e.sittingId() + "; give this row its own 评价编号 (evaluation)");
            }
        }
        if (ref.application() != ApplicationKind.MAKEUP) {
            return null;
        }
        // The evaluation's first day: this sitting's, or an earlier sitting of the same evaluation's.
        LocalDate first = named.stream().filter(e -> e.evaluationId().equals(ref.id())).map(e -> day(e.t0()))
                .min(Comparator.naturalOrder()).filter(d -> d.isBefore(on)).orElse(on);
        List<EvaluationRecord> earlier = summaries.values().stream()
                .filter(s -> !s.id().equals(ref.id()) && s.idNumber().equals(idNumber)
                        && s.record().firstDay().isBefore(first))
                .map(Summary::record)
                .sorted(Comparator.comparing(EvaluationRecord::firstDay).thenComparing(EvaluationRecord::id))
                .toList();
        List<Subject> required = required(body.get(), sitting.occupation(), sitting.level(), c.subjects());
        return new EvaluationRules(body.get()).checkMakeup(sitting.level(), required, c.subjects(), first, earlier)
                .map(r -> new RosterRefusal("application", r.message())).orElse(null);
    }
}
