package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Stopping the node mid-sitting and starting a new one on the same H2 file loses no acknowledged answer. */
@DisplayName("Restart mid-sitting")
class RestartIT {

    /** item → rev as the node's database holds it. */
    private static Map<Integer, Long> inDatabase(TestNode node, String attemptId) {
        try (Connection c = node.node().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT item, rev FROM answers WHERE attempt_id = ?")) {
            ps.setString(1, attemptId);
            Map<Integer, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Integer, Long> revs(JsonArray answers) {
        Map<Integer, Long> out = new HashMap<>();
        answers.forEach(o -> out.put(((JsonObject) o).getInteger("item"), ((JsonObject) o).getLong("rev")));
        return out;
    }

    private static List<PaperItem> items(PaperService.LoadedPaper p) {
        return List.of(Papers.first(p, ItemType.SINGLE_CHOICE), Papers.first(p, ItemType.TRUE_FALSE),
                Papers.first(p, ItemType.FILL_IN), Papers.first(p, ItemType.MULTIPLE_CHOICE));
    }

    @Test
    @DisplayName("After a graceful stop every acknowledged answer is back, read from the database")
    void gracefulStop() {
        TestNode node = TestNode.builder().leadSeconds(600).writeDelaySeconds(5).start();
        String token;
        String attemptId;
        Map<Integer, Long> acknowledged = new HashMap<>();
        try (Api api = new Api(node.baseUrl())) {
            api.post("/api/admin/sittings/" + node.sittingId() + "/start", api.adminToken(node), null);
            JsonObject login = api.loginDemo(node, 0);
            token = login.getString("token");
            attemptId = login.getString("attemptId");
            List<PaperItem> items = items(Papers.of(node, attemptId));
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
                seat.hello(new JsonArray());
                for (int rev = 1; rev <= 3; rev++) {
                    for (PaperItem item : items) {
                        Object value = rev % 2 == 1 ? Papers.correct(item) : Papers.wrong(item);
                        assertThat(seat.save(item.number(), value, rev).getString("type")).isEqualTo("saved");
                        acknowledged.put(item.number(), (long) rev);
                    }
                }
            }
        }
        TestNode restarted = node.restart();
        try (Api api = new Api(restarted.baseUrl())) {
            assertThat(inDatabase(restarted, attemptId)).isEqualTo(acknowledged);
            try (SeatClient seat = SeatClient.connect(api.vertx(), restarted.port(), token)) {
                JsonObject welcome = seat.hello(new JsonArray());
                assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
                assertThat(revs(welcome.getJsonArray("answers"))).isEqualTo(acknowledged);
            }
        } finally {
            restarted.close();
        }
    }

    @Test
    @DisplayName("After a crash, answers older than the write delay come from the database and newer ones from the page's resend")
    void crash() {
        TestNode node = TestNode.builder().leadSeconds(600).writeDelaySeconds(2).start();
        String token;
        String attemptId;
        PaperItem early;
        PaperItem late;
        try (Api api = new Api(node.baseUrl())) {
            api.post("/api/admin/sittings/" + node.sittingId() + "/start", api.adminToken(node), null);
            JsonObject login = api.loginDemo(node, 1);
            token = login.getString("token");
            attemptId = login.getString("attemptId");
            List<PaperItem> items = items(Papers.of(node, attemptId));
            early = items.get(0);
            late = items.get(1);
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
                seat.hello(new JsonArray());
                assertThat(seat.save(early.number(), Papers.correct(early), 1).getString("type")).isEqualTo("saved");
                Await.until("the early answer reached the database", Duration.ofSeconds(30),
                        () -> inDatabase(node, attemptId).containsKey(early.number()));
                assertThat(seat.save(late.number(), Papers.correct(late), 1).getString("type")).isEqualTo("saved");
            }
        }
        TestNode restarted = node.crashAndRestart();
        try (Api api = new Api(restarted.baseUrl())) {
            assertThat(inDatabase(restarted, attemptId)).containsEntry(early.number(), 1L);
            JsonArray journal = new JsonArray().add(new JsonObject().put("item", late.number())
                    .put("value", Papers.correct(late)).put("rev", 1));
            try (SeatClient seat = SeatClient.connect(api.vertx(), restarted.port(), token)) {
                JsonObject welcome = seat.hello(journal);
                assertThat(revs(welcome.getJsonArray("answers")))
                        .containsEntry(early.number(), 1L)
                        .containsEntry(late.number(), 1L);
            }
            Api.Reply held = api.get("/api/candidate/answers", token);
            assertThat(revs(held.json().getJsonArray("answers"))).containsEntry(early.number(), 1L)
                    .containsEntry(late.number(), 1L);
        } finally {
            restarted.close();
        }
    }

    /** kind → detail JSON of the attempt's events as the node's database holds them. */
    private static Map<String, JsonObject> eventsInDatabase(TestNode node, String attemptId) {
        try (Connection c = node.node().database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT kind, detail FROM events WHERE attempt_id = ?")) {
            ps.setString(1, attemptId);
            Map<String, JsonObject> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new JsonObject(rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("Proctor actions keep every detail field through the write-behind store and a crash")
    void proctorEventDetailsSurvive() {
        TestNode node = TestNode.builder().leadSeconds(600).writeDelaySeconds(1).start();
        String attemptId;
        String seat = node.seatCodes().get(3);
        try (Api api = new Api(node.baseUrl())) {
            String admin = api.adminToken(node);
            api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null);
            attemptId = api.loginDemo(node, 3).getString("attemptId");
            String base = "/api/proctor/sittings/" + node.sittingId() + "/seats/" + seat;
            assertThat(api.post(base + "/remind", admin, new JsonObject().put("message", "收起手机")
                    .put("category", "A1")).status()).isEqualTo(200);
            assertThat(api.post(base + "/permit-leave", admin, new JsonObject().put("seconds", 600)
                    .put("reason", "身体不适")).status()).isEqualTo(200);
            assertThat(api.post(base + "/record-incident", admin, new JsonObject().put("category", "B4")
                    .put("note", "试图拍摄试题")).status()).isEqualTo(200);
            Await.until("the write-behind store wrote the three events", Duration.ofSeconds(30),
                    () -> eventsInDatabase(node, attemptId).keySet()
                            .containsAll(List.of("REMINDED", "LEAVE_PERMITTED", "INCIDENT_RECORDED")));
        }
        TestNode restarted = node.crashAndRestart();
        try (Api api = new Api(restarted.baseUrl())) {
            String admin = api.adminToken(restarted);
            Map<String, JsonObject> details = new HashMap<>();
            api.get("/api/proctor/sittings/" + restarted.sittingId() + "/events?attemptId=" + attemptId, admin)
                    .array().forEach(o -> details.put(((JsonObject) o).getString("kind"),
                            ((JsonObject) o).getJsonObject("detail")));
            String by = restarted.adminUser();
            assertThat(details.get("REMINDED").getMap()).containsEntry("category", "A1")
                    .containsEntry("message", "收起手机").containsEntry("by", by);
            assertThat(details.get("LEAVE_PERMITTED").getString("reason")).isEqualTo("身体不适");
            assertThat(details.get("LEAVE_PERMITTED").getLong("until")).isGreaterThan(1_000_000_000_000L);
            assertThat(details.get("LEAVE_PERMITTED").getString("by")).isEqualTo(by);
            assertThat(details.get("INCIDENT_RECORDED").getMap()).containsEntry("category", "B4")
                    .containsEntry("note", "试图拍摄试题").containsEntry("by", by);
        } finally {
            restarted.close();
        }
    }
}
