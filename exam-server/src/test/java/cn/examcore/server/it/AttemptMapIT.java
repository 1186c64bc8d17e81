package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptProcessors;
import cn.examcore.server.attempt.store.AttemptSerializers;
import cn.examcore.server.attempt.store.HazelcastAttemptStore;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The attempt map's serialization and entry processor on a real (lone) Hazelcast member, no store behind it. */
@DisplayName("Attempt map on Hazelcast")
class AttemptMapIT {

    static HazelcastInstance hz;

    @BeforeAll
    static void start() {
        Config c = new Config().setClusterName("attempt-map-" + UUID.randomUUID());
        c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.getSerializationConfig().addDataSerializableFactory(AttemptProcessors.FACTORY_ID,
                new AttemptProcessors.Factory());
        c.getSerializationConfig().getCompactSerializationConfig()
                .addSerializer(new AttemptSerializers.AttemptSerializer());
        hz = Hazelcast.newHazelcastInstance(c);
    }

    @AfterAll
    static void stop() {
        hz.shutdown();
    }

    @Test
    @DisplayName("An attempt with answers, a pause and a submission is stored and read back unchanged (Compact)")
    void roundTrip() {
        IMap<String, Attempt> map = hz.getMap("round-trip");
        Attempt a = new Attempt("a1", "s1", "T-1", "THEORY", "R101-01", AttemptState.SUBMITTED, 1000, 5400, 300,
                60_000, 0, 99_000, Attempt.SubmitKind.AUTO_SUBMITTED,
                Map.of(1, new Answer(1, "\"A\"", 3, 10), 4, new Answer(4, null, 2, 11),
                        7, new Answer(7, "{\"text\":\"长答案\"}", 1, 12)));
        map.set("a1", a);
        assertThat(map.get("a1")).isEqualTo(a);
    }

    @Test
    @DisplayName("A save is one entry-processor call: a higher revision is applied, a repeat reports no change")
    void saveProcessor() {
        IMap<String, Attempt> map = hz.getMap("save");
        map.set("a1", Attempt.create("a1", "s1", "T", "THEORY", "R-01", 0, 3600));
        AttemptProcessors.Outcome first = map.executeOnKey("a1", new AttemptProcessors.Change(
                AttemptProcessors.Op.SAVE, 1000, 0, List.of(new Answer(2, "true", 5, 1000))));
        assertThat(first.rejection()).isNull();
        assertThat(first.changed()).isTrue();
        AttemptProcessors.Outcome lower = map.executeOnKey("a1", new AttemptProcessors.Change(
                AttemptProcessors.Op.SAVE, 1001, 0, List.of(new Answer(2, "false", 4, 1001))));
        assertThat(lower.changed()).isFalse();
        assertThat(map.get("a1").answers().get(2).value()).isEqualTo("true");

        AttemptProcessors.Outcome missing = map.executeOnKey("nope", new AttemptProcessors.Change(
                AttemptProcessors.Op.SAVE, 1000, 0, List.of(new Answer(1, "true", 1, 1000))));
        assertThat(missing.rejection()).isEqualTo("UNKNOWN");
        assertThat(map.containsKey("nope")).isFalse();

        map.executeOnKey("a1", new AttemptProcessors.Change(AttemptProcessors.Op.SUBMIT, 2000, 0, List.of()));
        AttemptProcessors.Outcome late = map.executeOnKey("a1", new AttemptProcessors.Change(
                AttemptProcessors.Op.SAVE, 2001, 0, List.of(new Answer(3, "true", 1, 2001))));
        assertThat(late.rejection()).isEqualTo("SUBMITTED");
        assertThat(map.get("a1").answers()).doesNotContainKey(3);
    }

    @Test
    @DisplayName("A 25-item attempt with 3 changes per item: the history travels with the save, and its size is"
            + " measured (serialized and in-memory entry cost, with and without the history)")
    void historySize() {
        IMap<String, Attempt> map = hz.getMap("history-size");
        map.set("h1", Attempt.create("h1", "s1", "T", "THEORY", "R-01", 0, 3600));
        String[] options = {"\"A\"", "\"B\"", "\"C\""};
        long now = 1000;
        for (int round = 1; round <= 3; round++) {
            for (int item = 1; item <= 25; item++) {
                AttemptProcessors.Outcome o = map.executeOnKey("h1", new AttemptProcessors.Change(
                        AttemptProcessors.Op.SAVE, ++now, 0,
                        List.of(new Answer(item, options[round - 1], round, now))).by("[10.0.0.17]:5701"));
                assertThat(o.changed()).isTrue();
            }
        }
        Attempt a = map.get("h1");
        assertThat(a.history().size()).isEqualTo(75);
        assertThat(a.history().differences(a.answers())).isEmpty();
        assertThat(a.history().entry(74).node()).isEqualTo("[10.0.0.17]:5701");
        var serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) hz).getSerializationService();
        int with = serialization.toData(a).totalSize();
        int without = serialization.toData(a.withHistory(
                cn.examcore.server.attempt.domain.AnswerHistory.empty())).totalSize();
        long cost = map.getEntryView("h1").getCost();
        System.out.printf("answer history, 25 items x 3 changes: serialized %d B with history, %d B without (%d B for"
                + " 75 entries, %.1f B each); entry cost in the map %d B%n", with, without, with - without,
                (with - without) / 75.0, cost);
        assertThat(with - without).as("bytes of 75 entries").isLessThan(75 * 24);

        // An essay saved at every typing pause: its long values are held as digests, so each entry costs the
        // digest, not the text; but the whole history is still written with every save of the attempt.
        map.set("h2", Attempt.create("h2", "s1", "T", "THEORY", "R-02", 0, 3600));
        StringBuilder text = new StringBuilder("\"");
        for (int rev = 1; rev <= 1000; rev++) {
            text.append("第").append(rev).append("句。");
            map.executeOnKey("h2", new AttemptProcessors.Change(AttemptProcessors.Op.SAVE, 2000 + rev, 0,
                    List.of(new Answer(26, text + "\"", rev, 2000 + rev))).by("[10.0.0.17]:5701"));
        }
        Attempt essay = map.get("h2");
        int essayWith = serialization.toData(essay).totalSize();
        int essayWithout = serialization.toData(essay.withHistory(
                cn.examcore.server.attempt.domain.AnswerHistory.empty())).totalSize();
        System.out.printf("answer history, one essay saved 1,000 times: %d B of history (%.1f B per entry)%n",
                essayWith - essayWithout, (essayWith - essayWithout) / 1000.0);
        assertThat(essay.history().size()).isEqualTo(1000);
        assertThat(essayWith - essayWithout).as("bytes of 1,000 digest entries").isLessThan(1000 * 56);
    }

    @Test
    @DisplayName("The deadline scan finds a due attempt while every thread of the staff reads is held")
    void deadlineScanNeverWaitsBehindStaffReads() throws Exception {
        Vertx vertx = Vertx.vertx();
        WorkerExecutor cpu = vertx.createSharedWorkerExecutor("scan-test-cpu", 1);
        WorkerExecutor reads = vertx.createSharedWorkerExecutor("scan-test-reads", 1);
        CountDownLatch held = new CountDownLatch(1);
        try {
            long now = System.currentTimeMillis();
            IMap<String, Attempt> map = hz.getMap(HazelcastMaps.ATTEMPTS);
            map.set("due-1", Attempt.create("due-1", "scan-sitting", "T-1", "THEORY", "R1-01", now - 3_600_000, 60));
            HazelcastAttemptStore store = new HazelcastAttemptStore(vertx, hz, cpu, reads);
            // The staff reads' one thread is busy (a backlog of console reads), and a sitting read waits behind it.
            reads.executeBlocking(() -> held.await(30, TimeUnit.SECONDS), false);
            Future<List<Attempt>> sitting = store.bySitting("scan-sitting");

            List<String> due = store.locallyDue(now).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(due).contains("due-1");
            assertThat(sitting.isComplete()).as("the sitting read still waits for the held thread").isFalse();
            held.countDown();
            assertThat(sitting.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .extracting(Attempt::id).containsExactly("due-1");
        } finally {
            held.countDown();
            hz.getMap(HazelcastMaps.ATTEMPTS).destroy();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
