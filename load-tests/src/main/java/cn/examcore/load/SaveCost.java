package cn.examcore.load;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptProcessors.Change;
import cn.examcore.server.attempt.store.AttemptProcessors.Op;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The cost of one answer save in the store alone, without sockets: one Hazelcast member configured exactly as the
 * server configures it ({@link HazelcastSetup}, write-behind into an embedded H2), attempts that already hold
 * {@code answers} answers, and a closed loop of {@code inFlight} concurrent {@code SAVE} entry processors on
 * random items with rising revisions. On a shared machine the wall-clock rate is noisy, so it also reports the
 * process CPU time per save (entry processor, serialisation, write-behind, H2 and GC together) and the CPU time of
 * the partition threads per save (the owner's own work).
 * Arguments: attempts answers warmupSeconds seconds inFlight [indexesToDrop,comma-separated]. Prints one line of
 * figures.
 */
public final class SaveCost {

    private SaveCost() {
    }

    public static void main(String[] args) throws Exception {
        int attempts = CostMember.intArg(args, 0, "attempts", 2000);
        int answers = CostMember.intArg(args, 1, "answers", 100);
        int warmup = CostMember.intArg(args, 2, "warmupSeconds", 10);
        int seconds = CostMember.intArg(args, 3, "seconds", 20);
        int inFlight = CostMember.intArg(args, 4, "inFlight", 64);
        // SAVECOST_H2_OPTIONS (e.g. ";PAGE_SIZE=2048") is appended to the embedded database's URL, to measure a
        // setting of the write-behind's database on its own.
        String h2Options = System.getenv().getOrDefault("SAVECOST_H2_OPTIONS", "");
        List<String> drop = args.length > 5 ? List.of(args[5].split(",")) : List.of();
        // SAVECOST_ADD_INDEXES (e.g. "seatCode") adds a hash index per named attribute, to see what its upkeep would
        // cost a save before the server gets it.
        List<String> add = List.of(System.getenv().getOrDefault("SAVECOST_ADD_INDEXES", "").split(",")).stream()
                .filter(a -> !a.isBlank()).toList();
        try (CostMember member = CostMember.start("save-cost",
                sc -> h2Options.isEmpty() ? sc : sc.with(Map.of("db-url", sc.effectiveDbUrl() + h2Options)),
                config -> {
                    var attemptsMap = config.getMapConfig(HazelcastMaps.ATTEMPTS);
                    // Without the named indexes (e.g. dueAt), to see what their upkeep costs a save.
                    attemptsMap.getIndexConfigs().removeIf(i -> !drop.isEmpty() && drop.containsAll(i.getAttributes()));
                    add.forEach(a -> attemptsMap.addIndexConfig(new IndexConfig(IndexType.HASH, a)));
                })) {
            run(member.hz, attempts, answers, warmup, seconds, inFlight, member.t0);
        }
    }

    /**
     * Attempts {@code a0}… of sitting {@code s1}, started a second before {@code now}, each already holding
     * {@code answers} answers of about forty characters at revision 1.
     */
    static Map<String, Attempt> initialAttempts(int attempts, int answers, long now) {
        Map<String, Attempt> initial = new HashMap<>();
        for (int i = 0; i < attempts; i++) {
            Map<Integer, Answer> given = new TreeMap<>();
            for (int item = 1; item <= answers; item++) {
                given.put(item, new Answer(item, "\"an answer of some forty characters " + item + "\"", 1, now));
            }
            Attempt a = Attempt.create("a" + i, "s1", "T" + i, "THEORY", "R-" + i, now - 1000, 7200);
            initial.put(a.id(), new Attempt(a.id(), a.sittingId(), a.ticket(), a.subject(), a.seatCode(),
                    a.state(), a.startAt(), a.durationSeconds(), 0, 0, 0, 0, null, given));
        }
        return initial;
    }

    private static void run(HazelcastInstance hz, int attempts, int answers, int warmup, int seconds, int inFlight,
                            long now) throws Exception {
        IMap<String, Attempt> map = hz.getMap(HazelcastMaps.ATTEMPTS);
        map.putAll(initialAttempts(attempts, answers, now));
        map.flush();

        AtomicLongArray revs = new AtomicLongArray(attempts * answers);
        ConcurrentHistogram latency = new ConcurrentHistogram(3);
        AtomicLong done = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(inFlight);
        for (int k = 0; k < inFlight; k++) {
            next(map, attempts, answers, revs, latency, done, measuring, stop, stopped);
        }
        Thread.sleep(warmup * 1000L);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        measuring.set(true);
        long partition0 = partitionThreadsCpu();
        Map<String, Long> groups0 = ProcCpu.byThreadGroup("self");
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long n0 = done.get();
        Thread.sleep(seconds * 1000L);
        long n = done.get() - n0;
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long partition = partitionThreadsCpu() - partition0;
        Map<String, Long> groups = ProcCpu.difference(groups0, ProcCpu.byThreadGroup("self"));
        measuring.set(false);
        stop.set(true);
        stopped.await();
        // What the deadline timer's scan of the local entries (DeadlineTimerVerticle, every 500 ms) costs with no
        // save running: wall time and partition-thread CPU of one scan over these attempts (two hours long: none due).
        int scans = 20;
        long scanPartition0 = partitionThreadsCpu();
        long scanT0 = System.nanoTime();
        int due = 0;
        for (int i = 0; i < scans; i++) {
            due += map.localKeySet(Predicates.lessEqual("dueAt", System.currentTimeMillis())).size();
        }
        double scanMillis = (System.nanoTime() - scanT0) / 1e6 / scans;
        double scanPartitionMillis = (partitionThreadsCpu() - scanPartition0) / 1e6 / scans;
        System.out.printf("saves=%d savesPerSecond=%.0f cpuMicrosPerSave=%.1f partitionThreadMicrosPerSave=%.1f "
                        + "p50Millis=%.2f p99Millis=%.2f dueScanMillis=%.1f dueScanPartitionCpuMillis=%.1f "
                        + "dueFound=%d attempts=%d answers=%d inFlight=%d loadavg=%s%n", n,
                n * 1e9 / wall, cpu / 1e3 / n, partition / 1e3 / n,
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, scanMillis,
                scanPartitionMillis, due, attempts, answers, inFlight,
                Files.readString(Path.of("/proc/loadavg")).trim());
        StringBuilder top = new StringBuilder("cpuMicrosPerSaveByThreads:");
        long saves = Math.max(1, n);
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).filter(g -> g.getValue() / 1e3 / saves >= 0.5)
                .forEach(g -> top.append(String.format(" %s=%.1f", g.getKey(), g.getValue() / 1e3 / saves)));
        System.out.println(top);
    }

    /**
     * CPU time of Hazelcast's partition threads, where the entry processor, the value's (de)serialisation, the index
     * updates and the write-behind enqueue run: the owner's cost of a save, less disturbed by a busy machine than
     * the wall clock.
     */
    private static long partitionThreadsCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("partition-operation")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static void next(IMap<String, Attempt> map, int attempts, int answers, AtomicLongArray revs,
                             ConcurrentHistogram latency, AtomicLong done, AtomicBoolean measuring,
                             AtomicBoolean stop, CountDownLatch stopped) {
        if (stop.get()) {
            stopped.countDown();
            return;
        }
        int attempt = ThreadLocalRandom.current().nextInt(attempts);
        int item = 1 + ThreadLocalRandom.current().nextInt(answers);
        long rev = 1 + revs.incrementAndGet(attempt * answers + item - 1);
        long start = System.nanoTime();
        Answer answer = new Answer(item, "\"a changed answer of forty characters " + rev + "\"", rev,
                System.currentTimeMillis());
        map.submitToKey("a" + attempt, new Change(Op.SAVE, System.currentTimeMillis(), 0, List.of(answer)))
                .whenComplete((outcome, failure) -> {
                    if (failure != null || outcome.rejection() != null) {
                        System.err.println("save failed: " + (failure != null ? failure : outcome.message()));
                    }
                    if (measuring.get()) {
                        latency.recordValue(System.nanoTime() - start);
                    }
                    done.incrementAndGet();
                    next(map, attempts, answers, revs, latency, done, measuring, stop, stopped);
                });
    }
}
