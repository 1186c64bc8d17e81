package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.contract.SeatProgress;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.ReleasedSitting;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seat change, forced submission and room-wide pause / resume, over HTTP and the seat socket. */
@DisplayName("Seat change, forced submission and room actions")
class SeatActionsIT {

    static ReleasedSitting sitting;
    static TestNode node;
    static Api api;
    static String admin;
    static List<String> spareSeats;
    static String demoRoomId;
    static String spareRoomId;
    static int demoRoomSeats;

    @BeforeAll
    static void start() {
        sitting = ReleasedSitting.start(TestNode.builder().leadSeconds(600));
        node = sitting.node();
        api = sitting.api();
        admin = sitting.admin();
        Api.Reply room = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "R-spare").put("rows", 1).put("cols", 3));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        spareRoomId = room.json().getString("id");
        spareSeats = room.json().getJsonArray("seatCodes").stream().map(Object::toString).toList();
        JsonObject demoRoom = api.get("/api/admin/sittings/" + node.sittingId(), admin).json().getJsonArray("rooms")
                .stream().map(o -> (JsonObject) o).filter(r -> !r.getString("name").equals("R-spare")).findFirst()
                .orElseThrow();
        demoRoomId = demoRoom.getString("id");
        demoRoomSeats = demoRoom.getInteger("rows") * demoRoom.getInteger("cols");
    }

    @AfterAll
    static void stop() {
        sitting.close();
    }

    private static String seat(String code) {
        return "/api/proctor/sittings/" + node.sittingId() + "/seats/" + code;
    }

    private static List<JsonObject> ofKind(String attemptId, String kind) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin);
        return r.array().stream().map(o -> (JsonObject) o).filter(e -> e.getString("kind").equals(kind)).toList();
    }

    /** A proctor account assigned to one room, signed in. */
    private static String proctorOf(String roomId, String username) {
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", username)
                .put("password", "long-enough-secret").put("role", "PROCTOR")
                .put("roomIds", new JsonArray().add(roomId)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api.post("/api/admin/login", null, new JsonObject().put("username", username)
                .put("password", "long-enough-secret")).json().getString("token");
    }

    /** The seat list a staff member's console reads: seat code to attempt id. */
    private static Map<String, String> seatList(String token) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/attempts", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, String> bySeat = new HashMap<>();
        r.array().stream().map(o -> (JsonObject) o).forEach(a -> assertThat(bySeat.put(a.getString("seatCode"),
                a.getString("attemptId"))).as("one attempt per seat").isNull());
        return bySeat;
    }

    private static Map<String, String> filterKeys(Map<String, String> all, List<String> keys) {
        Map<String, String> kept = new HashMap<>(all);
        kept.keySet().retainAll(keys);
        return kept;
    }

    private static void refusedNaming(Api.Reply r, int status, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
    }

    @Test
    @DisplayName("A seat change moves the attempt with its answers; the old terminal is let go and refused")
    void changeSeat() {
        String from = node.seatCodes().get(10);
        String to = spareSeats.get(0);
        JsonObject login = api.loginDemo(node, 10);
        String attemptId = login.getString("attemptId");
        PaperItem tf = Papers.first(Papers.of(node, attemptId), ItemType.TRUE_FALSE);
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            page.hello(new JsonArray());
            assertThat(page.save(tf.number(), true, 3).getString("type")).isEqualTo("saved");

            refusedNaming(api.post(seat(from) + "/change-seat", admin, new JsonObject().put("toSeat", to)),
                    400, "reason");
            refusedNaming(api.post(seat(from) + "/change-seat", admin, new JsonObject().put("toSeat", "nowhere")
                    .put("reason", "r")), 404, "toSeat");
            refusedNaming(api.post(seat(from) + "/change-seat", admin, new JsonObject()
                    .put("toSeat", node.seatCodes().get(11)).put("reason", "r")), 409, "toSeat");
            assertThat(ofKind(attemptId, "SEAT_CHANGED")).isEmpty();

            Api.Reply moved = api.post(seat(from) + "/change-seat", admin, new JsonObject().put("toSeat", to)
                    .put("reason", "terminal screen failed"));
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            assertThat(moved.json().getString("attemptId")).isEqualTo(attemptId);
            JsonObject told = page.next("seat-changed");
            assertThat(told.getString("from")).isEqualTo(from);
            assertThat(told.getString("to")).isEqualTo(to);
            Await.until("the old terminal's socket is let go", Duration.ofSeconds(10), page::isClosed);
            assertThat(page.closeStatus()).as("closed at the end of the seat-change grace").isEqualTo((short) 4410);
        }
        // Room consoles read their seats by the roster, the chief's list scans the sitting: both agree, and the moved
        // attempt is listed in its new room at its new seat, and no longer in the old one.
        Map<String, String> whole = seatList(admin);
        assertThat(whole).containsEntry(to, attemptId).doesNotContainKey(from);
        Map<String, String> spareRoom = seatList(proctorOf(spareRoomId, "proctor-spare"));
        assertThat(spareRoom).containsEntry(to, attemptId)
                .isEqualTo(filterKeys(whole, spareSeats));
        Map<String, String> demoRoom = seatList(proctorOf(demoRoomId, "proctor-demo"));
        assertThat(demoRoom).doesNotContainKey(from).doesNotContainValue(attemptId).hasSizeGreaterThan(20)
                .isEqualTo(filterKeys(whole, node.seatCodes()));

        JsonObject event = ofKind(attemptId, "SEAT_CHANGED").get(0);
        assertThat(event.getJsonObject("detail").getString("from")).isEqualTo(from);
        assertThat(event.getJsonObject("detail").getString("to")).isEqualTo(to);
        assertThat(event.getJsonObject("detail").getString("reason")).isEqualTo("terminal screen failed");

        Api.Reply atOld = api.login(api.enrol(from, node.pin()), node.candidate(10).ticket(),
                node.candidate(10).idNumber());
        assertThat(atOld.status()).isEqualTo(403);
        assertThat(atOld.code()).isEqualTo("WRONG_SEAT");
        Api.Reply atNew = api.login(api.enrol(to, node.pin()), node.candidate(10).ticket(),
                node.candidate(10).idNumber());
        assertThat(atNew.status()).as(atNew.text()).isEqualTo(200);
        assertThat(atNew.json().getString("attemptId")).isEqualTo(attemptId);
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), atNew.json().getString("token"))) {
            JsonObject welcome = page.hello(new JsonArray());
            JsonObject held = welcome.getJsonArray("answers").getJsonObject(0);
            assertThat(held.getInteger("item")).isEqualTo(tf.number());
            assertThat(held.getLong("rev")).isEqualTo(3);
        }
        // The old token was bound to the old seat.
        try (SeatClient stale = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            Await.until("the old seat's token is refused", Duration.ofSeconds(10), stale::isClosed);
        }
    }

    @Test
    @DisplayName("After a seat change the old socket hands over its unsaved answers, also once the new terminal "
            + "holds the attempt, takes nothing else, and is let go (4410) when it says drained")
    void seatChangeDrainsTheOldSocket() throws Exception {
        String from = node.seatCodes().get(16);
        String to = spareSeats.get(1);
        JsonObject login = api.loginDemo(node, 16);
        String attemptId = login.getString("attemptId");
        PaperService.LoadedPaper paper = Papers.of(node, attemptId);
        PaperItem tf = Papers.first(paper, ItemType.TRUE_FALSE);
        PaperItem single = Papers.first(paper, ItemType.SINGLE_CHOICE);
        List<SeatProgress> progress = new CopyOnWriteArrayList<>();
        MessageConsumer<String> progressFeed = node.node().vertx().eventBus().consumer(Addresses.SEAT_PROGRESS,
                m -> progress.add(Json.decode(m.body(), SeatProgress.class)));
        try (SeatClient old = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            progressFeed.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            old.hello(new JsonArray());
            Api.Reply moved = api.post(seat(from) + "/change-seat", admin, new JsonObject().put("toSeat", to)
                    .put("reason", "screen flickers"));
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            old.next("seat-changed");

            // The answer the old page had typed but not had acknowledged when the change came.
            assertThat(old.save(tf.number(), true, 2).getString("type")).isEqualTo("saved");
            // The console sees the handed-over answer at the seat the attempt now sits at.
            Await.until("progress of the drained save", Duration.ofSeconds(10), () -> progress.stream()
                    .anyMatch(p -> p.attemptId().equals(attemptId) && p.answered() == 1));
            assertThat(progress).filteredOn(p -> p.attemptId().equals(attemptId))
                    .allSatisfy(p -> assertThat(p.seatCode()).isEqualTo(to));
            old.send(new JsonObject().put("type", "hello").put("answers", new JsonArray()));
            JsonObject refused = old.next("error");
            assertThat(refused.getString("code")).isEqualTo("SEAT_CHANGED");
            assertThat(refused.getJsonObject("details").getString("field")).isEqualTo("type");

            Api.Reply atNew = api.login(api.enrol(to, node.pin()), node.candidate(16).ticket(),
                    node.candidate(16).idNumber());
            assertThat(atNew.status()).as(atNew.text()).isEqualTo(200);
            try (SeatClient fresh = SeatClient.connect(api.vertx(), node.port(), atNew.json().getString("token"))) {
                JsonObject welcome = fresh.hello(new JsonArray());
                assertThat(held(welcome, tf.number()).getLong("rev")).isEqualTo(2);
                assertThat(fresh.save(single.number(), Papers.correct(single), 5).getString("type"))
                        .isEqualTo("saved");
                // Late saves from the old terminal merge by rev: a new item lands, an older rev changes nothing.
                assertThat(old.save(tf.number(), false, 3).getString("type")).isEqualTo("saved");
                assertThat(old.save(single.number(), Papers.wrong(single), 4).getString("type"))
                        .isEqualTo("saved");
                assertThat(old.isClosed()).as("the new terminal's socket does not cut the draining one off")
                        .isFalse();
                old.send(new JsonObject().put("type", "drained"));
                Await.until("the drained socket is let go", Duration.ofSeconds(10), old::isClosed);
                assertThat(old.closeStatus()).isEqualTo((short) 4410);
                assertThat(fresh.isClosed()).isFalse();
            }
        } finally {
            progressFeed.unregister();
        }
        Api.Reply again = api.login(api.enrol(to, node.pin()), node.candidate(16).ticket(),
                node.candidate(16).idNumber());
        try (SeatClient fresh = SeatClient.connect(api.vertx(), node.port(), again.json().getString("token"))) {
            JsonObject welcome = fresh.hello(new JsonArray());
            assertThat(held(welcome, tf.number()).getLong("rev")).isEqualTo(3);
            assertThat(held(welcome, tf.number()).getValue("value")).isEqualTo(false);
            assertThat(held(welcome, single.number()).getLong("rev")).isEqualTo(5);
            assertThat(held(welcome, single.number()).getValue("value")).isEqualTo(Papers.correct(single));
        }
    }

    @Test
    @DisplayName("drained outside a seat change is refused naming the type, and the socket stays open")
    void drainedWithoutSeatChange() {
        JsonObject login = api.loginDemo(node, 17);
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            page.hello(new JsonArray());
            page.send(new JsonObject().put("type", "drained"));
            JsonObject refused = page.next("error");
            assertThat(refused.getString("code")).isEqualTo("BAD_MESSAGE");
            assertThat(refused.getJsonObject("details").getString("field")).isEqualTo("type");
            page.send(new JsonObject().put("type", "ping").put("clientTime", 1));
            page.next("pong");
            assertThat(page.isClosed()).isFalse();
        }
    }

    private static JsonObject held(JsonObject welcome, int item) {
        return welcome.getJsonArray("answers").stream().map(o -> (JsonObject) o)
                .filter(a -> a.getInteger("item") == item).findFirst()
                .orElseThrow(() -> new AssertionError("no answer to item " + item + " in " + welcome));
    }

    @Test
    @DisplayName("A forced submission freezes and scores the attempt now, once, and the page gets its receipt")
    void forceSubmit() {
        JsonObject login = api.loginDemo(node, 12);
        String attemptId = login.getString("attemptId");
        String code = node.seatCodes().get(12);
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            page.hello(new JsonArray());
            refusedNaming(api.post(seat(code) + "/force-submit", admin, new JsonObject()), 400, "reason");
            Api.Reply r = api.post(seat(code) + "/force-submit", admin, new JsonObject()
                    .put("reason", "candidate taken ill, asked to stop"));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().getString("state")).isEqualTo("SUBMITTED");
            assertThat(page.next("submitted").getJsonObject("receipt").getString("attemptId")).isEqualTo(attemptId);
        }
        assertThat(ofKind(attemptId, "FORCE_SUBMITTED")).hasSize(1);
        assertThat(ofKind(attemptId, "FORCE_SUBMITTED").get(0).getJsonObject("detail").getString("by"))
                .isEqualTo(node.adminUser());
        Api.Reply results = api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin);
        JsonObject row = results.array().stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("ticket").equals(node.candidate(12).ticket())).findFirst().orElseThrow();
        assertThat(row.getString("submitKind")).isEqualTo("FORCED");
        Api.Reply again = api.post(seat(code) + "/force-submit", admin, new JsonObject().put("reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(ofKind(attemptId, "FORCE_SUBMITTED")).hasSize(1);
    }

    @Test
    @DisplayName("A room pause pauses every answering seat of the room and reports the others; resume undoes it")
    void roomPauseAndResume() {
        JsonObject login = api.loginDemo(node, 14);
        String attemptId = login.getString("attemptId");
        String room = "/api/proctor/sittings/" + node.sittingId() + "/rooms/";
        try (SeatClient page = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            page.hello(new JsonArray());
            roomPauseAndResume(room, attemptId, page);
        }
    }

    private static void roomPauseAndResume(String room, String attemptId, SeatClient page) {
        refusedNaming(api.post(room + "no-room/pause", admin, new JsonObject().put("reason", "x")), 404, "roomId");

        Api.Reply paused = api.post(room + demoRoomId + "/pause", admin, new JsonObject().put("reason", "fire drill"));
        assertThat(paused.status()).as(paused.text()).isEqualTo(200);
        JsonArray seats = paused.json().getJsonArray("seats");
        assertThat(seats.size()).isEqualTo(demoRoomSeats);
        JsonObject mine = seats.stream().map(o -> (JsonObject) o)
                .filter(o -> attemptId.equals(o.getString("attemptId"))).findFirst().orElseThrow();
        assertThat(mine.getBoolean("ok")).isTrue();
        assertThat(mine.getString("state")).isEqualTo("PAUSED");
        assertThat(seats.stream().map(o -> (JsonObject) o).filter(o -> !o.getBoolean("ok")))
                .allSatisfy(o -> assertThat(o.getString("code")).isEqualTo("ILLEGAL_TRANSITION"));
        assertThat(ofKind(attemptId, "PAUSED")).hasSize(1);
        assertThat(page.next("state").getString("state")).isEqualTo("PAUSED");

        refusedNaming(api.post(room + demoRoomId + "/resume", admin, null), 400, "reason");
        Api.Reply resumed = api.post(room + demoRoomId + "/resume", admin, new JsonObject().put("reason", "drill over"));
        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        assertThat(resumed.json().getJsonArray("seats").stream().map(o -> (JsonObject) o)
                .filter(o -> attemptId.equals(o.getString("attemptId"))).findFirst().orElseThrow()
                .getString("state")).isEqualTo("ANSWERING");
        assertThat(ofKind(attemptId, "RESUMED")).hasSize(1);
    }
}
