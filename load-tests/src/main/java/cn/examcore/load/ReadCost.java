package cn.examcore.load;

import cn.examcore.server.attempt.store.HazelcastAttemptStore;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the attempt store's reads of a large sitting cost, through {@link HazelcastAttemptStore} as the server calls
 * it: the deadline timer's scan ({@code locallyDue}, every 500 ms), the whole sitting's attempts ({@code bySitting}:
 * the chief proctor's seat list, and what a room proctor's list read before it selected by seat) and one room's
 * ({@code roomScan}: a room of {@code roomSeats} as a predicate on the seat, how rooms were read before, and
 * {@code roomByKey}: the same room read by key, as {@code RoomAttempts} reads it). One member configured by {@link HazelcastSetup} holds
 * {@code attempts} attempts of {@code answers} answers (none due); each read runs {@code reads} times to warm up and
 * {@code reads} times measured, the three alternated over {@code rounds} rounds so that the machine's drift falls on
 * all. Prints per round and read the wall and process CPU time per call and the attempts returned. Arguments:
 * attempts answers rounds reads roomSeats.
 */
public final class ReadCost {

    private ReadCost() {
    }

    public static void main(String[] args) throws Exception {
        int attempts = CostMember.intArg(args, 0, "attempts", 10_000);
        int answers = CostMember.intArg(args, 1, "answers", 30);
        int rounds = CostMember.intArg(args, 2, "rounds", 3);
        int reads = CostMember.intArg(args, 3, "reads", 50);
        int roomSeats = CostMember.intArg(args, 4, "roomSeats", 40);
        Vertx vertx = Vertx.vertx();
        try (CostMember member = CostMember.start("read-cost")) {
            HazelcastInstance hz = member.hz;
            long now = member.t0;
            hz.<String, Object>getMap(HazelcastMaps.ATTEMPTS).putAll(SaveCost.initialAttempts(attempts, answers,
                    now));
            hz.getMap(HazelcastMaps.ATTEMPTS).flush();
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("read-cost", 1);
            HazelcastAttemptStore store = new HazelcastAttemptStore(vertx, hz, workers);
            // SaveCost's attempts sit at seats, …: the room is the first roomSeats of them.
            Set<String> room = IntStream.range(0, roomSeats).mapToObj(i -> "R-" + i).collect(Collectors.toSet());
            Map<String, Supplier<Future<? extends java.util.Collection<?>>>> readsByName = new java.util
                    .LinkedHashMap<>();
            readsByName.put("locallyDue", () -> store.locallyDue(System.currentTimeMillis()));
            readsByName.put("bySitting", () -> store.bySitting("s1"));
            // A room as a predicate scan (how rooms were read before: the seat of every entry read from its binary
            // form) against the same room read by key (RoomAttempts: ids from the roster, one async get each).
            List<String> roomIds = IntStream.range(0, roomSeats).mapToObj(i -> "a" + i).toList();
            com.hazelcast.map.IMap<String, Object> map = hz.getMap(HazelcastMaps.ATTEMPTS);
            readsByName.put("roomScan", () -> workers.executeBlocking(() -> map.values(Predicates.and(
                    Predicates.equal("sittingId", "s1"), Predicates.in("seatCode", room.toArray(String[]::new)))),
                    false));
            readsByName.put("roomByKey", () -> store.getEach(roomIds));
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int round = 1; round <= rounds; round++) {
                for (var read : readsByName.entrySet()) {
                    int returned = 0;
                    for (int i = 0; i < reads; i++) {
                        returned = await(read.getValue().get()).size();
                    }
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reads; i++) {
                        returned = await(read.getValue().get()).size();
                    }
                    System.out.printf("round=%d read=%s attempts=%d answers=%d reads=%d wallMillisPerRead=%.2f "
                                    + "cpuMillisPerRead=%.2f returned=%d loadavg=%s%n", round, read.getKey(),
                            attempts, answers, reads, (System.nanoTime() - t0) / 1e6 / reads,
                            (os.getProcessCpuTime() - cpu0) / 1e6 / reads, returned,
                            Files.readString(Path.of("/proc/loadavg")).trim());
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
