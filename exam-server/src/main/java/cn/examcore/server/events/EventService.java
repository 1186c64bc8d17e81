package cn.examcore.server.events;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.events.store.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * 事件: stamps seat events with the server time, stores them per attempt and then publishes each on
 * {@link Addresses#SEAT_EVENTS} for the proctor console. Publication follows storage, so the console never
 * shows an event the store lost.
 */
public final class EventService {

    private final Vertx vertx;
    private final EventStore store;
    private final LongSupplier clock;
    private final MeterRegistry meters;

    public EventService(Vertx vertx, EventStore store, LongSupplier clock, MeterRegistry meters) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    /** A new event with a fresh id and the server time, reported by its kind's source; not yet stored. */
    public SeatEvent draft(String sittingId, String attemptId, String seatCode, SeatEvent.Kind kind,
                           EventDetail detail, long observedAt) {
        return draft(UUID.randomUUID().toString(), sittingId, attemptId, seatCode, kind, detail, observedAt);
    }

    /** A new event with the given id (one that derives from another event's) and the server time. */
    public SeatEvent draft(String id, String sittingId, String attemptId, String seatCode, SeatEvent.Kind kind,
                           EventDetail detail, long observedAt) {
        return new SeatEvent(id, sittingId, attemptId, seatCode, kind.source(), kind, detail, observedAt,
                clock.getAsLong());
    }

    /** Stores one event and publishes it. */
    public Future<SeatEvent> record(String sittingId, String attemptId, String seatCode, SeatEvent.Kind kind,
                                    EventDetail detail, long observedAt) {
        SeatEvent e = draft(sittingId, attemptId, seatCode, kind, detail, observedAt);
        return recordAll(List.of(e)).map(v -> e);
    }

    /** Stores a batch (all or nothing from the caller's view: it validated them first) and publishes each. */
    public Future<Void> recordAll(List<SeatEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        return store.appendAll(events).onSuccess(v -> {
            for (SeatEvent e : events) {
                meters.counter("examcore.events", "source", e.source().name()).increment();
                vertx.eventBus().publish(Addresses.SEAT_EVENTS, Json.encode(e));
            }
        });
    }

    /** The event with this id, or null when there is none. */
    public Future<SeatEvent> byId(String eventId) {
        return store.byId(eventId);
    }

    /** The events of one kind of an attempt, from what the cluster holds (see {@link EventStore#forAttempt}). */
    public Future<List<SeatEvent>> forAttempt(String attemptId, SeatEvent.Kind kind) {
        return store.forAttempt(attemptId, kind);
    }

    public Future<List<SeatEvent>> forAttempt(String attemptId) {
        return store.forAttempt(attemptId);
    }

    public Future<List<SeatEvent>> forSitting(String sittingId) {
        return store.forSitting(sittingId);
    }

    /** The events of a sitting at these seats (see {@link EventStore#forSeats}). */
    public Future<List<SeatEvent>> forSeats(String sittingId, Set<String> seatCodes) {
        return store.forSeats(sittingId, seatCodes);
    }

    /** The events of one kind of a sitting (see {@link EventStore#forSitting(String, SeatEvent.Kind)}). */
    public Future<List<SeatEvent>> forSitting(String sittingId, SeatEvent.Kind kind) {
        return store.forSitting(sittingId, kind);
    }
}
