package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The key at T0 without a release: the node's sockets welcomed as WAITING share one timer per start time and get
 * their key in a batch, never before the start; a socket that closed meanwhile is left out, and a page that
 * connects after T0 finds the key in its welcome.
 */
@DisplayName("Key at T0")
class KeyAtStartIT {

    /** Time left for three sockets' hellos before T0, on a loaded machine too. */
    private static final long HELLOS_BEFORE_T0_MILLIS = 6_000;

    @Test
    @DisplayName("Waiting seats get the key and the running clock at T0 and not before; a closed one is skipped; a late one gets it at hello")
    void keyAtStart() {
        // The node's clock is moved on once seeded and logged in, so that T0 is a few seconds away whatever the
        // seeding took: the hellos below must come before T0, and nobody waits out a lead sized for a loaded machine.
        AtomicLong skew = new AtomicLong();
        try (TestNode node = TestNode.builder().leadSeconds(600).clock(() -> System.currentTimeMillis() + skew.get())
                .start(); Api api = new Api(node.baseUrl())) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tokens.add(api.loginDemo(node, i).getString("token"));
            }
            skew.set(node.demo().t0() - HELLOS_BEFORE_T0_MILLIS - System.currentTimeMillis());
            List<SeatClient> waiting = new ArrayList<>();
            long t0 = 0;
            try {
                for (int i = 0; i < 3; i++) {
                    SeatClient seat = SeatClient.connect(api.vertx(), node.port(), tokens.get(i));
                    waiting.add(seat);
                    JsonObject welcome = seat.hello(new JsonArray());
                    assertThat(welcome.getString("state")).isEqualTo("WAITING");
                    assertThat(welcome.containsKey("key")).isFalse();
                    t0 = welcome.getLong("t0");
                }
                // This page goes away before T0: the shared timer must still serve the others.
                waiting.remove(2).close();
                for (SeatClient seat : waiting) {
                    JsonObject key = seat.next("key", Duration.ofSeconds(60));
                    assertThat(key.getString("key")).isNotBlank();
                    JsonObject state = seat.next("state");
                    assertThat(state.getString("state")).isEqualTo("ANSWERING");
                    assertThat(state.getString("reason")).isEqualTo("start");
                    assertThat(state.getLong("serverNow")).as("the key comes at T0, not before").isGreaterThanOrEqualTo(t0);
                    assertThat(key.getLong("deadline")).as("the key's deadline counts from the start, as the state's")
                            .isEqualTo(state.getLong("deadline"));
                    assertThat(seat.seen().stream().filter(m -> "key".equals(m.getString("type")))).hasSize(1);
                }
                try (SeatClient late = SeatClient.connect(api.vertx(), node.port(), tokens.get(3))) {
                    JsonObject welcome = late.hello(new JsonArray());
                    assertThat(welcome.getString("state")).isEqualTo("ANSWERING");
                    assertThat(welcome.getString("key")).isNotBlank();
                }
            } finally {
                waiting.forEach(SeatClient::close);
            }
        }
    }
}
