package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.paper.store.HazelcastPaperCopies;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.testing.Await;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The papers' kept copies in the map as the server configures it, on two members in one JVM: a copy outlives the
 * member that owned it, expires by its own time to live, is replaced by a re-assembly and never by a refill.
 */
@DisplayName("Kept paper copies on two members")
class PaperCopiesIT {

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor blocking = vertx.createSharedWorkerExecutor("copies-it", 2);

    @AfterEach
    void stop() throws Exception {
        members.forEach(m -> m.getLifecycleService().terminate());
        databases.forEach(Database::close);
        blocking.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HazelcastInstance member(String cluster, Path dir, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("cluster-name", cluster);
        values.put("data-dir", dir.toString());
        values.put("cluster-min-size", "1");
        ServerConfig sc = ServerConfig.defaults().with(values);
        Database db = Database.open(sc.database());
        databases.add(db);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(sc, db, () -> 0L));
        members.add(hz);
        return hz;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<byte[]> b) {
        return b.map(x -> new String(x, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    @DisplayName("A copy outlives its owner; a re-assembly replaces and drops copies; a refill never replaces one")
    void copiesOutliveTheirOwner(@TempDir Path a, @TempDir Path b) throws Exception {
        String cluster = "copies-" + UUID.randomUUID();
        HazelcastInstance owner = member(cluster, a, Map.of());
        HazelcastInstance survivor = member(cluster, b, Map.of("cluster-members",
                "127.0.0.1:" + owner.getCluster().getLocalMember().getAddress().getPort()));
        Await.until("the cluster is safe", Duration.ofSeconds(60),
                () -> survivor.getPartitionService().isClusterSafe());
        HazelcastPaperCopies onOwner = new HazelcastPaperCopies(vertx, owner, blocking);
        HazelcastPaperCopies onSurvivor = new HazelcastPaperCopies(vertx, survivor, blocking);

        // More copies than one write window, so the windows follow each other.
        Map<String, byte[]> first = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            first.put("attempt-" + i, bytes("first " + i));
        }
        long hour = 3_600_000;
        await(onOwner.keep(first, hour, List.of()));
        assertThat(text(await(onSurvivor.copy("attempt-599")))).isEqualTo("first 599");

        // A re-assembly: new copies for most attempts, attempt-0 no longer in the sitting.
        Map<String, byte[]> second = new HashMap<>();
        for (int i = 1; i < 600; i++) {
            second.put("attempt-" + i, bytes("second " + i));
        }
        await(onSurvivor.keep(second, hour, first.keySet()));
        assertThat(await(onOwner.copy("attempt-0"))).as("dropped by the re-assembly").isEmpty();
        assertThat(text(await(onOwner.copy("attempt-1")))).isEqualTo("second 1");

        // A refill after a database read never replaces a copy that is there, and puts back one that is not.
        assertThat(await(onOwner.keepIfAbsent("attempt-1", bytes("stale"), hour))).isFalse();
        assertThat(text(await(onOwner.copy("attempt-1")))).isEqualTo("second 1");
        assertThat(await(onOwner.keepIfAbsent("attempt-0", bytes("refilled"), hour))).isTrue();
        assertThat(text(await(onSurvivor.copy("attempt-0")))).isEqualTo("refilled");

        // A copy lives by its own time to live.
        await(onOwner.keep(Map.of("short", bytes("short")), 1_500, List.of()));
        assertThat(text(await(onSurvivor.copy("short")))).isEqualTo("short");
        Await.until("the short copy expired", Duration.ofSeconds(20),
                () -> survivor.getMap("examcore.papers").get("short") == null);

        // The owner dies without handing anything over: every copy is still there, from the backups.
        members.remove(owner);
        owner.getLifecycleService().terminate();
        for (int i = 1; i < 600; i++) {
            assertThat(text(await(onSurvivor.copy("attempt-" + i)))).isEqualTo("second " + i);
        }
        assertThat(text(await(onSurvivor.copy("attempt-0")))).isEqualTo("refilled");
    }

    @Test
    @DisplayName("A copy with no time left is refused, and nothing is written")
    void noTimeLeftRefused(@TempDir Path a) throws Exception {
        HazelcastInstance only = member("copies-" + UUID.randomUUID(), a, Map.of());
        HazelcastPaperCopies copies = new HazelcastPaperCopies(vertx, only, blocking);
        Future<Void> kept = copies.keep(Map.of("x", bytes("x")), 0, List.of());
        Await.until("refused", Duration.ofSeconds(10), kept::isComplete);
        assertThat(kept.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time to live");
        assertThat(await(copies.copy("x"))).isEmpty();
    }
}
