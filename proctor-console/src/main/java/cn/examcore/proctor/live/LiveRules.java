package cn.examcore.proctor.live;

import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.rules.FlagEvidenceAdded;
import cn.examcore.proctor.rules.ProposedFlag;
import cn.examcore.proctor.rules.RuleInput;
import cn.examcore.proctor.rules.RuleInputException;
import cn.examcore.proctor.rules.RuleOutput;
import cn.examcore.proctor.rules.RulesConfig;
import cn.examcore.proctor.rules.RulesEngine;
import cn.examcore.proctor.rules.Suggestion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RulesEngine} on the live event stream, in a form that a rebuild from the stored events reproduces.
 *
 * <p>Events from several nodes reach the console slightly out of server-time order, so each waits
 * {@code reorderMillis} in a buffer and is then fed in {@code (at, id)} order. The clock reaches the engine as
 * ticks on whole seconds, every second from the first one this instance saw, so the time-based rules fire at the
 * same instants whether the inputs are live or replayed ({@link #replayInputs}). An event that arrives later than
 * the window (a node's clock far behind, a stalled delivery) cannot be slotted in; the engine is then rebuilt from
 * every event seen so far, in order, which gives exactly what a rebuild from the store gives.
 *
 * <p>Not thread-safe: one event loop feeds it.
 */
public final class LiveRules {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);
    static final long TICK_MILLIS = 1000;
    static final Comparator<SeatEvent> ORDER = Comparator.comparingLong(SeatEvent::at).thenComparing(SeatEvent::id);

    private final RulesConfig config;
    private final long reorderMillis;
    private final PriorityQueue<SeatEvent> pending = new PriorityQueue<>(ORDER);
    private final List<SeatEvent> released = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private RulesEngine engine;
    private long firstTick = Long.MIN_VALUE;
    private long lastTick = Long.MIN_VALUE;
    private long releasedUpTo = Long.MIN_VALUE;
    private boolean rebuildNeeded;
    private int rebuilds;
    private final Map<String, FlagView> flags = new LinkedHashMap<>();
    private final Map<String, Suggestion> suggestions = new LinkedHashMap<>();

    public LiveRules(RulesConfig config, long reorderMillis) {
        this.config = config;
        this.reorderMillis = reorderMillis;
        this.engine = new RulesEngine(config);
    }

    /** What one {@link #advance} changed. */
    public record Changes(List<FlagView> flags, List<Suggestion> suggestions, Set<String> removedFlagIds) {

        public boolean isEmpty() {
            return flags.isEmpty() && suggestions.isEmpty() && removedFlagIds.isEmpty();
        }
    }

    /** Takes one event off the bus; a repeat delivery of the same id is ignored. */
    public void offer(SeatEvent event) {
        if (!seen.add(event.id())) {
            return;
        }
        if (event.at() <= releasedUpTo) {
            LOG.warn("event {} of seat {} came {} ms after its server time, past the reorder window: rebuilding the "
                    + "rules from the events in order", event.id(), event.seatCode(), releasedUpTo - event.at());
            released.add(event);
            rebuildNeeded = true;
        } else {
            pending.add(event);
        }
    }

    /**
     * Adds a sitting's stored events (what exam-server kept while this console was not running); ids already seen,
     * live or loaded, are skipped, so loading and the bus can overlap. Events still inside the reorder window wait
     * like live ones; older ones make the next {@link #advance} rebuild from every event in order, exactly as a late
     * event does, so the flags equal a rebuild from the store.
     *
     * @return how many events were new
     */
    public int load(Collection<SeatEvent> stored) {
        int added = 0;
        for (SeatEvent e : stored) {
            if (!seen.add(e.id())) {
                continue;
            }
            added++;
            if (e.at() <= releasedUpTo) {
                released.add(e);
                rebuildNeeded = true;
            } else {
                pending.add(e);
            }
        }
        return added;
    }

    /** Feeds the engine everything older than {@code now − reorderMillis}, with the whole-second ticks between. */
    public Changes advance(long now) {
        long bound = now - reorderMillis;
        if (firstTick == Long.MIN_VALUE) {
            firstTick = Math.floorDiv(bound, TICK_MILLIS) * TICK_MILLIS + TICK_MILLIS;
            lastTick = firstTick - TICK_MILLIS;
        }
        List<RuleInput> inputs = new ArrayList<>();
        long nextTick = lastTick + TICK_MILLIS;
        while (!pending.isEmpty() && pending.peek().at() <= bound) {
            SeatEvent e = pending.poll();
            while (nextTick < e.at()) {
                inputs.add(RuleInput.tick(nextTick));
                nextTick += TICK_MILLIS;
            }
            inputs.add(RuleInput.of(e));
            released.add(e);
        }
        while (nextTick <= bound) {
            inputs.add(RuleInput.tick(nextTick));
            nextTick += TICK_MILLIS;
        }
        lastTick = nextTick - TICK_MILLIS;
        releasedUpTo = Math.max(releasedUpTo, bound);
        if (rebuildNeeded) {
            return rebuild();
        }
        return apply(feed(engine, inputs), Set.of());
    }

    /** Every open flag, in the order they were proposed. */
    public Collection<FlagView> flags() {
        return List.copyOf(flags.values());
    }

    /** Every reminder the engine suggests (the tier-A condition: a reminder must come before a flag). */
    public Collection<Suggestion> suggestions() {
        return List.copyOf(suggestions.values());
    }

    /** How often a late event or a load of stored events forced a rebuild. */
    public int rebuilds() {
        return rebuilds;
    }

    /** The first whole-second tick this instance fed (for a replay that matches it). */
    public long firstTick() {
        return firstTick;
    }

    /** The last tick fed so far. */
    public long lastTick() {
        return lastTick;
    }

    /**
     * The inputs a rebuild feeds: the stored events in {@code (at, id)} order with a tick on every whole second
     * from {@code firstTick} to {@code lastTick}, an event before a tick of the same millisecond.
     */
    public static List<RuleInput> replayInputs(Collection<SeatEvent> stored, long firstTick, long lastTick) {
        List<SeatEvent> events = stored.stream().sorted(ORDER).toList();
        List<RuleInput> inputs = new ArrayList<>();
        long nextTick = firstTick;
        for (SeatEvent e : events) {
            while (nextTick < e.at() && nextTick <= lastTick) {
                inputs.add(RuleInput.tick(nextTick));
                nextTick += TICK_MILLIS;
            }
            inputs.add(RuleInput.of(e));
        }
        while (nextTick <= lastTick) {
            inputs.add(RuleInput.tick(nextTick));
            nextTick += TICK_MILLIS;
        }
        return inputs;
    }

    /** The open flags a rebuild from stored events gives: what {@link #flags()} must equal for the same ticks. */
    public static List<FlagView> rebuild(RulesConfig config, Collection<SeatEvent> stored, long firstTick,
                                         long lastTick) {
        LiveRules r = new LiveRules(config, 0);
        r.apply(feed(r.engine, replayInputs(stored, firstTick, lastTick)), Set.of());
        return List.copyOf(r.flags.values());
    }

    /**
     * Feeds inputs one at a time: an event the engine refuses (a malformed detail from some reporter) is logged and
     * skipped instead of holding up every seat behind it. Live and rebuild both go through here.
     */
    public static List<RuleOutput> feed(RulesEngine engine, List<RuleInput> inputs) {
        List<RuleOutput> out = new ArrayList<>();
        for (RuleInput input : inputs) {
            try {
                out.addAll(engine.accept(input));
            } catch (RuleInputException e) {
                LOG.warn("rules engine refused an input and skipped it: {}", e.getMessage());
            }
        }
        return out;
    }

    private Changes rebuild() {
        rebuildNeeded = false;
        rebuilds++;
        engine = new RulesEngine(config);
        Set<String> before = new HashSet<>(flags.keySet());
        flags.clear();
        suggestions.clear();
        List<SeatEvent> done = released.stream().sorted(ORDER).toList();
        released.clear();
        released.addAll(done);
        Changes c = apply(feed(engine, replayInputs(done, firstTick, lastTick)), Set.of());
        before.removeAll(flags.keySet());
        return new Changes(c.flags(), c.suggestions(), before);
    }

    private Changes apply(List<RuleOutput> outputs, Set<String> removed) {
        Map<String, FlagView> changed = new LinkedHashMap<>();
        List<Suggestion> newSuggestions = new ArrayList<>();
        for (RuleOutput o : outputs) {
            if (o instanceof ProposedFlag f) {
                FlagView v = FlagView.of(f);
                flags.put(v.id(), v);
                changed.put(v.id(), v);
            } else if (o instanceof FlagEvidenceAdded more) {
                FlagView v = flags.get(more.flagId());
                if (v != null) {
                    v = v.with(more);
                    flags.put(v.id(), v);
                    changed.put(v.id(), v);
                }
            } else if (o instanceof Suggestion s) {
                suggestions.put(s.id(), s);
                newSuggestions.add(s);
            }
        }
        return new Changes(List.copyOf(changed.values()), newSuggestions, removed);
    }
}
