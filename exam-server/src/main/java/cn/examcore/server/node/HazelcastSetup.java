package cn.examcore.server.node;

import cn.examcore.server.attempt.store.AttemptMapStore;
import cn.examcore.server.attempt.store.AttemptMergePolicy;
import cn.examcore.server.attempt.store.AttemptProcessors;
import cn.examcore.server.attempt.store.OfflineMerge;
import cn.examcore.server.attempt.store.AttemptSerializers;
import cn.examcore.server.attempt.store.StallFence;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.events.store.EventMapStore;
import cn.examcore.server.events.store.SeatEventSerializer;
import cn.examcore.server.storage.hazelcast.ClusterChanges;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import java.time.Duration;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast member configuration, built in code: a member endpoint bound to the configured cluster interface
 * and no client endpoint, TCP-IP join on the configured member list (multicast off, so tests and neighbouring
 * sites never join each other by accident), the cluster name from the config, a Java deserialization filter, and
 * the maps that hold what candidates wrote, each with one synchronous backup and a write-behind store.
 */
public final class HazelcastSetup {

    /** The split-brain protection rule on the write paths: a majority of the configured members. */
    public static final String MAJORITY = "examcore-majority";

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSetup.class);

    /** The map of the cluster-wide throttles' token buckets. */
    static final String THROTTLES = "examcore-throttles";
    /** First of the type ids bucket4j's serializers take (our own ids stay below it). */
    private static final int THROTTLE_SERIALIZER_BASE = 10_000;

    /** Members started in this JVM, for their instance names. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private HazelcastSetup() {
    }

    /**
     * A short instance name, unique in the JVM ({@code ec1}, {@code ec2}…). Hazelcast names its threads
     * {@code hz.<instance>.…} and Linux keeps 15 characters of a thread's name, so under a long name every Hazelcast
     * thread reads the same in {@code top -H} and {@code /proc}; under this one the partition, IO and write-behind
     * threads stay apart ({@code hz.ec1.partitio}, {@code hz.ec1.IO.threa}, {@code hz.ec1.cached.t}), which is what
     * an operator or a profile needs to see where a node's CPU goes.
     */
    static String instanceName() {
        return "ec" + INSTANCES.incrementAndGet();
    }

    public static Config config(ServerConfig sc, Database db, LongSupplier clock) {
        return config(sc, db, clock, new WriteBehindStats(clock.getAsLong()), new WriteBehindStats(clock.getAsLong()));
    }

    /**
     * The member's configuration, its write-behind stores counting into {@code attemptStats} and {@code eventStats}
     * (the node's meters read them).
     */
    public static Config config(ServerConfig sc, Database db, LongSupplier clock, WriteBehindStats attemptStats,
                                WriteBehindStats eventStats) {
        // Vert.x's own maps (subscriptions, HA info) come from its default file; ours are added below.
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(sc.clusterName());
        config.setInstanceName(instanceName());
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // A lone embedded node need not wait for peers that are not coming.
        config.setProperty("hazelcast.wait.seconds.before.join",
                sc.clusterMembers().isEmpty() ? "0" : String.valueOf(sc.clusterJoinWaitSeconds()));
        // A node that is stopped gracefully hands its partitions over and flushes its write-behind queues first.
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Failure detection in seconds, not Hazelcast's 60 s: the seats of a dead member wait for its partitions
        // to move. The price is that a member stalled longer than this (a long GC pause, a saturated link) is
        // declared dead too, and rejoins through a split-brain merge; keep the timeout above the worst pause.
        config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(sc.clusterHeartbeatSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(sc.clusterMaxNoHeartbeatSeconds()));
        // A partitioned member that comes back is merged within seconds, not after Hazelcast's 300 s / 120 s.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(sc.clusterMaxNoHeartbeatSeconds()));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(sc.clusterMaxNoHeartbeatSeconds()));

        // vertx-hazelcast finds its node id here when it is handed a running instance.
        config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());

        config.addListenerConfig(new ListenerConfig(new MembershipLog(sc.clusterMembers(), sc.clusterInterface())));
        ClusterChanges changes = new ClusterChanges(clock);
        config.addListenerConfig(new ListenerConfig(changes.membershipListener()));
        config.addListenerConfig(new ListenerConfig(changes.lifecycleListener()));

        // Members only: the advanced network configuration carries a member endpoint and no client endpoint, so the
        // client protocol is not served at all (Hazelcast Community cannot authenticate a client or a member; the
        // cluster network is the defence, and nothing that is not an exam-server node needs to be on it).
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        // The plain network section (Vert.x's default file enables multicast there) is replaced, not merged.
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
        member.setPort(sc.clusterPort()).setPortAutoIncrement(true);
        // Bound to the one configured cluster interface, never to every interface of the host.
        member.getInterfaces().setEnabled(true).addInterface(sc.clusterInterface());
        config.setProperty("hazelcast.socket.bind.any", "false");
        if (!sc.clusterPublicAddress().isBlank()) {
            member.setPublicAddress(sc.clusterPublicAddress());
        }
        network.setMemberEndpointConfig(member);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).getMembers().clear();
        if (sc.clusterMembers().isEmpty()) {
            join.getTcpIpConfig().addMember(sc.clusterInterface());
        } else {
            sc.clusterMembers().forEach(join.getTcpIpConfig()::addMember);
        }
        // Only a member can send us Java-serialized data, and none of our data is Java-serialized (Compact attempts
        // and events, IdentifiedDataSerializable processors): anything outside the platform's own packages is
        // refused, on top of Hazelcast's list of known deserialization gadgets.
        ClassFilter allowed = new ClassFilter().addPrefixes("cn.examcore.", "com.hazelcast.", "io.vertx.");
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setWhitelist(allowed));

        // bucket4j's entry processors travel with its own serializers, not Java serialization (see the filter).
        HazelcastProxyManager.addCustomSerializers(config.getSerializationConfig(), THROTTLE_SERIALIZER_BASE);
        // The throttles' buckets: small, rebuilt by the next guess if lost, so one backup and no split-brain
        // protection (the minority side must go on throttling); an idle bucket is gone after its TTL.
        config.addMapConfig(new MapConfig(THROTTLES).setBackupCount(1).setAsyncBackupCount(0)
                .setMaxIdleSeconds(3600));
        config.getSerializationConfig().addDataSerializableFactory(AttemptProcessors.FACTORY_ID,
                new AttemptProcessors.Factory());
        config.getSerializationConfig().addDataSerializableFactory(OfflineMerge.FACTORY_ID, new OfflineMerge.Factory());
        config.getSerializationConfig().getCompactSerializationConfig()
                .addSerializer(new AttemptSerializers.AttemptSerializer())
                .addSerializer(new SeatEventSerializer());

        int minSize = sc.effectiveClusterMinSize();
        String protection = null;
        if (minSize > 1) {
            // Writes on the minority side of a split fail, so its pages fail over to the majority instead of
            // writing answers that the merge would have to reconcile with the majority's.
            protection = MAJORITY;
            // A member does not finish starting (nor load the maps, a write) until a majority has joined.
            config.setProperty("hazelcast.initial.min.cluster.size", String.valueOf(minSize));
            // A member counts towards the majority only while it has been heard from recently. A node that stalls
            // (a long GC pause, a frozen VM) longer than the failure detector is removed by the others, but on
            // waking it still lists them as members: counted by membership alone it would take writes for a moment
            // (a second freeze of a submitted attempt, say) that the majority has already taken over. Their last
            // heartbeats are as old as the stall, so counted by recent heartbeats it refuses them at once.
            config.addSplitBrainProtectionConfig(SplitBrainProtectionConfig
                    .newRecentlyActiveSplitBrainProtectionConfigBuilder(MAJORITY, minSize,
                            recentHeartbeatMillis(sc))
                    .enabled(true).build().setProtectOn(SplitBrainProtectionOn.WRITE));
            // Even so, the heartbeats buffered during a stall are read as fresh on waking: the member refuses
            // attempt changes itself until they have aged out.
            StallFence.install(stallMillis(sc), recentHeartbeatMillis(sc) + 1000L);
        }

        // BINARY (the default) in-memory format. OBJECT would spare each save a deserialise/serialise of the
        // attempt, but on a quiet machine it measured no gain per save (load-tests SaveCost), so it is not taken.
        MapConfig attempts = new MapConfig(HazelcastMaps.ATTEMPTS)
                .setBackupCount(sc.backupCount())
                .setAsyncBackupCount(0)
                .setReadBackupData(false)
                .setSplitBrainProtectionName(protection)
                .setMergePolicyConfig(new MergePolicyConfig(AttemptMergePolicy.class.getName(), 100))
                // On the embedded H2 file no other process can write the attempts' rows (H2 locks the file to this
                // one), so the store skips the checks against another member's late flush.
                .setMapStoreConfig(writeBehind(sc, new AttemptMapStore(db, clock, attemptStats, changes::lastAt,
                        sc.embeddedDatabase())));
        // No index at all: Hazelcast updates every index of an entry on each write, and a save writes the attempt.
        // Without the dueAt index the deadline timer scans its local entries; without the sittingId index
        // (load-tests SaveCost, 10,000 attempts of 12 answers: 3,805 → 4,671 saves/s, CPU per save 416 → 339 µs)
        // the seat list of a sitting is a predicate scan, which reads the Compact field from the binary form and
        // costs little next to the result it returns (every attempt of the sitting, deserialised). A room's seats
        // need no index either: their attempts are read by key, the ids derived from the roster (RoomAttempts).
        config.addMapConfig(attempts);

        // Events are immutable and keyed by a fresh id: both sides of a split hold disjoint keys, so keeping the
        // existing copy of a key loses nothing here (unlike attempts).
        MapConfig events = new MapConfig(HazelcastMaps.EVENTS)
                .setBackupCount(sc.backupCount())
                .setAsyncBackupCount(0)
                .setSplitBrainProtectionName(protection)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), 100))
                .setMapStoreConfig(writeBehind(sc, new EventMapStore(db, clock, eventStats)));
        events.addIndexConfig(new IndexConfig(IndexType.HASH, "attemptId"));
        config.addMapConfig(events);

        // The papers' in-memory copies (paper.store.PaperCopies): written at assembly, read only while the database
        // does not answer. The attempts' backup count, so a copy outlives its owner as an attempt does; no store (the
        // database holds the papers) and no split-brain protection (a copy is the same on both sides of a split,
        // and the side cut off must still be able to read it); each entry expires by its own time to live.
        config.addMapConfig(new MapConfig(HazelcastMaps.PAPERS)
                .setBackupCount(sc.backupCount())
                .setAsyncBackupCount(0)
                .setReadBackupData(false)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), 100)));

        // No map holds JSON values (HazelcastJsonValue), so no map keeps JSON metadata. With the default policy every
        // entry of a predicate scan looks its key up in the metadata store, hashing the key's bytes each time: the
        // deadline timer's scan of the local attempts every 500 ms spent more on that than on reading dueAt
        // (10,000 seats, the load run's steady profile), and every update passes the metadata observer.
        config.getMapConfig("default").setMetadataPolicy(MetadataPolicy.OFF);
        config.getMapConfigs().values().forEach(m -> m.setMetadataPolicy(MetadataPolicy.OFF));
        return config;
    }

    /**
     * The throttles' bucket store on this member: bucket4j's entry processors on {@link #THROTTLES}; a bucket left
     * alone is removed once it would be full again.
     */
    public static AsyncProxyManager<String> throttles(HazelcastInstance hz) {
        IMap<String, byte[]> map = hz.getMap(THROTTLES);
        return Bucket4jHazelcast.entryProcessorBasedBuilder(map)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build().asAsync();
    }

    /**
     * Ends the attempts' and events' bulk loads on this member (see {@link AttemptMapStore#closeBulkLoad()} and
     * {@link EventMapStore#closeBulkLoad()}); called once the member's maps are open, which with the eager load
     * means every partition has loaded.
     */
    public static void closeBulkLoad(HazelcastInstance hz) {
        if (hz.getConfig().getMapConfig(HazelcastMaps.ATTEMPTS).getMapStoreConfig()
                .getImplementation() instanceof AttemptMapStore store) {
            store.closeBulkLoad();
        }
        if (hz.getConfig().getMapConfig(HazelcastMaps.EVENTS).getMapStoreConfig()
                .getImplementation() instanceof EventMapStore store) {
            store.closeBulkLoad();
        }
    }

    private static MapStoreConfig writeBehind(ServerConfig sc, Object implementation) {
        return new MapStoreConfig()
                .setEnabled(true)
                .setImplementation(implementation)
                .setWriteDelaySeconds(sc.writeDelaySeconds())
                .setWriteCoalescing(true)
                .setWriteBatchSize(500)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER);
    }

    /**
     * How recently a member must have been heard from to count towards the majority: less than the failure
     * detector's timeout (a member silent that long is being removed by the others), and at least two heartbeat
     * intervals, so one late heartbeat on a busy node does not refuse writes.
     */
    /**
     * A gap in a member's own ticking that counts as a stall: half the time after which the others remove a silent
     * member (a member stalled that long has been removed, or nearly), and never below a second of plain scheduling
     * delay on a loaded host.
     */
    static long stallMillis(ServerConfig sc) {
        return Math.max(1000L, sc.clusterMaxNoHeartbeatSeconds() * 1000L / 2);
    }

    static int recentHeartbeatMillis(ServerConfig sc) {
        long beat = sc.clusterHeartbeatSeconds() * 1000L;
        long detector = sc.clusterMaxNoHeartbeatSeconds() * 1000L;
        return (int) Math.max(2 * beat, detector - beat);
    }
}
