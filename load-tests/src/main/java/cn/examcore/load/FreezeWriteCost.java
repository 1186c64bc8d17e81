package cn.examcore.load;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptMapStore;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the attempts' write-behind store costs per attempt written, without Hazelcast: the embedded default database
 * (H2), {@code attempts} attempts holding {@code answers} answers each (every answer saved once, so each attempt has a
 * history of that many entries), written in batches of 500 as Hazelcast's write-behind hands them over. Three
 * phases, each over every attempt: the first write, a flush of one new save per attempt (the steady state's
 * batches), and the write of the frozen copies (the deadline storm's). For each it prints the wall time and the
 * process CPU per attempt. The store's own code path is what differs between builds; run it with another build's
 * {@code exam-server.jar} first on the class path to compare. Arguments: attempts answers rounds [mode]: mode
 * {@code exact} (the default) as right after a change of the cluster, where a submission's answers are read back
 * and made exact; {@code quiet} as on a cluster that has not changed for longer than the store's window, where a
 * submission of an attempt the store has written is written like any change (the older build knows only the first
 * constructor, so run it with {@code exact}).
 */
public final class FreezeWriteCost {

    private static final int BATCH = 500;

    private FreezeWriteCost() {
    }

    public static void main(String[] args) throws Exception {
        int attempts = CostMember.intArg(args, 0, "attempts", 10_000);
        int answers = CostMember.intArg(args, 1, "answers", 50);
        int rounds = CostMember.intArg(args, 2, "rounds", 3);
        boolean quiet = args.length > 3 && args[3].equals("quiet");
        for (int round = 1; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("freeze-cost-");
            ServerConfig sc = ServerConfig.defaults().with(Map.of("data-dir", dir.toString()));
            long now = System.currentTimeMillis();
            try (Database db = Database.open(sc.database())) {
                CostMember.insertSitting(db, now);
                AttemptMapStore store = quiet
                        ? new AttemptMapStore(db, System::currentTimeMillis, new WriteBehindStats(now), () -> 0L)
                        : new AttemptMapStore(db, System::currentTimeMillis);
                List<Attempt> open = new ArrayList<>(attempts);
                for (int i = 0; i < attempts; i++) {
                    Attempt a = Attempt.create("a" + i, "s1", "T" + i, "THEORY", "R-" + i, now - 1000, 7200);
                    List<Answer> given = new ArrayList<>(answers);
                    for (int item = 1; item <= answers; item++) {
                        given.add(new Answer(item, "\"an answer of some forty characters " + item + "\"", 1, now));
                    }
                    open.add(a.saveAnswers(given, now, "n1"));
                }
                String first = phase(store, open);
                List<Attempt> saved = new ArrayList<>(attempts);
                for (Attempt a : open) {
                    saved.add(a.saveAnswers(List.of(new Answer(1, "\"changed\"", 2, now + 1)), now + 1, "n1"));
                }
                String save = phase(store, saved);
                List<Attempt> frozen = new ArrayList<>(attempts);
                for (Attempt a : saved) {
                    frozen.add(a.submit(List.of(), now + 2, Attempt.SubmitKind.AUTO_SUBMITTED));
                }
                String freeze = phase(store, frozen);
                System.out.printf("round %d (%s): %d attempts x %d answers | first write %s | one save each %s"
                        + " | frozen %s%n", round, quiet ? "quiet" : "exact", attempts, answers, first, save, freeze);
            }
        }
    }

    /** Writes {@code attempts} in batches; "wall ms, µs CPU per attempt". */
    private static String phase(AttemptMapStore store, List<Attempt> attempts) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int from = 0; from < attempts.size(); from += BATCH) {
            Map<String, Attempt> batch = new LinkedHashMap<>();
            for (Attempt a : attempts.subList(from, Math.min(attempts.size(), from + BATCH))) {
                batch.put(a.id(), a);
            }
            store.storeAll(batch);
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        return String.format("%,d ms wall, %.1f µs CPU per attempt", wall / 1_000_000,
                cpu / 1000.0 / attempts.size());
    }
}
