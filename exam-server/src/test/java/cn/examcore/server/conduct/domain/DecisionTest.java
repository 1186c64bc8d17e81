package cn.examcore.server.conduct.domain;

import static cn.examcore.server.conduct.domain.Decisions.CANDIDATE;
import static cn.examcore.server.conduct.domain.Decisions.FLAG;
import static cn.examcore.server.conduct.domain.Decisions.shanghai;
import static cn.examcore.server.conduct.domain.Decisions.sitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 7);

    private static Decision decision(MisconductCode category, Severity severity, List<String> evidence,
                                     String reason, boolean after, Outcome outcome) {
        return new Decision("d-1", "proctor.li", shanghai(DAY, 10), FLAG, category, severity, CANDIDATE,
                sitting(DAY), evidence, reason, after, outcome);
    }

    @Test
    @DisplayName("Confirming a tier-C category without a severity is refused, naming the severity field")
    void tierCConfirmationNeedsSeverity() {
        assertThatThrownBy(() -> decision(MisconductCode.C4, null, List.of("e-1"), "", false, Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class, e -> {
                    assertThat(e.field()).isEqualTo("decision.severity");
                    assertThat(e.getMessage()).contains("C4").contains("MINOR").contains("SERIOUS");
                });
    }

    @Test
    @DisplayName("A severity on a tier-A or tier-B category is refused")
    void severityForbiddenOutsideTierC() {
        assertThatThrownBy(() -> decision(MisconductCode.B1, Severity.MINOR, List.of("e-1"), "", false,
                Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.severity"));
        assertThatThrownBy(() -> decision(MisconductCode.A2, Severity.SERIOUS, List.of("e-1"), "", false,
                Outcome.DISMISSED))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.getMessage()).contains("tier A"));
    }

    @Test
    @DisplayName("A dismissal without a reason is refused, naming the reason field")
    void dismissalNeedsReason() {
        assertThatThrownBy(() -> decision(MisconductCode.A2, null, List.of("e-1"), "  ", false, Outcome.DISMISSED))
                .isInstanceOfSatisfying(DecisionException.class, e -> {
                    assertThat(e.field()).isEqualTo("decision.reason");
                    assertThat(e.getMessage()).contains("dismissal needs a reason");
                });
    }

    @Test
    @DisplayName("A confirmation with neither evidence nor a reason is refused")
    void confirmationNeedsEvidenceOrReason() {
        assertThatThrownBy(() -> decision(MisconductCode.B2, null, List.of(), null, false, Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.reason"));
        assertThat(decision(MisconductCode.B2, null, List.of(), "admitted copying", false, Outcome.CONFIRMED)
                .confirmed()).isTrue();
    }

    @Test
    @DisplayName("Blank or repeated evidence ids are refused, naming the list position")
    void evidenceIdsAreChecked() {
        assertThatThrownBy(() -> decision(MisconductCode.B1, null, List.of("e-1", " "), "", false,
                Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.evidence[1]"));
        assertThatThrownBy(() -> decision(MisconductCode.B1, null, List.of("e-1", "e-2", "e-1"), "", false,
                Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class, e -> {
                    assertThat(e.field()).isEqualTo("decision.evidence[2]");
                    assertThat(e.getMessage()).contains("e-1").contains("twice");
                });
    }

    @Test
    @DisplayName("A post-exam decision dated before the sitting is refused")
    void afterSittingCannotPrecedeTheSitting() {
        assertThatThrownBy(() -> new Decision("d-1", "admin.wang", shanghai(DAY.minusDays(1), 10), null,
                MisconductCode.B4, null, CANDIDATE, sitting(DAY), List.of(), "leak found", true, Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.afterSitting"));
    }

    @Test
    @DisplayName("Missing who, when or category is refused, naming the field")
    void requiredFieldsAreNamed() {
        assertThatThrownBy(() -> new Decision("d-1", " ", shanghai(DAY, 10), FLAG, MisconductCode.B1, null,
                CANDIDATE, sitting(DAY), List.of("e-1"), "", false, Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class, e -> assertThat(e.field()).isEqualTo("decision.by"));
        assertThatThrownBy(() -> new Decision("d-1", "li", null, FLAG, MisconductCode.B1, null,
                CANDIDATE, sitting(DAY), List.of("e-1"), "", false, Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class, e -> assertThat(e.field()).isEqualTo("decision.at"));
        assertThatThrownBy(() -> new Decision("d-1", "li", shanghai(DAY, 10), FLAG, null, null,
                CANDIDATE, sitting(DAY), List.of("e-1"), "", false, Outcome.CONFIRMED))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("decision.category"));
    }

    @Test
    @DisplayName("An identity number with a wrong check character is refused, naming the field")
    void candidateIdNumberIsValidated() {
        assertThatThrownBy(() -> new CandidateIdentity("310104199003071231", "张三", "T1"))
                .isInstanceOfSatisfying(DecisionException.class, e -> {
                    assertThat(e.field()).isEqualTo("candidate.idNumber");
                    assertThat(e.getMessage()).contains("check character");
                });
        assertThat(new CandidateIdentity(" 31010419900307123x ", "张三", "T1").idNumber())
                .isEqualTo("31010419900307123X");
    }
}
