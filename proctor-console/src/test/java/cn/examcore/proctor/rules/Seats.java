package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.TestEvents;
import java.util.ArrayList;
import java.util.List;

/** Test scripts: builds seat events in one sitting with readable times (seconds after the start). */
final class Seats {

    static final String SITTING = "S-2026-04";
    static final long T0 = 1_777_000_000_000L;

    private final List<RuleInput> inputs = new ArrayList<>();
    private int next;

    static String attempt(String seat) {
        return "att-" + seat;
    }

    static long ms(double seconds) {
        return T0 + Math.round(seconds * 1000);
    }

    /** An event at {@code seat}, {@code seconds} after T0, with the attempt of that seat; detail as key, value. */
    SeatEvent event(String seat, double seconds, String kind, Object... detail) {
        return eventFor(attempt(seat), seat, seconds, kind, detail);
    }

    SeatEvent eventFor(String attemptId, String seat, double seconds, String kind, Object... detail) {
        SeatEvent e = TestEvents.event("e" + (++next), SITTING, attemptId, seat, kind, ms(seconds), detail);
        inputs.add(RuleInput.of(e));
        return e;
    }

    Seats login(String seat, double seconds) {
        event(seat, seconds, "LOGIN");
        return this;
    }

    SeatEvent remind(String seat, double seconds, MisconductCode about) {
        return about == null ? event(seat, seconds, "REMINDED", "message", "please", "by", "p1")
                : event(seat, seconds, "REMINDED", "message", "please", "by", "p1", "category", about.name());
    }

    Seats tick(double seconds) {
        inputs.add(RuleInput.tick(ms(seconds)));
        return this;
    }

    List<RuleInput> inputs() {
        return List.copyOf(inputs);
    }

    List<RuleOutput> replay() {
        return RulesEngine.replay(RulesConfig.defaults(), inputs);
    }

    List<RuleOutput> replay(RulesConfig config) {
        return RulesEngine.replay(config, inputs);
    }

    static List<ProposedFlag> flags(List<RuleOutput> out) {
        return out.stream().filter(ProposedFlag.class::isInstance).map(ProposedFlag.class::cast).toList();
    }

    static List<Suggestion> suggestions(List<RuleOutput> out) {
        return out.stream().filter(Suggestion.class::isInstance).map(Suggestion.class::cast).toList();
    }

    static List<FlagEvidenceAdded> additions(List<RuleOutput> out) {
        return out.stream().filter(FlagEvidenceAdded.class::isInstance).map(FlagEvidenceAdded.class::cast).toList();
    }

    static List<String> ids(List<Evidence> evidence) {
        return evidence.stream().map(Evidence::eventId).toList();
    }
}
