package cn.examcore.server.sitting.store;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link SittingStore} on JDBC (table {@code sittings}). */
public final class JdbcSittingStore implements SittingStore {

    /** The columns {@link #sittingRow} reads, in its order; also read by the seat-code lookup of the rooms. */
    static final String SITTING_COLUMNS = "id, title, occupation, level_no, subject, t0, duration_minutes, "
            + "check_in_minutes, pass_mark, enrolment_pin, released_at, bank_id, blueprint_json, assembled_at";

    private final Jdbc jdbc;

    public JdbcSittingStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> createSitting(Sitting s) {
        return jdbc.write("INSERT INTO sittings (" + SITTING_COLUMNS + ", created_at) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                s.id(), s.title(), s.occupation(), s.level(), s.subject().name(), s.t0(), s.durationMinutes(),
                s.checkInMinutes(), s.passMark(), s.enrolmentPin(), s.releasedAt(), s.bankId(),
                s.blueprintJson(), s.assembledAt(), System.currentTimeMillis());
    }

    @Override
    public Future<Void> updateSitting(Sitting s) {
        return jdbc.write("UPDATE sittings SET title = ?, occupation = ?, level_no = ?, subject = ?, t0 = ?, "
                        + "duration_minutes = ?, check_in_minutes = ?, pass_mark = ?, enrolment_pin = ?, "
                        + "released_at = ?, bank_id = ?, blueprint_json = ?, assembled_at = ? WHERE id = ?",
                s.title(), s.occupation(), s.level(), s.subject().name(), s.t0(), s.durationMinutes(),
                s.checkInMinutes(), s.passMark(), s.enrolmentPin(), s.releasedAt(), s.bankId(),
                s.blueprintJson(), s.assembledAt(), s.id());
    }

    @Override
    public Future<Optional<Sitting>> sitting(String id) {
        return jdbc.first("SELECT " + SITTING_COLUMNS + " FROM sittings WHERE id = ?", JdbcSittingStore::sittingRow,
                id);
    }

    @Override
    public Future<List<Sitting>> sittings() {
        return jdbc.list("SELECT " + SITTING_COLUMNS + " FROM sittings ORDER BY t0", JdbcSittingStore::sittingRow);
    }

    static Sitting sittingRow(ResultSet rs) throws SQLException {
        return new Sitting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                Subject.valueOf(rs.getString(5)), rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                rs.getString(10), rs.getLong(11), rs.getString(12), rs.getString(13), rs.getLong(14));
    }
}
