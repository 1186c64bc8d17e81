package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An early release reaches the seats of every node: the administrator's call lands on one member, the seats sit on
 * another, and each node's one release consumer (registered when the node started) re-publishes it to its sockets.
 * A release message that never arrives, or that arrives between a socket's attach and its welcome, still brings the
 * key, and never ahead of the welcome.
 */
@DisplayName("Early release across nodes")
class ReleaseAcrossNodesIT {

    private static final Duration NO_REPLY = Duration.ofSeconds(1);

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

    @Test
    @DisplayName("A seat whose node never hears of the release still gets its key, from the stored sitting")
    void lostReleaseMessage() {
        TestNode a = TestNode.builder().leadSeconds(600).start();
        try (Api api = new Api(a.baseUrl())) {
            AtomicInteger dropped = new AtomicInteger();
            // The clustered bus does not promise delivery: this node loses every release message it is sent.
            a.node().vertx().eventBus().addInboundInterceptor(ctx -> {
                if (Addresses.SITTING_RELEASED.equals(ctx.message().address())) {
                    dropped.incrementAndGet();
                } else {
                    ctx.next();
                }
            });
            JsonObject login = api.loginDemo(a, 0);
            try (SeatClient seat = SeatClient.connect(api.vertx(), a.port(), login.getString("token"))) {
                assertThat(seat.hello(new JsonArray()).getString("state")).isEqualTo("WAITING");
                assertThat(api.post("/api/admin/sittings/" + a.sittingId() + "/start", api.adminToken(a), null)
                        .status()).isEqualTo(200);
                assertThat(seat.next("key", Duration.ofSeconds(4 * KeyRelease.SWEEP_MILLIS / 1000))
                        .getString("key")).isNotBlank();
                assertThat(seat.next("state").getString("state")).isEqualTo("ANSWERING");
                assertThat(dropped.get()).as("release messages the node lost").isPositive();
            }
        } finally {
            a.close();
        }
    }

    @Test
    @DisplayName("A seat attached but not yet welcomed at the release gets the key in its welcome, nothing before it")
    void releaseBetweenAttachAndHello() {
        TestNode a = TestNode.builder().leadSeconds(600).start();
        try (Api api = new Api(a.baseUrl())) {
            JsonObject first = api.loginDemo(a, 0);
            JsonObject second = api.loginDemo(a, 1);
            try (SeatClient welcomed = SeatClient.connect(api.vertx(), a.port(), first.getString("token"));
                 SeatClient silent = SeatClient.connect(api.vertx(), a.port(), second.getString("token"))) {
                assertThat(welcomed.hello(new JsonArray()).getString("state")).isEqualTo("WAITING");
                // A pong proves the silent socket is attached: the server reads frames only after attaching it.
                silent.send(new JsonObject().put("type", "ping").put("clientTime", 1));
                silent.next("pong");
                assertThat(api.post("/api/admin/sittings/" + a.sittingId() + "/start", api.adminToken(a), null)
                        .status()).isEqualTo(200);
                // Both sockets are in the same release batch: once the welcomed one has its key, the batch is done.
                welcomed.next("key", Duration.ofSeconds(10));
                assertThatThrownBy(() -> silent.next(m -> true, NO_REPLY))
                        .as("a message to a page that has not said hello").isInstanceOf(AssertionError.class);
                JsonObject welcome = silent.hello(new JsonArray());
                assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
                assertThat(welcome.getString("key")).isNotBlank();
                assertThat(silent.seen()).extracting(m -> m.getString("type")).containsExactly("pong", "welcome");
            }
        } finally {
            a.close();
        }
    }
}
