package cn.examcore.server.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.conduct.LevelResults.LevelVerdict;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.evaluation.EvaluationBodies;
import cn.examcore.server.evaluation.EvaluationService;
import cn.examcore.server.evaluation.domain.BodyRules;
import cn.examcore.server.evaluation.domain.EvaluationRecord;
import cn.examcore.server.evaluation.domain.EvaluationRules;
import cn.examcore.server.evaluation.domain.LevelResult;
import cn.examcore.server.evaluation.domain.SubjectOutcome;
import cn.examcore.server.results.ResultRow;
import cn.examcore.server.results.ResultStatus;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The publication rows: level result and validity from the evaluation body's rules")
class PublicationRowsTest {

    static final EvaluationBodies BODIES = EvaluationBodies.shipped();
    static final LocalDate THEORY_DAY = LocalDate.of(2026, 4, 25);
    static final LocalDate OPERATION_DAY = LocalDate.of(2026, 4, 26);
    static final List<Subject> BOTH = List.of(Subject.THEORY, Subject.OPERATION);

    static ResultRow row(String ticket, boolean passed, ResultStatus status) {
        return new ResultRow(ticket, "考生", "企业人力资源管理师", "四级/中级工", Subject.THEORY, "R1", "R1-01", status,
                BigDecimal.TEN, false, BigDecimal.valueOf(passed ? 80 : 40), BigDecimal.valueOf(100), passed,
                Instant.parse("2026-04-25T02:00:00Z"), null, "310101198803100503", null, null);
    }

    /** The verdict of an evaluation with theory and operation as given, under {@code rules} at {@code level}. */
    static LevelVerdict verdict(BodyRules rules, int level, SubjectOutcome.Outcome operation) {
        return verdict(rules, level, SubjectOutcome.Outcome.PASSED, operation);
    }

    static LevelVerdict verdict(BodyRules rules, int level, SubjectOutcome.Outcome theory,
                                SubjectOutcome.Outcome operation) {
        EvaluationRecord record = new EvaluationRecord("EV-1", ApplicationKind.FIRST, THEORY_DAY, List.of(
                new SubjectOutcome(Subject.THEORY, THEORY_DAY, theory, BigDecimal.TEN, "s-t"),
                new SubjectOutcome(Subject.OPERATION, OPERATION_DAY, operation, BigDecimal.TEN, "s-o")));
        LevelResult result = new EvaluationRules(rules).levelResult(level, BOTH, record, List.of());
        return EvaluationService.verdict("EV-1", rules.body(), BOTH, result);
    }

    @Test
    @DisplayName("both bodies: a pass at levels 5-3 is valid 2 years and at levels 2-1 3 years, the level result beside")
    void bothBodies() {
        for (String name : List.of("上海市技师协会", "上海市健康促进协会")) {
            BodyRules rules = BODIES.body(name).orElseThrow();
            ResultRow four = ReleaseService.publicationRows(List.of(row("T-1", true, ResultStatus.SUBMITTED)),
                    List.of(), Map.of("T-1", verdict(rules, 4, SubjectOutcome.Outcome.PASSED))).get(0);
            assertThat(four.levelResult()).isEqualTo("PASSED");
            assertThat(four.validUntil()).as(name).isEqualTo(LocalDate.of(2028, 4, 24));
            ResultRow two = ReleaseService.publicationRows(List.of(row("T-1", true, ResultStatus.SUBMITTED)),
                    List.of(), Map.of("T-1", verdict(rules, 2, SubjectOutcome.Outcome.PASSED))).get(0);
            assertThat(two.validUntil()).as(name).isEqualTo(LocalDate.of(2029, 4, 24));
        }
    }

    @Test
    @DisplayName("the validity is the body's, not a constant: a body keeping passes 4 years shows 4")
    void validityFollowsTheBody() {
        BodyRules longer = new BodyRules("某评价机构", 4, 5, false, false, List.of());
        ResultRow r = ReleaseService.publicationRows(List.of(row("T-1", true, ResultStatus.SUBMITTED)), List.of(),
                Map.of("T-1", verdict(longer, 4, SubjectOutcome.Outcome.PASSED))).get(0);
        assertThat(r.validUntil()).isEqualTo(LocalDate.of(2030, 4, 24));
    }

    @Test
    @DisplayName("a passed subject keeps its validity while the level failed on the other subject; a cancelled or"
            + " failed one has none; the level result is on every row; the standing certificate is named")
    void failedCancelledAndCertificates() {
        BodyRules rules = BODIES.defaultBody();
        LevelVerdict failed = verdict(rules, 4, SubjectOutcome.Outcome.FAILED);
        List<ResultRow> rows = ReleaseService.publicationRows(List.of(row("T-1", true, ResultStatus.SUBMITTED),
                row("T-2", true, ResultStatus.CANCELLED), row("T-3", false, ResultStatus.SUBMITTED),
                row("T-4", true, ResultStatus.SUBMITTED)), List.of(
                        certificate("EC-EV-4", "T-4", Certificate.Status.REVOKED),
                        certificate("EC-EV-4-2", "T-4", Certificate.Status.ISSUED)),
                Map.of("T-1", failed, "T-2", verdict(rules, 4, SubjectOutcome.Outcome.CANCELLED,
                        SubjectOutcome.Outcome.CANCELLED), "T-3", verdict(rules, 4, SubjectOutcome.Outcome.FAILED,
                        SubjectOutcome.Outcome.PASSED),
                        "T-4", verdict(rules, 4, SubjectOutcome.Outcome.PASSED)));
        assertThat(rows.get(0).levelResult()).isEqualTo("FAILED");
        assertThat(rows.get(0).validUntil()).isEqualTo(LocalDate.of(2028, 4, 24));
        assertThat(rows.get(1).validUntil()).isNull();
        assertThat(rows.get(1).levelResult()).isEqualTo("FAILED");
        assertThat(rows.get(2).validUntil()).isNull();
        assertThat(rows.get(3).certificateNumber()).isEqualTo("EC-EV-4-2");
        assertThat(rows.get(0).certificateNumber()).isNull();
    }

    static Certificate certificate(String number, String ticket, Certificate.Status status) {
        return new Certificate(number, "s-o", ticket, "310101198803100503", "考生", "企业人力资源管理师", 4,
                "THEORY+OPERATION", OPERATION_DAY, "admin", 1L, status, null,
                status == Certificate.Status.REVOKED ? 2L : null, "EV-4", "上海市技师协会", null);
    }
}
