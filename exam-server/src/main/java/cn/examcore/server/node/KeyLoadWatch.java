package cn.examcore.server.node;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.PartitionSpecificRunnable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the key loads Hazelcast leaves waiting on this member's partitions after the member has started.
 *
 * <p>Every partition of a map with a map store holds a "key load" that must finish before the partition serves a
 * read or a write ({@code Map … is still loading data from external store} until then). A partition store created
 * on a running cluster (a member back from a split brain, a store re-created after a merge) asks the map's
 * key-loading partition whether the load is done and waits for its answer or for its "load completed" broadcast.
 * Both can be lost: a member that merged back near a sitting's deadline kept partitions waiting for minutes, and
 * the deadline timer and every save on them failed until then (the nemesis found it, see the README's operations
 * section). Nothing in Hazelcast retries the question.
 *
 * <p>Once a member has started, its bulk load lists nothing ({@code closeBulkLoad}), so on a running cluster a key
 * load can only ever end as an empty one, and what it waits for is a signal, not data: an attempt or event missing
 * from memory is read one at a time on the partition's own thread. A partition owned here whose key load has waited
 * longer than {@code stuckMillis} is therefore completed here as the lost broadcast would have completed it, on its
 * partition thread. The check is a few hundred no-op tasks every {@code periodMillis}.
 *
 * <p>This reads Hazelcast's internal record stores (5.3): there is no public way to ask a partition for its load
 * state. {@code KeyLoadWatchIT} holds the behaviour to that version.
 */
public final class KeyLoadWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyLoadWatch.class);

    private final NodeEngineImpl engine;
    private final MapServiceContext maps;
    private final List<String> mapNames;
    private final long stuckMillis;
    private final LongSupplier clock;
    /** When each (map, partition) was first seen waiting; touched only on that partition's thread. */
    private final Map<String, Long> waitingSince = new ConcurrentHashMap<>();
    private final AtomicLong released = new AtomicLong();
    /** Completed since the last report: "map#partition", reported in one line per round, not one per partition. */
    private final Queue<String> lately = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer;

    private KeyLoadWatch(HazelcastInstance hz, List<String> mapNames, long stuckMillis, LongSupplier clock) {
        HazelcastInstanceImpl impl = hz instanceof HazelcastInstanceProxy proxy ? proxy.getOriginal()
                : (HazelcastInstanceImpl) hz;
        this.engine = impl.node.getNodeEngine();
        MapService service = engine.getService(MapService.SERVICE_NAME);
        this.maps = service.getMapServiceContext();
        this.mapNames = List.copyOf(mapNames);
        this.stuckMillis = stuckMillis;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "examcore-key-load-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching {@code mapNames} on this member every {@code periodMillis}; call it once the member's maps
     * are open and its bulk load closed.
     */
    public static KeyLoadWatch start(HazelcastInstance hz, List<String> mapNames, long stuckMillis,
                                     long periodMillis, LongSupplier clock) {
        KeyLoadWatch watch = new KeyLoadWatch(hz, mapNames, stuckMillis, clock);
        watch.timer.scheduleWithFixedDelay(watch::checkSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Partition key loads this watch has completed since it started. */
    public long released() {
        return released.get();
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // The member may be shutting down or merging; the next round looks again.
            LOG.debug("key-load check skipped: {}", e.toString());
        }
    }

    /** Looks at every partition this member owns, each on its own partition thread. */
    void check() {
        report();
        IPartitionService partitions = engine.getPartitionService();
        for (int partition = 0; partition < partitions.getPartitionCount(); partition++) {
            if (!partitions.isPartitionOwner(partition)) {
                continue;
            }
            int id = partition;
            engine.getOperationService().execute(new PartitionSpecificRunnable() {
                @Override
                public int getPartitionId() {
                    return id;
                }

                @Override
                public void run() {
                    mapNames.forEach(map -> checkOne(map, id));
                }
            });
        }
    }

    private void checkOne(String map, int partition) {
        String key = map + '#' + partition;
        RecordStore<?> store = maps.getExistingRecordStore(partition, map);
        if (store == null || store.isKeyLoadFinished()) {
            waitingSince.remove(key);
            return;
        }
        long now = clock.getAsLong();
        long since = waitingSince.computeIfAbsent(key, k -> now);
        if (now - since < stuckMillis) {
            return;
        }
        waitingSince.remove(key);
        // What the key-loading partition's "load completed" broadcast does on arrival (KeyLoadStatusOperation).
        store.updateLoadStatus(true, null);
        released.incrementAndGet();
        lately.add(key);
    }

    private void report() {
        Map<String, List<String>> byMap = new TreeMap<>();
        for (String key = lately.poll(); key != null; key = lately.poll()) {
            int hash = key.lastIndexOf('#');
            byMap.computeIfAbsent(key.substring(0, hash), m -> new ArrayList<>()).add(key.substring(hash + 1));
        }
        byMap.forEach((map, partitions) -> LOG.warn("completed the key load of {} partition(s) of {} that waited"
                + " {} ms or more for a signal that did not come (the bulk load is closed on started members, so"
                + " it could only have been empty): {}", partitions.size(), map, stuckMillis, partitions));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }
}
