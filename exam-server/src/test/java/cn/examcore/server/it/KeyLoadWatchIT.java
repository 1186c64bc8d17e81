package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.node.KeyLoadWatch;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.recordstore.DefaultRecordStore;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.PartitionSpecificRunnable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition whose key load waits for a signal that never comes, as Hazelcast 5.3 leaves some partition stores
 * created on a member that merged back from a split brain (the nemesis found it near a deadline): the partition
 * refuses every read and write ("still loading data from external store") until {@link KeyLoadWatch} completes its
 * load. The waiting state is made the way Hazelcast makes it (a fresh key-load future on a receiving partition whose
 * sender has long finished), by reflection, since nothing public can reach it.
 */
@DisplayName("Key loads left waiting after start")
class KeyLoadWatchIT {

    @Test
    @DisplayName("A partition left waiting refuses saves until the watch completes its load; what it held in memory is kept")
    void waitingPartitionIsCompleted(@TempDir Path dir) throws Exception {
        ServerConfig sc = ServerConfig.defaults().with(Map.of("data-dir", dir.toString(),
                "cluster-name", "key-load-" + UUID.randomUUID(), "write-delay-seconds", "600",
                "cluster-join-wait-seconds", "1"));
        long now = System.currentTimeMillis();
        try (Database db = Database.open(sc.database())) {
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(sc, db,
                    System::currentTimeMillis));
            try {
                run(hz, now);
            } finally {
                // No flush: the test's attempts belong to no sitting in the database.
                hz.getLifecycleService().terminate();
            }
        }
    }

    private static void run(HazelcastInstance hz, long now) throws Exception {
        {
            try (KeyLoadWatch idle = KeyLoadWatch.start(hz, List.of(HazelcastMaps.ATTEMPTS), 300, 100,
                    System::currentTimeMillis)) {
                IMap<String, Attempt> attempts = HazelcastMaps.openMap(hz, HazelcastMaps.ATTEMPTS);
                HazelcastSetup.closeBulkLoad(hz);
                String id = keyOutsideTheSenderPartition(hz);
                attempts.set(id, Attempt.create(id, "s-key-load", "T-1", "THEORY", "R1-01", now - 60_000, 3600)
                        .saveAnswers(List.of(new Answer(1, "\"A\"", 1, now)), now));
                TimeUnit.MILLISECONDS.sleep(1000);
                assertThat(idle.released()).as("completed while no load was waiting").isZero();
            }

            int partition = hz.getPartitionService().getPartition(keyOutsideTheSenderPartition(hz)).getPartitionId();
            String id = keyOutsideTheSenderPartition(hz);
            onPartitionThread(hz, partition, KeyLoadWatchIT::leaveKeyLoadWaiting);
            // The state the nemesis met: every operation on the partition is refused while it "loads".
            onPartitionThread(hz, partition, store -> assertThatThrownBy(store::checkIfLoaded)
                    .isInstanceOf(RetryableHazelcastException.class).hasMessageContaining("still loading"));
            // Hazelcast's own nudge (each refused operation asks the sending partition again) does not end it: the
            // sender finished its load long ago and answers that nothing needs doing.
            TimeUnit.MILLISECONDS.sleep(1500);
            onPartitionThread(hz, partition, store -> assertThatThrownBy(store::checkIfLoaded)
                    .as("nothing in Hazelcast ends the wait").isInstanceOf(RetryableHazelcastException.class));

            try (KeyLoadWatch watch = KeyLoadWatch.start(hz, List.of(HazelcastMaps.ATTEMPTS), 300, 100,
                    System::currentTimeMillis)) {
                IMap<String, Attempt> attempts = HazelcastMaps.openMap(hz, HazelcastMaps.ATTEMPTS);
                // Reads, writes and the deadline scan's local queries are refused while the partition waits, and
                // Hazelcast retries them: they return once the watch has completed the load.
                attempts.setAsync(id, attempts.getAsync(id).toCompletableFuture().get(30, TimeUnit.SECONDS)
                        .saveAnswers(List.of(new Answer(2, "\"B\"", 1, now + 1000)), now + 1000))
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertThat(attempts.localKeySet()).as("the local scan").contains(id);
                assertThat(watch.released()).as("partitions completed by the watch").isEqualTo(1);
                Attempt held = attempts.get(id);
                assertThat(held.answers().get(1).value()).as("the answer held before the wait").isEqualTo("\"A\"");
                assertThat(held.answers().get(2).value()).as("the save after it").isEqualTo("\"B\"");
            }
        }
    }

    /** A key of a partition other than the one that sends the map's keys (that one answers "loaded" itself). */
    private static String keyOutsideTheSenderPartition(HazelcastInstance hz) {
        int sender = hz.getPartitionService().getPartition(HazelcastMaps.ATTEMPTS).getPartitionId();
        for (int i = 0; ; i++) {
            String key = "key-load-" + i;
            if (hz.getPartitionService().getPartition(key).getPartitionId() != sender) {
                return key;
            }
        }
    }

    /**
     * What a receiving partition store does when it asks the sender and the answer is lost: a fresh, pending key-load
     * future that the store's operations wait on.
     */
    private static void leaveKeyLoadWaiting(DefaultRecordStore store) {
        try {
            Field loaderField = DefaultRecordStore.class.getDeclaredField("keyLoader");
            loaderField.setAccessible(true);
            Object loader = loaderField.get(store);
            Field pendingField = loader.getClass().getDeclaredField("keyLoadFinished");
            pendingField.setAccessible(true);
            Constructor<?> fresh = pendingField.getType().getDeclaredConstructor();
            fresh.setAccessible(true);
            Object pending = fresh.newInstance();
            pendingField.set(loader, pending);
            store.getLoadingFutures().add((Future<?>) pending);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Hazelcast's key loader changed shape: " + e, e);
        }
    }

    private static void onPartitionThread(HazelcastInstance hz, int partition, Consumer<DefaultRecordStore> action)
            throws Exception {
        NodeEngineImpl engine = ((HazelcastInstanceProxy) hz).getOriginal().node.getNodeEngine();
        MapService service = engine.getService(MapService.SERVICE_NAME);
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.getOperationService().execute(new PartitionSpecificRunnable() {
            @Override
            public int getPartitionId() {
                return partition;
            }

            @Override
            public void run() {
                try {
                    action.accept((DefaultRecordStore) service.getMapServiceContext()
                            .getRecordStore(partition, HazelcastMaps.ATTEMPTS));
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }
}
