package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.proctoring.store.CachingAnnouncementStore;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.store.RosterStore;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each node caches sittings, seats, rosters, announcements and papers for the check-in storm and the reconnect storm
 * after a node dies; a change made through the other
 * node must reach that cache, or a node would admit a candidate at a seat that is no longer theirs. Every check
 * first makes node B read (and cache) the old state, then changes it through node A, and awaits B's view for less
 * time than the cache's time to live, so only the invalidation over the event bus can make it pass.
 */
@DisplayName("The per-node setup cache across two nodes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupCacheAcrossNodesIT {

    /** Well below the 30-s time to live: a stale entry can only go by invalidation within this. */
    private static final Duration WITHIN = Duration.ofSeconds(10);

    static TestNode a;
    static TestNode b;
    static Api apiA;
    static Api apiB;
    static String admin;

    @BeforeAll
    static void start() {
        a = TestNode.builder().leadSeconds(600).start();
        b = TestNode.builder().joining(a).start();
        Await.until("the cluster is safe", Duration.ofSeconds(60),
                () -> b.node().hazelcast().getPartitionService().isClusterSafe());
        apiA = new Api(a.baseUrl());
        apiB = new Api(b.baseUrl());
        admin = apiA.adminToken(a);
    }

    @AfterAll
    static void stop() {
        if (apiB != null) {
            apiB.close();
        }
        if (apiA != null) {
            apiA.close();
        }
        if (b != null) {
            b.node().close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Candidate> onB(String ticket) {
        RosterStore roster = b.node().stores().roster();
        return get(roster.candidate(a.sittingId(), ticket));
    }

    private static Api.Reply loginOnB(String seatCode, DemoSitting.DemoCandidate c) {
        return apiB.login(apiB.enrol(seatCode, b.pin()), c.ticket(), c.idNumber());
    }

    @Test
    @Order(1)
    @DisplayName("A seat change made on node A stops node B admitting the candidate at the old seat")
    void seatMoveOnOtherNode() {
        DemoSitting.DemoCandidate c = a.candidate(3);
        String from = a.seatCodes().get(3);
        String to = "R-cache-01";
        // B caches the roster (and the sitting and its seats) by admitting the candidate at the assigned seat,
        // and caches that the seat to come does not exist yet.
        assertThat(loginOnB(from, c).status()).isEqualTo(200);
        assertThat(onB(c.ticket()).orElseThrow().seatCode()).isEqualTo(from);
        assertThat(apiB.post("/api/terminal/enrol", null, new JsonObject().put("seatCode", to).put("pin", b.pin()))
                .code()).isEqualTo("UNKNOWN_SEAT");

        Api.Reply room = apiA.post("/api/admin/sittings/" + a.sittingId() + "/rooms", admin,
                new JsonObject().put("name", "R-cache").put("rows", 1).put("cols", 2));
        assertThat(room.status()).as(room.text()).isEqualTo(201);
        assertThat(room.json().getJsonArray("seatCodes").getString(0)).isEqualTo(to);
        Await.until("node B knows the new room's seats", WITHIN,
                () -> !get(b.node().stores().rooms().seatsByCode(to, 0)).isEmpty());

        Api.Reply moved = apiA.post("/api/proctor/sittings/" + a.sittingId() + "/seats/" + from + "/change-seat",
                admin, new JsonObject().put("toSeat", to).put("reason", "the terminal failed"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);

        Await.until("node B sees the candidate at the new seat", WITHIN,
                () -> onB(c.ticket()).map(k -> k.seatCode().equals(to)).orElse(false));
        // A room console served by node B reads its seats by B's roster: the moved attempt is listed there.
        Api.Reply staff = apiA.post("/api/admin/staff", admin, new JsonObject().put("username", "proctor-cache")
                .put("password", "long-enough-secret").put("role", "PROCTOR")
                .put("roomIds", new JsonArray().add(room.json().getString("id"))));
        assertThat(staff.status()).as(staff.text()).isEqualTo(201);
        String proctor = apiB.post("/api/admin/login", null, new JsonObject().put("username", "proctor-cache")
                .put("password", "long-enough-secret")).json().getString("token");
        Api.Reply roomList = apiB.get("/api/proctor/sittings/" + a.sittingId() + "/attempts", proctor);
        assertThat(roomList.status()).as(roomList.text()).isEqualTo(200);
        assertThat(roomList.array()).hasSize(1);
        assertThat(roomList.array().getJsonObject(0).getString("seatCode")).isEqualTo(to);
        assertThat(roomList.array().getJsonObject(0).getString("ticket")).isEqualTo(c.ticket());
        Api.Reply atOld = loginOnB(from, c);
        assertThat(atOld.status()).as(atOld.text()).isEqualTo(403);
        assertThat(atOld.code()).isEqualTo("WRONG_SEAT");
        Api.Reply atNew = loginOnB(to, c);
        assertThat(atNew.status()).as(atNew.text()).isEqualTo(200);
    }

    @Test
    @Order(2)
    @DisplayName("A roster replaced on node A reaches node B: a dropped candidate is refused, a moved one only at the new seat")
    void rosterReplacedOnOtherNode() {
        DemoSitting.DemoCandidate kept = a.candidate(0);
        DemoSitting.DemoCandidate dropped = a.candidate(1);
        assertThat(loginOnB(a.seatCodes().get(0), kept).status()).isEqualTo(200);
        assertThat(loginOnB(a.seatCodes().get(1), dropped).status()).isEqualTo(200);

        // The new roster: candidate 0 takes candidate 1's seat and candidate 1 is gone; the room column names no
        // room, so the seat column is read as the seat code.
        StringBuilder csv = new StringBuilder("准考证号,身份证号,姓名,考场,座位号,科目\n");
        csv.append(kept.ticket()).append(',').append(kept.idNumber()).append(",甲,-,").append(a.seatCodes().get(1))
                .append(",理论知识\n");
        Api.Reply imported = apiA.postFile("/api/admin/sittings/" + a.sittingId() + "/roster", admin, "roster.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.json().getInteger("imported")).isEqualTo(1);

        Await.until("node B sees the new roster", WITHIN, () -> onB(dropped.ticket()).isEmpty());
        assertThat(onB(kept.ticket()).orElseThrow().seatCode()).isEqualTo(a.seatCodes().get(1));
        Api.Reply gone = loginOnB(a.seatCodes().get(1), dropped);
        assertThat(gone.status()).as(gone.text()).isEqualTo(401);
        assertThat(gone.code()).isEqualTo("BAD_CREDENTIALS");
        Api.Reply atOld = loginOnB(a.seatCodes().get(0), kept);
        assertThat(atOld.code()).as(atOld.text()).isEqualTo("WRONG_SEAT");
    }

    @Test
    @Order(3)
    @DisplayName("Papers re-assembled on node A replace the paper node B serves, and B sees the sitting's new assembly time")
    void reassembledOnOtherNode() {
        // After the test before, the roster holds candidate 0 only, at candidate 1's seat.
        DemoSitting.DemoCandidate c = a.candidate(0);
        Api.Reply login = loginOnB(a.seatCodes().get(1), c);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String token = login.json().getString("token");
        String before = apiB.get("/api/candidate/paper", token).json().getString("ciphertext");
        long assembledBefore = apiB.get("/api/admin/sittings/" + a.sittingId(), admin).json()
                .getLong("assembledAt");

        Api.Reply assembled = apiA.post("/api/admin/sittings/" + a.sittingId() + "/assemble", admin, null);
        assertThat(assembled.status()).as(assembled.text()).isEqualTo(200);
        String now = apiA.get("/api/candidate/paper", token).json().getString("ciphertext");
        assertThat(now).as("a new paper, sealed with a new key").isNotEqualTo(before);

        Await.until("node B serves the new paper", WITHIN,
                () -> apiB.get("/api/candidate/paper", token).json().getString("ciphertext").equals(now));
        Await.until("node B sees the new assembly time", WITHIN,
                () -> apiB.get("/api/admin/sittings/" + a.sittingId(), admin).json().getLong("assembledAt")
                        > assembledBefore);
    }

    @Test
    @Order(4)
    @DisplayName("An announcement made on node A is in the next welcome of a seat on node B, which had cached the"
            + " sitting's announcements before")
    void announcementOnOtherNode() {
        // After the tests before, the roster holds candidate 0 only, at candidate 1's seat.
        DemoSitting.DemoCandidate c = a.candidate(0);
        Api.Reply login = loginOnB(a.seatCodes().get(1), c);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String token = login.json().getString("token");
        String message = "考试开始前请关闭手机";
        try (SeatClient seat = SeatClient.connect(apiB.vertx(), b.port(), token)) {
            seat.hello(new JsonArray());
        }
        // B has read (and cached) the sitting's announcements: none of them is the one to come.
        assertThat(b.node().stores().announcements()).as("welcomes read announcements from the node's memory")
                .isInstanceOf(CachingAnnouncementStore.class);
        assertThat(get(b.node().stores().announcements().announcements(a.sittingId())))
                .noneMatch(x -> x.message().equals(message));
        List<String> toldB = new CopyOnWriteArrayList<>();
        b.node().stores().setupCache().onInvalidate(toldB::add);

        Api.Reply made = apiA.post("/api/proctor/sittings/" + a.sittingId() + "/announcements", admin,
                new JsonObject().put("message", message));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = made.json().getString("id");
        Await.until("node B is told of the announcement", WITHIN, () -> toldB.contains(a.sittingId()));

        try (SeatClient seat = SeatClient.connect(apiB.vertx(), b.port(), token)) {
            seat.hello(new JsonArray());
            JsonObject shown = seat.next(m -> "announcement".equals(m.getString("type"))
                    && id.equals(m.getString("announcementId")), WITHIN);
            assertThat(shown.getString("message")).isEqualTo(message);
            assertThat(shown.getString("scope")).isEqualTo("sitting");
        }
    }
}
