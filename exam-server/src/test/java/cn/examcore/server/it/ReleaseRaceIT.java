package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The race of an early release with the node's clustered release registration: a release published while the
 * registration is still pending reaches no consumer, so the seat must look at the stored attempt again once the
 * registration completes. The registration is held back deliberately, so the race happens every time.
 */
@DisplayName("Early release while the release registration is pending")
class ReleaseRaceIT {

    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).start();
        api = new Api(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    @Test
    @DisplayName("A seat welcomed as WAITING gets its key when the registration completes after the release was published")
    void releaseDuringPendingRegistration() {
        Promise<Void> hold = Promise.promise();
        node.node().services().seats().holdReleaseRegistrations(hold.future());
        String token = api.loginDemo(node, 0).getString("token");
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            JsonObject welcome = seat.hello(new JsonArray());
            assertThat(welcome.getString("state")).isEqualTo("WAITING");
            assertThat(welcome.containsKey("key")).isFalse();

            String admin = api.adminToken(node);
            assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                    .isEqualTo(200);
            // The release was published while nothing on this node listened for it (T0 is 10 minutes away).
            assertThatThrownBy(() -> seat.next("key", Duration.ofSeconds(2))).isInstanceOf(AssertionError.class);

            node.node().vertx().runOnContext(v -> hold.complete());
            JsonObject key = seat.next("key", Duration.ofSeconds(10));
            assertThat(key.getString("key")).isNotBlank();
            assertThat(seat.next("state").getString("state")).isEqualTo("ANSWERING");
        }
    }
}
