package cn.examcore.proctor.rules;

import static cn.examcore.proctor.rules.Seats.flags;
import static cn.examcore.proctor.rules.Seats.ids;
import static cn.examcore.proctor.rules.Seats.ms;
import static cn.examcore.proctor.rules.Seats.suggestions;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeaveSeatRuleTest {

    private final Seats s = new Seats();

    @Test
    @DisplayName("Presence lost for more than 120 s suggests a reminder about A2, and 120 s exactly does not")
    void suggestsAfterTheThreshold() {
        s.login("R1", 0);
        SeatEvent lost = s.event("R1", 10, "PRESENCE_LOST");
        s.tick(130);
        assertThat(s.replay()).isEmpty();

        s.tick(130.001);
        List<RuleOutput> out = s.replay();
        assertThat(flags(out)).isEmpty();
        assertThat(suggestions(out)).singleElement().satisfies(x -> {
            assertThat(x.category()).isEqualTo(MisconductCode.A2);
            assertThat(x.action()).isEqualTo(Suggestion.Action.REMIND);
            assertThat(ids(x.evidence())).containsExactly(lost.id());
            assertThat(x.at()).isEqualTo(ms(130.001));
        });
    }

    @Test
    @DisplayName("A heartbeat gap without a reconnect counts as away, and a reconnect in time ends it")
    void heartbeatGapWithoutReconnect() {
        s.login("R1", 0).login("R2", 0);
        s.event("R1", 10, "HEARTBEAT_GAP", "silentSeconds", 30);
        s.event("R2", 10, "DISCONNECT");
        s.event("R2", 40, "RECONNECT");
        s.tick(200);
        List<Suggestion> out = suggestions(s.replay());
        assertThat(out).extracting(Suggestion::seatCode).containsExactly("R1");
    }

    @Test
    @DisplayName("A seat socket opening (SOCKET_OPENED, e.g. the first socket on a restarted cluster) ends a "
            + "connection loss like a reconnect; opening it and staying connected raises nothing")
    void socketOpenedEndsAConnectionLoss() {
        s.login("R1", 0).login("R2", 0).login("R3", 0);
        s.event("R1", 5, "SOCKET_OPENED");
        s.event("R2", 10, "DISCONNECT");
        s.event("R3", 10, "DISCONNECT");
        s.event("R2", 40, "SOCKET_OPENED");
        s.tick(200);
        assertThat(suggestions(s.replay())).extracting(Suggestion::seatCode).containsExactly("R3");
    }

    @Test
    @DisplayName("An absence is noticed when the candidate comes back after the threshold even without a tick")
    void noticedOnReturn() {
        s.login("R1", 0);
        s.event("R1", 10, "PRESENCE_LOST");
        s.event("R1", 200, "PRESENCE_REGAINED");
        assertThat(suggestions(s.replay())).hasSize(1);
    }

    @Test
    @DisplayName("Still away 60 s after an A2 reminder proposes an A2 flag carrying the reminder as evidence")
    void stillAwayAfterReminder() {
        s.login("R1", 0);
        SeatEvent lost = s.event("R1", 10, "PRESENCE_LOST");
        s.tick(140);
        SeatEvent reminded = s.remind("R1", 150, MisconductCode.A2);
        s.tick(210);
        assertThat(flags(s.replay())).isEmpty();

        s.tick(210.5);
        List<ProposedFlag> flags = flags(s.replay());
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(MisconductCode.A2);
            assertThat(f.severity()).isNull();
            assertThat(ids(f.evidence())).containsExactly(lost.id(), reminded.id());
            assertThat(f.attemptId()).isEqualTo(Seats.attempt("R1"));
        });
    }

    @Test
    @DisplayName("Coming back before the post-reminder threshold proposes no flag")
    void backInTime() {
        s.login("R1", 0);
        s.event("R1", 10, "PRESENCE_LOST");
        s.tick(140);
        s.remind("R1", 150, MisconductCode.A2);
        s.event("R1", 180, "PRESENCE_REGAINED");
        s.tick(1000);
        assertThat(flags(s.replay())).isEmpty();
    }

    @Test
    @DisplayName("Leaving again after an A2 reminder for longer than 120 s proposes an A2 flag")
    void awayAgainAfterReminder() {
        s.login("R1", 0);
        s.remind("R1", 5, MisconductCode.A2);
        SeatEvent lost = s.event("R1", 100, "PRESENCE_LOST");
        s.tick(200);
        assertThat(flags(s.replay())).isEmpty();
        s.tick(221);
        assertThat(flags(s.replay())).singleElement()
                .satisfies(f -> assertThat(ids(f.evidence())).contains(lost.id()));
    }

    @Test
    @DisplayName("A reminder about another category does not turn a long absence into an A2 flag")
    void reminderForAnotherCategory() {
        s.login("R1", 0);
        s.remind("R1", 5, MisconductCode.A1);
        s.event("R1", 10, "PRESENCE_LOST");
        s.tick(2000);
        List<RuleOutput> out = s.replay();
        assertThat(flags(out)).isEmpty();
        assertThat(suggestions(out)).extracting(Suggestion::category).containsExactly(MisconductCode.A2);
    }

    @Test
    @DisplayName("A leave permission suspends leave-seat suggestions until it expires, plus the grace period")
    void permissionSuspendsAndExpires() {
        s.login("R1", 0);
        s.event("R1", 10, "LEAVE_PERMITTED", "until", ms(310), "reason", "toilet");
        s.event("R1", 20, "PRESENCE_LOST");
        // covered until 310 + 60 s grace = 370, then 120 s of unexcused absence: due after 490
        s.tick(400).tick(490);
        assertThat(s.replay()).isEmpty();
        s.tick(490.5);
        assertThat(suggestions(s.replay())).singleElement()
                .satisfies(x -> assertThat(x.category()).isEqualTo(MisconductCode.A2));
    }

    @Test
    @DisplayName("After an expired permission and a reminder, still being away proposes the A2 flag")
    void permissionExpiredThenReminded() {
        s.login("R1", 0);
        s.event("R1", 10, "LEAVE_PERMITTED", "until", ms(100));
        s.event("R1", 20, "PRESENCE_LOST");
        s.tick(300);
        s.remind("R1", 310, MisconductCode.A2);
        s.tick(371);
        assertThat(flags(s.replay())).singleElement()
                .satisfies(f -> assertThat(f.category()).isEqualTo(MisconductCode.A2));
    }

    @Test
    @DisplayName("A paused attempt does not count time away, and counting restarts when it resumes")
    void pauseSuspends() {
        s.login("R1", 0);
        s.event("R1", 10, "PRESENCE_LOST");
        s.event("R1", 20, "PAUSED");
        s.tick(600);
        s.event("R1", 600, "RESUMED");
        s.tick(720);
        assertThat(s.replay()).isEmpty();
        s.tick(721);
        assertThat(suggestions(s.replay())).hasSize(1);
    }

    @Test
    @DisplayName("Leaving after submitting is nobody's business")
    void submittedStops() {
        s.login("R1", 0);
        s.event("R1", 10, "SUBMITTED");
        s.event("R1", 20, "PRESENCE_LOST");
        s.tick(1000);
        assertThat(s.replay()).isEmpty();
    }

    @Test
    @DisplayName("A proctor's forced submission ends the attempt for the rules as the candidate's own does")
    void forceSubmittedStops() {
        s.login("R1", 0);
        s.event("R1", 10, "FORCE_SUBMITTED");
        s.event("R1", 20, "PRESENCE_LOST");
        s.tick(1000);
        assertThat(s.replay()).isEmpty();
    }

    @Test
    @DisplayName("The away threshold read from the configuration changes when the reminder is suggested")
    void thresholdFromConfig() {
        s.login("R1", 0);
        s.event("R1", 10, "PRESENCE_LOST");
        s.tick(45);
        assertThat(s.replay()).isEmpty();
        assertThat(suggestions(s.replay(RulesConfig.fromProperties("awaySeconds=30")))).hasSize(1);
    }
}
