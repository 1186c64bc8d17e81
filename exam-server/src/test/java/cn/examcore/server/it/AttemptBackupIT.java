package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptProcessors.Change;
import cn.examcore.server.attempt.store.AttemptProcessors.Op;
import cn.examcore.server.attempt.store.AttemptProcessors.Outcome;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.testing.Await;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attempts map as the server configures it (write-behind store) on two members in one
 * JVM: the saves run on the owner's stored object and again on the backup's, and the backup must hold exactly what
 * the owner held when the owner dies without handing anything over.
 */
@DisplayName("Attempt saves on the owner and its backup (two members)")
class AttemptBackupIT {

    private static final long T0 = 1_000_000;

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();

    @AfterEach
    void stop() {
        members.forEach(m -> m.getLifecycleService().terminate());
        databases.forEach(Database::close);
    }

    private HazelcastInstance member(String cluster, Path dir, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("cluster-name", cluster);
        values.put("data-dir", dir.toString());
        values.put("cluster-min-size", "1");
        ServerConfig sc = ServerConfig.defaults().with(values);
        Database db = Database.open(sc.database());
        databases.add(db);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastSetup.config(sc, db, () -> T0));
        members.add(hz);
        return hz;
    }

    @Test
    @DisplayName("The backup computes the owner's result for every save, so the survivor holds every answer")
    void backupHoldsWhatTheOwnerHeld(@TempDir Path a, @TempDir Path b) {
        String cluster = "backup-" + UUID.randomUUID();
        HazelcastInstance owner = member(cluster, a, Map.of());
        HazelcastInstance survivor = member(cluster, b, Map.of("cluster-members",
                "127.0.0.1:" + owner.getCluster().getLocalMember().getAddress().getPort()));
        assertThat(owner.getCluster().getMembers()).hasSize(2);
        // Writes need their backup acknowledged (fail-on-indeterminate): wait until the partitions have settled,
        // as the other two-member tests do, or a write during the migration can fail as indeterminate.
        Await.until("the cluster is safe", Duration.ofSeconds(60),
                () -> survivor.getPartitionService().isClusterSafe());

        IMap<String, Attempt> map = survivor.getMap(HazelcastMaps.ATTEMPTS);
        String id = ownedBy(owner, "attempt-");
        Attempt expected = Attempt.create(id, "sitting-1", "T-1", "THEORY", "R-01", T0, 3600);
        map.set(id, expected);
        map.set("other", Attempt.create("other", "sitting-2", "T-2", "THEORY", "R-02", T0, 3600));

        // Queries read the stored object's accessors now, not Compact fields.
        assertThat(map.keySet(Predicates.and(Predicates.equal("sittingId", "sitting-1"),
                Predicates.equal("state", AttemptState.WAITING.name())))).containsExactly(id);

        // Sent from the other member, so the processor travels in its wire form before it runs on the owner.
        long now = T0 + 1000;
        List<List<Answer>> saves = List.of(
                List.of(new Answer(3, "\"A\"", 1, now)),
                List.of(new Answer(1, "true", 1, now + 1)),
                List.of(new Answer(3, "\"B\"", 2, now + 2)),
                List.of(new Answer(3, "\"stale\"", 1, now + 3)),
                List.of(new Answer(2, null, 4, now + 4), new Answer(7, "[\"x\"]", 1, now + 4)));
        for (List<Answer> save : saves) {
            Outcome o = map.executeOnKey(id, new Change(Op.SAVE, now, 0, save));
            assertThat(o.rejection()).isNull();
            Attempt next = expected.saveAnswers(save, now);
            assertThat(o.changed()).isEqualTo(next != expected);
            expected = next;
            now += 10;
        }
        Outcome resent = map.executeOnKey(id, new Change(Op.SAVE, now, 0, saves.get(2)));
        assertThat(resent.changed()).isFalse();
        Outcome paused = map.executeOnKey(id, new Change(Op.PAUSE, now, 0, List.of()));
        expected = expected.pause(now);
        assertThat(paused.attempt()).isEqualTo(expected);
        assertThat(map.executeOnKey(id, new Change(Op.SAVE, now + 1, 0,
                List.of(new Answer(1, "false", 9, now + 1)))).rejection()).isEqualTo("PAUSED");
        assertThat(map.get(id)).isEqualTo(expected);

        // The owner dies without migrating: the survivor's backup replica becomes the attempt.
        members.remove(owner);
        owner.getLifecycleService().terminate();
        // Hazelcast retries the read until the survivor has promoted its replica, so no waiting is needed here.
        assertThat(map.get(id)).isEqualTo(expected);
        assertThat(map.get(id).answers().keySet()).containsExactly(1, 2, 3, 7);
        assertThat(map.get(id).answers().get(3).value()).isEqualTo("\"B\"");
    }

    /** A key whose partition {@code member} owns. */
    private static String ownedBy(HazelcastInstance member, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (member.getPartitionService().getPartition(key).getOwner().equals(member.getCluster().getLocalMember())) {
                return key;
            }
        }
    }
}
