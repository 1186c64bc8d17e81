package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Test scripts: builds seat events in one sitting with readable times (seconds after the start). */
final class Seats {

    static final String SITTING = "S-2026-04";
    static final long T0 = 1_777_000_000_000L;

    private static final Set<String> BROWSER = Arrays.stream(SeatEvent.BrowserKind.values()).map(Enum::name)
            .collect(Collectors.toSet());
    private static final Set<String> AGENT = Arrays.stream(SeatEvent.AgentKind.values()).map(Enum::name)
            .collect(Collectors.toSet());

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
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < detail.length; i += 2) {
            d.put((String) detail[i], detail[i + 1]);
        }
        SeatEvent.Source source = BROWSER.contains(kind) ? SeatEvent.Source.BROWSER
                : AGENT.contains(kind) ? SeatEvent.Source.AGENT : SeatEvent.Source.SERVER;
        SeatEvent e = new SeatEvent("e" + (++next), SITTING, attemptId, seat, source, kind, d, 0, ms(seconds));
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
