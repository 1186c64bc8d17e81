package cn.examcore.server.conduct.domain;

import static cn.examcore.server.conduct.domain.Decisions.ID_NUMBER;
import static cn.examcore.server.conduct.domain.Decisions.OPERATION;
import static cn.examcore.server.conduct.domain.Decisions.THEORY;
import static cn.examcore.server.conduct.domain.Decisions.confirmed;
import static cn.examcore.server.conduct.domain.Decisions.confirmedAfterSitting;
import static cn.examcore.server.conduct.domain.Decisions.dismissed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SanctionPolicyTest {

    private static final LocalDate NOV_7 = LocalDate.of(2026, 11, 7);
    private final SanctionPolicy policy = SanctionPolicy.defaults();

    @Test
    @DisplayName("A tier-A decision cancels only this subject and bans nobody")
    void tierACancelsThisSubject() {
        Sanction s = policy.sanctionFor(confirmed("d-a", MisconductCode.A2, null, NOV_7));
        assertThat(s.scope()).isEqualTo(Sanction.Scope.THIS_SUBJECT);
        assertThat(s.cancels(THEORY)).isTrue();
        assertThat(s.cancels(OPERATION)).isFalse();
        assertThat(s.ban()).isEmpty();
        assertThat(s.referral()).isFalse();
        assertThat(s.revokeCertificates()).isFalse();
    }

    @Test
    @DisplayName("A tier-B decision on 7 November 2026 cancels all subjects and bans to 31 December 2026 inclusive")
    void tierBBansForTheRestOfTheYear() {
        Sanction s = policy.sanctionFor(confirmed("d-b", MisconductCode.B1, null, NOV_7));
        assertThat(s.scope()).isEqualTo(Sanction.Scope.ALL_SUBJECTS);
        assertThat(s.cancels(OPERATION)).isTrue();
        assertThat(s.ban()).hasValueSatisfying(ban -> {
            assertThat(ban.from()).isEqualTo(NOV_7);
            assertThat(ban.until()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(ban.idNumber()).isEqualTo(ID_NUMBER);
            assertThat(ban.decisionId()).isEqualTo("d-b");
            assertThat(ban.activeOn(LocalDate.of(2026, 12, 31))).isTrue();
            assertThat(ban.activeOn(LocalDate.of(2027, 1, 1))).isFalse();
        });
        assertThat(s.referral()).isFalse();
    }

    @Test
    @DisplayName("A minor tier-C decision bans for 2 years, ending the day before the second anniversary")
    void tierCMinorBansTwoYears() {
        Sanction s = policy.sanctionFor(confirmed("d-c", MisconductCode.C3, Severity.MINOR, NOV_7));
        assertThat(s.scope()).isEqualTo(Sanction.Scope.ALL_SUBJECTS);
        assertThat(s.ban()).hasValueSatisfying(ban -> {
            assertThat(ban.until()).isEqualTo(LocalDate.of(2028, 11, 6));
            assertThat(ban.activeOn(LocalDate.of(2028, 11, 7))).isFalse();
            assertThat(ban.severity()).isEqualTo(Severity.MINOR);
        });
        assertThat(s.referral()).isFalse();
    }

    @Test
    @DisplayName("A serious tier-C decision bans for 5 years and refers the case to the authorities")
    void tierCSeriousBansFiveYearsWithReferral() {
        Sanction s = policy.sanctionFor(confirmed("d-c", MisconductCode.C5, Severity.SERIOUS, NOV_7));
        assertThat(s.ban()).hasValueSatisfying(ban -> assertThat(ban.until()).isEqualTo(LocalDate.of(2031, 11, 6)));
        assertThat(s.referral()).isTrue();
        assertThat(s.eligibilityCancelled()).isFalse();
    }

    @Test
    @DisplayName("A ban from a 29 February sitting ends on 27 February because the anniversary maps to the 28th")
    void leapDaySittingDate() {
        Sanction s = policy.sanctionFor(confirmed("d-c", MisconductCode.C4, Severity.MINOR, LocalDate.of(2028, 2, 29)));
        assertThat(s.ban().orElseThrow().until()).isEqualTo(LocalDate.of(2030, 2, 27));
    }

    @Test
    @DisplayName("A decision after the sitting keeps the sanction, declares the scores invalid and revokes certificates")
    void postExamDecisionRevokesCertificates() {
        Sanction s = policy.sanctionFor(confirmedAfterSitting("d-p", MisconductCode.B4, null, NOV_7,
                LocalDate.of(2027, 3, 1)));
        assertThat(s.scoresInvalid()).isTrue();
        assertThat(s.revokeCertificates()).isTrue();
        assertThat(s.scope()).isEqualTo(Sanction.Scope.ALL_SUBJECTS);
        // Counted from the sitting date, so a B ban found next year has already run out.
        assertThat(s.ban().orElseThrow().until()).isEqualTo(LocalDate.of(2026, 12, 31));

        Sanction during = policy.sanctionFor(confirmed("d-q", MisconductCode.B4, null, NOV_7));
        assertThat(during.scoresInvalid()).isFalse();
        assertThat(during.revokeCertificates()).isFalse();
    }

    @Test
    @DisplayName("C1 cancels eligibility, forfeits fees and revokes certificates even when found during the sitting")
    void c1FoundAnyTime() {
        Sanction s = policy.sanctionFor(confirmed("d-c1", MisconductCode.C1, Severity.MINOR, NOV_7));
        assertThat(s.eligibilityCancelled()).isTrue();
        assertThat(s.feesForfeited()).isTrue();
        assertThat(s.revokeCertificates()).isTrue();
        assertThat(s.ban().orElseThrow().until()).isEqualTo(LocalDate.of(2028, 11, 6));

        Sanction other = policy.sanctionFor(confirmed("d-c2", MisconductCode.C2, Severity.MINOR, NOV_7));
        assertThat(other.eligibilityCancelled()).isFalse();
        assertThat(other.feesForfeited()).isFalse();
    }

    @Test
    @DisplayName("A dismissed decision carries no sanction and asking for one is refused")
    void dismissalHasNoSanction() {
        assertThatThrownBy(() -> policy.sanctionFor(dismissed("d-x", MisconductCode.A2, NOV_7, 10)))
                .isInstanceOfSatisfying(DecisionException.class, e -> {
                    assertThat(e.field()).isEqualTo("decision.outcome");
                    assertThat(e.getMessage()).contains("d-x").contains("DISMISSED");
                });
    }

    @Test
    @DisplayName("Ban lengths come from the sanction table, so a changed notice needs no code change")
    void banLengthsAreData() {
        SanctionPolicy changed = new SanctionPolicy(new SanctionTable(BanTerm.NONE, BanTerm.years(1),
                BanTerm.years(3), BanTerm.years(10), false));
        Sanction b = changed.sanctionFor(confirmed("d-b", MisconductCode.B2, null, NOV_7));
        Sanction c = changed.sanctionFor(confirmed("d-c", MisconductCode.C7, Severity.SERIOUS, NOV_7));
        assertThat(b.ban().orElseThrow().until()).isEqualTo(LocalDate.of(2027, 11, 6));
        assertThat(c.ban().orElseThrow().until()).isEqualTo(LocalDate.of(2036, 11, 6));
        assertThat(c.referral()).isFalse();
    }

    @Test
    @DisplayName("A ban term in years below one is refused, naming the field")
    void banTermValidated() {
        assertThatThrownBy(() -> BanTerm.years(0))
                .isInstanceOfSatisfying(DecisionException.class,
                        e -> assertThat(e.field()).isEqualTo("banTerm.years"));
    }
}
