package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import java.util.List;

/** A sitting's rooms (考场) and their seats (考位). */
public interface RoomStore {

    /** Adds a room with its seats in one transaction; fails, adding nothing, when a seat code is taken. */
    Future<Void> createRoom(Room room, List<Seat> seats);

    Future<List<Room>> rooms(String sittingId);

    Future<List<Seat>> seats(String sittingId);

    /** Seats with this code in sittings whose T0 is after {@code since}, with their sittings, by T0. */
    Future<List<SeatInSitting>> seatsByCode(String code, long since);

    /** A seat with its sitting. */
    record SeatInSitting(Seat seat, Sitting sitting) {
    }
}
