package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Attempt;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.UUID;

/**
 * What the answer history adds to a save where it costs: the entry processor's cycle on the partition thread (and
 * again on the backup) of deserialising the attempt, merging the save (with its history entry) and serialising the
 * attempt, for a 25-item attempt that already holds 3 changes per item. Measured as the thread's CPU time, so a
 * busy machine blurs it less than wall time. A main, not a test: after {@code mvn -pl exam-server -am
 * test-compile} and {@code mvn -q -pl exam-server dependency:build-classpath -Dmdep.outputFile=cp.txt}, run
 * {@code java -cp "exam-server/target/classes:exam-server/target/test-classes:$(cat exam-server/cp.txt)"
 * cn.examcore.server.attempt.store.HistoryCostBenchmark}.
 */
public final class HistoryCostBenchmark {

    private HistoryCostBenchmark() {
    }

    public static void main(String[] args) {
        Config c = new Config().setClusterName("history-cost-" + UUID.randomUUID());
        c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.getSerializationConfig().getCompactSerializationConfig()
                .addSerializer(new AttemptSerializers.AttemptSerializer());
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(c);
        try {
            SerializationService ss = ((SerializationServiceSupport) hz).getSerializationService();
            Attempt a = Attempt.create("h1", "s1", "T", "THEORY", "R-01", 0, 3600);
            String[] options = {"\"A\"", "\"B\"", "\"C\""};
            long now = 1000;
            for (int round = 1; round <= 3; round++) {
                for (int item = 1; item <= 25; item++) {
                    now++;
                    a = a.saveAnswers(List.of(new Answer(item, options[round - 1], round, now)), now, "[10.0.0.1]:5701");
                }
            }
            Attempt without = a.withHistory(AnswerHistory.empty());
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[2];
            int n = 20_000;
            int reps = 12;
            for (int rep = 0; rep < reps; rep++) {
                for (int k = 0; k < 2; k++) {
                    Data stored = ss.toData(k == 0 ? a : without);
                    long rev = 10 + (long) rep * n;
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        Attempt read = ss.toObject(stored);
                        rev++;
                        Attempt saved = read.saveAnswers(List.of(new Answer(1 + i % 25, "\"D\"", rev, 5000)), 5000,
                                "[10.0.0.1]:5701");
                        ss.toData(k == 0 ? saved : saved.withHistory(AnswerHistory.empty()));
                    }
                    if (rep >= 2) {
                        cpu[k] += mx.getCurrentThreadCpuTime() - t0;
                    }
                }
            }
            double runs = (double) (reps - 2) * n * 1000;
            System.out.printf("entry-processor cycle per save (CPU, 25 items x 3 changes): %.1f us with the history,"
                    + " %.1f us without%n", cpu[0] / runs, cpu[1] / runs);
        } finally {
            hz.shutdown();
        }
    }
}
