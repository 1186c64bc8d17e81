package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.staff.StaffAccounts;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Staff tokens can be revoked (security review F4): a change of the account (password, role, rooms) and a logout
 * retire every token issued before, on both nodes of a cluster, and nobody else's.
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
        Api.Reply r = onFirst.post("/api/admin/login", null, new JsonObject().put("username", name)
                .put("password", password));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().getString("token");
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
}
