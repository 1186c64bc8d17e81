package cn.examcore.proctor.rules;

import static cn.examcore.proctor.rules.Seats.flags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RulesEngineTest {

    private final Seats s = new Seats();

    @Test
    @DisplayName("Every category of the catalogue can be proposed from the event stream")
    void everyCategory() {
        s.login("R1", 0);
        s.remind("R1", 1, null);
        s.event("R1", 10, "PRESENCE_LOST");
        s.tick(200);
        s.event("R1", 300, "INCIDENT_RECORDED", "category", "A1");
        s.event("R1", 301, "INCIDENT_RECORDED", "category", "A3");
        s.event("R1", 400, "PASTE");
        s.event("R1", 500, "USB_STORAGE_INSERTED");
        s.event("R1", 600, "IDENTITY_MISMATCH");
        for (String c : List.of("B2", "B3", "B4", "B5", "C1", "C2", "C3", "C5", "C6", "C7")) {
            s.event("R1", 700, "INCIDENT_RECORDED", "category", c);
        }
        Set<MisconductCode> proposed = flags(s.replay()).stream().map(ProposedFlag::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MisconductCode.class)));
        assertThat(proposed).containsExactlyInAnyOrder(MisconductCode.values());
    }

    @Test
    @DisplayName("Flag ids derive from sitting, seat, category and first evidence, so they differ per seat")
    void deterministicIds() {
        s.login("R1", 0).login("R2", 0);
        s.event("R1", 10, "PHONE_DETECTED");
        s.event("R2", 10, "PHONE_DETECTED");
        List<ProposedFlag> a = flags(s.replay());
        List<ProposedFlag> b = flags(s.replay());
        assertThat(a).extracting(ProposedFlag::id).isEqualTo(b.stream().map(ProposedFlag::id).toList())
                .doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    @DisplayName("An input earlier than the last one is refused and changes nothing")
    void outOfOrder() {
        RulesEngine engine = new RulesEngine(RulesConfig.defaults());
        s.login("R1", 0);
        engine.acceptAll(s.inputs());
        engine.accept(RuleInput.tick(Seats.ms(100)));
        SeatEvent e = new SeatEvent("late1", Seats.SITTING, Seats.attempt("R1"), "R1", SeatEvent.Source.AGENT,
                SeatEvent.Kind.PHONE_DETECTED, null, 0, Seats.ms(50));
        assertThatThrownBy(() -> engine.accept(RuleInput.of(e)))
                .isInstanceOf(RuleInputException.class)
                .hasMessageContaining("event late1 (PHONE_DETECTED at seat R1) at: 1777000050000 is earlier")
                .hasMessageContaining("server-time order");
        SeatEvent fine = new SeatEvent("x1", Seats.SITTING, Seats.attempt("R1"), "R1", SeatEvent.Source.AGENT,
                SeatEvent.Kind.PHONE_DETECTED, null, 0, Seats.ms(100));
        assertThat(flags(engine.accept(RuleInput.of(fine)))).hasSize(1);
    }

    @Test
    @DisplayName("A batch with one bad event names its index and field and applies none of the batch")
    void badBatch() {
        RulesEngine engine = new RulesEngine(RulesConfig.defaults());
        s.login("R1", 0);
        s.event("R1", 10, "PHONE_DETECTED");
        s.event("R1", 20, "LEAVE_PERMITTED", "until", Seats.ms(19));
        assertThatThrownBy(() -> engine.acceptAll(s.inputs()))
                .isInstanceOfSatisfying(RuleInputException.class, ex -> assertThat(ex.location())
                        .isEqualTo("inputs[2] event e3 (LEAVE_PERMITTED at seat R1) detail.until"))
                .hasMessageContaining("earlier than the permission");
        assertThat(flags(engine.acceptAll(s.inputs().subList(0, 2)))).hasSize(1);
    }

    @Test
    @DisplayName("Bad details of reminders, incidents and permissions are refused with the field named")
    void badDetails() {
        s.login("R1", 0);
        SeatEvent reminder = s.event("R1", 1, "REMINDED", "category", "B1");
        SeatEvent permission = s.event("R1", 3, "LEAVE_PERMITTED", "until", Seats.ms(1));
        RulesEngine engine = new RulesEngine(RulesConfig.defaults());
        assertThatThrownBy(() -> engine.accept(RuleInput.of(reminder)))
                .hasMessageContaining("detail.category: must be one of A1, A2, A3, A4");
        // An incident without its category cannot even be built: the contract refuses it, naming the field.
        assertThatThrownBy(() -> s.event("R1", 2, "INCIDENT_RECORDED", "note", "noise"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detail.category of a INCIDENT_RECORDED event is missing");
        assertThatThrownBy(() -> engine.accept(RuleInput.of(permission)))
                .hasMessageContaining("detail.until: is ").hasMessageContaining("earlier than the permission");
    }

    @Test
    @DisplayName("An event delivered twice is counted once")
    void duplicates() {
        s.login("R1", 0);
        SeatEvent e = s.event("R1", 10, "USB_STORAGE_INSERTED");
        RulesEngine engine = new RulesEngine(RulesConfig.defaults());
        assertThat(engine.acceptAll(s.inputs())).hasSize(1);
        assertThat(engine.accept(RuleInput.of(e))).isEmpty();
        assertThat(engine.accept(RuleInput.tick(Seats.ms(20)))).isEmpty();
    }

    @Test
    @DisplayName("A new attempt at the seat starts afresh: the earlier candidate's reminder does not count")
    void newAttemptResets() {
        s.login("R1", 0);
        s.remind("R1", 5, MisconductCode.A2);
        s.eventFor("other", "R1", 10, "LOGIN");
        s.eventFor("other", "R1", 20, "PRESENCE_LOST");
        s.tick(1000);
        List<RuleOutput> out = s.replay();
        assertThat(flags(out)).isEmpty();
        assertThat(Seats.suggestions(out)).singleElement().satisfies(x -> assertThat(x.attemptId())
                .isEqualTo("other"));
    }
}
