package cn.examcore.server.events.store;

import cn.examcore.contract.SeatEvent;
import cn.examcore.server.storage.hazelcast.AsyncBridge;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@link EventStore} on the {@code events} IMap; values are Compact ({@link SeatEventSerializer}). */
public final class HazelcastEventStore implements EventStore {

    private final Vertx vertx;
    private final IMap<String, SeatEvent> map;
    private final WorkerExecutor workers;
    /** Where the sitting-wide queries of staff pages run: never the threads of the deadline scan. */
    private final WorkerExecutor reads;

    /** One executor for everything (tools and tests that measure the store alone). */
    public HazelcastEventStore(Vertx vertx, HazelcastInstance hz, WorkerExecutor workers) {
        this(vertx, hz, workers, workers);
    }

    /**
     * @param workers one attempt's events (through the attempt's index) and flushes
     * @param reads   a sitting's or some seats' events: staff pages and reports, which read every event of the
     *                sitting, so that a console's event list never holds up the deadline scan and the seats' work
     */
    public HazelcastEventStore(Vertx vertx, HazelcastInstance hz, WorkerExecutor workers, WorkerExecutor reads) {
        this.vertx = vertx;
        this.map = HazelcastMaps.openMap(hz, HazelcastMaps.EVENTS);
        this.workers = workers;
        this.reads = reads;
    }

    /**
     * One asynchronous set per event. Not {@code putAllAsync}: despite its name it first groups the keys by owner on
     * the calling thread, and while partitions have no owner (a member merging back after a split brain resets its
     * partition table) that grouping sleeps until they have one. Called on an event loop (a seat's socket closing
     * records an event), it froze every seat of the node for seconds. A set waits for an owner by retrying its
     * invocation, off the caller's thread.
     */
    @Override
    public Future<Void> appendAll(Collection<SeatEvent> events) {
        List<Future<Void>> sets = new ArrayList<>(events.size());
        for (SeatEvent e : events) {
            sets.add(AsyncBridge.bridge(vertx, () -> map.setAsync(e.id(), e)));
        }
        return Future.all(sets).mapEmpty();
    }

    /** One entry by its key: an event missing from memory is read from the database by its primary key. */
    @Override
    public Future<SeatEvent> byId(String eventId) {
        return AsyncBridge.bridge(vertx, () -> map.getAsync(eventId));
    }

    @Override
    public Future<List<SeatEvent>> forAttempt(String attemptId) {
        return query(workers, Predicates.equal("attemptId", attemptId));
    }

    /** Through the attempt's index, the kind read from each entry's binary form: only that kind is deserialised. */
    @Override
    public Future<List<SeatEvent>> forAttempt(String attemptId, SeatEvent.Kind kind) {
        return query(workers, Predicates.and(Predicates.equal("attemptId", attemptId),
                Predicates.equal("kind", kind.name())));
    }

    @Override
    public Future<List<SeatEvent>> forSitting(String sittingId) {
        return query(reads, Predicates.equal("sittingId", sittingId));
    }

    @Override
    public Future<List<SeatEvent>> forSitting(String sittingId, SeatEvent.Kind kind) {
        return query(reads, Predicates.and(Predicates.equal("sittingId", sittingId),
                Predicates.equal("kind", kind.name())));
    }

    /** Through the sitting's index, the seat read from each entry's binary form: only those seats' are deserialised. */
    @Override
    public Future<List<SeatEvent>> forSeats(String sittingId, Set<String> seatCodes) {
        if (seatCodes.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return query(reads, Predicates.and(Predicates.equal("sittingId", sittingId),
                Predicates.in("seatCode", seatCodes.toArray(String[]::new))));
    }

    private Future<List<SeatEvent>> query(WorkerExecutor on, Predicate<String, SeatEvent> predicate) {
        return on.executeBlocking(() -> map.values(predicate).stream()
                .sorted(Comparator.comparingLong(SeatEvent::at).thenComparing(SeatEvent::id))
                .toList(), false);
    }

    @Override
    public Future<Void> flush() {
        return workers.executeBlocking(() -> {
            map.flush();
            return null;
        }, false);
    }
}
