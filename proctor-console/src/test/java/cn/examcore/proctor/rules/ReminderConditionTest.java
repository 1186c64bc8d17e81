package cn.examcore.proctor.rules;

import static cn.examcore.proctor.rules.Seats.flags;
import static cn.examcore.proctor.rules.Seats.ids;
import static cn.examcore.proctor.rules.Seats.suggestions;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReminderConditionTest {

    private final Seats s = new Seats();

    /** A careless rule that reports A3 on every event: the engine, not the rule, must hold the line. */
    private static final class EagerA3Rule implements Rule {
        EagerA3Rule(RulesConfig c) {
        }

        @Override
        public void onEvent(SeatEvent e, SeatView seat, Findings findings) {
            if (e.kind() == SeatEvent.Kind.BLUR) {
                findings.report(Finding.of(MisconductCode.A3, e.at(), List.of(Evidence.of(e)),
                        Message.of(MessageKey.DETAIL, "text", "noise")));
            }
        }
    }

    private List<RuleOutput> eager() {
        List<Function<RulesConfig, Rule>> rules = List.of(EagerA3Rule::new);
        return new RulesEngine(RulesConfig.defaults(), rules).acceptAll(s.inputs());
    }

    @Test
    @DisplayName("A rule reporting tier A without a reminder gets one suggestion from the engine, never a flag")
    void engineEnforcesTheReminder() {
        s.login("R1", 0);
        for (int i = 1; i <= 20; i++) {
            s.event("R1", i * 100, "BLUR");
        }
        List<RuleOutput> out = eager();
        assertThat(out).noneMatch(o -> o instanceof ProposedFlag f && f.tier() == Tier.A);
        assertThat(suggestions(out)).singleElement().satisfies(x -> assertThat(x.category()).isEqualTo(MisconductCode.A3));
    }

    @Test
    @DisplayName("The same behaviour after a reminder becomes a flag with the reminder among its evidence")
    void flagAfterReminder() {
        s.login("R1", 0);
        s.event("R1", 10, "BLUR");
        SeatEvent r = s.remind("R1", 20, MisconductCode.A3);
        SeatEvent again = s.event("R1", 30, "BLUR");
        List<ProposedFlag> flags = flags(eager());
        assertThat(flags).singleElement().satisfies(f -> assertThat(ids(f.evidence()))
                .containsExactly(r.id(), again.id()));
    }

    @Test
    @DisplayName("A reminder stored in the same millisecond as the behaviour is not before it")
    void sameMillisecondIsNotBefore() {
        s.login("R1", 0);
        s.remind("R1", 10, MisconductCode.A3);
        s.event("R1", 10, "BLUR");
        assertThat(flags(eager())).isEmpty();
    }

    @Test
    @DisplayName("A reminder about another category does not allow a flag, a general one does")
    void categoryOfTheReminder() {
        s.login("R1", 0).login("R2", 0);
        s.remind("R1", 5, MisconductCode.A2);
        s.remind("R2", 5, null);
        s.event("R1", 10, "BLUR");
        s.event("R2", 10, "BLUR");
        List<RuleOutput> out = eager();
        assertThat(flags(out)).extracting(ProposedFlag::seatCode).containsExactly("R2");
        assertThat(suggestions(out)).extracting(Suggestion::seatCode).containsExactly("R1");
    }

    @Test
    @DisplayName("Focus losses before the reminder do not count towards the A4 flag after it")
    void reminderAfterTheBehaviourStarted() {
        s.login("R1", 0);
        s.event("R1", 10, "BLUR");
        s.event("R1", 20, "BLUR");
        s.event("R1", 30, "BLUR");
        SeatEvent r = s.remind("R1", 40, MisconductCode.A4);
        SeatEvent first = s.event("R1", 50, "BLUR");
        List<RuleOutput> out = s.replay();
        assertThat(suggestions(out)).hasSize(1);
        assertThat(flags(out)).isEmpty();

        SeatEvent second = s.event("R1", 60, "BLUR");
        assertThat(flags(s.replay())).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(MisconductCode.A4);
            assertThat(ids(f.evidence())).containsExactly(r.id(), first.id(), second.id());
        });
    }

    @Test
    @DisplayName("The candidate's acknowledgement of the reminder joins the flag's evidence")
    void acknowledgementIsEvidence() {
        s.login("R1", 0);
        SeatEvent r = s.remind("R1", 5, MisconductCode.A2);
        SeatEvent ack = s.event("R1", 6, "REMINDER_ACKNOWLEDGED", "reminderId", "e2");
        SeatEvent wrong = s.event("R1", 10, "WRONG_SEAT", "assignedSeat", "R1", "terminalSeat", "R9");
        assertThat(r.id()).isEqualTo("e2");
        assertThat(flags(s.replay())).singleElement().satisfies(f -> {
            assertThat(ids(f.evidence())).containsExactly(r.id(), ack.id(), wrong.id());
            assertThat(f.explanation().text()).contains("acknowledged");
        });
    }
}
