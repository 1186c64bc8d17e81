package cn.examcore.load;

import cn.examcore.contract.SeatEvent;
import cn.examcore.server.events.store.HazelcastEventStore;
import cn.examcore.server.node.HazelcastSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the node's heap holds per seat event: one Hazelcast member configured exactly as the server configures it
 * ({@link HazelcastSetup}, write-behind into an embedded H2), {@code seats} seats of {@code perSeat} events each
 * appended through the product's {@link HazelcastEventStore}, the mix a seat of the load run records (log-in, socket
 * opened, disconnect, reconnect, a heartbeat gap, a blur and a focus, a submission with its digest and receipt).
 * The live heap is read after full collections before and after, once the write-behind has emptied; a sitting's
 * event list and an attempt's are then read through the store, as the console and the marking do.
 * Arguments: seats perSeat. Prints one line of figures.
 */
public final class EventMemoryCost {

    private EventMemoryCost() {
    }

    public static void main(String[] args) throws Exception {
        int seats = CostMember.intArg(args, 0, "seats", 10_000);
        int perSeat = CostMember.intArg(args, 1, "perSeat", 8);
        Vertx vertx = Vertx.vertx();
        try (CostMember member = CostMember.start("event-memory")) {
            long now = member.t0;
            HazelcastEventStore store = new HazelcastEventStore(vertx, member.hz,
                    vertx.createSharedWorkerExecutor("event-memory", 2));
            get(store.appendAll(events(0, 100, perSeat, now)));
            get(store.flush());
            long before = liveHeap();
            for (int from = 0; from < seats; from += 500) {
                get(store.appendAll(events(from, Math.min(seats, from + 500), perSeat, now)));
            }
            get(store.flush());
            long after = liveHeap();
            long n = (long) seats * perSeat;
            long t0 = System.nanoTime();
            int listed = get(store.forSitting("s1")).size();
            double sittingMillis = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            int attemptReads = 200;
            for (int i = 0; i < attemptReads; i++) {
                get(store.forAttempt(attempt(i * (seats / attemptReads))));
            }
            double attemptMillis = (System.nanoTime() - t0) / 1e6 / attemptReads;
            System.out.printf("events=%d heapBytesPerEvent=%.0f heapBytesPerSeat=%.0f sittingListMillis=%.0f "
                            + "listed=%d attemptListMillis=%.2f seats=%d perSeat=%d%n", n,
                    (after - before) / (double) n, (after - before) / (double) seats, sittingMillis, listed,
                    attemptMillis, seats, perSeat);
        } finally {
            get(vertx.close());
        }
    }

    private static String attempt(int seat) {
        return String.format("00000000-0000-4000-8000-%012d", seat);
    }

    private static List<SeatEvent> events(int from, int to, int perSeat, long now) {
        SeatEvent.Kind[] kinds = {SeatEvent.Kind.LOGIN, SeatEvent.Kind.SOCKET_OPENED, SeatEvent.Kind.BLUR,
                SeatEvent.Kind.FOCUS, SeatEvent.Kind.DISCONNECT, SeatEvent.Kind.RECONNECT,
                SeatEvent.Kind.HEARTBEAT_GAP, SeatEvent.Kind.SUBMITTED};
        List<SeatEvent> list = new ArrayList<>((to - from) * perSeat);
        for (int seat = from; seat < to; seat++) {
            for (int k = 0; k < perSeat; k++) {
                SeatEvent.Kind kind = kinds[k % kinds.length];
                Map<String, Object> facts = switch (kind) {
                    case HEARTBEAT_GAP -> Map.of("silentSeconds", 12, "connected", true);
                    case SUBMITTED -> Map.of("answered", 98, "digest",
                            "3f2a9c4b1e7d6a5f8c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f4a",
                            "receipt", "k1.MEUCIQDx3f2a9c4b1e7d6a5f8c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f4a");
                    default -> Map.of();
                };
                list.add(new SeatEvent(java.util.UUID.randomUUID().toString(), "s1", attempt(seat),
                        String.format("R%03d-%02d", seat / 30, seat % 30), kind.source(), kind, kind.read(facts),
                        kind.source() == SeatEvent.Source.SERVER ? 0 : now - 40, now + k));
            }
        }
        return list;
    }

    /**
     * Used heap after a full collection, the least of four: {@code MemoryMXBean.gc()} returns once G1's full
     * collection is done, and the repeats take what the reference handler released after the one before.
     */
    private static long liveHeap() {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
