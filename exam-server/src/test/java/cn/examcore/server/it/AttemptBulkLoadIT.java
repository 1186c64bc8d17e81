package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptMapStore;
import cn.examcore.server.attempt.store.AttemptProcessors;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.events.store.EventMapStore;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.testing.SittingRows;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hazelcast's bulk load of attempts from the database, on a lone member with the node's own map configuration and a
 * database that lags memory (a write delay longer than the test). The bulk load is not atomic with the saves around
 * it (see {@link AttemptMapStore#closeBulkLoad()}), so after a member's start it must put nothing into memory.
 */
@DisplayName("Bulk load of attempts after start")
class AttemptBulkLoadIT {

    private static final String ID = "bulk-load-attempt";

    @Test
    @DisplayName("Once the member has started, a bulk load from the database puts nothing into memory; a missing attempt is still read on demand")
    void bulkLoadEndsAtStart(@TempDir Path dir) throws Exception {
        ServerConfig sc = lone(dir);
        long now = System.currentTimeMillis();
        try (Database db = Database.open(sc.database())) {
            SittingRows.insert(db, "s-bulk", "bulk load", now);
            AttemptMapStore direct = new AttemptMapStore(db, System::currentTimeMillis);
            direct.store(ID, stored(ID, now));

            HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(sc, db,
                    System::currentTimeMillis));
            try {
                IMap<String, Attempt> attempts = HazelcastMaps.openMap(hz, HazelcastMaps.ATTEMPTS);
                assertThat(attempts.localKeySet()).as("loaded at start").containsExactly(ID);
                save(attempts, 2, now);

                // While the bulk load is open (as during a member's start), a bulk load puts what the database
                // holds into memory, at a moment of its own choosing: the path a stale copy took.
                direct.store("written-later", stored("written-later", now));
                attempts.loadAll(true);
                assertThat(attempts.localKeySet()).as("bulk load left open").contains("written-later");

                HazelcastSetup.closeBulkLoad(hz);
                direct.store("written-after-start", stored("written-after-start", now));
                attempts.loadAll(true);
                assertThat(attempts.localKeySet()).as("bulk load after start")
                        .containsExactlyInAnyOrder(ID, "written-later");
                assertThat(revisionOfItem1(attempts, ID)).as("the save in memory").isEqualTo(2);
                // What is not in memory is read when asked for, on the partition's own thread.
                assertThat(revisionOfItem1(attempts, "written-after-start")).as("read on demand").isEqualTo(1);
            } finally {
                hz.shutdown();
            }
        }
    }

    @Test
    @DisplayName("Once the member has started, the events' bulk load lists nothing either")
    void eventsBulkLoadEndsAtStart(@TempDir Path dir) throws Exception {
        ServerConfig sc = lone(dir);
        long now = System.currentTimeMillis();
        try (Database db = Database.open(sc.database())) {
            SittingRows.insert(db, "s-bulk", "bulk load", now);
            EventMapStore direct = new EventMapStore(db, System::currentTimeMillis);
            direct.store("e-1", event("e-1", now));
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(sc, db,
                    System::currentTimeMillis));
            try {
                EventMapStore store = (EventMapStore) hz.getConfig().getMapConfig(HazelcastMaps.EVENTS)
                        .getMapStoreConfig().getImplementation();
                assertThat(store.loadAllKeys()).as("listed while the member starts").containsExactly("e-1");
                HazelcastSetup.closeBulkLoad(hz);
                assertThat(store.loadAllKeys()).as("listed after start").isEmpty();
                assertThat(store.load("e-1")).as("still read on demand").isNotNull();
            } finally {
                hz.shutdown();
            }
        }
    }

    /** A lone member whose database lags memory by more than the test lasts. */
    private static ServerConfig lone(Path dir) {
        return ServerConfig.defaults().with(Map.of("data-dir", dir.toString(),
                "cluster-name", "bulk-load-" + UUID.randomUUID(), "write-delay-seconds", "600",
                "cluster-join-wait-seconds", "1"));
    }

    private static SeatEvent event(String id, long at) {
        return new SeatEvent(id, "s-bulk", ID, "R1-01", SeatEvent.Kind.DISCONNECT.source(), SeatEvent.Kind.DISCONNECT,
                null, at, at);
    }

    private static Attempt stored(String id, long now) {
        return Attempt.create(id, "s-bulk", "T-" + id, "THEORY", "R1-01", now - 60_000, 3600)
                .saveAnswers(List.of(new Answer(1, "\"A\"", 1, now - 1000)), now - 1000);
    }

    private static void save(IMap<String, Attempt> attempts, int rev, long at) {
        AttemptProcessors.Outcome saved = attempts.executeOnKey(ID, new AttemptProcessors.Change(
                AttemptProcessors.Op.SAVE, at, 0, List.of(new Answer(1, "\"B" + rev + "\"", rev, at))));
        assertThat(saved.rejection()).as("save of revision %d", rev).isNull();
        assertThat(revisionOfItem1(attempts, ID)).as("saved in memory").isEqualTo(rev);
    }

    private static long revisionOfItem1(IMap<String, Attempt> attempts, String id) {
        return attempts.get(id).answers().get(1).rev();
    }
}
