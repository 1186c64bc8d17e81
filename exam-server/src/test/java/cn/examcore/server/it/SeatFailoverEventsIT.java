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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A seat that fails over to another node is not reported silent by the node it left. */
@DisplayName("Seat events across a failover")
class SeatFailoverEventsIT {

    @Test
    @DisplayName("A seat that moves to another node within the gap gets a RECONNECT there and no HEARTBEAT_GAP, while a seat that does not come back gets one")
    void noFalseGapAfterFailover() {
        TestNode a = TestNode.builder().leadSeconds(600).heartbeatGapSeconds(2).start();
        TestNode b = null;
        try (Api apiA = new Api(a.baseUrl())) {
            b = TestNode.builder().joining(a).heartbeatGapSeconds(2).start();
            TestNode second = b;
            Await.until("the cluster is safe", Duration.ofSeconds(60),
                    () -> second.node().hazelcast().getPartitionService().isClusterSafe());
            String admin = apiA.adminToken(a);
            assertThat(apiA.post("/api/admin/sittings/" + a.sittingId() + "/start", admin, null).status())
                    .isEqualTo(200);
            JsonObject moving = apiA.loginDemo(a, 0);
            JsonObject leaving = apiA.loginDemo(a, 1);

            SeatClient movingOnA = SeatClient.connect(apiA.vertx(), a.port(), moving.getString("token"));
            movingOnA.hello(new JsonArray());
            SeatClient leavingOnA = SeatClient.connect(apiA.vertx(), a.port(), leaving.getString("token"));
            leavingOnA.hello(new JsonArray());
            movingOnA.close();
            leavingOnA.close();
            try (SeatClient movingOnB = SeatClient.connect(apiA.vertx(), b.port(), moving.getString("token"))) {
                movingOnB.hello(new JsonArray());
                // Both sockets closed on node a at the same moment: once the one that never came back has its
                // gap, the other one's timer has fired too. The moved seat keeps pinging on node b meanwhile, as a
                // page does: an open socket that stays silent for the gap is reported there, rightly.
                Await.until("the seat that left is reported silent", Duration.ofSeconds(20), () -> {
                    movingOnB.send(new JsonObject().put("type", "ping").put("clientTime", System.currentTimeMillis()));
                    return kinds(apiA, a, admin, leaving.getString("attemptId")).contains("HEARTBEAT_GAP");
                });
                List<String> movedKinds = kinds(apiA, a, admin, moving.getString("attemptId"));
                assertThat(movedKinds).contains("DISCONNECT", "RECONNECT").doesNotContain("HEARTBEAT_GAP");
            }
        } finally {
            if (b != null) {
                b.node().close();
            }
            a.close();
        }
    }

    private static List<String> kinds(Api api, TestNode node, String admin, String attemptId) {
        return api.get("/api/proctor/sittings/" + node.sittingId() + "/events?attemptId=" + attemptId, admin)
                .array().stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    }
}
