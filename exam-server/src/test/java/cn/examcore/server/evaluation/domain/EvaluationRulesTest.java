package cn.examcore.server.evaluation.domain;

import static cn.examcore.bank.model.Subject.OPERATION;
import static cn.examcore.bank.model.Subject.THEORY;
import static cn.examcore.server.evaluation.domain.SubjectOutcome.Outcome.ABSENT;
import static cn.examcore.server.evaluation.domain.SubjectOutcome.Outcome.CANCELLED;
import static cn.examcore.server.evaluation.domain.SubjectOutcome.Outcome.FAILED;
import static cn.examcore.server.evaluation.domain.SubjectOutcome.Outcome.PASSED;
import static cn.examcore.server.evaluation.domain.SubjectOutcome.Outcome.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.evaluation.EvaluationBodies;
import cn.examcore.server.evaluation.domain.EvaluationRules.Rule;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pass and validity rules of both 2026 bodies, read from the shipped data file: every branch of the makeup
 * check and of the level result.
 */
@DisplayName("Evaluation rules: validity, makeup and the level result")
class EvaluationRulesTest {

    static final EvaluationBodies BODIES = EvaluationBodies.shipped();
    static final EvaluationRules TECH = new EvaluationRules(BODIES.body("上海市技师协会").orElseThrow());
    static final EvaluationRules HEALTH = new EvaluationRules(BODIES.body("上海市健康促进协会").orElseThrow());
    static final List<Subject> BOTH = List.of(THEORY, OPERATION);
    static final LocalDate APRIL = LocalDate.of(2026, 4, 25);

    static SubjectOutcome o(Subject s, LocalDate day, SubjectOutcome.Outcome outcome) {
        return new SubjectOutcome(s, day, outcome, null, "s-" + s + day);
    }

    static EvaluationRecord e(String id, ApplicationKind kind, SubjectOutcome... outcomes) {
        LocalDate first = outcomes.length == 0 ? APRIL : outcomes[0].sittingDate();
        for (SubjectOutcome x : outcomes) {
            first = x.sittingDate().isBefore(first) ? x.sittingDate() : first;
        }
        return new EvaluationRecord(id, kind, first, List.of(outcomes));
    }

    /** Theory passed on day 1, operation failed on day 2 of April. */
    static EvaluationRecord theoryOnly() {
        return e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, PASSED), o(OPERATION, APRIL.plusDays(1), FAILED));
    }

    static Optional<Rule> makeup(EvaluationRules rules, int level, List<Subject> toSit, LocalDate on,
                                 EvaluationRecord... earlier) {
        return rules.checkMakeup(level, BOTH, toSit, on, List.of(earlier)).map(EvaluationRules.Refusal::rule);
    }

    @Test
    @DisplayName("the data file holds both bodies: 2 years at levels 5-3, 3 at 2-1, and only the health body restarts after all failed")
    void bodiesAreData() {
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            assertThat(r.rules().validityYears(5)).isEqualTo(2);
            assertThat(r.rules().validityYears(3)).isEqualTo(2);
            assertThat(r.rules().validityYears(2)).isEqualTo(3);
            assertThat(r.rules().validityYears(1)).isEqualTo(3);
            assertThat(r.rules().competitionMakeupAllowed()).isFalse();
        }
        assertThat(TECH.rules().allFailedMeansFullAttempt()).isFalse();
        assertThat(HEALTH.rules().allFailedMeansFullAttempt()).isTrue();
        assertThat(TECH.rules().subjects("企业人力资源管理师", 4)).contains(BOTH);
        assertThat(TECH.rules().subjects("职业培训师", 4)).isEmpty();
        assertThat(HEALTH.rules().subjects("社群健康助理员", 3)).contains(BOTH);
        assertThat(BODIES.defaultBody().body()).isEqualTo("上海市技师协会");
        assertThat(TECH.rules().validUntil(4, APRIL)).isEqualTo(LocalDate.of(2028, 4, 24));
        assertThat(TECH.rules().validUntil(2, APRIL)).isEqualTo(LocalDate.of(2029, 4, 24));
    }

    @Test
    @DisplayName("a makeup within the window sitting only the failed subject is allowed, for both bodies")
    void makeupWithinWindow() {
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            assertThat(makeup(r, 4, List.of(OPERATION), LocalDate.of(2026, 8, 22), theoryOnly())).isEmpty();
            // The last valid day of the pass is still inside the window.
            assertThat(makeup(r, 4, List.of(OPERATION), LocalDate.of(2028, 4, 24), theoryOnly())).isEmpty();
        }
    }

    @Test
    @DisplayName("a makeup past the window (2 years at level 4, 3 years at level 2) is refused as outside the window")
    void makeupOutsideWindow() {
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            assertThat(makeup(r, 4, List.of(OPERATION), LocalDate.of(2028, 4, 25), theoryOnly()))
                    .contains(Rule.MAKEUP_OUTSIDE_WINDOW);
            // Level 2 keeps the pass a third year.
            assertThat(makeup(r, 2, List.of(OPERATION), LocalDate.of(2028, 4, 25), theoryOnly())).isEmpty();
            assertThat(makeup(r, 2, List.of(OPERATION), LocalDate.of(2029, 4, 25), theoryOnly()))
                    .contains(Rule.MAKEUP_OUTSIDE_WINDOW);
        }
        String message = TECH.checkMakeup(4, BOTH, List.of(OPERATION), LocalDate.of(2028, 5, 1),
                List.of(theoryOnly())).orElseThrow().message();
        assertThat(message).contains("MAKEUP_OUTSIDE_WINDOW", "2028-04-24", "E1");
    }

    @Test
    @DisplayName("a makeup sitting a subject still validly passed, or leaving a failed one out, is refused")
    void makeupSitsExactlyTheFailedSubjects() {
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            assertThat(makeup(r, 4, BOTH, LocalDate.of(2026, 8, 22), theoryOnly()))
                    .contains(Rule.MAKEUP_SUBJECT_ALREADY_PASSED);
            assertThat(makeup(r, 4, List.of(), LocalDate.of(2026, 8, 22), theoryOnly()))
                    .contains(Rule.MAKEUP_SUBJECT_MISSING);
        }
    }

    @Test
    @DisplayName("a makeup with no earlier evaluation, or after one still pending, is refused")
    void makeupNeedsAFinalEarlierEvaluation() {
        assertThat(makeup(TECH, 4, List.of(OPERATION), APRIL)).contains(Rule.MAKEUP_WITHOUT_EARLIER_EVALUATION);
        EvaluationRecord marking = e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, PASSED),
                o(OPERATION, APRIL.plusDays(1), PENDING));
        assertThat(makeup(HEALTH, 4, List.of(OPERATION), APRIL.plusDays(30), marking))
                .contains(Rule.EARLIER_RESULT_PENDING);
    }

    @Test
    @DisplayName("every subject failed: the health body makes the next attempt a full one, the technicians' body allows a makeup of both")
    void allFailed() {
        EvaluationRecord bothFailed = e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, FAILED),
                o(OPERATION, APRIL.plusDays(1), ABSENT));
        assertThat(makeup(HEALTH, 4, BOTH, LocalDate.of(2026, 6, 1), bothFailed))
                .contains(Rule.ALL_FAILED_FULL_ATTEMPT);
        assertThat(makeup(TECH, 4, BOTH, LocalDate.of(2026, 6, 1), bothFailed)).isEmpty();
    }

    @Test
    @DisplayName("a failed competition result cannot be made up, for both bodies; a competition passed in full has nothing to make up")
    void competition() {
        EvaluationRecord lost = e("C1", ApplicationKind.COMPETITION, o(THEORY, APRIL, PASSED),
                o(OPERATION, APRIL, FAILED));
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            assertThat(makeup(r, 4, List.of(OPERATION), APRIL.plusDays(60), lost))
                    .contains(Rule.COMPETITION_NOT_MADE_UP);
        }
        EvaluationRecord won = e("C2", ApplicationKind.COMPETITION, o(THEORY, APRIL, PASSED),
                o(OPERATION, APRIL, PASSED));
        assertThat(makeup(TECH, 4, List.of(OPERATION), APRIL.plusDays(60), won))
                .contains(Rule.MAKEUP_SUBJECT_ALREADY_PASSED);
    }

    @Test
    @DisplayName("a new first application forfeits the passes before it: a later makeup cannot carry them")
    void newApplicationForfeits() {
        EvaluationRecord again = e("E2", ApplicationKind.FIRST, o(THEORY, APRIL.plusMonths(4), FAILED),
                o(OPERATION, APRIL.plusMonths(4).plusDays(1), PASSED));
        LocalDate november = LocalDate.of(2026, 11, 7);
        assertThat(TECH.carried(4, List.of(theoryOnly(), again), november)).containsOnlyKeys(OPERATION);
        // Theory passed in E1 is gone: the makeup must sit theory, and operation (passed in E2) only once.
        assertThat(makeup(TECH, 4, List.of(THEORY), november, theoryOnly(), again)).isEmpty();
        assertThat(makeup(TECH, 4, List.of(OPERATION), november, theoryOnly(), again))
                .contains(Rule.MAKEUP_SUBJECT_ALREADY_PASSED);
    }

    @Test
    @DisplayName("a makeup of a makeup still carries the first attempt's pass while it is valid")
    void makeupChain() {
        EvaluationRecord second = e("E2", ApplicationKind.MAKEUP, o(OPERATION, LocalDate.of(2026, 8, 23), FAILED));
        EvaluationRecord third = e("E3", ApplicationKind.MAKEUP, o(OPERATION, LocalDate.of(2026, 11, 8), PASSED));
        LevelResult level = TECH.levelResult(4, BOTH, third, List.of(theoryOnly(), second));
        assertThat(level.status()).isEqualTo(LevelResult.Status.PASSED);
        assertThat(level.passedOn()).isEqualTo(LocalDate.of(2026, 11, 8));
        assertThat(level.subjects()).extracting(LevelResult.Counted::evaluationId).containsExactly("E1", "E3");
    }

    @Test
    @DisplayName("level result: passed when every subject passed, pending while one is unsat or marked, failed on a fail, absence or cancellation")
    void levelResult() {
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            EvaluationRecord both = e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, PASSED),
                    o(OPERATION, APRIL.plusDays(1), PASSED));
            LevelResult passed = r.levelResult(4, BOTH, both, List.of());
            assertThat(passed.passed()).isTrue();
            assertThat(passed.passedOn()).isEqualTo(APRIL.plusDays(1));
            assertThat(passed.subjects()).extracting(LevelResult.Counted::validUntil)
                    .containsExactly(LocalDate.of(2028, 4, 24), LocalDate.of(2028, 4, 25));

            assertThat(r.levelResult(4, BOTH, e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, PASSED)), List.of())
                    .status()).isEqualTo(LevelResult.Status.PENDING);
            assertThat(r.levelResult(4, BOTH, e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, PASSED),
                    o(OPERATION, APRIL, PENDING)), List.of()).status()).isEqualTo(LevelResult.Status.PENDING);
            for (SubjectOutcome.Outcome bad : List.of(FAILED, ABSENT, CANCELLED)) {
                LevelResult failed = r.levelResult(4, BOTH, e("E1", ApplicationKind.FIRST, o(THEORY, APRIL, PASSED),
                        o(OPERATION, APRIL, bad)), List.of());
                assertThat(failed.status()).as(bad.name()).isEqualTo(LevelResult.Status.FAILED);
                assertThat(failed.reason()).contains("OPERATION");
            }
        }
    }

    @Test
    @DisplayName("a makeup passes the level with the carried pass, but not once that pass has expired, and a first attempt carries nothing")
    void levelResultOfAMakeup() {
        for (EvaluationRules r : List.of(TECH, HEALTH)) {
            EvaluationRecord inTime = e("E2", ApplicationKind.MAKEUP, o(OPERATION, LocalDate.of(2026, 8, 23), PASSED));
            assertThat(r.levelResult(4, BOTH, inTime, List.of(theoryOnly())).passed()).isTrue();
            EvaluationRecord late = e("E2", ApplicationKind.MAKEUP, o(OPERATION, LocalDate.of(2028, 8, 23), PASSED));
            assertThat(r.levelResult(4, BOTH, late, List.of(theoryOnly())).status())
                    .isEqualTo(LevelResult.Status.PENDING);
            EvaluationRecord fresh = e("E2", ApplicationKind.FIRST, o(OPERATION, LocalDate.of(2026, 8, 23), PASSED));
            assertThat(r.levelResult(4, BOTH, fresh, List.of(theoryOnly())).status())
                    .isEqualTo(LevelResult.Status.PENDING);
        }
    }

    @Test
    @DisplayName("a subject sat twice in one evaluation counts its latest sitting")
    void latestSittingCounts() {
        List<SubjectOutcome> outcomes = new ArrayList<>(List.of(o(THEORY, APRIL, FAILED),
                o(THEORY, APRIL.plusDays(1), PASSED)));
        EvaluationRecord twice = new EvaluationRecord("E1", ApplicationKind.FIRST, APRIL, outcomes);
        assertThat(twice.outcome(THEORY).orElseThrow().outcome()).isEqualTo(PASSED);
    }
}
