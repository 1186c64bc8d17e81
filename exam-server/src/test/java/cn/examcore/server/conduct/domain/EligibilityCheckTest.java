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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EligibilityCheckTest {

    private static final LocalDate NOV_7 = LocalDate.of(2026, 11, 7);
    private final BanRegistry registry = new InMemoryBanRegistry();
    private final EligibilityCheck check = new EligibilityCheck(registry);
    private final SanctionPolicy policy = SanctionPolicy.defaults();

    private void recordBanOf(Decision decision) {
        registry.record(policy.sanctionFor(decision).ban().orElseThrow());
    }

    private static Application apply(String idNumber, String occupation, LocalDate on) {
        return new Application(idNumber, occupation, 3, on);
    }

    @Test
    @DisplayName("A B ban from 7 November 2026 refuses an application on 31 December and lets one on 1 January pass")
    void yearEndBoundary() {
        recordBanOf(confirmed("d-b", MisconductCode.B1, null, NOV_7));
        EligibilityCheck.Result lastDay = check.check(apply(ID_NUMBER, "企业人力资源管理师", LocalDate.of(2026, 12, 31)));
        assertThat(lastDay.eligible()).isFalse();
        assertThat(lastDay.reason()).contains("2026-12-31").contains("d-b").contains("B1");
        EligibilityCheck.Result newYear = check.check(apply(ID_NUMBER, "企业人力资源管理师", LocalDate.of(2027, 1, 1)));
        assertThat(newYear.eligible()).isTrue();
        assertThat(newYear.reason()).isEmpty();
    }

    @Test
    @DisplayName("A ban refuses applications for any occupation, but not another person's")
    void bansFollowThePerson() {
        recordBanOf(confirmed("d-c", MisconductCode.C4, Severity.MINOR, NOV_7));
        LocalDate on = LocalDate.of(2027, 6, 1);
        assertThat(check.check(apply(ID_NUMBER, "职业培训师", on)).blocking())
                .extracting(Ban::decisionId).containsExactly("d-c");
        assertThat(check.check(apply(ID_NUMBER, "社群健康助理员", on)).eligible()).isFalse();
        assertThat(check.check(apply(OTHER_ID_NUMBER, "职业培训师", on)).eligible()).isTrue();
    }

    @Test
    @DisplayName("A minor C ban refuses on its last day and lets the second anniversary pass")
    void tierCMinorEnd() {
        recordBanOf(confirmed("d-c", MisconductCode.C2, Severity.MINOR, NOV_7));
        assertThat(check.check(apply(ID_NUMBER, "职业培训师", LocalDate.of(2028, 11, 6))).eligible()).isFalse();
        assertThat(check.check(apply(ID_NUMBER, "职业培训师", LocalDate.of(2028, 11, 7))).eligible()).isTrue();
    }

    @Test
    @DisplayName("A refusal names every blocking ban with its category, end date and decision")
    void refusalNamesEveryBan() {
        recordBanOf(confirmed("d-b", MisconductCode.B2, null, NOV_7));
        recordBanOf(confirmed("d-c", MisconductCode.C5, Severity.SERIOUS, NOV_7));
        EligibilityCheck.Result r = check.check(apply(ID_NUMBER, "职业培训师", LocalDate.of(2026, 12, 1)));
        assertThat(r.blocking()).extracting(Ban::decisionId).containsExactly("d-b", "d-c");
        assertThat(r.reason()).contains("d-b").contains("B2").contains("2026-12-31")
                .contains("d-c").contains("C5").contains("2031-11-06").contains("SERIOUS");
    }

    @Test
    @DisplayName("A lifted ban no longer refuses, and the trail keeps the ban and its lift")
    void liftedBan() {
        recordBanOf(confirmed("d-b", MisconductCode.B1, null, NOV_7));
        registry.lift(new BanLift("d-b", "chief.zhao", shanghai(NOV_7.plusDays(10), 9), "appeal upheld"));
        assertThat(check.check(apply(ID_NUMBER, "职业培训师", LocalDate.of(2026, 12, 1))).eligible()).isTrue();
        assertThat(registry.history(ID_NUMBER)).extracting(BanRecord::decisionId).containsExactly("d-b", "d-b");
        assertThat(registry.history(ID_NUMBER).get(1)).isInstanceOf(BanLift.class);
        assertThatThrownBy(() -> registry.lift(new BanLift("d-b", "chief.zhao", shanghai(NOV_7.plusDays(11), 9),
                "again"))).isInstanceOfSatisfying(DecisionException.class,
                e -> assertThat(e.getMessage()).contains("already lifted"));
        assertThatThrownBy(() -> registry.lift(new BanLift("d-none", "chief.zhao", shanghai(NOV_7, 9), "x")))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("lift.decisionId"));
    }

    @Test
    @DisplayName("Recording the same ban twice is harmless; a different ban under the same decision is refused")
    void recordIsIdempotentPerDecision() {
        Ban ban = policy.sanctionFor(confirmed("d-b", MisconductCode.B1, null, NOV_7)).ban().orElseThrow();
        registry.record(ban);
        registry.record(ban);
        assertThat(registry.history(ID_NUMBER)).hasSize(1);
        Ban longer = new Ban("d-b", ID_NUMBER, MisconductCode.B1, null, NOV_7, LocalDate.of(2027, 12, 31));
        assertThatThrownBy(() -> registry.record(longer))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("ban.decisionId"));
        assertThat(registry.activeBans(ID_NUMBER, LocalDate.of(2027, 6, 1))).isEmpty();
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
