package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.auth.TokenService;
import cn.examcore.server.node.ExamNode;
import cn.examcore.server.staff.StaffAccounts;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Staff tokens can be revoked (security review F4): a change of the account (password, role, rooms) and a logout
 * retire every token issued before, on both nodes of a cluster, and nobody else's. Access tokens are short-lived and
 * renewed with the sign-in's refresh token, which opens no API itself and is retired with the account's tokens.
 */
@DisplayName("Revocable staff tokens")
class StaffTokensIT {

    static TestNode node;
    static TestNode second;
    static Api onFirst;
    static Api onSecond;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.builder().start();
        second = TestNode.builder().joining(node).start();
        Await.until("the cluster is safe", Duration.ofSeconds(60),
                () -> second.node().hazelcast().getPartitionService().isClusterSafe());
        onFirst = new Api(node.baseUrl());
        onSecond = new Api(second.baseUrl());
        admin = onFirst.adminToken(node);
    }

    @AfterAll
    static void stop() {
        onFirst.close();
        onSecond.close();
        second.node().close();
        node.close();
    }

    private static void saveProctor(String name, String password, String... rooms) {
        Api.Reply r = onFirst.post("/api/admin/staff", admin, new JsonObject().put("username", name)
                .put("password", password).put("role", "PROCTOR").put("roomIds", new JsonArray(java.util.List.of(
                        (Object[]) rooms))));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    private static String login(String name, String password) {
        return signIn(name, password).getString("token");
    }

    private static JsonObject signIn(String name, String password) {
        Api.Reply r = onFirst.post("/api/admin/login", null, new JsonObject().put("username", name)
                .put("password", password));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static Api.Reply refresh(Api on, String refreshToken) {
        return on.post("/api/staff/refresh", refreshToken, null);
    }

    private static long generation(String username) {
        return ExamNode.await(node.node().services().staff().account(username)).orElseThrow().tokenGeneration();
    }

    private static int me(Api on, String token) {
        return on.get("/api/staff/me", token).status();
    }

    /** Refused at once on the node that made the change, and within the generation cache's time on the other. */
    private static void refusedEverywhere(String token) {
        Api.Reply here = onFirst.get("/api/staff/me", token);
        assertThat(here.status()).isEqualTo(401);
        assertThat(here.code()).isEqualTo("STALE_TOKEN");
        Await.until("the other node refuses the token", Duration.ofMillis(StaffAccounts.GENERATION_TTL_MILLIS * 5),
                () -> me(onSecond, token) == 401);
    }

    @Test
    @DisplayName("A change of rooms or password retires the proctor's tokens on both nodes; a new login works")
    void accountChange() {
        saveProctor("proctor-r", "first-password-1", "room-a");
        String before = login("proctor-r", "first-password-1");
        assertThat(me(onFirst, before)).isEqualTo(200);
        assertThat(me(onSecond, before)).isEqualTo(200);

        saveProctor("proctor-r", "first-password-1");
        refusedEverywhere(before);
        String afterRooms = login("proctor-r", "first-password-1");
        assertThat(onSecond.get("/api/staff/me", afterRooms).json().getJsonArray("roomIds")).isEmpty();

        saveProctor("proctor-r", "second-password-2");
        refusedEverywhere(afterRooms);
        assertThat(onFirst.post("/api/admin/login", null, new JsonObject().put("username", "proctor-r")
                .put("password", "first-password-1")).status()).isEqualTo(401);
        assertThat(me(onSecond, login("proctor-r", "second-password-2"))).isEqualTo(200);
        assertThat(me(onFirst, admin)).as("the administrator who made the changes").isEqualTo(200);
    }

    @Test
    @DisplayName("A logout retires every token of the account, from any device, and nobody else's")
    void logout() {
        saveProctor("proctor-l", "logout-password-1", "room-b");
        String laptop = login("proctor-l", "logout-password-1");
        String tablet = login("proctor-l", "logout-password-1");
        assertThat(onSecond.post("/api/staff/logout", laptop, null).status()).isEqualTo(204);
        refusedEverywhere(laptop);
        refusedEverywhere(tablet);
        assertThat(me(onFirst, admin)).isEqualTo(200);
        assertThat(me(onFirst, login("proctor-l", "logout-password-1"))).isEqualTo(200);
    }

    @Test
    @DisplayName("A sign-in gives a 15-minute access token and a 12-hour refresh token; each is refused where the"
            + " other belongs, and a renewal on either node gives a working access token for the account as it is")
    void signInAndRenew() {
        saveProctor("proctor-s", "session-password-1", "room-c");
        long before = System.currentTimeMillis();
        JsonObject in = signIn("proctor-s", "session-password-1");
        long after = System.currentTimeMillis();
        assertThat(in.getLong("expiresAt")).isBetween(before + Duration.ofMinutes(15).toMillis() - 1000,
                after + Duration.ofMinutes(15).toMillis());
        assertThat(in.getLong("sessionEndsAt")).isBetween(before + Duration.ofHours(12).toMillis() - 1000,
                after + Duration.ofHours(12).toMillis());
        String refreshToken = in.getString("refreshToken");
        assertThat(refreshToken).isNotBlank().isNotEqualTo(in.getString("token"));

        Api.Reply asAccess = onFirst.get("/api/staff/me", refreshToken);
        assertThat(asAccess.status()).isEqualTo(401);
        assertThat(asAccess.code()).isEqualTo("WRONG_KIND");
        Api.Reply accessAsRefresh = refresh(onFirst, in.getString("token"));
        assertThat(accessAsRefresh.status()).isEqualTo(401);
        assertThat(accessAsRefresh.code()).isEqualTo("WRONG_KIND");
        Api.Reply none = onFirst.post("/api/staff/refresh", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("UNAUTHORIZED");

        Api.Reply renewed = refresh(onSecond, refreshToken);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
        JsonObject fresh = renewed.json();
        assertThat(fresh.containsKey("refreshToken")).as("a renewal issues no new refresh token").isFalse();
        assertThat(fresh.getLong("sessionEndsAt")).isEqualTo(in.getLong("sessionEndsAt"));
        assertThat(fresh.getString("role")).isEqualTo("PROCTOR");
        JsonObject me = onFirst.get("/api/staff/me", fresh.getString("token")).json();
        assertThat(me.getString("username")).isEqualTo("proctor-s");
        assertThat(me.getJsonArray("roomIds")).containsExactly("room-c");
    }

    @Test
    @DisplayName("A logout or an account change retires the refresh token too, on both nodes")
    void renewalAfterRevocation() {
        saveProctor("proctor-v", "revoke-password-1", "room-d");
        JsonObject laptop = signIn("proctor-v", "revoke-password-1");
        JsonObject tablet = signIn("proctor-v", "revoke-password-1");
        assertThat(onFirst.post("/api/staff/logout", laptop.getString("token"), null).status()).isEqualTo(204);
        for (Api on : new Api[] {onFirst, onSecond}) {
            Await.until("the refresh token is refused", Duration.ofMillis(StaffAccounts.GENERATION_TTL_MILLIS * 5),
                    () -> refresh(on, tablet.getString("refreshToken")).status() == 401);
            assertThat(refresh(on, laptop.getString("refreshToken")).code()).isEqualTo("STALE_TOKEN");
        }

        JsonObject again = signIn("proctor-v", "revoke-password-1");
        saveProctor("proctor-v", "revoke-password-1", "room-d", "room-e");
        Api.Reply refused = refresh(onFirst, again.getString("refreshToken"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("STALE_TOKEN");
    }

    @Test
    @DisplayName("No access token outlives its sign-in: an ended session is refused, one about to end gives a token"
            + " that ends with it")
    void sessionEnd() {
        saveProctor("proctor-e", "ending-password-1", "room-f");
        long gen = generation("proctor-e");
        Instant now = Instant.now();
        Clock thirteenHoursAgo = Clock.fixed(now.minus(Duration.ofHours(13)), ZoneOffset.UTC);
        String ended = new TokenService(onFirst.vertx(), node.jwtSecret(), thirteenHoursAgo)
                .issueStaffRefresh("proctor-e", gen, Duration.ofHours(12)).token();
        Api.Reply refused = refresh(onFirst, ended);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("STALE_TOKEN");

        String ending = new TokenService(onFirst.vertx(), node.jwtSecret(), Clock.systemUTC())
                .issueStaffRefresh("proctor-e", gen, Duration.ofMinutes(5)).token();
        Api.Reply last = refresh(onSecond, ending);
        assertThat(last.status()).as(last.text()).isEqualTo(200);
        long sessionEnd = last.json().getLong("sessionEndsAt");
        assertThat(sessionEnd).isLessThanOrEqualTo(now.plus(Duration.ofMinutes(5)).toEpochMilli() + 1000);
        assertThat(last.json().getLong("expiresAt")).isLessThanOrEqualTo(sessionEnd);
    }
}
