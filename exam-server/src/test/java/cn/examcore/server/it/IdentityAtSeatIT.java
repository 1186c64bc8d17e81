package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 身份核验 over HTTP and the seat socket: a sitting that requires it holds each seat's key until its candidate is
 * confirmed, by a proctor of the room, the room at once, or a reader through the seat agent.
 */
@DisplayName("Identity at the seat")
class IdentityAtSeatIT {

    static TestNode node;
    static Api api;
    static String admin;
    static String sitting;
    static String roomA;
    static String proctorA;
    static String proctorB;

    @BeforeAll
    static void start() {
        // T0 a few seconds after the start: every seat below has started when it says hello.
        node = TestNode.builder().leadSeconds(3).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        sitting = node.sittingId();
        roomA = api.get("/api/proctor/sittings/" + sitting + "/rooms", admin).json().getJsonArray("rooms")
                .getJsonObject(0).getString("id");
        Api.Reply roomB = api.post("/api/admin/sittings/" + sitting + "/rooms", admin,
                new JsonObject().put("name", "RB").put("rows", 1).put("cols", 2));
        proctorA = staff("id-proctor-a", new JsonArray().add(roomA));
        proctorB = staff("id-proctor-b", new JsonArray().add(roomB.json().getString("id")));
        Api.Reply saved = api.put("/api/admin/sittings/" + sitting + "/admission", admin,
                new JsonObject().put("identityRequired", true).put("chargeIdentityDelay", true));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        Await.until("T0", Duration.ofSeconds(20), () -> System.currentTimeMillis() > node.demo().t0() + 500);
    }

    private static String staff(String name, JsonArray rooms) {
        Api.Reply created = api.post("/api/admin/staff", admin, new JsonObject().put("username", name)
                .put("password", "long-enough-secret").put("role", "PROCTOR").put("roomIds", rooms));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return api.post("/api/admin/login", null, new JsonObject().put("username", name)
                .put("password", "long-enough-secret")).json().getString("token");
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String seat(int i) {
        return node.candidate(i).seatCode();
    }

    static final String[] TOKENS = new String[30];

    private static SeatClient seated(int i) {
        String token = api.loginDemo(node, i).getString("token");
        TOKENS[i] = token;
        return SeatClient.connect(api.vertx(), node.port(), token);
    }

    private static List<JsonObject> events(String kind) {
        return api.get("/api/proctor/sittings/" + sitting + "/events", admin).array().stream()
                .map(o -> (JsonObject) o).filter(e -> kind.equals(e.getString("kind"))).toList();
    }

    @Test
    @DisplayName("A held seat waits for its confirmation; another room's proctor is refused; the proctor, the room and a reader release keys")
    void heldUntilConfirmed() {
        try (SeatClient first = seated(0); SeatClient second = seated(1); SeatClient third = seated(2)) {
            JsonObject welcome = first.hello(new JsonArray());
            assertThat(welcome.getString("state")).isEqualTo("WAITING");
            assertThat(welcome.getString("key")).isNull();
            assertThat(second.hello(new JsonArray()).getString("state")).isEqualTo("WAITING");
            assertThat(third.hello(new JsonArray()).getString("state")).isEqualTo("WAITING");

            // A proctor of another room may not confirm, and nothing is recorded.
            Api.Reply refused = api.post("/api/proctor/sittings/" + sitting + "/seats/" + seat(0)
                    + "/confirm-identity", proctorB, null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().getString("message")).contains("not in one of your rooms");
            assertThat(api.get("/api/proctor/sittings/" + sitting + "/identity", admin).array()).isEmpty();
            assertThat(events("IDENTITY_VERIFIED")).isEmpty();

            // The room's proctor confirms: the key goes out at once, and the confirmation is an event and audited.
            Api.Reply ok = api.post("/api/proctor/sittings/" + sitting + "/seats/" + seat(0) + "/confirm-identity",
                    proctorA, null);
            assertThat(ok.status()).as(ok.text()).isEqualTo(200);
            assertThat(ok.json().getJsonArray("confirmed").stream().map(String::valueOf).toList()).containsExactly(node.candidate(0).ticket());
            assertThat(first.next("key", Duration.ofSeconds(10)).getString("key")).isNotBlank();
            // Charged: the first seat's clock ran from T0 while it waited.
            long chargedDeadline = first.next("state", Duration.ofSeconds(10)).getLong("deadline");
            assertThat(events("IDENTITY_VERIFIED")).singleElement().satisfies(e -> {
                assertThat(e.getString("seatCode")).isEqualTo(seat(0));
                assertThat(e.getJsonObject("detail").getString("by")).isEqualTo("id-proctor-a");
            });
            assertThat(api.get("/api/admin/sittings/" + sitting + "/audit", admin).array().stream()
                    .map(o -> ((JsonObject) o).getString("action"))).contains("identity.confirm");
            // Confirming again changes nothing.
            assertThat(api.post("/api/proctor/sittings/" + sitting + "/seats/" + seat(0) + "/confirm-identity",
                    proctorA, null).json().getJsonArray("already").stream().map(String::valueOf).toList()).containsExactly(node.candidate(0).ticket());
            assertThat(second.seen()).noneMatch(m -> "key".equals(m.getString("type")));

            // A reader at the second seat confirms through the seat agent; a mismatch at the third is C4 evidence.
            Api.Reply agent = api.post("/api/agent/events", node.agentKey(), new JsonObject().put("events",
                    new JsonArray().add(new JsonObject().put("seatCode", seat(1)).put("kind", "IDENTITY_CONFIRMED")
                                    .put("detail", new JsonObject().put("reader", "IDR-210")))
                            .add(new JsonObject().put("seatCode", seat(2)).put("kind", "IDENTITY_MISMATCH")
                                    .put("detail", new JsonObject().put("reason", "face does not match photo")))));
            assertThat(agent.status()).as(agent.text()).isEqualTo(202);
            assertThat(second.next("key", Duration.ofSeconds(10)).getString("key")).isNotBlank();
            assertThat(events("IDENTITY_MISMATCH")).singleElement().satisfies(e -> {
                assertThat(e.getString("source")).isEqualTo("AGENT");
                assertThat(e.getString("seatCode")).isEqualTo(seat(2));
                assertThat(e.getString("attemptId")).isNotNull();
                assertThat(e.getJsonObject("detail").getString("reason")).isEqualTo("face does not match photo");
            });
            assertThat(third.seen()).noneMatch(m -> "key".equals(m.getString("type")));
            JsonObject readerCheck = api.get("/api/proctor/sittings/" + sitting + "/identity", proctorA).array()
                    .stream().map(o -> (JsonObject) o).filter(k -> k.getString("seatCode").equals(seat(1)))
                    .findFirst().orElseThrow();
            assertThat(readerCheck.getString("method")).isEqualTo("READER");
            assertThat(readerCheck.getString("confirmedBy")).isEqualTo("IDR-210");

            // The late confirmation of the third seat, with the wait not charged: its deadline moves by the wait.
            assertThat(api.put("/api/admin/sittings/" + sitting + "/admission", admin, new JsonObject()
                    .put("identityRequired", true).put("chargeIdentityDelay", false)).status()).isEqualTo(200);
            Api.Reply room = api.post("/api/proctor/sittings/" + sitting + "/rooms/" + roomA + "/confirm-identity",
                    proctorA, null);
            assertThat(room.status()).as(room.text()).isEqualTo(200);
            assertThat(room.json().getJsonArray("confirmed").stream().map(String::valueOf).toList()).contains(node.candidate(2).ticket())
                    .doesNotContain(node.candidate(0).ticket(), node.candidate(1).ticket());
            third.next("key", Duration.ofSeconds(10));
            JsonObject state = third.next("state", Duration.ofSeconds(10));
            long thirdDeadline = api.get("/api/candidate/answers", TOKENS[2]).json().getLong("deadline");
            assertThat(thirdDeadline).as("deadline after the uncharged wait; seen %s", third.seen())
                    .isGreaterThan(chargedDeadline + 1_000);
            assertThat(state.getLong("deadline")).isEqualTo(thirdDeadline);
            assertThat(events("IDENTITY_VERIFIED")).anySatisfy(e -> assertThat(e.getJsonObject("detail")
                    .getString("method")).isEqualTo("ROOM"));
        }
    }

    @Test
    @DisplayName("A confirmation for an unknown seat or room, or by an observer, is refused")
    void refusals() {
        assertThat(api.post("/api/proctor/sittings/" + sitting + "/seats/NOPE/confirm-identity", admin, null)
                .status()).isEqualTo(404);
        assertThat(api.post("/api/proctor/sittings/" + sitting + "/rooms/nope/confirm-identity", admin, null)
                .status()).isEqualTo(404);
        assertThat(api.post("/api/proctor/sittings/" + sitting + "/seats/" + seat(5) + "/confirm-identity", null,
                null).status()).isEqualTo(401);
    }
}
