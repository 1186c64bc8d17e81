package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.events.store.EventMapStore;
import cn.examcore.server.events.store.HazelcastEventStore;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SittingRows;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events map as the node configures it (Compact values, the {@code attemptId} index, write-behind into the
 * database), on a lone member: what is appended is what the queries, the database and a reload give back, facts and
 * all, for kinds with and without facts and for an agent's event that has no attempt.
 */
@DisplayName("Seat events in the cluster map")
class EventMapIT {

    @Test
    @DisplayName("Appended events come back whole from the attempt's and the sitting's lists, the database and a reload")
    void roundTrip(@TempDir Path dir) throws Exception {
        ServerConfig sc = ServerConfig.defaults().with(Map.of("data-dir", dir.toString(),
                "cluster-name", "event-map-" + UUID.randomUUID(), "cluster-join-wait-seconds", "1"));
        long now = System.currentTimeMillis();
        List<SeatEvent> appended = List.of(
                event("e-1", "a-1", SeatEvent.Kind.LOGIN, EventDetail.NoFacts.NONE, now),
                event("e-2", "a-1", SeatEvent.Kind.HEARTBEAT_GAP, new EventDetail.HeartbeatGap(12, true), now + 1),
                event("e-3", "a-1", SeatEvent.Kind.EXTENDED, new EventDetail.Extended("proctor-1", null, 300),
                        now + 2),
                event("e-4", "a-1", SeatEvent.Kind.SUBMITTED,
                        new EventDetail.Submission(98, "3f2a9c4b", "k1.signature"), now + 3),
                event("e-5", "a-2", SeatEvent.Kind.EXTENDED,
                        new EventDetail.Extended("proctor-2", "电脑故障 (terminal fault)", 600), now + 4),
                event("e-6", null, SeatEvent.Kind.IDENTITY_MISMATCH, new EventDetail.IdentityMismatch("face"),
                        now + 5));
        Vertx vertx = Vertx.vertx();
        try (Database db = Database.open(sc.database())) {
            SittingRows.insert(db, "s-events", "events", now);
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(sc, db,
                    System::currentTimeMillis));
            try {
                WorkerExecutor reads = vertx.createSharedWorkerExecutor("event-map-it-reads", 1);
                HazelcastEventStore store = new HazelcastEventStore(vertx, hz,
                        vertx.createSharedWorkerExecutor("event-map-it", 1), reads);
                Await.result(store.appendAll(appended));
                assertThat(Await.result(store.forAttempt("a-1"))).containsExactlyElementsOf(appended.subList(0, 4));
                assertThat(Await.result(store.forSitting("s-events"))).containsExactlyElementsOf(appended);
                assertThat(Await.result(store.forSitting("s-events", SeatEvent.Kind.EXTENDED)))
                        .as("one kind of the sitting's events, in order")
                        .containsExactly(appended.get(2), appended.get(4));
                assertThat(Await.result(store.forSitting("s-other", SeatEvent.Kind.LOGIN))).isEmpty();
                assertThat(Await.result(store.forSeats("s-events", Set.of("R1-02", "R1-05", "R9-99"))))
                        .as("the events at some seats, in order").containsExactly(appended.get(1), appended.get(4));
                assertThat(Await.result(store.forSeats("s-events", Set.of()))).isEmpty();
                assertThat(Await.result(store.forSeats("s-other", Set.of("R1-01")))).isEmpty();

                // Staff pages' sitting-wide reads have threads of their own: with those held (a backlog of console
                // reads), one attempt's events are still answered, and the sitting's wait.
                CountDownLatch held = new CountDownLatch(1);
                try {
                    reads.executeBlocking(() -> held.await(30, TimeUnit.SECONDS), false);
                    Future<List<SeatEvent>> sitting = store.forSitting("s-events");
                    Future<List<SeatEvent>> seats = store.forSeats("s-events", Set.of("R1-02"));
                    assertThat(Await.result(store.forAttempt("a-2"))).containsExactly(appended.get(4));
                    assertThat(sitting.isComplete() || seats.isComplete()).as("waiting for the held thread")
                            .isFalse();
                    held.countDown();
                    assertThat(Await.result(sitting)).containsExactlyElementsOf(appended);
                    assertThat(Await.result(seats)).containsExactly(appended.get(1));
                } finally {
                    held.countDown();
                }

                Await.result(store.flush());
                EventMapStore database = (EventMapStore) hz.getConfig().getMapConfig(HazelcastMaps.EVENTS)
                        .getMapStoreConfig().getImplementation();
                assertThat(database.loadAll(appended.stream().map(SeatEvent::id).toList()).values())
                        .as("written behind to the database").containsExactlyInAnyOrderElementsOf(appended);

                hz.getMap(HazelcastMaps.EVENTS).evictAll();
                assertThat(hz.getMap(HazelcastMaps.EVENTS).get("e-5")).as("read on demand from the database")
                        .isEqualTo(appended.get(4));
            } finally {
                hz.shutdown();
            }
        } finally {
            Await.result(vertx.close());
        }
    }

    private static SeatEvent event(String id, String attemptId, SeatEvent.Kind kind, EventDetail detail, long at) {
        return new SeatEvent(id, "s-events", attemptId, "R1-0" + id.charAt(2), kind.source(), kind, detail,
                kind.source() == SeatEvent.Source.SERVER ? 0 : at - 40, at);
    }
}
