package cn.examcore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.SeatSocketAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fault 2: one node of three is cut off the site network (its seats can still reach it) and later plugged back. */
@DisplayName("A node partitioned off its network")
class PartitionIT {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionIT.class);

    @Test
    @DisplayName("refuses writes on the minority side, its seats move to the majority, and after the heal no acknowledged answer is lost")
    void partitionOneNode() throws Exception {
        try (FaultRun run = new FaultRun("part", 1)) {
            // begin inside the block: a site that fails to start is still closed, so the next test finds no
            // containers holding the site network's fixed addresses.
            run.begin(1);
            run.answerUntil(12_000);
            int minority = 2;
            long cutAt = System.currentTimeMillis();
            run.site.isolate(minority);
            LOG.info("[part] node {} cut off", minority);
            FaultRun.await("the majority notices", java.time.Duration.ofSeconds(20),
                    () -> run.site.memberLeftAfter(cutAt, minority).isPresent());
            long detected = run.site.memberLeftAfter(cutAt, minority).getAsLong() - cutAt;
            FaultRun.await("the minority notices it is alone", java.time.Duration.ofSeconds(20),
                    () -> run.site.memberLeftAfter(cutAt, -1).isPresent()
                            && run.site.minorityAlone(minority));

            // A seat that asks the minority node now is not taken: the node refuses its socket (an error, then a
            // close), never a welcome or an acknowledgement.
            java.util.List<JsonObject> replies = probe(run, minority);
            LOG.info("[part] the minority node answered a hello with {}", replies);
            assertThat(replies).as("minority's replies to a hello")
                    .noneMatch(m -> "welcome".equals(m.getString("type")));
            // It refuses the socket outright, with the code that sends the page on to its next node at once rather
            // than waiting out its hello.
            assertThat(replies).as("minority's replies to a hello")
                    .anyMatch(m -> "error".equals(m.getString("type")) && "RETRY".equals(m.getString("code")));

            run.answerUntil(35_000);
            long healAt = System.currentTimeMillis();
            run.site.heal(minority);
            LOG.info("[part] node {} plugged back", minority);
            run.finish();

            long lastMinorityAck = run.seats.stream().flatMap(s -> s.acks().stream())
                    .filter(a -> a.node() == minority && a.at() > cutAt && a.at() < healAt)
                    .mapToLong(SimulatedSeat.Ack::at).max().orElse(cutAt);
            LOG.info("[part] FIGURES failureDetectedMs={} lastAckOnMinorityAfterCutMs={}", detected,
                    lastMinorityAck - cutAt);
            // Acknowledgements by the cut-off node stop once it sees it is alone (heartbeat timeout 5 s, plus the
            // 5 s backup timeout of a save in flight).
            assertThat(lastMinorityAck - cutAt).as("last acknowledgement on the minority after the cut (ms)")
                    .isLessThan(12_000);
            run.assertZeroLossAndDeadlines();
            assertThat(run.longestGap()).as("longest time a seat went unserved (ms)").isLessThan(15_000);
        }
    }

    /**
     * Opens the probe seat's socket on {@code node}, sends a hello with an empty vector and returns what came back
     * until the socket closed, a welcome came or 12 s passed, other than pongs.
     */
    private static java.util.List<JsonObject> probe(FaultRun run, int node) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            java.util.List<JsonObject> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
            // Handlers go on before the handshake: the minority refuses the socket as soon as it opens (an error,
            // then close 4401), which can come before a handler set afterwards would be in place.
            ClientWebSocket ws = vertx.createWebSocketClient().webSocket();
            ws.textMessageHandler(t -> replies.add(new JsonObject(t)));
            ws.closeHandler(v -> replies.add(new JsonObject().put("type", "closed")
                    .put("status", ws.closeStatusCode()).put("reason", ws.closeReason())));
            try {
                ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(Site.ports().get(node))
                        .setURI(SeatSocketAuth.PATH).setSubProtocols(SeatSocketAuth.subProtocols(run.probe.token())))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException refused) {
                // A socket the minority closes during the handshake is not taken either: no welcome can follow.
                LOG.info("[part] the minority node refused the probe's socket: {}", refused.getCause().toString());
                return java.util.List.of(new JsonObject().put("type", "refused")
                        .put("cause", refused.getCause().toString()));
            }
            try {
                ws.writeTextMessage(new JsonObject().put("type", "hello").put("answers", new JsonArray()).encode());
            } catch (IllegalStateException closed) {
                // Refused before the hello went: closed already, and no welcome can follow either.
                LOG.info("[part] the minority node closed the probe's socket before its hello: {}", replies);
            }
            long end = System.currentTimeMillis() + 12_000;
            FaultRun.await("12 s of the probe's socket", java.time.Duration.ofSeconds(15),
                    () -> System.currentTimeMillis() >= end
                            || replies.stream().anyMatch(m -> "welcome".equals(m.getString("type"))
                                    || "closed".equals(m.getString("type"))));
            return replies;
        } finally {
            vertx.close();
        }
    }
}
