package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link RoomStore} on JDBC (tables {@code rooms} and {@code seats}). */
public final class JdbcRoomStore implements RoomStore {

    private final Jdbc jdbc;

    public JdbcRoomStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> createRoom(Room room, List<Seat> seats) {
        return jdbc.transaction(c -> {
            try (PreparedStatement r = c.prepareStatement(
                    "INSERT INTO rooms (id, sitting_id, name, row_count, col_count) VALUES (?,?,?,?,?)");
                 PreparedStatement s = c.prepareStatement(
                         "INSERT INTO seats (sitting_id, code, room_id, row_no, col_no) VALUES (?,?,?,?,?)")) {
                Jdbc.bind(r, room.id(), room.sittingId(), room.name(), room.rows(), room.cols());
                r.executeUpdate();
                Jdbc.batch(s, seats.stream().map(seat -> new Object[] {seat.sittingId(), seat.code(), seat.roomId(),
                        seat.row(), seat.col()}).toList());
            }
            return null;
        });
    }

    @Override
    public Future<List<Room>> rooms(String sittingId) {
        return jdbc.list("SELECT id, sitting_id, name, row_count, col_count FROM rooms WHERE sitting_id = ? "
                        + "ORDER BY name",
                rs -> new Room(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)),
                sittingId);
    }

    @Override
    public Future<List<Seat>> seats(String sittingId) {
        return jdbc.list("SELECT sitting_id, code, room_id, row_no, col_no FROM seats WHERE sitting_id = ? "
                + "ORDER BY room_id, row_no, col_no", JdbcRoomStore::seatRow, sittingId);
    }

    private static Seat seatRow(ResultSet rs) throws SQLException {
        return new Seat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5));
    }

    @Override
    public Future<List<SeatInSitting>> seatsByCode(String code, long since) {
        return jdbc.blocking(() -> {
            List<Seat> seats = jdbc.query("SELECT s.sitting_id, s.code, s.room_id, s.row_no, s.col_no FROM seats s "
                    + "JOIN sittings t ON t.id = s.sitting_id WHERE s.code = ? AND t.t0 > ? ORDER BY t.t0",
                    JdbcRoomStore::seatRow, code, since);
            List<SeatInSitting> out = new ArrayList<>();
            for (Seat seat : seats) {
                Sitting sitting = Jdbc.first(jdbc.query("SELECT " + JdbcSittingStore.SITTING_COLUMNS
                        + " FROM sittings WHERE id = ?", JdbcSittingStore::sittingRow, seat.sittingId())).orElseThrow();
                out.add(new SeatInSitting(seat, sitting));
            }
            return out;
        });
    }
}
