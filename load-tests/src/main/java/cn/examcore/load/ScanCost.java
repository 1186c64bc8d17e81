package cn.examcore.load;

import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.config.MetadataPolicy;
import cn.examcore.server.attempt.domain.Attempt;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

/**
 * What one scan of the deadline timer costs ({@code localKeySet(dueAt <= now)} over a member's attempts, as
 * {@code HazelcastAttemptStore.locallyDue} runs it every 500 ms), with the map's JSON metadata policy as the server
 * sets it ({@code OFF}) against Hazelcast's default ({@code CREATE_ON_UPDATE}), the two alternated in one process so
 * that the machine's drift falls on both. Each round starts a fresh member configured by {@link HazelcastSetup}, fills
 * it with {@code attempts} attempts of {@code answers} answers (none due), scans {@code scans} times to warm up and
 * then {@code scans} times measured, with nothing else running. Prints per round and policy the wall time and process
 * CPU time per scan. Arguments: attempts answers rounds scans.
 */
public final class ScanCost {

    private ScanCost() {
    }

    public static void main(String[] args) throws Exception {
        int attempts = CostMember.intArg(args, 0, "attempts", 10_000);
        int answers = CostMember.intArg(args, 1, "answers", 30);
        int rounds = CostMember.intArg(args, 2, "rounds", 3);
        int scans = CostMember.intArg(args, 3, "scans", 200);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            for (MetadataPolicy policy : new MetadataPolicy[] {MetadataPolicy.CREATE_ON_UPDATE, MetadataPolicy.OFF}) {
                try (CostMember member = CostMember.start("scan-cost",
                        sc -> sc, config -> config.getMapConfig(HazelcastMaps.ATTEMPTS).setMetadataPolicy(policy))) {
                    IMap<String, Attempt> map = member.hz.getMap(HazelcastMaps.ATTEMPTS);
                    map.putAll(SaveCost.initialAttempts(attempts, answers, member.t0));
                    map.flush();
                    int due = 0;
                    for (int i = 0; i < scans; i++) {
                        due += map.localKeySet(Predicates.lessEqual("dueAt", System.currentTimeMillis())).size();
                    }
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < scans; i++) {
                        due += map.localKeySet(Predicates.lessEqual("dueAt", System.currentTimeMillis())).size();
                    }
                    double wallMillis = (System.nanoTime() - t0) / 1e6 / scans;
                    double cpuMillis = (os.getProcessCpuTime() - cpu0) / 1e6 / scans;
                    System.out.printf("round=%d metadataPolicy=%s attempts=%d answers=%d scans=%d "
                                    + "wallMillisPerScan=%.2f cpuMillisPerScan=%.2f due=%d loadavg=%s%n", round,
                            policy, attempts, answers, scans, wallMillis, cpuMillis, due,
                            Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
                }
            }
        }
    }
}
