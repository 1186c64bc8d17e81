package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatProgress;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seat progress on {@code examcore.progress} and the SOCKET_OPENED event, against a started node. */
@DisplayName("Seat progress")
class SeatProgressIT {

    @Test
    @DisplayName("a burst of saves is published as few progress messages (at most one a second per seat), the first "
            + "within 2 s, the last with the final count; the first socket is SOCKET_OPENED, the next a RECONNECT")
    void progressIsCoalesced() throws Exception {
        try (TestNode node = TestNode.builder().leadSeconds(600).start(); Api api = new Api(node.baseUrl())) {
            String admin = api.adminToken(node);
            assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                    .isEqualTo(200);
            List<SeatProgress> seen = new CopyOnWriteArrayList<>();
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            MessageConsumer<String> consumer = node.node().vertx().eventBus().consumer(Addresses.SEAT_PROGRESS,
                    m -> {
                        seen.add(Json.decode(m.body(), SeatProgress.class));
                        arrivals.add(System.nanoTime());
                    });
            consumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            JsonObject login = api.loginDemo(node, 0);
            String attemptId = login.getString("attemptId");
            PaperService.LoadedPaper paper = Papers.of(node, attemptId);
            List<PaperItem> objective = paper.items().values().stream()
                    .filter(i -> Papers.objective(i.type()) && i.type() != cn.examcore.bank.model.ItemType.FILL_IN)
                    .toList();
            long start;
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
                seat.hello(new JsonArray());
                start = System.nanoTime();
                for (int round = 0; round < 3; round++) {
                    for (PaperItem item : objective) {
                        assertThat(seat.save(item.number(), Papers.wrong(item), round + 1).getString("type"))
                                .isEqualTo("saved");
                    }
                }
                long end = System.nanoTime();
                Await.until("the final count", Duration.ofSeconds(3), () -> !seen.isEmpty()
                        && seen.get(seen.size() - 1).answered() == objective.size());
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(end - start) + 1);
                System.out.println(3 * objective.size() + " saves in " + (end - start) / 1_000_000 + " ms gave "
                        + seen.size() + " progress messages");
                assertThat(seen.size()).as("messages for %d saves", 3 * objective.size())
                        .isLessThanOrEqualTo((int) seconds + 2);
                assertThat((arrivals.get(0) - start) / 1_000_000).as("first progress after the first save, ms")
                        .isLessThan(2000);
                assertThat(seen).allSatisfy(p -> {
                    assertThat(p.attemptId()).isEqualTo(attemptId);
                    assertThat(p.seatCode()).isEqualTo(node.seatCodes().get(0));
                    assertThat(p.sittingId()).isEqualTo(node.sittingId());
                });
                for (int i = 1; i < arrivals.size(); i++) {
                    assertThat((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000).as("gap between reports, ms")
                            .isGreaterThanOrEqualTo(900);
                }
            }
            try (SeatClient again = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
                again.hello(new JsonArray());
                Await.until("the reconnect is recorded", Duration.ofSeconds(5), () -> kinds(node, attemptId)
                        .contains(SeatEvent.Kind.RECONNECT.name()));
            }
            List<String> kinds = kinds(node, attemptId);
            assertThat(kinds.stream().filter("SOCKET_OPENED"::equals)).hasSize(1);
            assertThat(kinds.indexOf("LOGIN")).isLessThan(kinds.indexOf("SOCKET_OPENED"));
            consumer.unregister();
        }
    }

    private static List<String> kinds(TestNode node, String attemptId) {
        try {
            return node.node().services().events().forAttempt(attemptId).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).stream().sorted(java.util.Comparator.comparingLong(SeatEvent::at))
                    .map(e -> e.kind().name()).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
