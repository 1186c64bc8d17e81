package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static cn.examcore.proctor.http.ProctorConsoleIT.streamUrl;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Room scoping through the console: the REST queries and the live stream show a proctor only their rooms. */
class ConsoleScopingIT {

    @Test
    @DisplayName("a proctor of room R102 gets only R102 from the rooms query and only R102's events on the stream; "
            + "a bad token and a proctor without a room of the sitting are refused")
    void proctorSeesOnlyTheirRooms() throws Exception {
        try (TestNode node = TestNode.start();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of())) {
            String base = console.baseUrl();
            Room r102 = node.node().admin().addRoom(node.sittingId(), "R102", 2, 3, List.of(), "test")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String admin = login(base, node.adminUser(), node.adminPassword());
            call("POST", base + "/api/admin/staff", admin, Map.of("username", "p102", "password", "proctor-102-pass",
                    "role", "PROCTOR", "roomIds", List.of(r102.id())));
            call("POST", base + "/api/admin/staff", admin, Map.of("username", "nobody", "password",
                    "proctor-000-pass", "role", "PROCTOR", "roomIds", List.of("no-such-room")));
            String proctor = login(base, "p102", "proctor-102-pass");

            JsonNode rooms = call("GET", base + "/api/proctor/sittings/" + node.sittingId() + "/rooms", proctor, null);
            assertThat(rooms.path("rooms")).singleElement().satisfies(r -> {
                assertThat(r.path("name").asText()).isEqualTo("R102");
                assertThat(r.path("rows").asInt()).isEqualTo(2);
                assertThat(r.path("cols").asInt()).isEqualTo(3);
                assertThat(r.path("seats")).hasSize(6);
            });
            assertThat(call("GET", base + "/api/proctor/sittings", proctor, null)).hasSize(1);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/live/sittings/"
                    + node.sittingId() + "/ticket")).header("Authorization", "Bearer not-a-token")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(Json.tree(bad.body()).path("details").path("field").asText()).isEqualTo("token");
            String nobody = login(base, "nobody", "proctor-000-pass");
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(
                    streamUrl(base, node.sittingId(), nobody))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(403);

            LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
            HttpResponse<InputStream> live = http.send(HttpRequest.newBuilder(URI.create(
                    streamUrl(base, node.sittingId(), proctor))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("content-type")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("text/event-stream"));
            CompletableFuture.runAsync(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(live.body(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("data: ")) {
                            messages.add(Json.tree(line.substring(6)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the stream ends when the test closes the console
                }
            });
            assertThat(messages.poll(10, TimeUnit.SECONDS).path("type").asText()).isEqualTo("snapshot");

            call("POST", node.baseUrl() + "/api/agent/events", node.agentKey(), Map.of("events", List.of(
                    Map.of("seatCode", node.seatCodes().get(0), "kind", "USB_STORAGE_INSERTED", "detail", Map.of()),
                    Map.of("seatCode", "R102-04", "kind", "USB_STORAGE_INSERTED", "detail", Map.of()))));
            JsonNode batch = messages.poll(10, TimeUnit.SECONDS);
            assertThat(batch).as("no batch within 10 s").isNotNull();
            assertThat(batch.path("events")).singleElement().satisfies(e ->
                    assertThat(e.path("seatCode").asText()).isEqualTo("R102-04"));
            // The other room's event is not in a later batch either.
            JsonNode later = messages.poll(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            if (later != null) {
                later.path("events").forEach(e -> assertThat(e.path("seatCode").asText()).startsWith("R102-"));
            }
        }
    }
}
