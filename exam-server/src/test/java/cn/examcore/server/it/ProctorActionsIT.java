package cn.examcore.server.it;

import static cn.examcore.server.testing.ReleasedSitting.badRequestNaming;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.proctoring.ProctorCommand;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.ReleasedSitting;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The proctor actions the misconduct rules (附件4) need, over HTTP and the event bus, against a released sitting. */
@DisplayName("Proctor actions for the misconduct rules")
class ProctorActionsIT {

    static ReleasedSitting sitting;
    static TestNode node;
    static Api api;
    static String admin;
    static List<JsonObject> published;

    @BeforeAll
    static void start() {
        sitting = ReleasedSitting.start(TestNode.builder().leadSeconds(600));
        node = sitting.node();
        api = sitting.api();
        admin = sitting.admin();
        published = sitting.published();
    }

    @AfterAll
    static void stop() {
        sitting.close();
    }

    private static String seat(int i) {
        return "/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(i);
    }

    private static List<JsonObject> events(String query) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/events" + query, admin);
        assertThat(r.status()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).toList();
    }

    private static JsonObject event(String id) {
        return events("").stream().filter(e -> e.getString("id").equals(id)).findFirst().orElse(null);
    }

    private static List<JsonObject> ofKind(String attemptId, String kind) {
        return events("?attemptId=" + attemptId).stream().filter(e -> e.getString("kind").equals(kind)).toList();
    }

    @Test
    @DisplayName("A reminder carries its category and its event id; the page acknowledges it by that id, once")
    void reminderAndAcknowledgement() {
        JsonObject login = api.loginDemo(node, 0);
        String attemptId = login.getString("attemptId");
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            page.hello(new JsonArray());
            Api.Reply remind = api.post(seat(0) + "/remind", admin,
                    new JsonObject().put("message", "请回到座位").put("category", "A2"));
            assertThat(remind.status()).as(remind.text()).isEqualTo(200);
            String reminderId = remind.json().getString("eventId");
            assertThat(reminderId).isNotBlank();

            JsonObject pushed = page.next("reminder");
            assertThat(pushed.getString("reminderId")).isEqualTo(reminderId);
            assertThat(pushed.getString("message")).isEqualTo("请回到座位");
            JsonObject reminded = ofKind(attemptId, "REMINDED").get(0);
            assertThat(reminded.getString("id")).isEqualTo(reminderId);
            assertThat(reminded.getJsonObject("detail").getString("category")).isEqualTo("A2");
            assertThat(reminded.getJsonObject("detail").getString("by")).isEqualTo(node.adminUser());

            badRequestNaming(api.post(seat(0) + "/remind", admin,
                    new JsonObject().put("message", "m").put("category", "B1")), "category");
            badRequestNaming(api.post(seat(0) + "/remind", admin,
                    new JsonObject().put("message", "m").put("category", "ZZ")), "category");
            assertThat(ofKind(attemptId, "REMINDED")).hasSize(1);

            page.send(new JsonObject().put("type", "ack-reminder").put("reminderId", reminderId));
            Await.until("the acknowledgement is stored", Duration.ofSeconds(10),
                    () -> ofKind(attemptId, "REMINDER_ACKNOWLEDGED").size() == 1);
            JsonObject ack = ofKind(attemptId, "REMINDER_ACKNOWLEDGED").get(0);
            assertThat(ack.getString("source")).isEqualTo("SERVER");
            assertThat(ack.getJsonObject("detail").getString("reminderId")).isEqualTo(reminderId);
            Await.until("the acknowledgement is published", Duration.ofSeconds(10), () -> published.stream()
                    .anyMatch(e -> e.getString("kind").equals("REMINDER_ACKNOWLEDGED")
                            && attemptId.equals(e.getString("attemptId"))));

            page.send(new JsonObject().put("type", "ack-reminder").put("reminderId", reminderId));
            page.send(new JsonObject().put("type", "ack-reminder").put("reminderId", "no-such-reminder"));
            JsonObject unknown = page.next("error");
            assertThat(unknown.getString("code")).isEqualTo("NOT_FOUND");
            assertThat(unknown.getJsonObject("details").getString("field")).isEqualTo("reminderId");
            assertThat(ofKind(attemptId, "REMINDER_ACKNOWLEDGED")).hasSize(1);

            String loginEventId = ofKind(attemptId, "LOGIN").get(0).getString("id");
            page.send(new JsonObject().put("type", "ack-reminder").put("reminderId", loginEventId));
            assertThat(page.next("error").getJsonObject("details").getString("field")).isEqualTo("reminderId");
            page.send(new JsonObject().put("type", "ack-reminder"));
            JsonObject missing = page.next("error");
            assertThat(missing.getString("code")).isEqualTo("BAD_MESSAGE");
            assertThat(missing.getJsonObject("details").getString("field")).isEqualTo("reminderId");
        }
    }

    @Test
    @DisplayName("An extension and a pause show the proctor's reason (a field the console marks as shown to the "
            + "candidate) as a note; a resume carries none")
    void extensionNote() {
        JsonObject login = api.loginDemo(node, 1);
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            page.hello(new JsonArray());
            assertThat(api.post(seat(1) + "/pause", admin, new JsonObject().put("reason", "考场停电，请稍候"))
                    .status()).isEqualTo(200);
            JsonObject paused = page.next("state");
            assertThat(paused.getString("reason")).isEqualTo("pause");
            assertThat(paused.getString("note")).isEqualTo("考场停电，请稍候");
            assertThat(api.post(seat(1) + "/resume", admin, new JsonObject()).status()).isEqualTo(200);
            JsonObject resumed = page.next("state");
            assertThat(resumed.getString("reason")).isEqualTo("resume");
            assertThat(resumed.containsKey("note")).isFalse();
            assertThat(api.post(seat(1) + "/extend", admin, new JsonObject().put("seconds", 120)
                    .put("reason", "停电补时")).status()).isEqualTo(200);
            JsonObject extended = page.next("state");
            assertThat(extended.getString("reason")).isEqualTo("extend");
            assertThat(extended.getString("note")).isEqualTo("停电补时");
        }
    }

    @Test
    @DisplayName("A leave permission is stored with its end and reason and leaves the clock alone")
    void leavePermission() {
        JsonObject login = api.loginDemo(node, 2);
        String attemptId = login.getString("attemptId");
        long deadline;
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            deadline = page.hello(new JsonArray()).getLong("deadline");
        }
        Api.Reply r = api.post(seat(2) + "/permit-leave", admin, new JsonObject().put("seconds", 300)
                .put("reason", "toilet"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().getString("state")).isEqualTo("ANSWERING");
        assertThat(r.json().getLong("deadline")).isEqualTo(deadline);
        JsonObject permitted = event(r.json().getString("eventId"));
        assertThat(permitted.getString("kind")).isEqualTo("LEAVE_PERMITTED");
        assertThat(permitted.getString("attemptId")).isEqualTo(attemptId);
        // until is reckoned from the moment the command took effect, a few ms before the event was stamped.
        long at = permitted.getLong("at");
        assertThat(permitted.getJsonObject("detail").getLong("until")).isBetween(at + 300_000 - 5_000, at + 300_000);
        assertThat(permitted.getJsonObject("detail").getString("reason")).isEqualTo("toilet");

        badRequestNaming(api.post(seat(2) + "/permit-leave", admin, new JsonObject().put("seconds", 1801)
                .put("reason", "long")), "seconds");
        badRequestNaming(api.post(seat(2) + "/permit-leave", admin, new JsonObject().put("seconds", 60)), "reason");
        assertThat(ofKind(attemptId, "LEAVE_PERMITTED")).hasSize(1);
        assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).array().stream()
                .map(o -> ((JsonObject) o).getString("action"))).contains("seat.permit_leave");
    }

    @Test
    @DisplayName("An incident is recorded with category, note and proctor at a seat with or without a candidate")
    void incidents() {
        String notLoggedIn = PaperService.attemptId(node.sittingId(), node.candidate(5).ticket(), "THEORY");
        Api.Reply before = api.post(seat(5) + "/record-incident", admin, new JsonObject().put("category", "C4")
                .put("note", "照片与本人不符"));
        assertThat(before.status()).as(before.text()).isEqualTo(200);
        assertThat(before.json().getString("attemptId")).isEqualTo(notLoggedIn);
        JsonObject c4 = event(before.json().getString("eventId"));
        assertThat(c4.getString("kind")).isEqualTo("INCIDENT_RECORDED");
        assertThat(c4.getJsonObject("detail").getMap()).containsEntry("category", "C4")
                .containsEntry("note", "照片与本人不符").containsEntry("by", node.adminUser());

        Api.Reply room = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "R109").put("rows", 1).put("cols", 1));
        assertThat(room.status()).isEqualTo(201);
        String emptySeat = room.json().getJsonArray("seatCodes").getString(0);
        String path = "/api/proctor/sittings/" + node.sittingId() + "/seats/" + emptySeat + "/record-incident";
        Api.Reply empty = api.post(path, admin, new JsonObject().put("category", "a3").put("note", "smoking"));
        assertThat(empty.status()).as(empty.text()).isEqualTo(200);
        assertThat(empty.json().getString("attemptId")).isNull();
        JsonObject a3 = event(empty.json().getString("eventId"));
        assertThat(a3.getString("seatCode")).isEqualTo(emptySeat);
        assertThat(a3.getString("attemptId")).isNull();
        assertThat(a3.getJsonObject("detail").getString("category")).isEqualTo("A3");

        int stored = events("").size();
        badRequestNaming(api.post(path, admin, new JsonObject().put("category", "X1").put("note", "n")), "category");
        badRequestNaming(api.post(path, admin, new JsonObject().put("category", "B2")), "note");
        badRequestNaming(api.post(path, admin, new JsonObject().put("category", "B2").put("note", "x".repeat(501))),
                "note");
        assertThat(events("")).hasSize(stored);
        assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).array().stream()
                .map(o -> ((JsonObject) o).getString("action"))).contains("seat.record_incident");
    }

    @Test
    @DisplayName("No event-bus address acts on a seat: the bus has no authentication, so a command sent over it finds"
            + " no consumer and changes nothing")
    void noCommandOverTheEventBus() {
        ProctorCommand forged = new ProctorCommand(ProctorCommand.Action.FORCE_SUBMIT, node.sittingId(),
                node.seatCodes().get(6), 0, "forged", null, null, null, "proctor-7");
        int stored = events("").size();
        // The address a command consumer once served: anything on the cluster network could send to it.
        Throwable refused = Await.result(node.node().vertx().eventBus()
                .<String>request("examcore.proctor.commands", Json.encode(forged))
                .<Throwable>map(reply -> null).recover(Future::succeededFuture));
        assertThat(refused).isInstanceOfSatisfying(ReplyException.class,
                e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
        assertThat(events("")).hasSize(stored);
    }
}
