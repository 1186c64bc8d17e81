package cn.examcore.server.events.store;

import cn.examcore.contract.SeatEvent;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Seat events, stored per attempt (or per seat when no attempt was open) with server timestamps. */
public interface EventStore {

    /** Stores the events; completes when held by two members. */
    Future<Void> appendAll(Collection<SeatEvent> events);

    /** The event stored under this id (its key), or null when there is none. */
    Future<SeatEvent> byId(String eventId);

    /** The events of one attempt in server-time order. */
    Future<List<SeatEvent>> forAttempt(String attemptId);

    /**
     * The events of one kind of one attempt, in server-time order, from what the cluster holds (a lookup that never
     * waits for the database: a miss by id would read it, and wait out an outage). This default filters
     * {@link #forAttempt}; a store that can ask for the kind directly does.
     */
    default Future<List<SeatEvent>> forAttempt(String attemptId, SeatEvent.Kind kind) {
        return forAttempt(attemptId).map(list -> list.stream().filter(e -> e.kind() == kind).toList());
    }

    /** The events of a sitting in server-time order. */
    Future<List<SeatEvent>> forSitting(String sittingId);

    /**
     * The events of one kind of a sitting, in server-time order. This default filters {@link #forSitting}; a store
     * that can ask for the kind directly does, so a reader of one kind (the results' attendance reads only logins)
     * does not deserialise and sort every event of a large sitting.
     */
    default Future<List<SeatEvent>> forSitting(String sittingId, SeatEvent.Kind kind) {
        return forSitting(sittingId).map(list -> list.stream().filter(e -> e.kind() == kind).toList());
    }

    /**
     * The events of a sitting at these seats, in server-time order. This default filters {@link #forSitting}; a
     * store that can select by seat does, so that a room proctor's console does not cost a read of every event.
     */
    default Future<List<SeatEvent>> forSeats(String sittingId, Set<String> seatCodes) {
        if (seatCodes.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return forSitting(sittingId).map(list -> list.stream().filter(e -> e.seatCode() != null
                && seatCodes.contains(e.seatCode())).toList());
    }

    Future<Void> flush();
}
