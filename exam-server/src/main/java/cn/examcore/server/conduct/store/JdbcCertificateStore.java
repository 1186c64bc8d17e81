package cn.examcore.server.conduct.store;

import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.VerificationCode;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CertificateStore} on JDBC (H2 or PostgreSQL). Issuing locks the sitting's row as a decision does
 * ({@link JdbcDecisionStore}), so an issue and a decision that cancels its result never interleave.
 */
public final class JdbcCertificateStore implements CertificateStore {

    private static final String COLUMNS = "number, sitting_id, ticket, id_number, name, occupation, level, "
            + "subject, sitting_date, issued_by, issued_at, status, revoked_by, revoked_at, evaluation_id, evaluation_body, "
            + "verification_hash";

    private final Jdbc jdbc;

    public JdbcCertificateStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    /**
     * Revokes the standing certificate of the evaluation whose subject result, sat in {@code sittingId} under
     * {@code ticket}, passed and fails now after a rescoring (an erratum, a score review), inside the caller's
     * transaction: a certificate follows the level result, so a failed subject of any day withdraws it. Such a
     * revocation has no decision behind it, so {@code revoked_by} stays NULL; the caller's audit record names it.
     *
     * @return the numbers revoked (none when no certificate stood)
     */
    public static List<String> revokeOfResultNowFailing(Connection c, String sittingId, String ticket, long at)
            throws SQLException {
        String standing = " FROM certificates WHERE status = 'ISSUED' AND (evaluation_id IN (SELECT evaluation_id"
                + " FROM candidates WHERE sitting_id = ? AND ticket = ?) OR (sitting_id = ? AND ticket = ?))";
        List<String> numbers = Jdbc.query(c, "SELECT number" + standing, rs -> rs.getString(1), sittingId, ticket,
                sittingId, ticket);
        for (String number : numbers) {
            Jdbc.update(c, "UPDATE certificates SET status = 'REVOKED', revoked_at = ?, standing_evaluation_id = NULL"
                    + " WHERE number = ? AND status = 'ISSUED'", at, number);
        }
        return numbers;
    }

    @Override
    public Future<List<Certificate>> issue(List<Certificate> certificates, Map<String, String> codes) {
        // A concurrent issue of the same sitting hits the unique constraint: all of this call is rolled back and
        // the caller may retry, which then issues none twice.
        // The sitting's row is locked first (as a decision locks it), and the cancellations are checked again
        // under that lock: a decision committed after the caller read the results is seen here, and one still
        // running waits and then revokes what this call issued.
        return jdbc.blocking(() -> {
            // Hashed first, on this worker thread and outside the transaction: PBKDF2 takes a millisecond or two per
            // certificate, which should not hold the sittings' locks.
            Map<String, String> hashes = new HashMap<>();
            for (Certificate x : certificates) {
                String code = codes.get(x.evaluationId());
                if (code == null) {
                    throw new IllegalArgumentException("no verification code for evaluation " + x.evaluationId());
                }
                hashes.put(x.evaluationId(), VerificationCode.hash(code));
            }
            return jdbc.inTransaction(c -> {
                // Every sitting of the certified evaluations, in id order as a decision locks them.
                List<String> sittings = new ArrayList<>();
                for (Certificate x : certificates) {
                    sittings.addAll(Jdbc.query(c, "SELECT sitting_id FROM candidates WHERE evaluation_id = ?",
                            rs -> rs.getString(1), x.evaluationId()));
                    sittings.add(x.sittingId());
                }
                for (String sittingId : sittings.stream().distinct().sorted().toList()) {
                    Jdbc.query(c, "SELECT id FROM sittings WHERE id = ? FOR UPDATE", rs -> rs.getString(1), sittingId);
                }
                List<Certificate> issued = new ArrayList<>();
                for (Certificate x : certificates) {
                    if (x.status() != Certificate.Status.ISSUED) {
                        throw new IllegalArgumentException("certificate " + x.number() + " is not ISSUED");
                    }
                    // One standing certificate per evaluation; a revoked one stays under its number, and the
                    // evaluation's next certificate takes the next number (Certificate.numberOf).
                    List<String> earlier = Jdbc.query(c, "SELECT status FROM certificates WHERE evaluation_id = ?",
                            rs -> rs.getString(1), x.evaluationId());
                    if (earlier.contains(Certificate.Status.ISSUED.name()) || cancelled(c, x)) {
                        continue;
                    }
                    Certificate numbered = x.withNumber(Certificate.numberOf(x.evaluationId(), earlier.size() + 1))
                            .withHash(hashes.get(x.evaluationId()));
                    // revoked_by and revoked_at stay NULL: a typed NULL of the wrong type upsets PostgreSQL.
                    Jdbc.update(c, "INSERT INTO certificates (number, sitting_id, ticket, id_number, name, occupation, "
                                    + "level, subject, sitting_date, issued_by, issued_at, status, evaluation_id, "
                                    + "evaluation_body, verification_hash, standing_evaluation_id)"
                                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            numbered.number(), x.sittingId(), x.ticket(), x.idNumber(), x.name(), x.occupation(),
                            x.level(), x.subject(), x.sittingDate().toString(), x.issuedBy(), x.issuedAt(),
                            x.status().name(), x.evaluationId(), x.body(), numbered.verificationHash(), x.evaluationId());
                    issued.add(numbered);
                }
                return List.copyOf(issued);
            });
        });
    }

    /**
     * A confirmed decision on record, not revised, that cancels a subject of the certified evaluation: any sanction
     * about the person in any sitting of the evaluation, on whatever day.
     */
    private static boolean cancelled(Connection c, Certificate x) throws SQLException {
        // A decision revised on appeal no longer applies: its revision (a decision row of its own) does.
        return !Jdbc.query(c, "SELECT d.id FROM decisions d WHERE d.id_number = ? AND d.cancels IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM decisions r WHERE r.revises = d.id) "
                + "AND (d.sitting_id = ? OR d.sitting_id IN (SELECT sitting_id FROM candidates WHERE evaluation_id = ? "
                + "AND id_number = ?))", rs -> rs.getString(1), x.idNumber(), x.sittingId(), x.evaluationId(),
                x.idNumber()).isEmpty();
    }

    /**
     * Replaces every verification code an earlier version stored in clear by its hash ({@link VerificationCode}),
     * blocking: run once at start-up, before the node serves, so no code stays readable in the database.
     *
     * @return how many codes were hashed
     */
    public static int hashClearCodes(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            List<Map.Entry<String, String>> clear = Jdbc.query(c, "SELECT number, verification_code FROM certificates"
                    + " WHERE verification_code IS NOT NULL", rs -> Map.entry(rs.getString(1), rs.getString(2)));
            for (Map.Entry<String, String> e : clear) {
                Jdbc.update(c, "UPDATE certificates SET verification_hash = ?, verification_code = NULL WHERE number = ?",
                        VerificationCode.hash(e.getValue()), e.getKey());
            }
            return clear.size();
        }
    }

    /** The certificate of this number, if any. */
    @Override
    public Future<java.util.Optional<Certificate>> certificate(String number) {
        return jdbc.first("SELECT " + COLUMNS + " FROM certificates WHERE number = ?",
                JdbcCertificateStore::certificateRow, number);
    }

    @Override
    public Future<java.util.Optional<Certificate>> verified(String number, String code) {
        return jdbc.blocking(() -> jdbc.withConnection(c -> Jdbc.first(Jdbc.query(c, "SELECT " + COLUMNS
                + " FROM certificates WHERE number = ?", JdbcCertificateStore::certificateRow, number)))
                .filter(x -> VerificationCode.matches(code, x.verificationHash())));
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
                rs.getString("revoked_by"), revoked, rs.getString("evaluation_id"), rs.getString("evaluation_body"),
                rs.getString("verification_hash"));
    }
}
