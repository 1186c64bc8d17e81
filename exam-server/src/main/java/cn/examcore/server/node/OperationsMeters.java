package cn.examcore.server.node;

import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The meters an operator's alerts read on exam day ({@code ops/prometheus/examcore-alerts.yml}, explained in
 * {@code ops/RUNBOOK.md}): the cluster as this member sees it, whether its majority rule lets it write, and the
 * write-behind queues to the database. All are read on each scrape, none on the save path.
 */
final class OperationsMeters {

    private OperationsMeters() {
    }

    /**
     * @param expectedMembers the cluster size the configuration names (1 for a node alone)
     * @param protection      the split-brain protection of the answer maps' writes, or null on a node alone
     */
    static void bind(MeterRegistry registry, HazelcastInstance hz, int expectedMembers, String protection,
                     WriteBehindStats attempts, WriteBehindStats events, LongSupplier clock) {
        Gauge.builder("examcore.cluster.members", hz, h -> h.getLifecycleService().isRunning()
                        ? h.getCluster().getMembers().size() : 0)
                .description("members this node sees in its cluster").register(registry);
        Gauge.builder("examcore.cluster.expected.members", () -> expectedMembers)
                .description("members the configuration names").register(registry);
        Gauge.builder("examcore.cluster.writable", hz, h -> writable(h, protection))
                .description("1 while this member's majority rule lets it take saves, 0 while it refuses them")
                .register(registry);
        writeBehind(registry, hz, HazelcastMaps.ATTEMPTS, "attempts", attempts, clock);
        writeBehind(registry, hz, HazelcastMaps.EVENTS, "events", events, clock);
    }

    private static double writable(HazelcastInstance hz, String protection) {
        return mayWrite(hz, protection) ? 1 : 0;
    }

    /**
     * True while this member's majority rule {@code protection} (null: none, a node alone) lets it take saves: false
     * on the minority side of a split, and once the member has stopped.
     */
    static boolean mayWrite(HazelcastInstance hz, String protection) {
        if (!hz.getLifecycleService().isRunning()) {
            return false;
        }
        if (protection == null) {
            return true;
        }
        SplitBrainProtection p = hz.getSplitBrainProtectionService().getSplitBrainProtection(protection);
        return p.hasMinimumSize();
    }

    private static void writeBehind(MeterRegistry registry, HazelcastInstance hz, String map, String label,
                                    WriteBehindStats stats, LongSupplier clock) {
        Gauge.builder("examcore.writebehind.dirty", hz, h -> dirty(h, map))
                .description("entries this member owns that are changed in memory and not yet in the database")
                .tag("map", label).register(registry);
        // The age of the oldest unwritten change is not exposed by Hazelcast; while entries wait, the time since a
        // batch last reached the database bounds it from below and grows without limit when the database is away.
        Gauge.builder("examcore.writebehind.age", hz, h -> dirty(h, map) > 0
                        ? Math.max(0, clock.getAsLong() - stats.lastStoredAt()) / 1000.0 : 0)
                .description("seconds since a write-behind batch last reached the database while changes wait")
                .baseUnit("seconds").tag("map", label).register(registry);
        FunctionCounter.builder("examcore.writebehind.failures", stats, WriteBehindStats::failures)
                .description("write-behind batches the database refused or could not take (tried again)")
                .tag("map", label).register(registry);
    }

    private static double dirty(HazelcastInstance hz, String map) {
        if (!hz.getLifecycleService().isRunning()) {
            return 0;
        }
        IMap<Object, Object> m = hz.getMap(map);
        return m.getLocalMapStats().getDirtyEntryCount();
    }
}
