package cn.examcore.proctor.live;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.TestEvents;
import cn.examcore.proctor.rules.RulesConfig;
import cn.examcore.proctor.rules.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LiveRulesTest {

    private static final String SITTING = "S1";
    private static final long T0 = 1_777_000_000_000L;
    private static final long WINDOW = 500;

    private int next;

    private SeatEvent event(String seat, double seconds, String kind, Map<String, Object> detail) {
        return TestEvents.event(String.format("e%03d", ++next), SITTING, "att-" + seat, seat, kind,
                T0 + Math.round(seconds * 1000), detail);
    }

    /** Two seats: one leaves and ignores the A2 reminder, one has a phone; plus filler events around them. */
    private List<SeatEvent> sitting() {
        List<SeatEvent> all = new ArrayList<>();
        all.add(event("R-01", 0.2, "LOGIN", Map.of()));
        all.add(event("R-02", 0.3, "LOGIN", Map.of()));
        all.add(event("R-01", 5.4, "PRESENCE_LOST", Map.of()));
        all.add(event("R-02", 10.7, "PHONE_DETECTED", Map.of("label", "phone")));
        all.add(event("R-01", 130.0, "REMINDED", Map.of("message", "please sit down", "by", "p1", "category", "A2")));
        for (int i = 0; i < 40; i++) {
            all.add(event("R-02", 11 + i * 5.003, "BLUR", Map.of()));
        }
        all.add(event("R-02", 12.0, "PHONE_DETECTED", Map.of("label", "phone again")));
        return all;
    }

    /** Delivers events at their server time plus up to {@code maxDelay} ms, advancing every 100 ms until {@code end}. */
    private static LiveRules live(List<SeatEvent> events, long maxDelay, long seed, double endSeconds) {
        LiveRules live = new LiveRules(RulesConfig.defaults(), WINDOW);
        Random random = new Random(seed);
        record Arrival(long at, SeatEvent e) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (SeatEvent e : events) {
            arrivals.add(new Arrival(e.at() + (long) (random.nextDouble() * maxDelay), e));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        int i = 0;
        for (long now = T0 - 3000; now <= T0 + Math.round(endSeconds * 1000); now += 100) {
            while (i < arrivals.size() && arrivals.get(i).at() <= now) {
                live.offer(arrivals.get(i++).e());
            }
            live.advance(now);
        }
        return live;
    }

    @Test
    @DisplayName("a console started late loads the stored events, overlapping with what it already saw live, and "
            + "its flags equal a rebuild from the store with no evidence counted twice")
    void loadAfterRestartMergesWithLiveEvents() {
        List<SeatEvent> events = sitting();
        // Restarted at 100 s: live delivery from there on, events 90 s and later also seen live.
        LiveRules live = new LiveRules(RulesConfig.defaults(), WINDOW);
        long restart = T0 + 100_000;
        List<SeatEvent> liveOnes = events.stream().filter(e -> e.at() >= T0 + 90_000)
                .sorted(LiveRules.ORDER).toList();
        int i = 0;
        for (long now = restart; now <= T0 + 260_000; now += 100) {
            while (i < liveOnes.size() && liveOnes.get(i).at() <= now) {
                live.offer(liveOnes.get(i++));
            }
            if (now == restart + 2_000) {
                assertThat(live.load(events)).as("only the events not seen live are new")
                        .isEqualTo(events.size() - (int) liveOnes.stream().filter(e -> e.at() <= restart + 2_000).count());
                assertThat(live.load(events)).as("a second load adds nothing").isZero();
            }
            live.advance(now);
        }

        List<FlagView> rebuilt = LiveRules.rebuild(RulesConfig.defaults(), events, live.firstTick(), live.lastTick());
        assertThat(live.flags()).containsExactlyElementsOf(rebuilt);
        assertThat(live.flags()).extracting(FlagView::category).containsExactlyInAnyOrder("A2", "B1");
        for (FlagView f : live.flags()) {
            assertThat(f.evidence()).extracting(e -> e.eventId()).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("flags from the live stream, out of order within the window, equal a rebuild from the stored events")
    void liveEqualsRebuild() {
        List<SeatEvent> events = sitting();
        LiveRules live = live(events, 400, 42, 260);

        List<FlagView> rebuilt = LiveRules.rebuild(RulesConfig.defaults(), events, live.firstTick(), live.lastTick());
        assertThat(live.flags()).containsExactlyElementsOf(rebuilt);
        assertThat(live.flags()).extracting(FlagView::category).containsExactlyInAnyOrder("A2", "B1");
        assertThat(live.rebuilds()).isZero();
        FlagView a2 = live.flags().stream().filter(f -> f.category().equals("A2")).findFirst().orElseThrow();
        assertThat(a2.evidence()).extracting(e -> e.kind()).contains("PRESENCE_LOST", "REMINDED");
        FlagView b1 = live.flags().stream().filter(f -> f.category().equals("B1")).findFirst().orElseThrow();
        assertThat(b1.evidence()).as("the second phone report adds to the same flag, not a second flag")
                .filteredOn(e -> e.kind().equals("PHONE_DETECTED")).hasSize(2);
        assertThat(live.suggestions()).extracting(Suggestion::category).extracting(Enum::name)
                .as("leaving the seat and the repeated focus losses are tier A: remind first").containsExactlyInAnyOrder("A2", "A4");
    }

    @Test
    @DisplayName("an event later than the window makes the engine rebuild, and the result still equals the rebuild")
    void lateEventRebuilds() {
        List<SeatEvent> events = sitting();
        LiveRules live = new LiveRules(RulesConfig.defaults(), WINDOW);
        SeatEvent late = events.get(3); // the first phone report, delivered 3 s late
        for (long now = T0 - 1000; now <= T0 + 30_000; now += 100) {
            for (SeatEvent e : events) {
                if (e != late && e.at() > now - 100 && e.at() <= now) {
                    live.offer(e);
                }
            }
            if (late.at() + 3000 > now - 100 && late.at() + 3000 <= now) {
                live.offer(late);
            }
            live.advance(now);
        }
        assertThat(live.rebuilds()).isEqualTo(1);
        List<SeatEvent> seen = events.stream().filter(e -> e.at() <= T0 + 30_000).toList();
        assertThat(live.flags()).containsExactlyElementsOf(
                LiveRules.rebuild(RulesConfig.defaults(), seen, live.firstTick(), live.lastTick()));
        assertThat(live.flags().iterator().next().evidence().get(0).eventId()).isEqualTo(late.id());
    }

    @Test
    @DisplayName("a repeated delivery of the same event changes nothing")
    void duplicatesIgnored() {
        List<SeatEvent> events = sitting();
        List<SeatEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        LiveRules once = live(events, 0, 1, 30);
        LiveRules dup = live(twice, 0, 1, 30);
        assertThat(dup.flags()).containsExactlyElementsOf(once.flags());
        assertThat(dup.rebuilds()).isZero();
    }
}
