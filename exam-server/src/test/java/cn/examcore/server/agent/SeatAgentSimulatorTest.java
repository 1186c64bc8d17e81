package cn.examcore.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.SeatEvent.Kind;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SeatAgentSimulator")
class SeatAgentSimulatorTest {

    private static final long START = 1_790_000_000_000L;

    private RecordingServer server;
    private final AtomicLong millis = new AtomicLong(START);
    private final List<Duration> sleeps = new ArrayList<>();
    private SeatAgentSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        SeatAgentClient client = new SeatAgentClient(URI.create(server.baseUrl()), "key-1", false);
        // The sleeper moves the fake clock instead of waiting, so a ten-minute scenario runs instantly.
        simulator = new SeatAgentSimulator(client, new FakeClock(millis), d -> {
            sleeps.add(d);
            millis.addAndGet(d.toMillis());
        }, Duration.ofMillis(200));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("a script is played in time order, each event stamped with its scheduled time")
    void scripted() throws Exception {
        Scenario scenario = Scenario.parse("usb at R101-07 after 10s label=K; away at R101-03 after 1m");

        SeatAgentSimulator.Report report = simulator.run(scenario);

        assertThat(report).isEqualTo(new SeatAgentSimulator.Report(2, 2, 2));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(50));
        assertThat(server.received).extracting(r -> r.body().getJsonArray("events").getJsonObject(0)).containsExactly(
                new JsonObject().put("seatCode", "R101-07").put("kind", "USB_STORAGE_INSERTED")
                        .put("detail", new JsonObject().put("label", "K")).put("observedAt", START + 10_000),
                new JsonObject().put("seatCode", "R101-03").put("kind", "PRESENCE_LOST")
                        .put("detail", new JsonObject()).put("observedAt", START + 60_000));
    }

    @Test
    @DisplayName("steps due at the same moment share a request, at most 100 to a request")
    void coalesces() throws Exception {
        List<Scenario.Step> steps = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            steps.add(new Scenario.Step(Duration.ofSeconds(5), "R1-" + i, Kind.BLUETOOTH_DEVICE_SEEN, Map.of()));
        }
        steps.add(new Scenario.Step(Duration.ofSeconds(6), "R1-0", Kind.DISPLAY_ATTACHED, Map.of()));

        SeatAgentSimulator.Report report = simulator.run(new Scenario(steps));

        assertThat(report).isEqualTo(new SeatAgentSimulator.Report(151, 151, 3));
        assertThat(server.received).extracting(r -> r.body().getJsonArray("events").size()).containsExactly(100, 50, 1);
    }

    @Test
    @DisplayName("dense steps are gathered into one request per minimum interval instead of one per event")
    void minimumInterval() throws Exception {
        List<Scenario.Step> steps = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            steps.add(new Scenario.Step(Duration.ofMillis(10L * i), "R1-1", Kind.PRESENCE_LOST, Map.of()));
        }

        SeatAgentSimulator.Report report = simulator.run(new Scenario(steps));

        assertThat(report.sent()).isEqualTo(1_000);
        assertThat(report.requests()).isBetween(50, 51);
        assertThat(server.received).allSatisfy(r ->
                assertThat(r.body().getJsonArray("events").size()).isBetween(1, 100));
        assertThat(server.received.get(0).body().getJsonArray("events").getJsonObject(0).getLong("observedAt"))
                .isEqualTo(START);
    }

    @Test
    @DisplayName("a random scenario sends exactly its bounded number of events")
    void randomRun() throws Exception {
        Scenario scenario = Scenario.random(List.of("R2-01", "R2-02"), 300, Duration.ofMinutes(5), 7);

        SeatAgentSimulator.Report report = simulator.run(scenario);

        assertThat(report.sent()).isEqualTo(300);
        assertThat(report.accepted()).isEqualTo(300);
        assertThat(server.received.stream().mapToInt(r -> r.body().getJsonArray("events").size()).sum()).isEqualTo(300);
        assertThat(millis.get() - START).isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    @DisplayName("the run stops at the first refused batch and reports the server's answer")
    void stopsOnRefusal() {
        server.failFrom(1, 400, "{\"code\":\"BAD_REQUEST\",\"message\":\"events[0].seatCode: unknown seat\"}");

        assertThatThrownBy(() -> simulator.run(Scenario.parse("usb at R9-99 after 1s; usb at R9-98 after 2s")))
                .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.body()).contains("unknown seat"));
        assertThat(server.received).hasSize(1);
    }

    @Test
    @DisplayName("the command line sends a script and reports what the server accepted")
    void commandLine() {
        Output out = new Output();
        Output err = new Output();

        int status = SeatAgentSimulator.runCommand(new String[] {"--url", server.baseUrl(), "--key", "key-1",
                "--script", "usb at R101-07 after 0 label=X; phone at R101-08 after 0"}, out.stream, err.stream);

        assertThat(status).isZero();
        assertThat(out.text()).contains("2 sent, 2 accepted, 1 requests");
        assertThat(server.received).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer key-1"));
    }

    @Test
    @DisplayName("--help prints the usage and bad usage exits with status 2 and a reason")
    void usage() {
        Output out = new Output();
        Output err = new Output();

        assertThat(SeatAgentSimulator.runCommand(new String[] {"--help"}, out.stream, err.stream)).isZero();
        assertThat(out.text()).contains("--allow-remote").contains("usb / USB_STORAGE_INSERTED");

        assertThat(SeatAgentSimulator.runCommand(new String[] {"--key", "k", "--url", "http://192.0.2.10:8080",
                "--script", "usb at R1-1 after 0"}, out.stream, err.stream)).isEqualTo(2);
        assertThat(err.text()).contains("not a loopback address");

        assertThat(SeatAgentSimulator.runCommand(new String[] {"--key", "k", "--random"}, out.stream, err.stream))
                .isEqualTo(2);
        assertThat(err.text()).contains("at least one seat code");

        assertThat(SeatAgentSimulator.runCommand(new String[] {"--key"}, out.stream, err.stream)).isEqualTo(2);
        assertThat(err.text()).contains("--key needs a value");

        assertThat(SeatAgentSimulator.runCommand(new String[] {"--key", "k", "--script", "x", "--random"},
                out.stream, err.stream)).isEqualTo(2);
        assertThat(err.text()).contains("exactly one of");

        assertThat(SeatAgentSimulator.runCommand(new String[] {"--bogus"}, out.stream, err.stream)).isEqualTo(2);
        assertThat(err.text()).contains("unknown option '--bogus'");
    }

    @Test
    @DisplayName("an unreachable server makes the command exit with status 1")
    void unreachable() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Output out = new Output();
        Output err = new Output();

        int status = SeatAgentSimulator.runCommand(new String[] {"--url", "http://127.0.0.1:" + port, "--key", "k",
                "--script", "usb at R1-1 after 0"}, out.stream, err.stream);

        assertThat(status).isEqualTo(1);
        assertThat(err.text()).contains("cannot reach");
    }

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class FakeClock extends Clock {
        private final AtomicLong millis;

        FakeClock(AtomicLong millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }
}
