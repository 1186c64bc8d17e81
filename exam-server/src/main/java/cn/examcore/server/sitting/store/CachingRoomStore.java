package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rooms and seats read through the node's {@link SetupCache}: enrolment looks a seat code up among the current
 * sittings, and the seat agents and the proctor views read a sitting's seats on every request. A new room
 * invalidates the cache on every node.
 */
public final class CachingRoomStore implements RoomStore {

    /**
     * Enrolment asks for seats of sittings whose T0 is after "now minus a window"; the cache keeps the sittings of
     * a window this much wider, so later calls (whose bound has moved on) are answered from the same entry.
     */
    private static final long SINCE_SLACK_MILLIS = 3_600_000;

    private final RoomStore db;
    private final SittingStore sittings;
    private final SetupCache cache;

    /**
     * @param db       the rooms and seats in the database
     * @param sittings the sittings in the database (not cached: the current ones are kept here, by window)
     * @param cache    the node's setup cache
     */
    public CachingRoomStore(RoomStore db, SittingStore sittings, SetupCache cache) {
        this.db = db;
        this.sittings = sittings;
        this.cache = cache;
    }

    @Override
    public Future<Void> createRoom(Room room, List<Seat> seats) {
        return cache.changed(db.createRoom(room, seats), room.sittingId());
    }

    @Override
    public Future<List<Room>> rooms(String sittingId) {
        return cache.cached(SetupCache.Kind.ROOMS, sittingId, () -> db.rooms(sittingId).map(List::copyOf));
    }

    @Override
    public Future<List<Seat>> seats(String sittingId) {
        return cache.cached(SetupCache.Kind.SEATS, sittingId, () -> db.seats(sittingId).map(List::copyOf));
    }

    /**
     * Answered from the current sittings and each one's seat index, both cached: in the check-in storm every seat
     * enrols once, so a cache by seat code would miss every time.
     */
    @Override
    public Future<List<SeatInSitting>> seatsByCode(String code, long since) {
        long wider = since - SINCE_SLACK_MILLIS;
        Future<List<Sitting>> current = cache.cached(new SetupCache.Key(SetupCache.Kind.CURRENT_SITTINGS, ""), wider,
                () -> sittings.sittings().map(all -> all.stream().filter(s -> s.t0() > wider).toList()));
        return current.compose(list -> {
            List<Sitting> open = list.stream().filter(s -> s.t0() > since)
                    .sorted(Comparator.comparingLong(Sitting::t0)).toList();
            List<Future<Map<String, Seat>>> indexes = open.stream().map(s -> seatIndex(s.id())).toList();
            return Future.all(indexes).map(all -> {
                List<SeatInSitting> out = new ArrayList<>();
                for (int i = 0; i < open.size(); i++) {
                    Seat seat = all.<Map<String, Seat>>resultAt(i).get(code);
                    if (seat != null) {
                        out.add(new SeatInSitting(seat, open.get(i)));
                    }
                }
                return out;
            });
        });
    }

    private Future<Map<String, Seat>> seatIndex(String sittingId) {
        return cache.cached(SetupCache.Kind.SEAT_INDEX, sittingId, () -> seats(sittingId).map(list -> list.stream()
                .collect(Collectors.toUnmodifiableMap(Seat::code, Function.identity(), (a, b) -> a))));
    }
}
