package cn.examcore.proctor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final List<String> KINDS = List.of("BLUR", "VISIBILITY_HIDDEN", "FOCUS", "FULLSCREEN_EXIT",
            "PASTE", "PRESENCE_LOST", "PRESENCE_REGAINED", "HEARTBEAT_GAP", "DISCONNECT", "RECONNECT",
            "USB_STORAGE_INSERTED", "BLUETOOTH_DEVICE_SEEN", "PHONE_DETECTED", "REMINDED", "LEAVE_PERMITTED",
            "INCIDENT_RECORDED", "WRONG_SEAT", "PAUSED", "RESUMED", "IDENTITY_MISMATCH");

    /** A long sitting of 30 seats with every kind the rules read, ticks every 10 s, from a fixed seed. */
    private static List<RuleInput> stream(long seed) {
        Random random = new Random(seed);
        Seats s = new Seats();
        double t = 0;
        for (int seat = 0; seat < 30; seat++) {
            s.login("R" + seat, t);
        }
        double nextTick = 10;
        for (int i = 0; i < 6000; i++) {
            t += random.nextDouble() * 2;
            while (nextTick <= t) {
                s.tick(nextTick);
                nextTick += 10;
            }
            String seat = "R" + random.nextInt(30);
            String kind = KINDS.get(random.nextInt(KINDS.size()));
            if (random.nextInt(100) < 25) {
                kind = "PRESENCE_LOST"; // absences must be long enough to matter, so the seat stays away a while
            }
            switch (kind) {
                case "REMINDED" -> s.remind(seat, t, random.nextBoolean() ? null
                        : MisconductCode.values()[random.nextInt(4)]);
                case "LEAVE_PERMITTED" -> s.event(seat, t, kind, "until", Seats.ms(t + random.nextInt(300)));
                case "INCIDENT_RECORDED" -> s.event(seat, t, kind, "category",
                        MisconductCode.values()[random.nextInt(MisconductCode.values().length)].name());
                case "WRONG_SEAT" -> s.eventFor(Seats.attempt(seat), "R" + random.nextInt(30), t, kind,
                        "assignedSeat", seat);
                case "IDENTITY_MISMATCH" -> {
                    if (random.nextInt(10) == 0) {
                        s.event(seat, t, kind);
                    }
                }
                default -> s.event(seat, t, kind);
            }
        }
        return s.inputs();
    }

    @Test
    @DisplayName("Feeding a long seeded stream in random chunks gives exactly the outputs of replaying it whole")
    void chunkedEqualsReplay() {
        List<RuleInput> inputs = stream(20260425L);
        List<RuleOutput> whole = RulesEngine.replay(RulesConfig.defaults(), inputs);

        RulesEngine live = new RulesEngine(RulesConfig.defaults());
        List<RuleOutput> chunked = new ArrayList<>();
        Random chunks = new Random(7);
        for (int i = 0; i < inputs.size(); ) {
            int n = 1 + chunks.nextInt(50);
            List<RuleInput> chunk = inputs.subList(i, Math.min(inputs.size(), i + n));
            if (chunk.size() == 1) {
                chunked.addAll(live.accept(chunk.get(0)));
            } else {
                chunked.addAll(live.acceptAll(chunk));
            }
            i += n;
        }
        assertThat(chunked).isEqualTo(whole);
        assertThat(RulesEngine.replay(RulesConfig.defaults(), inputs)).isEqualTo(whole);

        // the stream is rich enough that equality means something
        Set<MisconductCode> categories = EnumSet.noneOf(MisconductCode.class);
        whole.stream().filter(ProposedFlag.class::isInstance).forEach(o -> categories.add(o.category()));
        assertThat(categories).contains(MisconductCode.A2, MisconductCode.A4, MisconductCode.B1, MisconductCode.C4);
        assertThat(whole).hasAtLeastOneElementOfType(Suggestion.class).hasAtLeastOneElementOfType(
                FlagEvidenceAdded.class);
    }

    @Test
    @DisplayName("On a long random stream no tier-A flag lacks an earlier covering reminder and no flag repeats")
    void invariants() {
        List<RuleInput> inputs = stream(99L);
        List<RuleOutput> out = RulesEngine.replay(RulesConfig.defaults(), inputs);
        Map<String, SeatEvent> reminders = new HashMap<>();
        inputs.stream().filter(RuleInput.Event.class::isInstance).map(i -> ((RuleInput.Event) i).event())
                .filter(e -> e.kind() == SeatEvent.Kind.REMINDED).forEach(e -> reminders.put(e.id(), e));
        Set<String> seatAndCategory = new HashSet<>();
        int tierA = 0;
        for (RuleOutput o : out) {
            if (!(o instanceof ProposedFlag f)) {
                continue;
            }
            assertThat(seatAndCategory.add(f.seatCode() + "/" + f.category())).as("one flag per seat+category")
                    .isTrue();
            if (f.tier() == Tier.A) {
                tierA++;
                assertThat(f.evidence()).as("tier-A flag %s carries a covering reminder", f.id()).anySatisfy(ev -> {
                    SeatEvent r = reminders.get(ev.eventId());
                    assertThat(r).isNotNull();
                    assertThat(r.seatCode()).isEqualTo(f.seatCode());
                    MisconductCode c = ((EventDetail.Reminded) r.detail()).category();
                    assertThat(c == null || c == f.category()).isTrue();
                    assertThat(r.at()).isLessThan(f.at());
                });
            }
        }
        assertThat(tierA).isPositive();
    }
}
