package cn.examcore.server.evaluation.domain;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 补考与成绩有效期: one body's rules applied to a candidate's evaluations of one occupation and level. Pure: the
 * same evaluations and rules always give the same answer.
 */
public final class EvaluationRules {

    /** The rules a makeup row can break; each refusal names one. */
    public enum Rule {
        /** A makeup needs an earlier evaluation of the same occupation and level. */
        MAKEUP_WITHOUT_EARLIER_EVALUATION,
        /** A failed competition (竞赛) result cannot be made up. */
        COMPETITION_NOT_MADE_UP,
        /** The earlier evaluation has a subject still being marked or sat. */
        EARLIER_RESULT_PENDING,
        /** Every subject failed: the next attempt is a full first attempt (上海市健康促进协会). */
        ALL_FAILED_FULL_ATTEMPT,
        /** Every earlier pass has expired: every subject is sat again, as a first attempt. */
        MAKEUP_OUTSIDE_WINDOW,
        /** A makeup sits only the failed subjects, not one still validly passed. */
        MAKEUP_SUBJECT_ALREADY_PASSED,
        /** A makeup sits every subject not validly passed. */
        MAKEUP_SUBJECT_MISSING
    }

    /**
     * Why a makeup row is refused.
     *
     * @param rule    the rule broken
     * @param message what to do about it, with the dates and evaluations involved
     */
    public record Refusal(Rule rule, String message) {
    }

    /**
     * A pass carried from an earlier evaluation.
     *
     * @param outcome      the passed outcome
     * @param evaluationId the evaluation it was passed in
     * @param validUntil   its last valid day
     */
    public record Carried(SubjectOutcome outcome, String evaluationId, LocalDate validUntil) {
    }

    private final BodyRules rules;

    public EvaluationRules(BodyRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public BodyRules rules() {
        return rules;
    }

    /**
     * The passes a makeup on {@code on} may carry: from the latest earlier evaluation back through the makeups
     * before it to the first attempt they made up; a later first attempt forfeits everything before it. Only
     * passes still valid on {@code on} count.
     *
     * @param earlier the person's earlier evaluations of this occupation and level, oldest first
     */
    public Map<Subject, Carried> carried(int level, List<EvaluationRecord> earlier, LocalDate on) {
        Map<Subject, Carried> out = new LinkedHashMap<>();
        for (Carried c : chainPasses(level, earlier)) {
            if (!c.validUntil().isBefore(on)) {
                out.putIfAbsent(c.outcome().subject(), c);
            }
        }
        return out;
    }

    /** Every pass of the makeup chain ending with the latest earlier evaluation, newest first, valid or not. */
    private List<Carried> chainPasses(int level, List<EvaluationRecord> earlier) {
        List<Carried> out = new ArrayList<>();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            EvaluationRecord e = earlier.get(i);
            e.outcomes().stream().filter(o -> o.outcome() == SubjectOutcome.Outcome.PASSED)
                    .forEach(o -> out.add(new Carried(o, e.id(), rules.validUntil(level, o.sittingDate()))));
            if (e.kind() != ApplicationKind.MAKEUP) {
                break;
            }
        }
        return out;
    }

    /**
     * Whether a makeup (补考) on {@code on} sitting {@code toSit} is allowed.
     *
     * @param required the subjects the level needs
     * @param earlier  the person's earlier evaluations of this occupation and level, oldest first
     * @return the refusal naming the rule broken; empty when allowed
     */
    public Optional<Refusal> checkMakeup(int level, Collection<Subject> required, Collection<Subject> toSit,
                                         LocalDate on, List<EvaluationRecord> earlier) {
        if (earlier.isEmpty()) {
            return refuse(Rule.MAKEUP_WITHOUT_EARLIER_EVALUATION, "no earlier evaluation of this occupation and level"
                    + " to make up; apply as 首次 (FIRST)");
        }
        EvaluationRecord latest = earlier.get(earlier.size() - 1);
        boolean latestFailedSomething = latest.outcomes().stream().anyMatch(o -> o.outcome().failed());
        if (latest.kind() == ApplicationKind.COMPETITION && latestFailedSomething && !rules.competitionMakeupAllowed()) {
            return refuse(Rule.COMPETITION_NOT_MADE_UP, "evaluation " + latest.id() + " is a competition (竞赛)"
                    + " result, and a failed competition result cannot be made up (" + rules.body() + ")");
        }
        List<Subject> pending = latest.outcomes().stream()
                .filter(o -> o.outcome() == SubjectOutcome.Outcome.PENDING).map(SubjectOutcome::subject).toList();
        if (!pending.isEmpty()) {
            return refuse(Rule.EARLIER_RESULT_PENDING, "evaluation " + latest.id() + " has no final result yet for "
                    + names(pending) + "; a makeup follows a final result");
        }
        List<Carried> passes = chainPasses(level, earlier);
        if (passes.isEmpty()) {
            if (rules.allFailedMeansFullAttempt()) {
                return refuse(Rule.ALL_FAILED_FULL_ATTEMPT, "every subject of evaluation " + latest.id()
                        + " failed, so " + rules.body() + " counts the next attempt as a full first attempt: apply"
                        + " as 首次 (FIRST) for every subject");
            }
        } else {
            Map<Subject, Carried> valid = carried(level, earlier, on);
            if (valid.isEmpty()) {
                Carried last = passes.stream().max((a, b) -> a.validUntil().compareTo(b.validUntil())).orElseThrow();
                return refuse(Rule.MAKEUP_OUTSIDE_WINDOW, "the passes of evaluation " + last.evaluationId()
                        + " were valid until " + last.validUntil() + " (" + rules.validityYears(level)
                        + " years at level " + level + ", " + rules.body() + "); on " + on + " every subject is"
                        + " sat again: apply as 首次 (FIRST)");
            }
            List<Subject> twice = toSit.stream().filter(valid::containsKey).toList();
            if (!twice.isEmpty()) {
                Carried c = valid.get(twice.get(0));
                return refuse(Rule.MAKEUP_SUBJECT_ALREADY_PASSED, names(twice) + " passed in evaluation "
                        + c.evaluationId() + " and stays valid until " + c.validUntil()
                        + "; a makeup sits only the failed subjects");
            }
            Set<Subject> missing = new LinkedHashSet<>(required);
            missing.removeAll(valid.keySet());
            missing.removeAll(toSit);
            if (!missing.isEmpty()) {
                return refuse(Rule.MAKEUP_SUBJECT_MISSING, "a makeup sits every subject not validly passed; add "
                        + names(missing));
            }
        }
        return Optional.empty();
    }

    /**
     * The level result of {@code current}: each subject the level needs counts as sat in it or, for a makeup, as
     * carried from the makeup chain when still valid on the evaluation's last day.
     *
     * @param required the subjects the level needs
     * @param earlier  the person's evaluations of this occupation and level before {@code current}, oldest first
     */
    public LevelResult levelResult(int level, Collection<Subject> required, EvaluationRecord current,
                                   List<EvaluationRecord> earlier) {
        LocalDate on = current.lastDay();
        Map<Subject, Carried> carried = current.kind() == ApplicationKind.MAKEUP ? carried(level, earlier, on)
                : Map.of();
        List<LevelResult.Counted> counted = new ArrayList<>();
        List<Subject> failed = new ArrayList<>();
        List<Subject> open = new ArrayList<>();
        for (Subject s : required) {
            Optional<SubjectOutcome> own = current.outcome(s);
            if (own.isPresent()) {
                SubjectOutcome o = own.get();
                boolean pass = o.outcome() == SubjectOutcome.Outcome.PASSED;
                counted.add(new LevelResult.Counted(s, o.outcome(), o.sittingDate(), current.id(),
                        pass ? rules.validUntil(level, o.sittingDate()) : null));
                if (o.outcome().failed()) {
                    failed.add(s);
                } else if (!pass) {
                    open.add(s);
                }
            } else if (carried.containsKey(s)) {
                Carried c = carried.get(s);
                counted.add(new LevelResult.Counted(s, c.outcome().outcome(), c.outcome().sittingDate(),
                        c.evaluationId(), c.validUntil()));
            } else {
                counted.add(new LevelResult.Counted(s, null, null, null, null));
                open.add(s);
            }
        }
        if (!failed.isEmpty()) {
            return new LevelResult(LevelResult.Status.FAILED, counted, null, names(failed) + " not passed");
        }
        if (!open.isEmpty()) {
            return new LevelResult(LevelResult.Status.PENDING, counted, null, names(open) + " not yet passed");
        }
        return new LevelResult(LevelResult.Status.PASSED, counted, on, null);
    }

    private static Optional<Refusal> refuse(Rule rule, String message) {
        return Optional.of(new Refusal(rule, rule + ": " + message));
    }

    private static String names(Collection<Subject> subjects) {
        return subjects.stream().map(s -> s.chineseName() + " (" + s.name() + ")").collect(Collectors.joining(", "));
    }
}
