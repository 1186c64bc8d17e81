package cn.examcore.proctor.rules;

import static cn.examcore.proctor.rules.Seats.additions;
import static cn.examcore.proctor.rules.Seats.flags;
import static cn.examcore.proctor.rules.Seats.ids;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceRuleTest {

    private final Seats s = new Seats();
    private static final RulesConfig WEAK_BLUETOOTH = RulesConfig.fromProperties("""
            deviceKinds=USB_STORAGE_INSERTED,DISPLAY_ATTACHED,PHONE_DETECTED,EARPHONE_DETECTED
            weakDeviceKinds=BLUETOOTH_DEVICE_SEEN
            """);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"USB_STORAGE_INSERTED", "DISPLAY_ATTACHED", "PHONE_DETECTED", "BLUETOOTH_DEVICE_SEEN",
            "EARPHONE_DETECTED"})
    @DisplayName("A device reported during the attempt proposes B1 at once, without a reminder")
    void deviceIsB1(String kind) {
        s.login("R1", 0);
        SeatEvent e = s.event("R1", 10, kind, "label", "thing");
        assertThat(flags(s.replay())).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(MisconductCode.B1);
            assertThat(f.tier()).isEqualTo(Tier.B);
            assertThat(ids(f.evidence())).containsExactly(e.id());
        });
    }

    @Test
    @DisplayName("Devices before any attempt or after submission propose nothing")
    void onlyWhileTheAttemptIsOpen() {
        s.eventFor(null, "R1", 1, "USB_STORAGE_INSERTED");
        s.login("R1", 5);
        s.event("R1", 10, "SUBMITTED");
        s.event("R1", 20, "PHONE_DETECTED");
        assertThat(s.replay()).isEmpty();
    }

    @Test
    @DisplayName("A second device adds evidence to the open B1 flag instead of proposing another")
    void noDuplicateFlags() {
        s.login("R1", 0);
        s.event("R1", 10, "USB_STORAGE_INSERTED");
        SeatEvent phone = s.event("R1", 20, "PHONE_DETECTED");
        List<RuleOutput> out = s.replay();
        assertThat(flags(out)).hasSize(1);
        assertThat(additions(out)).singleElement().satisfies(a -> {
            assertThat(a.flagId()).isEqualTo(flags(out).get(0).id());
            assertThat(ids(a.evidence())).containsExactly(phone.id());
        });
    }

    @Test
    @DisplayName("A weak device kind alone proposes nothing, and with a focus loss nearby it proposes B1")
    void weakKindNeedsAFocusLoss() {
        s.login("R1", 0).login("R2", 0);
        s.event("R1", 10, "BLUETOOTH_DEVICE_SEEN");
        SeatEvent bt = s.event("R2", 10, "BLUETOOTH_DEVICE_SEEN");
        SeatEvent blur = s.event("R2", 70, "BLUR");
        s.event("R1", 200, "BLUR");
        List<ProposedFlag> flags = flags(s.replay(WEAK_BLUETOOTH));
        assertThat(flags).singleElement().satisfies(f -> {
            assertThat(f.seatCode()).isEqualTo("R2");
            assertThat(f.category()).isEqualTo(MisconductCode.B1);
            assertThat(ids(f.evidence())).containsExactly(bt.id(), blur.id());
        });
        assertThat(flags(s.replay())).hasSize(2);
    }

    @Test
    @DisplayName("A focus loss followed by a weak device kind within the window also proposes B1")
    void eitherOrder() {
        s.login("R1", 0);
        s.event("R1", 10, "FULLSCREEN_EXIT");
        s.event("R1", 100, "BLUETOOTH_DEVICE_SEEN");
        assertThat(flags(s.replay(WEAK_BLUETOOTH))).hasSize(1);
    }
}
