package cn.examcore.server.conduct.store;

import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CertificateStore} on JDBC (H2 or PostgreSQL). Issuing locks the sitting's row as a decision does
 * ({@link JdbcDecisionStore}), so an issue and a decision that cancels its result never interleave.
 */
public final class JdbcCertificateStore implements CertificateStore {

    private static final String COLUMNS = "number, sitting_id, ticket, id_number, name, occupation, level, "
            + "subject, sitting_date, issued_by, issued_at, status, revoked_by, revoked_at";

    private final Jdbc jdbc;

    public JdbcCertificateStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    /**
     * Revokes the standing certificate of a result that passed and fails now after a rescoring (an erratum, a score
     * review), inside the caller's transaction. Such a revocation has no decision behind it, so {@code revoked_by}
     * stays NULL; the caller's audit record names it. The one call errata and reviews make on certificates: when
     * certificates follow level results instead of one subject, this is what to re-point.
     *
     * @return the numbers revoked (none when no certificate stood)
     */
    public static List<String> revokeOfResultNowFailing(Connection c, String sittingId, String ticket, long at)
            throws SQLException {
        List<String> numbers = Jdbc.query(c, "SELECT number FROM certificates WHERE sitting_id = ? AND ticket = ? "
                + "AND status = 'ISSUED'", rs -> rs.getString(1), sittingId, ticket);
        if (!numbers.isEmpty()) {
            Jdbc.update(c, "UPDATE certificates SET status = 'REVOKED', revoked_at = ? WHERE sitting_id = ? "
                    + "AND ticket = ? AND status = 'ISSUED'", at, sittingId, ticket);
        }
        return numbers;
    }

    @Override
    public Future<List<Certificate>> issue(List<Certificate> certificates) {
        // A concurrent issue of the same sitting hits the unique constraint: all of this call is rolled back and
        // the caller may retry, which then issues none twice.
        // The sitting's row is locked first (as a decision locks it), and the cancellations are checked again
        // under that lock: a decision committed after the caller read the results is seen here, and one still
        // running waits and then revokes what this call issued.
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            for (String sittingId : certificates.stream().map(Certificate::sittingId).distinct().sorted().toList()) {
                Jdbc.query(c, "SELECT id FROM sittings WHERE id = ? FOR UPDATE", rs -> rs.getString(1), sittingId);
            }
            List<Certificate> issued = new ArrayList<>();
            for (Certificate x : certificates) {
                if (!Jdbc.query(c, "SELECT number FROM certificates WHERE sitting_id = ? AND ticket = ?",
                        rs -> rs.getString(1), x.sittingId(), x.ticket()).isEmpty() || cancelled(c, x)) {
                    continue;
                }
                if (x.status() != Certificate.Status.ISSUED) {
                    throw new IllegalArgumentException("certificate " + x.number() + " is not ISSUED");
                }
                // revoked_by and revoked_at stay NULL: a typed NULL of the wrong type upsets PostgreSQL.
                Jdbc.update(c, "INSERT INTO certificates (number, sitting_id, ticket, id_number, name, occupation, "
                                + "level, subject, sitting_date, issued_by, issued_at, status) "
                                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", x.number(), x.sittingId(),
                        x.ticket(), x.idNumber(), x.name(), x.occupation(), x.level(), x.subject(),
                        x.sittingDate().toString(), x.issuedBy(), x.issuedAt(), x.status().name());
                issued.add(x);
            }
            return List.copyOf(issued);
        }));
    }

    /**
     * A confirmed decision on record that cancels this certificate's result: one of its sitting about the same
     * person, or an ALL_SUBJECTS one of a sibling sitting (same occupation, level and sitting date).
     */
    private static boolean cancelled(Connection c, Certificate x) throws SQLException {
        return !Jdbc.query(c, "SELECT d.id FROM decisions d JOIN sittings s ON s.id = d.sitting_id "
                + "WHERE d.id_number = ? AND d.cancels IS NOT NULL AND (d.sitting_id = ? OR (d.cancels = 'ALL_SUBJECTS' "
                + "AND d.sitting_date = ? AND s.occupation = ? AND s.level_no = ?))", rs -> rs.getString(1),
                x.idNumber(), x.sittingId(), x.sittingDate().toString(), x.occupation(), x.level()).isEmpty();
    }

    @Override
    public Future<List<Certificate>> certificates(String idNumber, String sittingId) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (idNumber != null) {
            where.append(" AND id_number = ?");
            params.add(idNumber);
        }
        if (sittingId != null) {
            where.append(" AND sitting_id = ?");
            params.add(sittingId);
        }
        return jdbc.list("SELECT " + COLUMNS + " FROM certificates" + where + " ORDER BY issued_at, number",
                JdbcCertificateStore::certificateRow, params.toArray());
    }

    @Override
    public Future<Map<String, List<String>>> revokedBy(String sittingId) {
        return jdbc.list("SELECT c.revoked_by, c.number FROM certificates c JOIN decisions d ON c.revoked_by = d.id "
                + "WHERE d.sitting_id = ? ORDER BY c.number", rs -> Map.entry(rs.getString(1), rs.getString(2)),
                sittingId).map(rows -> {
                    Map<String, List<String>> out = new LinkedHashMap<>();
                    rows.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                    return out;
                });
    }

    private static Certificate certificateRow(ResultSet rs) throws SQLException {
        long revokedAt = rs.getLong("revoked_at");
        Long revoked = rs.wasNull() ? null : revokedAt;
        return new Certificate(rs.getString("number"), rs.getString("sitting_id"), rs.getString("ticket"),
                rs.getString("id_number"), rs.getString("name"), rs.getString("occupation"), rs.getInt("level"),
                rs.getString("subject"), LocalDate.parse(rs.getString("sitting_date")), rs.getString("issued_by"),
                rs.getLong("issued_at"), Certificate.Status.valueOf(rs.getString("status")),
                rs.getString("revoked_by"), revoked);
    }
}
