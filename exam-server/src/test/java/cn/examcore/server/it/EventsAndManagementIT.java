package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.common.Addresses;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Seat events and the management port")
class EventsAndManagementIT {

    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).heartbeatGapSeconds(1).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static List<String> kinds(String attemptId) {
        return api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin)
                .array().stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    }

    @Test
    @DisplayName("Browser events are stored with the server time and published on the event bus; unknown kinds are refused")
    void browserEvents() {
        List<JsonObject> published = new CopyOnWriteArrayList<>();
        node.node().vertx().eventBus().<String>consumer(Addresses.SEAT_EVENTS,
                m -> published.add(new JsonObject(m.body())));
        JsonObject login = api.loginDemo(node, 0);
        String attemptId = login.getString("attemptId");
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            seat.send(new JsonObject().put("type", "event").put("kind", "FULLSCREEN_EXIT").put("clientTime", 42)
                    .put("detail", new JsonObject().put("reason", "esc")));
            seat.send(new JsonObject().put("type", "event").put("kind", "SCREAM"));
            JsonObject err = seat.next("error");
            assertThat(err.getString("code")).isEqualTo("BAD_MESSAGE");
            assertThat(err.getJsonObject("details").getString("field")).isEqualTo("kind");
        }
        Await.until("the event is stored", Duration.ofSeconds(10),
                () -> kinds(attemptId).contains("FULLSCREEN_EXIT"));
        JsonObject stored = api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId,
                admin).array().stream().map(o -> (JsonObject) o)
                .filter(e -> e.getString("kind").equals("FULLSCREEN_EXIT")).findFirst().orElseThrow();
        assertThat(stored.getString("source")).isEqualTo("BROWSER");
        assertThat(stored.getLong("observedAt")).isEqualTo(42);
        assertThat(stored.getLong("at")).isGreaterThan(1_000_000_000_000L);
        assertThat(stored.getJsonObject("detail").getString("reason")).isEqualTo("esc");
        assertThat(kinds(attemptId)).doesNotContain("SCREAM");
        Await.until("the event is published", Duration.ofSeconds(10), () -> published.stream()
                .anyMatch(e -> e.getString("kind").equals("FULLSCREEN_EXIT")
                        && attemptId.equals(e.getString("attemptId"))));
    }

    @Test
    @DisplayName("A seat that falls silent while answering raises HEARTBEAT_GAP, on an open socket and after a disconnect")
    void heartbeatGap() {
        JsonObject login = api.loginDemo(node, 1);
        String attemptId = login.getString("attemptId");
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            Await.until("a gap on the open socket", Duration.ofSeconds(15),
                    () -> kinds(attemptId).contains("HEARTBEAT_GAP"));
        }
        Await.until("a disconnect and a second gap", Duration.ofSeconds(15), () -> {
            List<String> k = kinds(attemptId);
            return k.contains("DISCONNECT") && k.stream().filter("HEARTBEAT_GAP"::equals).count() >= 2;
        });
    }

    @Test
    @DisplayName("The management port answers /health, /ready and Prometheus /metrics with the domain meters")
    void management() {
        try (Api mgmt = new Api("http://127.0.0.1:" + node.managementPort())) {
            assertThat(mgmt.get("/health", null).status()).isEqualTo(200);
            Api.Reply ready = mgmt.get("/ready", null);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().getString("status")).isEqualTo("READY");
            JsonObject login = api.loginDemo(node, 2);
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
                seat.hello(new JsonArray());
                seat.save(1, null, 1);
            }
            Api.Reply metrics = mgmt.get("/metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text()).contains("examcore_answer_save_seconds_count", "examcore_seat_sockets",
                    "examcore_key_delivery_seconds_count", "examcore_submission_auto_lag_seconds_count",
                    "jvm_memory_used_bytes",
                    "vertx_http_server_requests_total");
            assertThat(metrics.text()).doesNotContain(login.getString("attemptId"));
            Api.Reply again = mgmt.get("/metrics", null);
            // Vert.x labels a request with the chain of routes it passed, e.g. "/api/>/api/candidate/login".
            assertThat(again.text()).containsPattern("route=\"[^\"]*/api/candidate/login\"")
                    .doesNotContain("route=\"/metrics\"");
        }
    }

    @Test
    @DisplayName("Every meter the exam-day alerts and dashboard read is exported by a node, and the runbook explains"
            + " every alert")
    void operationsMeters() throws IOException {
        Path ops = Path.of("..", "ops");
        String rules = Files.readString(ops.resolve("prometheus/examcore-alerts.yml"));
        String dashboard = Files.readString(ops.resolve("grafana/examcore-exam-day.json"));
        String runbook = Files.readString(ops.resolve("RUNBOOK.md"));
        String metrics;
        try (Api mgmt = new Api("http://127.0.0.1:" + node.managementPort())) {
            metrics = mgmt.get("/metrics", null).text();
        }
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:examcore|jvm|process)_[a-z_]+)").matcher(rules + dashboard);
        while (m.find()) {
            read.add(m.group(1).replaceAll("_(bucket|count|sum)$", ""));
        }
        assertThat(read).contains("examcore_cluster_writable", "examcore_writebehind_age_seconds",
                "examcore_results_pending_age_seconds", "examcore_answer_save_seconds");
        for (String name : read) {
            assertThat(metrics).as("meter %s read by ops/", name).containsPattern("(?m)^" + name + "(_bucket)?[{ ]");
        }
        // A lone node: itself, writable, and the write-behind queues of both maps measured.
        assertThat(metrics).containsPattern("(?m)^examcore_cluster_members(\\{[^}]*})? 1\\.0$")
                .containsPattern("(?m)^examcore_cluster_writable(\\{[^}]*})? 1\\.0$")
                .contains("examcore_writebehind_dirty{map=\"attempts\"}", "examcore_writebehind_dirty{map=\"events\"}");

        Matcher alerts = Pattern.compile("(?m)^\\s*- alert: (\\w+)$").matcher(rules);
        List<String> names = new ArrayList<>();
        while (alerts.find()) {
            names.add(alerts.group(1));
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(9);
        for (String alert : names) {
            assertThat(runbook).as("runbook section of %s", alert).contains("\n## " + alert + "\n");
            assertThat(rules).contains("ops/RUNBOOK.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(dashboard).as("dashboard names %s", alert).contains(alert);
        }
    }
}
