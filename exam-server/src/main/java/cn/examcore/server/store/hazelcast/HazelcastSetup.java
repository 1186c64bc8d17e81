package cn.examcore.server.store.hazelcast;

import cn.examcore.server.ServerConfig;
import cn.examcore.server.store.jdbc.AttemptMapStore;
import cn.examcore.server.store.jdbc.Database;
import cn.examcore.server.store.jdbc.EventMapStore;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The Hazelcast member configuration, built in code: TCP-IP join on the configured member list (multicast
 * off, so tests and neighbouring sites never join each other by accident), the cluster name from the config,
 * and the maps that hold what candidates wrote, each with one synchronous backup and a write-behind store.
 */
public final class HazelcastSetup {

    /** Attempt id → attempt (state, clock and answers). */
    public static final String ATTEMPTS = "examcore.attempts";
    /** Event id → event JSON. */
    public static final String EVENTS = "examcore.events";

    private HazelcastSetup() {
    }

    public static Config config(ServerConfig sc, Database db, LongSupplier clock) {
        // Vert.x's own maps (subscriptions, HA info) come from its default file; ours are added below.
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(sc.clusterName());
        config.setInstanceName("examcore-" + sc.clusterName() + "-" + Long.toHexString(System.nanoTime()));
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // A lone embedded node need not wait for peers that are not coming.
        config.setProperty("hazelcast.wait.seconds.before.join", sc.clusterMembers().isEmpty() ? "0" : "5");
        // A node that is stopped gracefully hands its partitions over and flushes its write-behind queues first.
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");

        // vertx-hazelcast finds its node id here when it is handed a running instance.
        config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(sc.clusterPort()).setPortAutoIncrement(true);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).getMembers().clear();
        if (sc.clusterMembers().isEmpty()) {
            join.getTcpIpConfig().addMember("127.0.0.1");
        } else {
            sc.clusterMembers().forEach(join.getTcpIpConfig()::addMember);
        }

        config.getSerializationConfig().addDataSerializableFactory(AttemptProcessors.FACTORY_ID,
                new AttemptProcessors.Factory());
        config.getSerializationConfig().getCompactSerializationConfig()
                .addSerializer(new AttemptSerializers.AnswerSerializer())
                .addSerializer(new AttemptSerializers.AttemptSerializer());

        MapConfig attempts = new MapConfig(ATTEMPTS)
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setReadBackupData(false)
                .setMapStoreConfig(writeBehind(sc, new AttemptMapStore(db, clock)));
        attempts.addIndexConfig(new IndexConfig(IndexType.HASH, "sittingId"));
        attempts.addIndexConfig(new IndexConfig(IndexType.SORTED, "dueAt"));
        config.addMapConfig(attempts);

        MapConfig events = new MapConfig(EVENTS)
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setMapStoreConfig(writeBehind(sc, new EventMapStore(db, clock)));
        events.addIndexConfig(new IndexConfig(IndexType.HASH, "attemptId"));
        config.addMapConfig(events);
        return config;
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
}
