package cn.examcore.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.store.AttemptMapStore;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MetadataPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Hazelcast member configuration")
class HazelcastSetupTest {

    @Test
    @DisplayName("Each member of the JVM gets its own short instance name, so the 15 characters Linux keeps of a thread's"
            + " name still tell partition, IO and write-behind threads apart")
    void shortInstanceNames(@TempDir Path dir) {
        ServerConfig sc = ServerConfig.defaults().with(Map.of("data-dir", dir.toString()));
        try (Database db = Database.open(sc.database())) {
            String first = HazelcastSetup.config(sc, db, System::currentTimeMillis).getInstanceName();
            String second = HazelcastSetup.config(sc, db, System::currentTimeMillis).getInstanceName();
            assertThat(first).isNotEqualTo(second);
            for (String name : List.of(first, second)) {
                List<String> linuxNames = List.of("partition-operation.thread-0", "IO.thread-in-0", "cached.thread-3")
                        .stream().map(t -> ("hz." + name + "." + t).substring(0, 15)).toList();
                assertThat(linuxNames).as(name).doesNotHaveDuplicates()
                        .allSatisfy(n -> assertThat(n).startsWith("hz." + name + ".").hasSizeGreaterThan(
                                ("hz." + name + ".").length() + 4));
            }
        }
    }

    @Test
    @DisplayName("On the embedded H2 file the attempt store is the database's only writer; with a configured database"
            + " (which other members may share) it is not")
    void soleWriterOnlyOnTheEmbeddedFile(@TempDir Path dir) {
        ServerConfig embedded = ServerConfig.defaults().with(Map.of("data-dir", dir.resolve("a").toString()));
        ServerConfig configured = ServerConfig.defaults().with(Map.of("data-dir", dir.resolve("b").toString(),
                "db-url", "jdbc:h2:file:" + dir.resolve("shared").toAbsolutePath()));
        for (ServerConfig sc : List.of(embedded, configured)) {
            try (Database db = Database.open(sc.database())) {
                MapStoreConfig store = HazelcastSetup.config(sc, db, System::currentTimeMillis)
                        .getMapConfig(HazelcastMaps.ATTEMPTS).getMapStoreConfig();
                assertThat(((AttemptMapStore) store.getImplementation()).soleWriter()).as(sc.effectiveDbUrl())
                        .isEqualTo(sc == embedded);
            }
        }
    }

    @Test
    @DisplayName("Members join by TCP-IP only, fail on unconfirmed backups, and keep candidate data with one sync backup written behind")
    void config(@TempDir Path dir) {
        ServerConfig sc = ServerConfig.defaults().with(Map.of("data-dir", dir.toString(), "cluster-name", "site-x",
                "cluster-members", "10.0.0.1,10.0.0.2:5702", "write-delay-seconds", "3", "cluster-interface", "10.0.0.1"));
        try (Database db = Database.open(sc.database())) {
            Config c = HazelcastSetup.config(sc, db, System::currentTimeMillis);
            assertThat(c.getClusterName()).isEqualTo("site-x");
            // Members only, on the cluster interface alone: no client endpoint, no wildcard bind.
            AdvancedNetworkConfig network = c.getAdvancedNetworkConfig();
            assertThat(network.isEnabled()).isTrue();
            assertThat(network.getEndpointConfigs()).containsOnlyKeys(EndpointQualifier.MEMBER);
            assertThat(network.getEndpointConfigs().get(EndpointQualifier.MEMBER).getInterfaces().getInterfaces())
                    .containsExactly("10.0.0.1");
            assertThat(c.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
            assertThat(network.getJoin().getMulticastConfig().isEnabled()).isFalse();
            assertThat(network.getJoin().getTcpIpConfig().isEnabled()).isTrue();
            assertThat(network.getJoin().getTcpIpConfig().getMembers()).containsExactly("10.0.0.1", "10.0.0.2:5702");
            assertThat(c.getSerializationConfig().getJavaSerializationFilterConfig().getWhitelist().getPrefixes())
                    .containsExactlyInAnyOrder("cn.examcore.", "com.hazelcast.", "io.vertx.");
            assertThat(c.getProperty("hazelcast.operation.fail.on.indeterminate.state")).isEqualTo("true");
            assertThat(c.getMemberAttributeConfig().getAttribute("__vertx.nodeId")).isNotBlank();
            for (String name : List.of(HazelcastMaps.ATTEMPTS, HazelcastMaps.EVENTS)) {
                MapConfig m = c.getMapConfig(name);
                assertThat(m.getBackupCount()).as(name).isEqualTo(1);
                assertThat(m.getAsyncBackupCount()).as(name).isZero();
                MapStoreConfig store = m.getMapStoreConfig();
                assertThat(store.isEnabled()).isTrue();
                assertThat(store.getWriteDelaySeconds()).isEqualTo(3);
                assertThat(store.getInitialLoadMode()).isEqualTo(MapStoreConfig.InitialLoadMode.EAGER);
            }
            // Fast failure detection, and a majority (2 of the 2 listed members) before anything is written.
            assertThat(c.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
            assertThat(c.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
            assertThat(c.getSplitBrainProtectionConfig(HazelcastSetup.MAJORITY).getMinimumClusterSize()).isEqualTo(2);
            // Counted by recent heartbeats (4 s: under the 5-s detector, over two 1-s beats), not by membership: a
            // node waking from a stall the others removed it for refuses writes instead of taking them.
            assertThat(c.getSplitBrainProtectionConfig(HazelcastSetup.MAJORITY).getFunctionImplementation())
                    .isInstanceOf(com.hazelcast.splitbrainprotection.impl.RecentlyActiveSplitBrainProtectionFunction.class);
            assertThat(HazelcastSetup.recentHeartbeatMillis(sc)).isEqualTo(4_000);
            assertThat(c.getProperty("hazelcast.initial.min.cluster.size")).isEqualTo("2");
            assertThat(c.getMapConfig(HazelcastMaps.ATTEMPTS).getSplitBrainProtectionName())
                    .isEqualTo(HazelcastSetup.MAJORITY);
            assertThat(c.getMapConfig(HazelcastMaps.ATTEMPTS).getMergePolicyConfig().getPolicy())
                    .isEqualTo(cn.examcore.server.attempt.store.AttemptMergePolicy.class.getName());
            // No index on attempts: every answer save would have to update it (queries scan instead).
            assertThat(c.getMapConfig(HazelcastMaps.ATTEMPTS).getIndexConfigs()).isEmpty();
            // No JSON metadata on any map, configured or not: scans would look every key up in it.
            for (String name : List.of(HazelcastMaps.ATTEMPTS, HazelcastMaps.EVENTS, "examcore-throttles",
                    "any-other-map")) {
                assertThat(c.findMapConfig(name).getMetadataPolicy()).as(name).isEqualTo(MetadataPolicy.OFF);
            }
        }
    }

    @Test
    @DisplayName("A lone node without a member list has no split-brain protection to wait for")
    void loneNode(@TempDir Path dir) {
        ServerConfig sc = ServerConfig.defaults().with(Map.of("data-dir", dir.toString()));
        try (Database db = Database.open(sc.database())) {
            Config c = HazelcastSetup.config(sc, db, System::currentTimeMillis);
            assertThat(sc.effectiveClusterMinSize()).isEqualTo(1);
            assertThat(c.getMapConfig(HazelcastMaps.ATTEMPTS).getSplitBrainProtectionName()).isNull();
        }
    }

    @Test
    @DisplayName("The upsert statement is MERGE … KEY on H2 and INSERT … ON CONFLICT on PostgreSQL")
    void upserts() {
        assertThat(Database.Dialect.H2.upsert("t", List.of("a"), List.of("a", "b")))
                .isEqualTo("MERGE INTO t (a, b) KEY (a) VALUES (?, ?)");
        assertThat(Database.Dialect.POSTGRESQL.upsert("t", List.of("a"), List.of("a", "b")))
                .isEqualTo("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b");
    }
}
