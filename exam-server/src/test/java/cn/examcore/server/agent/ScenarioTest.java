package cn.examcore.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatEvent.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scenario")
class ScenarioTest {

    @Test
    @DisplayName("a script reads aliases and wire names, optional 'seat', spaced or compound times and details")
    void parses() {
        Scenario scenario = Scenario.parse("""
                # exam day rehearsal
                usb at seat R101-07 after 10 s label=KINGSTON
                away at R101-03 after 1m30s; PHONE_DETECTED at R101-12 after 2500ms
                back at R101-03 after 2m
                """);

        assertThat(scenario.steps()).extracting(Scenario.Step::at, Scenario.Step::seatCode, Scenario.Step::kind,
                Scenario.Step::detail).containsExactly(
                tuple(Duration.ofMillis(2500), "R101-12", Kind.PHONE_DETECTED, Map.of()),
                tuple(Duration.ofSeconds(10), "R101-07", Kind.USB_STORAGE_INSERTED, Map.of("label", "KINGSTON")),
                tuple(Duration.ofSeconds(90), "R101-03", Kind.PRESENCE_LOST, Map.of()),
                tuple(Duration.ofMinutes(2), "R101-03", Kind.PRESENCE_REGAINED, Map.of()));
        assertThat(scenario.length()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    @DisplayName("a bad step is reported with its number, its text and what was expected")
    void badSteps() {
        assertThatThrownBy(() -> Scenario.parse("usb at R1-1 after 1s; laser at R1-2 after 2s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 2").hasMessageContaining("laser at R1-2")
                .hasMessageContaining("unknown event kind");
        assertThatThrownBy(() -> Scenario.parse("usb R1-1 after 1s"))
                .hasMessageContaining("step 1").hasMessageContaining("expected 'at'");
        assertThatThrownBy(() -> Scenario.parse("usb at R1-1 in 1s"))
                .hasMessageContaining("expected 'after'");
        assertThatThrownBy(() -> Scenario.parse("usb at R1-1 after soon"))
                .hasMessageContaining("cannot read time 'soon'");
        assertThatThrownBy(() -> Scenario.parse("usb at R1-1 after"))
                .hasMessageContaining("expected a time");
        assertThatThrownBy(() -> Scenario.parse("usb at R1/1 after 1s"))
                .hasMessageContaining("seat code");
        assertThatThrownBy(() -> Scenario.parse("usb at R1-1 after 1s label=A label=B"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> Scenario.parse("usb at R1-1 after 13h"))
                .hasMessageContaining("beyond the limit");
        assertThatThrownBy(() -> Scenario.parse("# only a comment\n"))
                .hasMessageContaining("no step");
    }

    @Test
    @DisplayName("times accept ms, s, m, h and combinations, and nothing else")
    void durations() {
        assertThat(Scenario.parseDuration("0")).isZero();
        assertThat(Scenario.parseDuration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Scenario.parseDuration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThatThrownBy(() -> Scenario.parseDuration("10")).hasMessageContaining("cannot read time");
        assertThatThrownBy(() -> Scenario.parseDuration("-5s")).hasMessageContaining("cannot read time");
        assertThatThrownBy(() -> Scenario.parseDuration("5s3")).hasMessageContaining("cannot read time");
    }

    @Test
    @DisplayName("random mode is bounded, uses only the given seats, stays within the duration and repeats by seed")
    void random() {
        List<String> seats = List.of("R101-01", "R101-02", "R101-03");

        Scenario a = Scenario.random(seats, 500, Duration.ofSeconds(30), 42);
        Scenario b = Scenario.random(seats, 500, Duration.ofSeconds(30), 42);
        Scenario c = Scenario.random(seats, 500, Duration.ofSeconds(30), 43);

        assertThat(a.steps()).hasSize(500);
        assertThat(a.steps()).allSatisfy(s -> {
            assertThat(seats).contains(s.seatCode());
            assertThat(s.at()).isBetween(Duration.ZERO, Duration.ofSeconds(30));
        });
        assertThat(a.steps()).extracting(Scenario.Step::kind).containsAll(Kind.reportedBy(SeatEvent.Source.AGENT));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    @DisplayName("random mode refuses a count or duration beyond its bounds and an empty seat list")
    void randomBounds() {
        assertThatThrownBy(() -> Scenario.random(List.of("R1-1"), 0, Duration.ofSeconds(1), 1))
                .hasMessageContaining("count");
        assertThatThrownBy(() -> Scenario.random(List.of("R1-1"), Scenario.MAX_STEPS + 1, Duration.ofSeconds(1), 1))
                .hasMessageContaining("count");
        assertThatThrownBy(() -> Scenario.random(List.of("R1-1"), 5, Duration.ofHours(13), 1))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> Scenario.random(List.of(), 5, Duration.ofSeconds(1), 1))
                .hasMessageContaining("seat");
    }
}
