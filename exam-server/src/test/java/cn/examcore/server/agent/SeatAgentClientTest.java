package cn.examcore.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.SeatEvent.Kind;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SeatAgentClient")
class SeatAgentClientTest {

    private RecordingServer server;
    private SeatAgentClient client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = new SeatAgentClient(URI.create(server.baseUrl() + "/"), "agent-key-123", false);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    @DisplayName("events are posted as JSON to /api/agent/events with the agent key as a bearer token")
    void wireFormat() throws Exception {
        int accepted = client.send(List.of(
                new AgentEvent("R101-07", Kind.USB_STORAGE_INSERTED, Map.of("label", "KINGSTON 32GB"),
                        1_790_000_000_000L),
                new AgentEvent("R101-03", Kind.PRESENCE_LOST, Map.of(), 1_790_000_000_500L)));

        assertThat(accepted).isEqualTo(2);
        assertThat(server.received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/agent/events");
            assertThat(r.authorization()).isEqualTo("Bearer agent-key-123");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.body()).isEqualTo(new JsonObject("""
                    {"events": [
                      {"seatCode": "R101-07", "kind": "USB_STORAGE_INSERTED", "detail": {"label": "KINGSTON 32GB"},
                       "observedAt": 1790000000000},
                      {"seatCode": "R101-03", "kind": "PRESENCE_LOST", "detail": {}, "observedAt": 1790000000500}]}
                    """));
        });
    }

    @Test
    @DisplayName("250 events go out as batches of 100, 100 and 50, in order")
    void batches() throws Exception {
        List<AgentEvent> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(new AgentEvent("R1-" + i, Kind.PHONE_DETECTED, Map.of(), i));
        }

        assertThat(client.send(events)).isEqualTo(250);

        assertThat(server.received).extracting(r -> r.body().getJsonArray("events").size())
                .containsExactly(100, 100, 50);
        assertThat(server.received.get(2).body().getJsonArray("events").getJsonObject(49).getString("seatCode"))
                .isEqualTo("R1-249");
    }

    @Test
    @DisplayName("a refused batch stops the run with the server's status and error body")
    void refusedBatch() {
        server.failFrom(2, 400, "{\"code\":\"BAD_REQUEST\",\"message\":\"events[3].seatCode: unknown seat\"}");
        List<AgentEvent> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(new AgentEvent("R1-1", Kind.EARPHONE_DETECTED, Map.of(), i));
        }

        assertThatThrownBy(() -> client.send(events))
                .isInstanceOfSatisfying(AgentException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("unknown seat");
                    assertThat(e.getMessage()).contains("100..199").contains("after 100 accepted");
                });
        assertThat(server.received).hasSize(2);
    }

    @Test
    @DisplayName("an unreachable server is an AgentException with status 0")
    void unreachable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        SeatAgentClient nowhere = new SeatAgentClient(URI.create("http://127.0.0.1:" + freePort), "k", false);

        assertThatThrownBy(() -> nowhere.send(List.of(new AgentEvent("R1-1", Kind.PHONE_DETECTED, Map.of(), 1))))
                .isInstanceOfSatisfying(AgentException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("cannot reach");
                });
    }

    @Test
    @DisplayName("a host that is not a loopback address is refused unless remote sending is allowed")
    void loopbackOnly() {
        assertThatThrownBy(() -> new SeatAgentClient(URI.create("http://192.0.2.10:8080"), "k", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("192.0.2.10").hasMessageContaining("--allow-remote");

        assertThat(new SeatAgentClient(URI.create("http://192.0.2.10:8080"), "k", true).endpoint())
                .isEqualTo(URI.create("http://192.0.2.10:8080/api/agent/events"));
        assertThat(new SeatAgentClient(URI.create("http://localhost:8080"), "k", false).endpoint().getHost())
                .isEqualTo("localhost");
        assertThat(new SeatAgentClient(URI.create("http://[::1]:8080"), "k", false).endpoint().getPort())
                .isEqualTo(8080);
    }

    @Test
    @DisplayName("a URL that is not http(s), an empty key or a key with spaces is refused")
    void badArguments() {
        assertThatThrownBy(() -> new SeatAgentClient(URI.create("ftp://127.0.0.1"), "k", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> new SeatAgentClient(URI.create("http://127.0.0.1"), " ", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent key");
        assertThatThrownBy(() -> new SeatAgentClient(URI.create("http://127.0.0.1"), "a b", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent key");
        assertThatThrownBy(() -> client.sendBatch(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 100");
    }
}
