package cn.examcore.proctor.rules;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * 违纪规则引擎: turns the seat-event stream of a sitting into suggestions and proposed misconduct flags.
 *
 * <p>Inputs must come in server-time order ({@link SeatEvent#at()}, ticks included). The engine never reads the
 * wall clock and iterates seats in a fixed order, so the same inputs give the same outputs, live or replayed, in
 * one batch or in chunks. An event id seen before is skipped (the event bus may deliver twice). A bad input
 * throws {@link RuleInputException} and changes nothing.
 *
 * <p>Not thread-safe: the live wiring feeds it from one event loop.
 */
public final class RulesEngine {

    private final RulesConfig config;
    private final List<Function<RulesConfig, Rule>> rules;
    /** Keyed by sitting then seat, sorted, so ticks visit seats in the same order on every run. */
    private final Map<SeatKey, SeatState> seats = new TreeMap<>();
    private final Set<String> seenEventIds = new HashSet<>();
    private long lastAt = Long.MIN_VALUE;

    /** An engine with the {@link #standardRules()}. */
    public RulesEngine(RulesConfig config) {
        this(config, standardRules());
    }

    /** An engine with the given rules; each is instantiated once per seat. */
    public RulesEngine(RulesConfig config, List<Function<RulesConfig, Rule>> rules) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = List.copyOf(rules);
    }

    /** The rules of issue #5, in the order they see each event. */
    public static List<Function<RulesConfig, Rule>> standardRules() {
        return List.of(LeaveSeatRule::new, WrongSeatRule::new, FocusLossRule::new, PasteRule::new, DeviceRule::new,
                DeviceWithFocusLossRule::new, IncidentRule::new, IdentityMismatchRule::new);
    }

    /** Feeds every input to a fresh engine with the standard rules and returns all outputs. */
    public static List<RuleOutput> replay(RulesConfig config, List<? extends RuleInput> inputs) {
        return new RulesEngine(config).acceptAll(inputs);
    }

    public RulesConfig config() {
        return config;
    }

    /** Consumes one input and returns what it produced (often nothing). */
    public List<RuleOutput> accept(RuleInput input) {
        return acceptAll(List.of(Objects.requireNonNull(input, "input")));
    }

    /**
     * Consumes inputs in order. All of them are checked before any is applied, so a bad one (named by its index)
     * leaves the engine as it was.
     */
    public List<RuleOutput> acceptAll(List<? extends RuleInput> inputs) {
        check(inputs);
        List<RuleOutput> out = new ArrayList<>();
        for (RuleInput input : inputs) {
            if (input instanceof RuleInput.Tick t) {
                seats.values().forEach(s -> s.onTime(t.at(), out));
                lastAt = t.at();
            } else if (input instanceof RuleInput.Event ev) {
                SeatEvent e = ev.event();
                if (!seenEventIds.add(e.id())) {
                    continue;
                }
                lastAt = e.at();
                SeatState seat = seats.computeIfAbsent(key(e),
                        k -> new SeatState(k.sittingId(), k.seatCode(), config, rules));
                seat.onTime(e.at(), out);
                seat.onEvent(e, out);
            }
        }
        return out;
    }

    private void check(List<? extends RuleInput> inputs) {
        long previous = lastAt;
        Set<String> batchIds = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            RuleInput input = inputs.get(i);
            try {
                if (input == null) {
                    throw new RuleInputException("input", "is null");
                }
                if (input instanceof RuleInput.Event ev) {
                    Details.check(ev.event());
                    if (seenEventIds.contains(ev.event().id()) || !batchIds.add(ev.event().id())) {
                        continue; // a duplicate delivery is skipped, wherever it falls in time
                    }
                }
                if (input.at() < previous) {
                    String what = input instanceof RuleInput.Event ev
                            ? Details.where(ev.event(), "at") : "tick at";
                    throw new RuleInputException(what, input.at() + " is earlier than the input before it ("
                            + previous + "): inputs must come in server-time order");
                }
            } catch (RuleInputException e) {
                throw inputs.size() == 1 ? e : e.at(i);
            }
            previous = input.at();
        }
    }

    /**
     * A refused login is reported at the terminal's seat, but it is the assigned seat's candidate who must be
     * reminded and flagged, so WRONG_SEAT counts at {@code detail.assignedSeat} when the server names it.
     */
    private static SeatKey key(SeatEvent e) {
        String seat = e.seatCode();
        if (e.detail() instanceof EventDetail.WrongSeat w) {
            seat = w.assignedSeat();
        }
        return new SeatKey(e.sittingId(), seat);
    }

    private record SeatKey(String sittingId, String seatCode) implements Comparable<SeatKey> {
        @Override
        public int compareTo(SeatKey o) {
            int c = sittingId.compareTo(o.sittingId);
            return c != 0 ? c : seatCode.compareTo(o.seatCode);
        }
    }
}
