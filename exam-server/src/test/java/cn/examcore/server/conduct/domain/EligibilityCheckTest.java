package cn.examcore.server.conduct.domain;

import static cn.examcore.server.conduct.domain.Decisions.ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.OTHER_ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.confirmed;
import static cn.examcore.server.conduct.domain.Decisions.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EligibilityCheckTest {

    private static final LocalDate NOV_7 = LocalDate.of(2026, 11, 7);
    private final SanctionPolicy policy = SanctionPolicy.defaults();

    private BanOnRecord banOf(Decision decision, BanLift lift) {
        return new BanOnRecord(policy.sanctionFor(decision).ban().orElseThrow(), lift);
    }

    // Recording and lifting bans, and judging what the registry holds over time: conduct.store.BanStoreTest.

    @Test
    @DisplayName("Only the applicant's unlifted bans running on the application date refuse, soonest-ending first")
    void onlyRunningBansOfTheApplicantRefuse() {
        BanOnRecord c = banOf(confirmed("d-c", MisconductCode.C5, Severity.SERIOUS, NOV_7), null);
        BanOnRecord b = banOf(confirmed("d-b", MisconductCode.B2, null, NOV_7), null);
        BanOnRecord lifted = banOf(confirmed("d-l", MisconductCode.B1, null, NOV_7),
                new BanLift("d-l", "chief.zhao", shanghai(NOV_7.plusDays(1), 9), "appeal upheld"));
        List<BanOnRecord> onRecord = List.of(c, b, lifted);
        EligibilityCheck.Result r = EligibilityCheck.check(new Application(ID_NUMBER, "职业培训师", 3,
                LocalDate.of(2026, 12, 1)), onRecord);
        assertThat(r.blocking()).extracting(Ban::decisionId).containsExactly("d-b", "d-c");
        assertThat(EligibilityCheck.check(new Application(OTHER_ID_NUMBER, "职业培训师", 3, LocalDate.of(2026, 12, 1)),
                onRecord).eligible()).isTrue();
        assertThat(EligibilityCheck.check(new Application(ID_NUMBER, "职业培训师", 3, NOV_7.minusDays(1)), onRecord)
                .eligible()).isTrue();
    }

    @Test
    @DisplayName("A lift belongs to the ban of its own decision")
    void liftOfAnotherDecisionRefused() {
        assertThatThrownBy(() -> banOf(confirmed("d-b", MisconductCode.B1, null, NOV_7),
                new BanLift("d-x", "chief.zhao", shanghai(NOV_7, 9), "x")))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("lift.decisionId"));
    }

    @Test
    @DisplayName("An application with a bad identity number or level is refused, naming the field")
    void applicationValidated() {
        assertThatThrownBy(() -> new Application("12345", "职业培训师", 3, NOV_7))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("application.idNumber"));
        assertThatThrownBy(() -> new Application(ID_NUMBER, "职业培训师", 6, NOV_7))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("application.level"));
        assertThatThrownBy(() -> new Ban("d", ID_NUMBER, MisconductCode.B1, null, NOV_7, NOV_7.minusDays(1)))
                .isInstanceOfSatisfying(DecisionException.class, e -> assertThat(e.field()).isEqualTo("ban.until"));
    }
}
