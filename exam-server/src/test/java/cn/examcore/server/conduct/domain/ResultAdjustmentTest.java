package cn.examcore.server.conduct.domain;

import static cn.examcore.server.conduct.domain.Decisions.ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.OPERATION;
import static cn.examcore.server.conduct.domain.Decisions.OTHER_ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.THEORY;
import static cn.examcore.server.conduct.domain.Decisions.confirmed;
import static cn.examcore.server.conduct.domain.Decisions.confirmedAfterSitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.server.conduct.domain.ResultAdjustment.AdjustedResult;
import cn.examcore.server.conduct.domain.ResultAdjustment.Status;
import cn.examcore.server.conduct.domain.ResultAdjustment.SubjectResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResultAdjustmentTest {

    private static final LocalDate NOV_7 = LocalDate.of(2026, 11, 7);
    private static final String SITTING = "S-2026-11";
    private static final String SIBLING = "S-2026-11-operation";
    private static final List<SubjectResult> RESULTS = List.of(
            new SubjectResult(THEORY, new BigDecimal("78.5"), true),
            new SubjectResult(OPERATION, new BigDecimal("64"), true));
    private final SanctionPolicy policy = SanctionPolicy.defaults();

    @Test
    @DisplayName("A tier-A sanction cancels only the subject it was found in and keeps its score")
    void tierACancelsOneSubject() {
        Sanction a = policy.sanctionFor(confirmed("d-a", MisconductCode.A1, null, NOV_7));
        List<AdjustedResult> out = ResultAdjustment.adjust(ID_NUMBER, SITTING, RESULTS, List.of(a));
        AdjustedResult theory = out.get(0);
        assertThat(theory.status()).isEqualTo(Status.CANCELLED);
        assertThat(theory.originalScore()).isEqualByComparingTo("78.5");
        assertThat(theory.originalPassed()).isTrue();
        assertThat(theory.countsAsPassed()).isFalse();
        assertThat(theory.cancellations()).singleElement().satisfies(c -> {
            assertThat(c.decisionId()).isEqualTo("d-a");
            assertThat(c.reason()).isEqualTo("A1 " + MisconductCode.A1.noticeText());
            assertThat(c.declaredInvalid()).isFalse();
        });
        assertThat(out.get(1).status()).isEqualTo(Status.VALID);
        assertThat(out.get(1).countsAsPassed()).isTrue();
    }

    @Test
    @DisplayName("Tier-B and tier-C sanctions cancel every subject of the sitting")
    void tierBAndCCancelAll() {
        for (Decision d : List.of(confirmed("d-b", MisconductCode.B2, null, NOV_7),
                confirmed("d-c", MisconductCode.C4, Severity.MINOR, NOV_7))) {
            List<AdjustedResult> out = ResultAdjustment.adjust(ID_NUMBER, SITTING, RESULTS,
                    List.of(policy.sanctionFor(d)));
            assertThat(out).extracting(AdjustedResult::status).containsOnly(Status.CANCELLED);
            assertThat(out).extracting(AdjustedResult::originalScore)
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("78.5"), new BigDecimal("64"));
            assertThat(out.get(1).cancellations().get(0).decisionId()).isEqualTo(d.id());
        }
    }

    @Test
    @DisplayName("A post-exam sanction marks the cancelled scores as declared invalid")
    void postExamDeclaresInvalid() {
        Sanction s = policy.sanctionFor(confirmedAfterSitting("d-p", MisconductCode.B4, null, NOV_7,
                LocalDate.of(2027, 1, 20)));
        List<AdjustedResult> out = ResultAdjustment.adjust(ID_NUMBER, SITTING, RESULTS, List.of(s));
        assertThat(out).allSatisfy(r -> assertThat(r.cancellations().get(0).declaredInvalid()).isTrue());
    }

    @Test
    @DisplayName("No sanction leaves every result valid")
    void noSanction() {
        assertThat(ResultAdjustment.adjust(ID_NUMBER, SITTING, RESULTS, List.of()))
                .extracting(AdjustedResult::status).containsOnly(Status.VALID);
    }

    @Test
    @DisplayName("A sanction for another person or sitting, or for an absent subject, is refused naming its position")
    void mismatchedSanctionsRefused() {
        Sanction mine = policy.sanctionFor(confirmed("d-a", MisconductCode.A3, null, NOV_7));
        assertThatThrownBy(() -> ResultAdjustment.adjust(OTHER_ID_NUMBER, SITTING, RESULTS, List.of(mine)))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("sanctions[0].idNumber"));
        assertThatThrownBy(() -> ResultAdjustment.adjust(ID_NUMBER, "S-2027-04", RESULTS, List.of(mine)))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("sanctions[0].sittingId"));
        assertThatThrownBy(() -> ResultAdjustment.adjust(ID_NUMBER, SITTING,
                List.of(new SubjectResult(OPERATION, BigDecimal.TEN, false)), List.of(mine)))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("sanctions[0].subject"));
    }

    /** The same decision taken in the operation sitting of the same evaluation (same day, occupation, level). */
    private static Decision inSibling(Decision d) {
        return new Decision(d.id(), d.by(), d.at(), d.flag(), d.category(), d.severity(), d.candidate(),
                new SittingSubject(SIBLING, OPERATION, NOV_7), d.evidence(), d.reason(), d.afterSitting(),
                d.outcome());
    }

    @Test
    @DisplayName("A sibling sitting's all-subjects sanction cancels here too; its one-subject sanction does not")
    void siblingSittings() {
        List<SubjectResult> theory = List.of(new SubjectResult(THEORY, new BigDecimal("78.5"), true));
        Sanction b = policy.sanctionFor(inSibling(confirmed("d-b", MisconductCode.B2, null, NOV_7)));
        Sanction a = policy.sanctionFor(inSibling(confirmed("d-a", MisconductCode.A1, null, NOV_7)));
        AdjustedResult out = ResultAdjustment.adjust(ID_NUMBER, SITTING, Set.of(SIBLING), theory, List.of(a, b))
                .get(0);
        assertThat(out.status()).isEqualTo(Status.CANCELLED);
        assertThat(out.cancellations()).extracting(c -> c.decisionId()).containsExactly("d-b");
        assertThat(out.originalScore()).isEqualByComparingTo("78.5");
        assertThat(ResultAdjustment.adjust(ID_NUMBER, SITTING, Set.of(SIBLING), theory, List.of(a)).get(0).status())
                .isEqualTo(Status.VALID);
        assertThatThrownBy(() -> ResultAdjustment.adjust(ID_NUMBER, SITTING, theory, List.of(b)))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("sanctions[0].sittingId"));
    }

    @Test
    @DisplayName("Repeated subjects and negative scores are refused naming the result position")
    void badResultsRefused() {
        assertThatThrownBy(() -> ResultAdjustment.adjust(ID_NUMBER, SITTING, List.of(
                new SubjectResult(THEORY, BigDecimal.ONE, false), new SubjectResult(THEORY, BigDecimal.TEN, true)),
                List.of()))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("results[1].subject"));
        assertThatThrownBy(() -> ResultAdjustment.adjust(ID_NUMBER, SITTING, List.of(
                new SubjectResult(THEORY, new BigDecimal("-1"), false)), List.of()))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("results[0].score"));
    }
}
