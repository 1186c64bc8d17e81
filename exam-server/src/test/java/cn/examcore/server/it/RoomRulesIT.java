package cn.examcore.server.it;

import static cn.examcore.server.testing.ReleasedSitting.badRequestNaming;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 考场规则 over real HTTP and the seat socket, against a sitting whose T0 was twenty minutes ago: the late-entry
 * cutoff, the earliest submission, and the room- and sitting-wide pause, resume and extension.
 */
@DisplayName("Room rules and room-wide actions")
class RoomRulesIT {

    static TestNode node;
    static Api api;
    static String admin;
    static String roomA;
    static String roomB;
    static String proctorB;
    static String proctorA;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(-20 * 60).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        roomA = api.get("/api/proctor/sittings/" + node.sittingId() + "/rooms", admin).json().getJsonArray("rooms")
                .getJsonObject(0).getString("id");
        Api.Reply b = api.post("/api/admin/sittings/" + node.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "RB").put("rows", 1).put("cols", 2));
        assertThat(b.status()).as(b.text()).isEqualTo(201);
        roomB = b.json().getString("id");
        proctorA = staff("proctor-rules-a", new JsonArray().add(roomA));
        proctorB = staff("proctor-rules-b", new JsonArray().add(roomB));
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String staff(String name, JsonArray rooms) {
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", name)
                .put("password", "long-enough-secret").put("role", "PROCTOR").put("roomIds", rooms));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api.post("/api/admin/login", null, new JsonObject().put("username", name)
                .put("password", "long-enough-secret")).json().getString("token");
    }

    private static String rulesPath() {
        return "/api/admin/sittings/" + node.sittingId() + "/rules";
    }

    private static JsonObject setRules(JsonObject body) {
        Api.Reply r = api.put(rulesPath(), admin, body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static Map<String, JsonObject> attempts() {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/attempts", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o)
                .collect(Collectors.toMap(o -> o.getString("seatCode"), Function.identity()));
    }

    private static List<JsonObject> events(String attemptId, String kind) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin);
        return r.array().stream().map(o -> (JsonObject) o).filter(e -> e.getString("kind").equals(kind)).toList();
    }

    private static List<String> auditActions() {
        return api.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).array().stream()
                .map(o -> ((JsonObject) o).getString("action")).toList();
    }

    @Test
    @DisplayName("Rules out of range, of the wrong type or from a proctor are refused by name and change nothing")
    void badRules() {
        JsonObject before = api.get(rulesPath(), admin).json();
        badRequestNaming(api.put(rulesPath(), admin, new JsonObject().put("lateEntryMinutes", -1)),
                "lateEntryMinutes");
        badRequestNaming(api.put(rulesPath(), admin, new JsonObject().put("earliestSubmitMinutes", 481)
                .put("lateEntryMinutes", 10)), "earliestSubmitMinutes");
        badRequestNaming(api.put(rulesPath(), admin, new JsonObject().put("earliestSubmitMinutes", "thirty")),
                "earliestSubmitMinutes");
        badRequestNaming(api.put(rulesPath(), admin, new JsonObject().put("rulesVersion", "v 2!")), "rulesVersion");
        // A version the candidate page has no text of: candidates could not be shown what they acknowledge.
        badRequestNaming(api.put(rulesPath(), admin, new JsonObject().put("rulesVersion", "2031-9")), "rulesVersion");
        badRequestNaming(api.put(rulesPath(), admin, new JsonObject()), "lateEntryMinutes");
        assertThat(api.put(rulesPath(), proctorA, new JsonObject().put("lateEntryMinutes", 5)).status())
                .isEqualTo(403);
        assertThat(api.put("/api/admin/sittings/no-such/rules", admin, new JsonObject().put("lateEntryMinutes", 5))
                .code()).isEqualTo("UNKNOWN_SITTING");
        assertThat(api.get(rulesPath(), admin).json()).isEqualTo(before);
    }

    @Test
    @DisplayName("After the late-entry cutoff a first login is refused with the time and the seat recorded absent;"
            + " a candidate who had logged in before comes back in")
    void lateEntry() {
        setRules(new JsonObject().put("lateEntryMinutes", 0));
        JsonObject earlier = api.loginDemo(node, 4);
        JsonObject rules = setRules(new JsonObject().put("lateEntryMinutes", 15));
        assertThat(rules.getInteger("lateEntryMinutes")).isEqualTo(15);
        assertThat(rules.getString("updatedBy")).isEqualTo(node.adminUser());
        assertThat(auditActions()).contains("sitting.rules");

        String terminal = api.enrol(node.seatCodes().get(3), node.pin());
        Api.Reply late = api.login(terminal, node.candidate(3).ticket(), node.candidate(3).idNumber());
        assertThat(late.status()).as(late.text()).isEqualTo(403);
        assertThat(late.code()).isEqualTo("LATE_ENTRY_CLOSED");
        assertThat(late.json().getString("message")).contains("late entry closed at").contains("absent");
        long closedAt = late.json().getJsonObject("details").getLong("lateEntryClosedAt");
        assertThat(closedAt).isEqualTo(node.demo().t0() + 15 * 60_000L);
        String lateAttempt = attempts().get(node.seatCodes().get(3)).getString("attemptId");
        List<JsonObject> absent = events(lateAttempt, "LATE_ENTRY_REFUSED");
        assertThat(absent).hasSize(1);
        assertThat(absent.get(0).getJsonObject("detail").getString("ticket")).isEqualTo(node.candidate(3).ticket());
        assertThat(absent.get(0).getJsonObject("detail").getLong("closedAt")).isEqualTo(closedAt);
        assertThat(events(lateAttempt, "LOGIN")).isEmpty();

        JsonObject again = api.loginDemo(node, 4);
        assertThat(again.getString("attemptId")).isEqualTo(earlier.getString("attemptId"));
        setRules(new JsonObject().put("lateEntryMinutes", 0));
    }

    @Test
    @DisplayName("Before the earliest submission a submit is refused with the time it opens, and the welcome says"
            + " when; once it opens the same submit is taken")
    void earliestSubmission() {
        setRules(new JsonObject().put("lateEntryMinutes", 0).put("earliestSubmitMinutes", 30));
        JsonObject login = api.loginDemo(node, 5);
        long opens = node.demo().t0() + 30 * 60_000L;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            JsonObject welcome = seat.hello(new JsonArray());
            assertThat(welcome.getLong("submitFrom")).isEqualTo(opens);
            seat.send(new JsonObject().put("type", "submit").put("answers", new JsonArray()).put("digest", "0".repeat(64)));
            JsonObject refused = seat.next("error");
            assertThat(refused.getString("code")).isEqualTo("TOO_EARLY");
            assertThat(refused.getJsonObject("details").getLong("submitFrom")).isEqualTo(opens);
            assertThat(attempts().get(node.seatCodes().get(5)).getString("state")).isEqualTo("ANSWERING");

            setRules(new JsonObject().put("earliestSubmitMinutes", 10));
            seat.send(new JsonObject().put("type", "submit").put("answers", new JsonArray()).put("digest", "0".repeat(64)));
            assertThat(seat.next("submitted").getJsonObject("receipt").getString("attemptId"))
                    .isEqualTo(login.getString("attemptId"));
        } finally {
            setRules(new JsonObject().put("earliestSubmitMinutes", 0));
        }
        assertThat(attempts().get(node.seatCodes().get(5)).getString("state")).isEqualTo("SUBMITTED");
    }

    @Test
    @DisplayName("A room's extension moves the deadline of every open attempt of the room and is audited; without a"
            + " reason, or from a proctor of another room, it changes nothing")
    void roomExtension() {
        String path = "/api/proctor/sittings/" + node.sittingId() + "/rooms/" + roomA + "/extend";
        Map<String, JsonObject> before = attempts();
        badRequestNaming(api.post(path, admin, new JsonObject().put("seconds", 300)), "reason");
        badRequestNaming(api.post(path, admin, new JsonObject().put("seconds", 0).put("reason", "power cut")),
                "seconds");
        Api.Reply foreign = api.post(path, proctorB, new JsonObject().put("seconds", 300).put("reason", "x"));
        assertThat(foreign.status()).as(foreign.text()).isEqualTo(403);
        assertThat(foreign.json().getJsonObject("details").getString("field")).isEqualTo("roomId");
        Api.Reply whole = api.post("/api/proctor/sittings/" + node.sittingId() + "/all-rooms/extend", proctorA,
                new JsonObject().put("seconds", 300).put("reason", "x"));
        assertThat(whole.status()).as(whole.text()).isEqualTo(403);
        assertThat(deadlines(attempts(), "ANSWERING")).isEqualTo(deadlines(before, "ANSWERING"));

        Api.Reply r = api.post(path, proctorA, new JsonObject().put("seconds", 300).put("reason", "停电补时"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, JsonObject> after = attempts();
        int moved = 0;
        for (var e : before.entrySet()) {
            // The demo's seats are room A's; a candidate moved to room B keeps its deadline.
            if (e.getValue().getString("state").equals("ANSWERING") && node.seatCodes().contains(e.getKey())) {
                assertThat(after.get(e.getKey()).getLong("deadline")).as(e.getKey())
                        .isEqualTo(e.getValue().getLong("deadline") + 300_000);
                moved++;
            }
        }
        assertThat(moved).isGreaterThan(20);
        assertThat(r.json().getJsonArray("seats").stream().filter(o -> ((JsonObject) o).getBoolean("ok")).count())
                .isEqualTo(moved);
        String oneAttempt = after.get(node.seatCodes().get(0)).getString("attemptId");
        assertThat(events(oneAttempt, "EXTENDED")).anySatisfy(e -> assertThat(e.getJsonObject("detail")
                .getString("reason")).isEqualTo("停电补时"));
        assertThat(auditActions()).contains("room.extend");
    }

    private static Map<String, Long> deadlines(Map<String, JsonObject> attempts, String state) {
        return attempts.values().stream().filter(a -> a.getString("state").equals(state))
                .collect(Collectors.toMap(a -> a.getString("seatCode"), a -> a.getLong("deadline")));
    }

    @Test
    @DisplayName("A whole sitting is paused and resumed with a reason: the seat's page hears both, and the time"
            + " paused is added to its deadline")
    void sittingPauseAndResume() {
        JsonObject login = api.loginDemo(node, 7);
        String base = "/api/proctor/sittings/" + node.sittingId() + "/all-rooms/";
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            long deadline = seat.hello(new JsonArray()).getLong("deadline");
            badRequestNaming(api.post(base + "pause", admin, new JsonObject()), "reason");
            assertThat(attempts().get(node.seatCodes().get(7)).getString("state")).isEqualTo("ANSWERING");

            Api.Reply paused = api.post(base + "pause", admin, new JsonObject().put("reason", "fire alarm"));
            assertThat(paused.status()).as(paused.text()).isEqualTo(200);
            assertThat(seat.next("state").getString("state")).isEqualTo("PAUSED");
            assertThat(attempts().values()).allSatisfy(a -> assertThat(a.getString("state"))
                    .isIn("PAUSED", "SUBMITTED"));
            long pausedAt = System.currentTimeMillis();
            Api.Reply resumed = api.post(base + "resume", admin, new JsonObject().put("reason", "alarm over"));
            assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
            JsonObject state = seat.next("state");
            assertThat(state.getString("state")).isEqualTo("ANSWERING");
            assertThat(state.getLong("deadline")).isGreaterThan(deadline);
            assertThat(attempts().values()).allSatisfy(a -> assertThat(a.getString("state"))
                    .isIn("ANSWERING", "SUBMITTED"));
            assertThat(pausedAt).isPositive();
        }
        assertThat(auditActions()).contains("sitting.pause", "sitting.resume");
    }

    private static String idNumber(int n) {
        String body = String.format("3101011985%02d%02d%03d", 1 + n % 12, 1 + n % 28, 300 + n);
        return body + DemoSitting.checkChar(body);
    }

    @Test
    @DisplayName("Extra time from the roster (percent and/or minutes, who approved it) is refused by name when wrong,"
            + " shown on the seat to the proctor and added to the candidate's deadline")
    void accommodations() throws Exception {
        long t0 = System.currentTimeMillis() + 3_600_000;
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "accommodations")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识").put("t0", t0)
                .put("durationMinutes", 60).put("checkInMinutes", 30).put("enrolmentPin", "551234"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().getString("id");
        Api.Reply room = api.post("/api/admin/sittings/" + id + "/rooms", admin,
                new JsonObject().put("name", "R7").put("rows", 1).put("cols", 3));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        String header = "准考证号,身份证号,姓名,考场,座位号,科目,延时百分比,延时分钟,延时批准人\n";
        String bad = header + "X-1," + idNumber(1) + ",甲,R7,1,理论知识,150,,考务办\n"
                + "X-2," + idNumber(2) + ",乙,R7,2,理论知识,,10,\n"
                + "X-3," + idNumber(3) + ",丙,R7,3,理论知识,,,某人\n";
        Api.Reply refused = api.postFile("/api/admin/sittings/" + id + "/roster", admin, "roster.csv",
                bad.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.json().getJsonObject("details").getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getInteger("row") + ":" + ((JsonObject) e).getString("field")))
                .containsExactly("2:extraTimePercent", "3:approvedBy", "4:approvedBy");
        assertThat(api.get("/api/admin/sittings/" + id, admin).json().getInteger("candidates")).isZero();

        String good = header + "X-1," + idNumber(1) + ",甲,R7,1,理论知识,25,,区考务办\n"
                + "X-2," + idNumber(2) + ",乙,R7,2,理论知识,10%,10,市残联\n"
                + "X-3," + idNumber(3) + ",丙,R7,3,理论知识,,,\n";
        Api.Reply imported = api.postFile("/api/admin/sittings/" + id + "/roster", admin, "roster.csv",
                good.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        String bankId = api.get("/api/admin/sittings/" + node.sittingId(), admin).json().getString("bankId");
        String blueprint;
        try (InputStream in = getClass().getResourceAsStream("/samples/hr-4-theory.blueprint.json")) {
            blueprint = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(api.put("/api/admin/sittings/" + id + "/blueprint", admin, new JsonObject().put("bankId", bankId)
                .put("blueprint", new JsonObject(blueprint))).status()).isEqualTo(200);
        Api.Reply assembled = api.post("/api/admin/sittings/" + id + "/assemble", admin, null);
        assertThat(assembled.status()).as(assembled.text()).isEqualTo(200);

        Map<String, Long> deadlines = api.get("/api/proctor/sittings/" + id + "/attempts", admin).array().stream()
                .map(o -> (JsonObject) o).collect(Collectors.toMap(o -> o.getString("ticket"),
                        o -> o.getLong("deadline")));
        long plain = t0 + 3_600_000;
        assertThat(deadlines).containsEntry("X-1", plain + 900_000).containsEntry("X-2", plain + 960_000)
                .containsEntry("X-3", plain);

        JsonArray seats = api.get("/api/proctor/sittings/" + id + "/rooms", admin).json().getJsonArray("rooms")
                .getJsonObject(0).getJsonArray("seats");
        JsonObject first = seats.getJsonObject(0);
        assertThat(first.getString("ticket")).isEqualTo("X-1");
        assertThat(first.getJsonObject("extraTime").getMap()).containsEntry("percent", 25).containsEntry("minutes", 0)
                .containsEntry("seconds", 900).containsEntry("approvedBy", "区考务办");
        assertThat(seats.getJsonObject(1).getJsonObject("extraTime").getInteger("minutes")).isEqualTo(10);
        assertThat(seats.getJsonObject(2).containsKey("extraTime")).isFalse();
    }

    private static JsonObject resultOf(String ticket) {
        Api.Reply r = api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).filter(o -> o.getString("ticket").equals(ticket))
                .findFirst().orElseThrow();
    }

    private static JsonObject submit(SeatClient seat, JsonArray answers) {
        seat.send(new JsonObject().put("type", "submit").put("answers", answers).put("digest", "0".repeat(64)));
        return seat.next("submitted").getJsonObject("receipt");
    }

    @Test
    @DisplayName("A submitted attempt reopened with a reason continues with its answers and time left, its result is"
            + " withdrawn, and the next submission scores it again; without a reason or from another room nothing"
            + " changes")
    void reopen() {
        int i = 9;
        String ticket = node.candidate(i).ticket();
        JsonObject login = api.loginDemo(node, i);
        String attemptId = login.getString("attemptId");
        PaperService.LoadedPaper paper = Papers.of(node, attemptId);
        PaperItem single = Papers.first(paper, ItemType.SINGLE_CHOICE);
        PaperItem tf = Papers.first(paper, ItemType.TRUE_FALSE);
        long leftAtSubmission;
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            seat.save(tf.number(), Papers.wrong(tf), 1);
            submit(seat, new JsonArray());
            leftAtSubmission = attempts().get(node.seatCodes().get(i)).getLong("deadline") - System.currentTimeMillis();
        }
        Await.until("the first result is stored", java.time.Duration.ofSeconds(10),
                () -> resultOf(ticket).getString("submitKind") != null);
        assertThat(new BigDecimal(resultOf(ticket).getValue("objectiveScore").toString())).isZero();

        String path = "/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(i) + "/reopen";
        badRequestNaming(api.post(path, admin, new JsonObject()), "reason");
        assertThat(api.post(path, proctorB, new JsonObject().put("reason", "x")).status()).isEqualTo(403);
        assertThat(attempts().get(node.seatCodes().get(i)).getString("state")).isEqualTo("SUBMITTED");

        Api.Reply reopened = api.post(path, proctorA, new JsonObject().put("reason", "误点交卷，监考确认"));
        assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);
        assertThat(reopened.json().getString("state")).isEqualTo("ANSWERING");
        long leftNow = reopened.json().getLong("deadline") - System.currentTimeMillis();
        assertThat(leftNow).isBetween(leftAtSubmission - 5_000, leftAtSubmission + 1_000);
        assertThat(resultOf(ticket).getString("submitKind")).isNull();
        assertThat(events(attemptId, "REOPENED")).singleElement().satisfies(e -> assertThat(
                e.getJsonObject("detail").getString("reason")).isEqualTo("误点交卷，监考确认"));
        assertThat(auditActions()).contains("seat.reopen");
        Api.Reply twice = api.post(path, admin, new JsonObject().put("reason", "again"));
        assertThat(twice.status()).as(twice.text()).isEqualTo(409);

        JsonObject again = api.loginDemo(node, i);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), again.getString("token"))) {
            JsonObject welcome = seat.hello(new JsonArray());
            assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
            assertThat(welcome.getJsonArray("answers").stream().map(o -> ((JsonObject) o).getInteger("item")))
                    .contains(tf.number());
            seat.save(single.number(), Papers.correct(single), 1);
            submit(seat, new JsonArray());
        }
        Await.until("the new result is stored", java.time.Duration.ofSeconds(10),
                () -> resultOf(ticket).getString("submitKind") != null);
        assertThat(new BigDecimal(resultOf(ticket).getValue("objectiveScore").toString()))
                .isEqualByComparingTo(single.score());
    }

    @Test
    @DisplayName("An announcement reaches exactly the seats of its room or of the sitting, shows again until"
            + " acknowledged, stores each acknowledgement once, and is refused outside the proctor's rooms")
    void announcements() {
        String base = "/api/proctor/sittings/" + node.sittingId();
        String seatInB = api.get(base + "/rooms", admin).json().getJsonArray("rooms").stream()
                .map(o -> (JsonObject) o).filter(r -> r.getString("id").equals(roomB)).findFirst().orElseThrow()
                .getJsonArray("seats").getJsonObject(1).getString("code");
        Api.Reply moved = api.post(base + "/seats/" + node.seatCodes().get(11) + "/change-seat", admin,
                new JsonObject().put("toSeat", seatInB).put("reason", "screen broken"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        JsonObject inA = api.loginDemo(node, 10);
        Api.Reply loginB = api.login(api.enrol(seatInB, node.pin()), node.candidate(11).ticket(),
                node.candidate(11).idNumber());
        assertThat(loginB.status()).as(loginB.text()).isEqualTo(200);
        int before = api.get(base + "/announcements", admin).array().size();

        badRequestNaming(api.post(base + "/announcements", proctorA, new JsonObject().put("roomId", roomA)),
                "message");
        Api.Reply toB = api.post(base + "/announcements", proctorA, new JsonObject().put("roomId", roomB)
                .put("message", "x"));
        assertThat(toB.status()).isEqualTo(403);
        assertThat(toB.json().getJsonObject("details").getString("field")).isEqualTo("roomId");
        Api.Reply whole = api.post(base + "/announcements", proctorA, new JsonObject().put("message", "x"));
        assertThat(whole.status()).isEqualTo(403);
        assertThat(whole.json().getJsonObject("details").getString("field")).isEqualTo("sittingId");
        Api.Reply unknown = api.post(base + "/announcements", admin, new JsonObject().put("roomId", "no-such-room")
                .put("message", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        Api.Reply other = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "other")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                .put("t0", System.currentTimeMillis() + 7_200_000).put("durationMinutes", 60).put("checkInMinutes", 30)
                .put("enrolmentPin", "661234"));
        String otherId = other.json().getString("id");
        String otherRoom = api.post("/api/admin/sittings/" + otherId + "/rooms", admin,
                new JsonObject().put("name", "R8").put("rows", 1).put("cols", 1)).json().getString("id");
        assertThat(api.post("/api/proctor/sittings/" + otherId + "/announcements", proctorA,
                new JsonObject().put("roomId", otherRoom).put("message", "x")).status()).isEqualTo(403);
        assertThat(api.post("/api/proctor/sittings/" + otherId + "/announcements", proctorA,
                new JsonObject().put("message", "x")).status()).isEqualTo(403);
        assertThat(api.post("/api/proctor/sittings/" + node.sittingId() + "/announcements", proctorA,
                new JsonObject().put("roomId", otherRoom).put("message", "x")).status()).isEqualTo(404);
        assertThat(api.get(base + "/announcements", admin).array()).hasSize(before);

        try (SeatClient a = SeatClient.connect(api.vertx(), node.port(), inA.getString("token"));
             SeatClient b = SeatClient.connect(api.vertx(), node.port(), loginB.json().getString("token"))) {
            a.hello(new JsonArray());
            b.hello(new JsonArray());
            Api.Reply room = api.post(base + "/announcements", proctorA, new JsonObject().put("roomId", roomA)
                    .put("message", "请关闭手机"));
            assertThat(room.status()).as(room.text()).isEqualTo(201);
            String roomId = room.json().getString("id");
            assertThat(room.json().getInteger("reached")).isGreaterThan(0);
            Api.Reply all = api.post(base + "/announcements", admin, new JsonObject().put("message", "考试延后五分钟结束"));
            assertThat(all.status()).as(all.text()).isEqualTo(201);
            String allId = all.json().getString("id");

            JsonObject first = a.next("announcement");
            assertThat(first.getString("announcementId")).isEqualTo(roomId);
            assertThat(first.getString("message")).isEqualTo("请关闭手机");
            assertThat(first.getString("scope")).isEqualTo("room");
            assertThat(a.next("announcement").getString("announcementId")).isEqualTo(allId);
            JsonObject onlyOne = b.next("announcement");
            assertThat(onlyOne.getString("announcementId")).isEqualTo(allId);
            assertThat(onlyOne.getString("scope")).isEqualTo("sitting");

            a.send(new JsonObject().put("type", "ack-announcement").put("announcementId", roomId));
            a.send(new JsonObject().put("type", "ack-announcement").put("announcementId", roomId));
            a.send(new JsonObject().put("type", "ack-announcement").put("announcementId", "nope"));
            JsonObject refused = a.next("error");
            assertThat(refused.getString("code")).isEqualTo("NOT_FOUND");
            assertThat(refused.getJsonObject("details").getString("field")).isEqualTo("announcementId");
            b.send(new JsonObject().put("type", "ack-announcement").put("announcementId", roomId));
            assertThat(b.next("error").getJsonObject("details").getString("field")).isEqualTo("announcementId");
            Await.until("the acknowledgement is stored", java.time.Duration.ofSeconds(10), () -> api.get(base
                    + "/announcements", admin).array().stream().map(o -> (JsonObject) o)
                    .anyMatch(x -> x.getString("id").equals(roomId) && !x.getJsonArray("acknowledged").isEmpty()));
            JsonObject listed = api.get(base + "/announcements", proctorA).array().stream().map(o -> (JsonObject) o)
                    .filter(x -> x.getString("id").equals(roomId)).findFirst().orElseThrow();
            assertThat(listed.getJsonArray("acknowledged").stream().map(Object::toString).toList())
                    .containsExactly(node.candidate(10).ticket());
            assertThat(events(inA.getString("attemptId"), "ANNOUNCEMENT_ACKNOWLEDGED")).hasSize(1);
            assertThat(api.get(base + "/announcements", proctorB).array().stream()
                    .map(o -> ((JsonObject) o).getString("id")).toList()).contains(allId).doesNotContain(roomId);
        }
        try (SeatClient a = SeatClient.connect(api.vertx(), node.port(), inA.getString("token"))) {
            a.hello(new JsonArray());
            assertThat(a.next("announcement").getString("scope")).isEqualTo("sitting");
        }
        assertThat(auditActions()).contains("announcement.make");
    }

    @Test
    @DisplayName("The candidate's acknowledgement of the rules (承诺) is stored once per text version, with its time")
    void rulesAcknowledgement() {
        JsonObject login = api.loginDemo(node, 12);
        String attemptId = login.getString("attemptId");
        long sent = System.currentTimeMillis();
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            seat.hello(new JsonArray());
            seat.send(new JsonObject().put("type", "ack-rules").put("version", "2025-1"));
            seat.send(new JsonObject().put("type", "ack-rules").put("version", "2025-1"));
            seat.send(new JsonObject().put("type", "ack-rules"));
            assertThat(seat.next("error").getJsonObject("details").getString("field")).isEqualTo("version");
        }
        Await.until("the acknowledgement is stored", java.time.Duration.ofSeconds(10),
                () -> !events(attemptId, "RULES_ACKNOWLEDGED").isEmpty());
        List<JsonObject> acks = events(attemptId, "RULES_ACKNOWLEDGED");
        assertThat(acks).hasSize(1);
        assertThat(acks.get(0).getJsonObject("detail").getString("version")).isEqualTo("2025-1");
        assertThat(acks.get(0).getLong("at")).isBetween(sent, System.currentTimeMillis());
    }

    @Test
    @DisplayName("After the sitting has ended a reopening is refused with the time it ended, and nothing changes")
    void reopenAfterTheEnd() throws Exception {
        long t0 = System.currentTimeMillis() - 7_200_000;
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "ended")
                .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识").put("t0", t0)
                .put("durationMinutes", 60).put("checkInMinutes", 30).put("enrolmentPin", "771234"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().getString("id");
        assertThat(api.post("/api/admin/sittings/" + id + "/rooms", admin,
                new JsonObject().put("name", "R9").put("rows", 1).put("cols", 1)).status()).isEqualTo(201);
        String roster = "准考证号,身份证号,姓名,考场,座位号,科目\nE-1," + idNumber(7) + ",庚,R9,1,理论知识\n";
        assertThat(api.postFile("/api/admin/sittings/" + id + "/roster", admin, "roster.csv",
                roster.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        String bankId = api.get("/api/admin/sittings/" + node.sittingId(), admin).json().getString("bankId");
        String blueprint;
        try (InputStream in = getClass().getResourceAsStream("/samples/hr-4-theory.blueprint.json")) {
            blueprint = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(api.put("/api/admin/sittings/" + id + "/blueprint", admin, new JsonObject().put("bankId", bankId)
                .put("blueprint", new JsonObject(blueprint))).status()).isEqualTo(200);
        assertThat(api.post("/api/admin/sittings/" + id + "/assemble", admin, null).status()).isEqualTo(200);
        String seat = api.get("/api/proctor/sittings/" + id + "/attempts", admin).array().getJsonObject(0)
                .getString("seatCode");
        Api.Reply refused = api.post("/api/proctor/sittings/" + id + "/seats/" + seat + "/reopen", admin,
                new JsonObject().put("reason", "too late"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(refused.json().getJsonObject("details").getLong("sittingEndedAt")).isEqualTo(t0 + 3_600_000);
        assertThat(api.get("/api/admin/sittings/" + id + "/audit", admin).array().stream()
                .map(o -> ((JsonObject) o).getString("action"))).doesNotContain("seat.reopen");
    }

    @Test
    @DisplayName("Announcements and room actions are rate-limited per staff member: a flood is answered 429")
    void rateLimited() {
        String flooder = staff("proctor-rules-flood", new JsonArray().add(roomA));
        int limited = 0;
        for (int i = 0; i < 60; i++) {
            Api.Reply r = api.post("/api/proctor/sittings/" + node.sittingId() + "/announcements", flooder,
                    new JsonObject().put("roomId", roomA));
            if (r.status() == 429) {
                assertThat(r.code()).isEqualTo("RATE_LIMITED");
                limited++;
            } else {
                assertThat(r.status()).isEqualTo(400);
            }
        }
        assertThat(limited).isPositive();
    }

    @Test
    @DisplayName("A room proctor's seat list and event feed hold exactly the seats of their rooms, read for those"
            + " seats only; the room view counts the paper's items")
    void roomProctorReadsTheirRooms() {
        String base = "/api/proctor/sittings/" + node.sittingId();
        JsonObject layout = api.get(base + "/rooms", admin).json();
        Set<String> inA = seatsOf(layout, roomA);
        Set<String> inB = seatsOf(layout, roomB);
        String seatInB = layout.getJsonArray("rooms").stream().map(o -> (JsonObject) o)
                .filter(r -> r.getString("id").equals(roomB)).findFirst().orElseThrow()
                .getJsonArray("seats").getJsonObject(0).getString("code");
        Api.Reply moved = api.post(base + "/seats/" + node.seatCodes().get(13) + "/change-seat", admin,
                new JsonObject().put("toSeat", seatInB).put("reason", "keyboard failed"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        Api.Reply loginB = api.login(api.enrol(seatInB, node.pin()), node.candidate(13).ticket(),
                node.candidate(13).idNumber());
        assertThat(loginB.status()).as(loginB.text()).isEqualTo(200);
        JsonObject loginA = api.loginDemo(node, 14);
        Await.until("both logins are recorded", java.time.Duration.ofSeconds(10), () -> seatsWithLogin(admin)
                .containsAll(Set.of(seatInB, node.seatCodes().get(14))));

        Set<String> all = attemptSeats(admin);
        assertThat(all).contains(seatInB, node.seatCodes().get(14));
        assertThat(attemptSeats(proctorA)).isEqualTo(all.stream().filter(inA::contains).collect(Collectors.toSet()))
                .contains(node.seatCodes().get(14)).doesNotContain(seatInB);
        assertThat(attemptSeats(proctorB)).isEqualTo(all.stream().filter(inB::contains).collect(Collectors.toSet()))
                .contains(seatInB);

        List<JsonObject> everyEvent = eventsAs(admin);
        assertThat(ids(eventsAs(proctorA))).isEqualTo(ids(everyEvent.stream()
                .filter(e -> inA.contains(e.getString("seatCode"))).toList())).isNotEmpty();
        assertThat(ids(eventsAs(proctorB))).isEqualTo(ids(everyEvent.stream()
                .filter(e -> inB.contains(e.getString("seatCode"))).toList())).isNotEmpty();
        assertThat(seatsWithLogin(proctorB)).contains(seatInB);

        int items = Papers.of(node, loginA.getString("attemptId")).items().size();
        assertThat(items).isPositive();
        assertThat(layout.getInteger("itemCount")).isEqualTo(items);
    }

    private static Set<String> seatsOf(JsonObject layout, String roomId) {
        return layout.getJsonArray("rooms").stream().map(o -> (JsonObject) o)
                .filter(r -> r.getString("id").equals(roomId)).flatMap(r -> r.getJsonArray("seats").stream())
                .map(o -> ((JsonObject) o).getString("code")).collect(Collectors.toSet());
    }

    private static Set<String> attemptSeats(String token) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/attempts", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> ((JsonObject) o).getString("seatCode")).collect(Collectors.toSet());
    }

    private static List<JsonObject> eventsAs(String token) {
        Api.Reply r = api.get("/api/proctor/sittings/" + node.sittingId() + "/events", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.array().stream().map(o -> (JsonObject) o).toList();
    }

    private static Set<String> seatsWithLogin(String token) {
        return eventsAs(token).stream().filter(e -> e.getString("kind").equals("LOGIN"))
                .map(e -> e.getString("seatCode")).collect(Collectors.toSet());
    }

    private static List<String> ids(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("id")).toList();
    }
}
