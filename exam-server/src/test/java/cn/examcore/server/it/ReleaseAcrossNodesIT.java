package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An early release reaches the seats of every node: the administrator's call lands on one member, the seats sit on
 * another, and each node's one release consumer (registered when the node started) re-publishes it to its sockets.
 */
@DisplayName("Early release across nodes")
class ReleaseAcrossNodesIT {

    @Test
    @DisplayName("Seats welcomed as WAITING on the second node get their key when the first node releases the sitting")
    void releaseOnOneNodeReachesTheOther() {
        TestNode a = TestNode.builder().leadSeconds(600).start();
        TestNode b = null;
        try (Api api = new Api(a.baseUrl())) {
            b = TestNode.builder().joining(a).start();
            TestNode second = b;
            Await.until("the cluster is safe", Duration.ofSeconds(60),
                    () -> second.node().hazelcast().getPartitionService().isClusterSafe());
            JsonObject first = api.loginDemo(a, 0);
            JsonObject other = api.loginDemo(a, 1);
            try (SeatClient onB = SeatClient.connect(api.vertx(), b.port(), first.getString("token"));
                 SeatClient alsoOnB = SeatClient.connect(api.vertx(), b.port(), other.getString("token"))) {
                for (SeatClient seat : new SeatClient[] {onB, alsoOnB}) {
                    JsonObject welcome = seat.hello(new JsonArray());
                    assertThat(welcome.getString("state")).isEqualTo("WAITING");
                    assertThat(welcome.containsKey("key")).isFalse();
                }
                String admin = api.adminToken(a);
                assertThat(api.post("/api/admin/sittings/" + a.sittingId() + "/start", admin, null).status())
                        .isEqualTo(200);
                // T0 is ten minutes away: only the release can bring the key now.
                for (SeatClient seat : new SeatClient[] {onB, alsoOnB}) {
                    assertThat(seat.next("key", Duration.ofSeconds(10)).getString("key")).isNotBlank();
                    assertThat(seat.next("state").getString("state")).isEqualTo("ANSWERING");
                }
            }
        } finally {
            if (b != null) {
                b.node().close();
            }
            a.close();
        }
    }
}
