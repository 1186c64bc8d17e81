package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import com.hazelcast.cluster.Member;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two nodes of one cluster: any node serves any seat, commands reach the socket's node, a save survives its owner. */
@DisplayName("Two nodes of one cluster")
class TwoNodeIT {

    @Test
    @DisplayName("A proctor command sent to one node reaches the seat's socket on the other, and an acknowledged save outlives the member that owned it")
    void clusterOfTwo() {
        TestNode a = TestNode.builder().leadSeconds(600).start();
        TestNode b = null;
        TestNode survivor = null;
        try (Api apiA = new Api(a.baseUrl())) {
            b = TestNode.builder().joining(a).start();
            assertThat(a.node().hazelcast().getCluster().getMembers()).hasSize(2);
            // As in production, the sitting runs once the second member holds its partitions and backups.
            TestNode second = b;
            Await.until("the cluster is safe", Duration.ofSeconds(60),
                    () -> second.node().hazelcast().getPartitionService().isClusterSafe());
            Api apiB = new Api(b.baseUrl());
            String admin = apiA.adminToken(a);
            apiA.post("/api/admin/sittings/" + a.sittingId() + "/start", admin, null);

            JsonObject login = apiB.loginDemo(b, 0);
            String token = login.getString("token");
            String attemptId = login.getString("attemptId");
            PaperItem tf = Papers.first(Papers.of(b, attemptId), ItemType.TRUE_FALSE);
            try (SeatClient seat = SeatClient.connect(apiB.vertx(), b.port(), token)) {
                seat.hello(new JsonArray());
                String base = "/api/proctor/sittings/" + a.sittingId() + "/seats/" + a.seatCodes().get(0);
                assertThat(apiA.post(base + "/pause", admin, null).status()).isEqualTo(200);
                assertThat(seat.next("state").getString("state")).isEqualTo("PAUSED");
                assertThat(apiA.post(base + "/resume", admin, null).status()).isEqualTo(200);
                assertThat(seat.next("state").getString("state")).isEqualTo("ANSWERING");
                assertThat(seat.save(tf.number(), false, 3).getString("type")).isEqualTo("saved");
            }
            JsonObject viaA = apiA.get("/api/candidate/answers", token).json();
            assertThat(viaA.getJsonArray("answers").getJsonObject(0).getLong("rev")).isEqualTo(3);

            Member owner = a.node().hazelcast().getPartitionService().getPartition(attemptId).getOwner();
            boolean ownedByA = owner.getUuid().equals(a.node().hazelcast().getCluster().getLocalMember().getUuid());
            TestNode victim = ownedByA ? a : b;
            survivor = ownedByA ? b : a;
            victim.node().crash();
            try (Api apiSurvivor = new Api(survivor.baseUrl())) {
                JsonObject held = apiSurvivor.get("/api/candidate/answers", token).json();
                assertThat(held.getJsonArray("answers")).hasSize(1);
                assertThat(held.getJsonArray("answers").getJsonObject(0).getBoolean("value")).isFalse();
                assertThat(held.getJsonArray("answers").getJsonObject(0).getLong("rev")).isEqualTo(3);
            }
            apiB.close();
        } finally {
            if (b != null) {
                b.node().close();
            }
            a.close();
        }
    }
}
