package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The console after a restart, and the seat actions that end or move an attempt, against a real exam node with
 * the console next to it (reading it over HTTP, no cluster member); everything goes through the console's HTTP
 * port.
 */
class ConsoleRestoreIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("a flag proposed before the console restarts is shown again after it, with the same id and "
            + "evidence, from exam-server's stored events")
    void openFlagsSurviveARestart() throws Exception {
        try (TestNode node = TestNode.start()) {
            String seat = node.seatCodes().get(0);
            candidateLogin(node, 0);
            JsonNode flag;
            try (ConsoleNode console = ProctorConsoleIT.console(node, Map.of())) {
                String admin = login(console.baseUrl(), node.adminUser(), node.adminPassword());
                LiveStream live = LiveStream.open(console.baseUrl(), node.sittingId(), admin);
                assertThat(live.next(m -> true).path("type").asText()).isEqualTo("snapshot");
                call("POST", node.baseUrl() + "/api/agent/events", node.agentKey(), Map.of("events", List.of(
                        Map.of("seatCode", seat, "kind", "USB_STORAGE_INSERTED", "detail", Map.of()))));
                JsonNode batch = live.next(m -> flagAt(m, seat) != null);
                flag = flagAt(batch, seat);
                assertThat(flag.path("category").asText()).isEqualTo("B1");
                assertThat(flag.path("evidence")).singleElement().satisfies(e ->
                        assertThat(e.path("kind").asText()).isEqualTo("USB_STORAGE_INSERTED"));
            }

            try (ConsoleNode console = ProctorConsoleIT.console(node, Map.of())) {
                String admin = login(console.baseUrl(), node.adminUser(), node.adminPassword());
                JsonNode snapshot = LiveStream.open(console.baseUrl(), node.sittingId(), admin).next(m -> true);
                assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
                assertThat(snapshot.path("flags")).as("the open flags after the restart").hasSize(1);
                JsonNode again = snapshot.path("flags").get(0);
                assertThat(again.path("id").asText()).isEqualTo(flag.path("id").asText());
                assertThat(again.path("seatCode").asText()).isEqualTo(seat);
                assertThat(again.path("category").asText()).isEqualTo("B1");
                assertThat(again.path("evidence")).isEqualTo(flag.path("evidence"));
                assertThat(again.path("explanation")).isEqualTo(flag.path("explanation"));
            }
        }
    }

    @Test
    @DisplayName("from the console a proctor changes one candidate's seat and force-submits another: the attempts "
            + "show the new seat and the submission, the stream carries both events, a second force-submit is 409")
    void changeSeatAndForceSubmitFromTheConsole() throws Exception {
        try (TestNode node = TestNode.start();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of())) {
            String base = console.baseUrl();
            String sitting = base + "/api/proctor/sittings/" + node.sittingId();
            node.node().admin().addRoom(node.sittingId(), "R102", 2, 3, List.of(), "test")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String moved = candidateLogin(node, 0);
            String forced = candidateLogin(node, 1);
            String from = node.seatCodes().get(0);
            String admin = login(base, node.adminUser(), node.adminPassword());
            LiveStream live = LiveStream.open(base, node.sittingId(), admin);
            assertThat(live.next(m -> true).path("type").asText()).isEqualTo("snapshot");

            JsonNode change = call("POST", sitting + "/seats/" + from + "/change-seat", admin,
                    Map.of("toSeat", "R102-01", "reason", "终端故障"));
            assertThat(change.path("ok").asBoolean()).isTrue();
            assertThat(change.path("attemptId").asText()).isEqualTo(moved);
            JsonNode submit = call("POST", sitting + "/seats/" + node.seatCodes().get(1) + "/force-submit", admin,
                    Map.of("reason", "B1 confirmed"));
            assertThat(submit.path("attemptId").asText()).isEqualTo(forced);
            assertThat(submit.path("state").asText()).isEqualTo("SUBMITTED");

            JsonNode attempts = call("GET", sitting + "/attempts", admin, null);
            assertThat(attempt(attempts, moved).path("seatCode").asText()).isEqualTo("R102-01");
            assertThat(attempt(attempts, forced).path("state").asText()).isEqualTo("SUBMITTED");

            List<JsonNode> seen = new ArrayList<>();
            live.next(m -> {
                m.path("events").forEach(seen::add);
                return seen.stream().anyMatch(e -> e.path("id").asText().equals(submit.path("eventId").asText()))
                        && seen.stream().anyMatch(e -> e.path("id").asText().equals(change.path("eventId").asText()));
            });
            JsonNode changed = seen.stream().filter(e -> e.path("kind").asText().equals("SEAT_CHANGED")).findFirst()
                    .orElseThrow();
            assertThat(changed.path("attemptId").asText()).isEqualTo(moved);
            assertThat(changed.path("detail").path("from").asText()).isEqualTo(from);
            assertThat(changed.path("detail").path("to").asText()).isEqualTo("R102-01");
            JsonNode submitted = seen.stream().filter(e -> e.path("kind").asText().equals("FORCE_SUBMITTED"))
                    .findFirst().orElseThrow();
            assertThat(submitted.path("attemptId").asText()).isEqualTo(forced);
            assertThat(submitted.path("detail").path("by").asText()).isEqualTo(node.adminUser());

            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(sitting + "/seats/"
                            + node.seatCodes().get(1) + "/force-submit"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.encode(Map.of("reason", "again")))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        }
    }

    /** Enrols demo seat i's terminal and logs its candidate in on exam-server; returns the attempt id. */
    static String candidateLogin(TestNode node, int i) {
        String terminal = call("POST", node.baseUrl() + "/api/terminal/enrol", null,
                Map.of("seatCode", node.seatCodes().get(i), "pin", node.pin())).path("terminalToken").asText();
        return call("POST", node.baseUrl() + "/api/candidate/login", null, Map.of("terminalToken", terminal,
                "ticket", node.candidate(i).ticket(), "idNumber", node.candidate(i).idNumber()))
                .path("attemptId").asText();
    }

    private static JsonNode flagAt(JsonNode message, String seat) {
        for (JsonNode f : message.path("flags")) {
            if (f.path("seatCode").asText().equals(seat)) {
                return f;
            }
        }
        return null;
    }

    private static JsonNode attempt(JsonNode attempts, String attemptId) {
        for (JsonNode a : attempts) {
            if (a.path("attemptId").asText().equals(attemptId)) {
                return a;
            }
        }
        throw new AssertionError("no attempt " + attemptId + " in " + attempts);
    }
}
