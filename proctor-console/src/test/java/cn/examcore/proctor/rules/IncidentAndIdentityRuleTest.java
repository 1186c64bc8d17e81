package cn.examcore.proctor.rules;

import static cn.examcore.proctor.rules.Seats.additions;
import static cn.examcore.proctor.rules.Seats.flags;
import static cn.examcore.proctor.rules.Seats.ids;
import static cn.examcore.proctor.rules.Seats.suggestions;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentAndIdentityRuleTest {

    private final Seats s = new Seats();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MisconductCode.class, names = {"B.*", "C.*"}, mode = EnumSource.Mode.MATCH_ANY)
    @DisplayName("A proctor's incident of tier B or C proposes that category at once, C5 and C6 as serious")
    void tierBAndC(MisconductCode c) {
        s.login("R1", 0);
        SeatEvent e = s.event("R1", 10, "INCIDENT_RECORDED", "category", c.name(), "note", "seen", "by", "p7");
        assertThat(flags(s.replay())).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(c);
            assertThat(ids(f.evidence())).containsExactly(e.id());
            assertThat(f.explanation().text()).contains("p7", "seen");
            Severity expected = c.tier() != Tier.C ? null
                    : c == MisconductCode.C5 || c == MisconductCode.C6 ? Severity.SERIOUS : Severity.MINOR;
            assertThat(f.severity()).isEqualTo(expected);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MisconductCode.class, names = {"A.*"}, mode = EnumSource.Mode.MATCH_ANY)
    @DisplayName("A proctor's tier-A incident suggests a reminder first and becomes a flag after it")
    void tierA(MisconductCode c) {
        s.login("R1", 0);
        s.event("R1", 10, "INCIDENT_RECORDED", "category", c.name(), "by", "p7");
        List<RuleOutput> first = s.replay();
        assertThat(flags(first)).isEmpty();
        assertThat(suggestions(first)).extracting(Suggestion::category).containsExactly(c);
        s.remind("R1", 20, c);
        s.event("R1", 30, "INCIDENT_RECORDED", "category", c.name(), "by", "p7");
        assertThat(flags(s.replay())).extracting(ProposedFlag::category).containsExactly(c);
    }

    @Test
    @DisplayName("Which tier-C incidents are serious comes from the configuration")
    void seriousFromConfig() {
        s.login("R1", 0);
        s.event("R1", 10, "INCIDENT_RECORDED", "category", "C7");
        s.event("R1", 10, "INCIDENT_RECORDED", "category", "C5");
        List<ProposedFlag> flags = flags(s.replay(RulesConfig.fromJson(
                "{\"seriousIncidentCategories\": [\"C7\"]}")));
        assertThat(flags).extracting(ProposedFlag::category, ProposedFlag::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MisconductCode.C7, Severity.SERIOUS),
                        org.assertj.core.groups.Tuple.tuple(MisconductCode.C5, Severity.MINOR));
    }

    @Test
    @DisplayName("A failed identity check proposes C4 as serious, and a later minor C4 incident keeps it serious")
    void identityMismatch() {
        s.login("R1", 0);
        s.event("R1", 10, "IDENTITY_MISMATCH", "reason", "photo");
        SeatEvent incident = s.event("R1", 20, "INCIDENT_RECORDED", "category", "C4");
        List<RuleOutput> out = s.replay(RulesConfig.fromJson("{\"seriousIncidentCategories\": []}"));
        assertThat(flags(out)).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(MisconductCode.C4);
            assertThat(f.severity()).isEqualTo(Severity.SERIOUS);
        });
        assertThat(additions(out)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.SERIOUS);
            assertThat(ids(a.evidence())).containsExactly(incident.id());
        });
        assertThat(flags(s.replay(RulesConfig.fromProperties("identityMismatchSeverity=minor"))))
                .extracting(ProposedFlag::severity).containsExactly(Severity.MINOR);
    }

    @Test
    @DisplayName("A wrong-seat login suggests a reminder for the assigned seat, and another after it proposes A2")
    void wrongSeat() {
        s.login("R1", 0);
        s.eventFor(Seats.attempt("R1"), "R9", 10, "WRONG_SEAT", "assignedSeat", "R1", "terminalSeat", "R9");
        List<RuleOutput> first = s.replay();
        assertThat(suggestions(first)).singleElement().satisfies(x -> {
            assertThat(x.seatCode()).isEqualTo("R1");
            assertThat(x.category()).isEqualTo(MisconductCode.A2);
        });
        s.remind("R1", 20, MisconductCode.A2);
        s.eventFor(Seats.attempt("R1"), "R9", 30, "WRONG_SEAT", "assignedSeat", "R1", "terminalSeat", "R9");
        assertThat(flags(s.replay())).singleElement().satisfies(f -> {
            assertThat(f.seatCode()).isEqualTo("R1");
            assertThat(f.explanation().text()).contains("R9");
        });
    }
}
