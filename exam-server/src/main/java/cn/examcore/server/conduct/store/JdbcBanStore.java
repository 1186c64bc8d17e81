package cn.examcore.server.conduct.store;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.server.conduct.domain.Ban;
import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.BanOnRecord;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link BanStore} on JDBC (H2 or PostgreSQL). A ban is written by {@link JdbcDecisionStore} in its decision's
 * transaction; this class reads bans and records their lifts.
 */
public final class JdbcBanStore implements BanStore {

    static final String BAN_COLUMNS = "decision_id, id_number, category, severity, ban_from, ban_until";

    /** A ban with its lift (null columns while it runs). */
    private static final String BAN_SELECT = "SELECT b.decision_id, b.id_number, b.category, b.severity, b.ban_from, "
            + "b.ban_until, b.recorded_at, l.lifted_by, l.lifted_at, l.reason AS lift_reason FROM bans b "
            + "LEFT JOIN ban_lifts l ON l.decision_id = b.decision_id";

    private static final String ORDER = " ORDER BY b.recorded_at, b.decision_id";

    private final Jdbc jdbc;

    public JdbcBanStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<List<BanOnRecord>> bans(String idNumber) {
        return idNumber == null
                ? jdbc.list(BAN_SELECT + ORDER, JdbcBanStore::banOnRecordRow)
                : jdbc.list(BAN_SELECT + " WHERE b.id_number = ?" + ORDER, JdbcBanStore::banOnRecordRow, idNumber);
    }

    @Override
    public Future<List<BanOnRecord>> bansOf(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        // Read in bounded IN lists (a roster of thousands), then in the one order a single query would give.
        return jdbc.blocking(() -> jdbc.queryIn(BAN_SELECT + " WHERE b.id_number IN ", JdbcBanStore::recordedRow,
                        idNumbers).stream()
                .sorted(Comparator.comparingLong(Recorded::at)
                        .thenComparing(r -> r.ban().ban().decisionId()))
                .map(Recorded::ban)
                .toList());
    }

    @Override
    public Future<Lifted> liftBan(BanLift lift) {
        return jdbc.blocking(() -> {
            try {
                return jdbc.inTransaction(c -> {
                    BanOnRecord found = banOnRecord(c, lift.decisionId())
                            .orElseThrow(() -> new NoSuchBan(lift.decisionId()));
                    if (found.lifted()) {
                        throw new AlreadyLifted(found.lift());
                    }
                    Jdbc.update(c, "INSERT INTO ban_lifts (decision_id, lifted_by, lifted_at, reason) VALUES (?,?,?,?)",
                            lift.decisionId(), lift.by(), lift.at().toEpochMilli(), lift.why());
                    String sittingId = Jdbc.query(c, "SELECT sitting_id FROM decisions WHERE id = ?",
                            rs -> rs.getString(1), lift.decisionId()).get(0);
                    return new Lifted(new BanOnRecord(found.ban(), lift), sittingId);
                });
            } catch (SQLException e) {
                if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Another node lifted it between our check and our insert.
                    Optional<BanOnRecord> now = jdbc.withConnection(c -> banOnRecord(c, lift.decisionId()));
                    if (now.isPresent() && now.get().lifted()) {
                        throw new AlreadyLifted(now.get().lift());
                    }
                }
                throw e;
            }
        });
    }

    private static Optional<BanOnRecord> banOnRecord(Connection c, String decisionId) throws SQLException {
        return Jdbc.first(Jdbc.query(c, BAN_SELECT + " WHERE b.decision_id = ?", JdbcBanStore::banOnRecordRow,
                decisionId));
    }

    /** A ban on record with the time it was recorded, which orders the rows read in several lists. */
    private record Recorded(BanOnRecord ban, long at) {
    }

    private static Recorded recordedRow(ResultSet rs) throws SQLException {
        return new Recorded(banOnRecordRow(rs), rs.getLong("recorded_at"));
    }

    private static BanOnRecord banOnRecordRow(ResultSet rs) throws SQLException {
        Ban ban = banRow(rs);
        String by = rs.getString("lifted_by");
        BanLift lift = by == null ? null : new BanLift(ban.decisionId(), by,
                Instant.ofEpochMilli(rs.getLong("lifted_at")), rs.getString("lift_reason"));
        return new BanOnRecord(ban, lift);
    }

    /** A ban from the {@link #BAN_COLUMNS} of a row. */
    static Ban banRow(ResultSet rs) throws SQLException {
        return new Ban(rs.getString("decision_id"), rs.getString("id_number"),
                MisconductCode.valueOf(rs.getString("category")), severity(rs.getString("severity")),
                LocalDate.parse(rs.getString("ban_from")), LocalDate.parse(rs.getString("ban_until")));
    }

    static Severity severity(String text) {
        return text == null ? null : Severity.valueOf(text);
    }
}
