package cn.examcore.server.conduct.store;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.platform.json.Json;
import cn.examcore.server.conduct.domain.Ban;
import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.BanOnRecord;
import cn.examcore.server.conduct.domain.CandidateIdentity;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.Outcome;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.domain.SittingSubject;
import cn.examcore.server.storage.jdbc.Database;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link DecisionStore}, {@link BanStore} and {@link CertificateStore} on JDBC (H2 or PostgreSQL), on the bounded
 * database worker pool. One class for the three because a decision writes its ban and revokes certificates in its
 * own transaction.
 */
public final class JdbcDecisionStore implements DecisionStore, BanStore, CertificateStore {

    /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "id, sitting_id, attempt_id, seat_code, ticket, id_number, name, subject, "
            + "sitting_date, flag_source, flag_id, category, severity, outcome, evidence, reason, after_sitting, "
            + "decided_by, decided_at, cancels, referral, scores_invalid, revoke_certificates, "
            + "eligibility_cancelled, fees_forfeited";

    private static final String BAN_COLUMNS = "decision_id, id_number, category, severity, ban_from, ban_until";

    /** A ban with its lift (null columns while it runs). */
    private static final String BAN_SELECT = "SELECT b.decision_id, b.id_number, b.category, b.severity, b.ban_from, "
            + "b.ban_until, l.lifted_by, l.lifted_at, l.reason AS lift_reason FROM bans b "
            + "LEFT JOIN ban_lifts l ON l.decision_id = b.decision_id";

    private static final String CERTIFICATE_COLUMNS = "number, sitting_id, ticket, id_number, name, occupation, level, "
            + "subject, sitting_date, issued_by, issued_at, status, revoked_by, revoked_at";

    private final Database db;
    private final WorkerExecutor workers;

    public JdbcDecisionStore(Database db, WorkerExecutor workers) {
        this.db = db;
        this.workers = workers;
    }

    @Override
    public Future<Void> record(RecordedDecision recorded) {
        return workers.executeBlocking(() -> {
            try {
                db.transaction(c -> {
                    lockScope(c, recorded);
                    Optional<RecordedDecision> sameId = query(c, "SELECT " + COLUMNS + " FROM decisions WHERE id = ?",
                            JdbcDecisionStore::decisionRow, recorded.decision().id()).stream().findFirst();
                    if (sameId.isPresent()) {
                        if (sameId.get().equals(asStored(recorded))) {
                            // A retry of a decision already stored: append-only means it is not stored twice.
                            return null;
                        }
                        throw usedId(sameId.get(), recorded);
                    }
                    Optional<RecordedDecision> earlier = sameFlag(c, recorded);
                    if (earlier.isPresent()) {
                        throw new DecisionConflict(earlier.get());
                    }
                    insert(c, recorded);
                    return null;
                });
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Another node decided the same flag between our check and our insert.
                    Optional<RecordedDecision> winner;
                    try (Connection c = db.connection()) {
                        winner = sameFlag(c, recorded);
                    }
                    if (winner.isPresent()) {
                        throw new DecisionConflict(winner.get());
                    }
                }
                throw e;
            }
            return null;
        }, false);
    }

    /** The decision as it reads back: the store keeps times to the millisecond. */
    private static RecordedDecision asStored(RecordedDecision r) {
        Decision d = r.decision();
        Decision stored = new Decision(d.id(), d.by(), d.at().truncatedTo(ChronoUnit.MILLIS), d.flag(), d.category(),
                d.severity(), d.candidate(), d.sitting(), d.evidence(), d.reason(), d.afterSitting(), d.outcome());
        return new RecordedDecision(stored, r.attemptId(), r.seatCode(), r.sanction());
    }

    /** A different decision, or a different ban, under a decision id already on record: never replaced. */
    private static DecisionException usedId(RecordedDecision existing, RecordedDecision refused) {
        String id = existing.decision().id();
        Optional<Ban> ban = existing.sanction().flatMap(Sanction::ban);
        if (!ban.equals(refused.sanction().flatMap(Sanction::ban))) {
            return new DecisionException("ban.decisionId", "decision " + id + " already has a different ban on record ("
                    + ban.map(Ban::describe).orElse("none") + ")");
        }
        return new DecisionException("decision.id", "decision " + id + " is already on record with other content");
    }

    private static Optional<RecordedDecision> sameFlag(Connection c, RecordedDecision recorded) throws SQLException {
        FlagRef flag = recorded.decision().flag();
        if (flag == null) {
            return Optional.empty();
        }
        List<RecordedDecision> found = query(c, "SELECT " + COLUMNS + " FROM decisions WHERE sitting_id = ? "
                        + "AND flag_source = ? AND flag_id = ?", JdbcDecisionStore::decisionRow,
                recorded.decision().sitting().sittingId(), flag.source().name(), flag.id());
        return found.stream().findFirst();
    }

    private static void insert(Connection c, RecordedDecision r) throws SQLException {
        Decision d = r.decision();
        Optional<Sanction> s = r.sanction();
        update(c, "INSERT INTO decisions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                d.id(), d.sitting().sittingId(), r.attemptId(), r.seatCode(), d.candidate().ticket(),
                d.candidate().idNumber(), d.candidate().name(), d.sitting().subject(),
                d.sitting().sittingDate().toString(), d.flag() == null ? null : d.flag().source().name(),
                d.flag() == null ? null : d.flag().id(), d.category().name(),
                d.severity() == null ? null : d.severity().name(), d.outcome().name(), Json.encode(d.evidence()),
                d.reason(), d.afterSitting(), d.by(), d.at().toEpochMilli(),
                s.map(x -> x.scope().name()).orElse(null), s.map(Sanction::referral).orElse(false),
                s.map(Sanction::scoresInvalid).orElse(false), s.map(Sanction::revokeCertificates).orElse(false),
                s.map(Sanction::eligibilityCancelled).orElse(false), s.map(Sanction::feesForfeited).orElse(false));
        Optional<Ban> ban = s.flatMap(Sanction::ban);
        if (ban.isPresent()) {
            Ban b = ban.get();
            update(c, "INSERT INTO bans (" + BAN_COLUMNS + ", recorded_at) VALUES (?,?,?,?,?,?,?)", b.decisionId(),
                    b.idNumber(), b.category().name(), b.severity() == null ? null : b.severity().name(),
                    b.from().toString(), b.until().toString(), d.at().toEpochMilli());
        }
        if (s.isPresent()) {
            // Every cancelled result loses its certificate, not only those the notices name (revokeCertificates):
            // a certificate issued just before a decision taken during the sitting would otherwise stand.
            revokeCertificates(c, r, s.get());
        }
    }

    /**
     * Locks the rows of the sittings whose results the decision may cancel (its own; for a confirmed decision
     * also every sitting of the same occupation and level, where the other subject's sitting is), in id order so
     * that two decisions never deadlock. Certificate issuing locks its sitting's row too, so a decision and an
     * issue of the same sitting run one after the other: the later one sees what the earlier one committed.
     */
    private static void lockScope(Connection c, RecordedDecision r) throws SQLException {
        String sittingId = r.decision().sitting().sittingId();
        if (r.sanction().isEmpty()) {
            return;
        }
        query(c, "SELECT id FROM sittings WHERE id = ? OR (occupation = (SELECT occupation FROM sittings WHERE id = ?) "
                + "AND level_no = (SELECT level_no FROM sittings WHERE id = ?)) ORDER BY id FOR UPDATE",
                rs -> rs.getString(1), sittingId, sittingId, sittingId);
    }

    /**
     * A confirmed decision on record that cancels this certificate's result: one of its sitting about the same
     * person, or an ALL_SUBJECTS one of a sibling sitting (same occupation, level and sitting date).
     */
    private static boolean cancelled(Connection c, Certificate x) throws SQLException {
        return !query(c, "SELECT d.id FROM decisions d JOIN sittings s ON s.id = d.sitting_id "
                + "WHERE d.id_number = ? AND d.cancels IS NOT NULL AND (d.sitting_id = ? OR (d.cancels = 'ALL_SUBJECTS' "
                + "AND d.sitting_date = ? AND s.occupation = ? AND s.level_no = ?))", rs -> rs.getString(1),
                x.idNumber(), x.sittingId(), x.sittingDate().toString(), x.occupation(), x.level()).isEmpty();
    }

    /**
     * Marks REVOKED the person's certificates from the cancelled scope: the decision's sitting, and for
     * ALL_SUBJECTS every sitting of the same occupation and level on the same evaluation day (the other subject).
     */
    private static void revokeCertificates(Connection c, RecordedDecision r, Sanction s) throws SQLException {
        Decision d = r.decision();
        String sql = "UPDATE certificates SET status = 'REVOKED', revoked_by = ?, revoked_at = ? "
                + "WHERE status = 'ISSUED' AND id_number = ? AND (sitting_id = ?";
        if (s.scope() == Sanction.Scope.ALL_SUBJECTS) {
            update(c, sql + " OR (sitting_date = ? AND occupation = (SELECT occupation FROM sittings WHERE id = ?) "
                            + "AND level = (SELECT level_no FROM sittings WHERE id = ?)))", d.id(),
                    d.at().toEpochMilli(), d.candidate().idNumber(), d.sitting().sittingId(),
                    d.sitting().sittingDate().toString(), d.sitting().sittingId(), d.sitting().sittingId());
        } else {
            update(c, sql + ")", d.id(), d.at().toEpochMilli(), d.candidate().idNumber(), d.sitting().sittingId());
        }
    }

    @Override
    public Future<List<Certificate>> issue(List<Certificate> certificates) {
        // A concurrent issue of the same sitting hits the unique constraint: all of this call is rolled back and
        // the caller may retry, which then issues none twice.
        // The sitting's row is locked first (as a decision locks it), and the cancellations are checked again
        // under that lock: a decision committed after the caller read the results is seen here, and one still
        // running waits and then revokes what this call issued.
        return workers.executeBlocking(() -> db.transaction(c -> {
            for (String sittingId : certificates.stream().map(Certificate::sittingId).distinct().sorted().toList()) {
                query(c, "SELECT id FROM sittings WHERE id = ? FOR UPDATE", rs -> rs.getString(1), sittingId);
            }
            List<Certificate> issued = new ArrayList<>();
            for (Certificate x : certificates) {
                if (!query(c, "SELECT number FROM certificates WHERE sitting_id = ? AND ticket = ?",
                        rs -> rs.getString(1), x.sittingId(), x.ticket()).isEmpty() || cancelled(c, x)) {
                    continue;
                }
                if (x.status() != Certificate.Status.ISSUED) {
                    throw new IllegalArgumentException("certificate " + x.number() + " is not ISSUED");
                }
                // revoked_by and revoked_at stay NULL: a typed NULL of the wrong type upsets PostgreSQL.
                update(c, "INSERT INTO certificates (number, sitting_id, ticket, id_number, name, occupation, "
                                + "level, subject, sitting_date, issued_by, issued_at, status) "
                                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", x.number(), x.sittingId(),
                        x.ticket(), x.idNumber(), x.name(), x.occupation(), x.level(), x.subject(),
                        x.sittingDate().toString(), x.issuedBy(), x.issuedAt(), x.status().name());
                issued.add(x);
            }
            return List.copyOf(issued);
        }), false);
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
        return read("SELECT " + CERTIFICATE_COLUMNS + " FROM certificates" + where + " ORDER BY issued_at, number",
                JdbcDecisionStore::certificateRow, params.toArray());
    }

    @Override
    public Future<java.util.Map<String, List<String>>> revokedBy(String sittingId) {
        return read("SELECT c.revoked_by, c.number FROM certificates c JOIN decisions d ON c.revoked_by = d.id "
                + "WHERE d.sitting_id = ? ORDER BY c.number", rs -> java.util.Map.entry(rs.getString(1),
                rs.getString(2)), sittingId).map(rows -> {
                    java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
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

    @Override
    public Future<List<RecordedDecision>> decisions(String sittingId) {
        return read("SELECT " + COLUMNS + " FROM decisions WHERE sitting_id = ? ORDER BY decided_at, id",
                JdbcDecisionStore::decisionRow, sittingId);
    }

    @Override
    public Future<List<RecordedDecision>> decisionsAbout(String idNumber) {
        return read("SELECT " + COLUMNS + " FROM decisions WHERE id_number = ? ORDER BY decided_at, id",
                JdbcDecisionStore::decisionRow, idNumber);
    }

    @Override
    public Future<List<BanOnRecord>> bans(String idNumber) {
        return idNumber == null
                ? read(BAN_SELECT + " ORDER BY b.recorded_at, b.decision_id", JdbcDecisionStore::banOnRecordRow)
                : read(BAN_SELECT + " WHERE b.id_number = ? ORDER BY b.recorded_at, b.decision_id",
                JdbcDecisionStore::banOnRecordRow, idNumber);
    }

    @Override
    public Future<List<BanOnRecord>> bansOf(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<String> ids = List.copyOf(idNumbers);
        return workers.executeBlocking(() -> {
            List<BanOnRecord> out = new ArrayList<>();
            // Chunks keep the IN list within every driver's parameter limit for a roster of thousands.
            try (Connection c = db.connection()) {
                for (int from = 0; from < ids.size(); from += 500) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                    String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                    out.addAll(query(c, BAN_SELECT + " WHERE b.id_number IN (" + marks
                            + ") ORDER BY b.recorded_at, b.decision_id", JdbcDecisionStore::banOnRecordRow,
                            chunk.toArray()));
                }
            }
            return List.copyOf(out);
        }, false);
    }

    @Override
    public Future<Lifted> liftBan(BanLift lift) {
        return workers.executeBlocking(() -> {
            try {
                return db.transaction(c -> {
                    BanOnRecord found = banOnRecord(c, lift.decisionId())
                            .orElseThrow(() -> new NoSuchBan(lift.decisionId()));
                    if (found.lifted()) {
                        throw new AlreadyLifted(found.lift());
                    }
                    update(c, "INSERT INTO ban_lifts (decision_id, lifted_by, lifted_at, reason) VALUES (?,?,?,?)",
                            lift.decisionId(), lift.by(), lift.at().toEpochMilli(), lift.why());
                    String sittingId = query(c, "SELECT sitting_id FROM decisions WHERE id = ?",
                            rs -> rs.getString(1), lift.decisionId()).get(0);
                    return new Lifted(new BanOnRecord(found.ban(), lift), sittingId);
                });
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Another node lifted it between our check and our insert.
                    try (Connection c = db.connection()) {
                        Optional<BanOnRecord> now = banOnRecord(c, lift.decisionId());
                        if (now.isPresent() && now.get().lifted()) {
                            throw new AlreadyLifted(now.get().lift());
                        }
                    }
                }
                throw e;
            }
        }, false);
    }

    private static Optional<BanOnRecord> banOnRecord(Connection c, String decisionId) throws SQLException {
        return query(c, BAN_SELECT + " WHERE b.decision_id = ?", JdbcDecisionStore::banOnRecordRow, decisionId)
                .stream().findFirst();
    }

    private static BanOnRecord banOnRecordRow(ResultSet rs) throws SQLException {
        Ban ban = banRow(rs);
        String by = rs.getString("lifted_by");
        BanLift lift = by == null ? null : new BanLift(ban.decisionId(), by,
                Instant.ofEpochMilli(rs.getLong("lifted_at")), rs.getString("lift_reason"));
        return new BanOnRecord(ban, lift);
    }

    private <T> Future<List<T>> read(String sql, Rows<T> mapper, Object... params) {
        return workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                return query(c, sql, mapper, params);
            }
        }, false);
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String sql, Rows<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.read(rs));
                }
            }
            return out;
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    private static Severity severity(String text) {
        return text == null ? null : Severity.valueOf(text);
    }

    private static RecordedDecision decisionRow(ResultSet rs) throws SQLException {
        String source = rs.getString("flag_source");
        FlagRef flag = source == null ? null : new FlagRef(FlagRef.Source.valueOf(source), rs.getString("flag_id"));
        List<String> evidence = Json.mapper().convertValue(Json.tree(rs.getString("evidence")),
                new TypeReference<List<String>>() { });
        Decision d = new Decision(rs.getString("id"), rs.getString("decided_by"),
                Instant.ofEpochMilli(rs.getLong("decided_at")), flag, MisconductCode.valueOf(rs.getString("category")),
                severity(rs.getString("severity")),
                new CandidateIdentity(rs.getString("id_number"), rs.getString("name"), rs.getString("ticket")),
                new SittingSubject(rs.getString("sitting_id"), rs.getString("subject"),
                        LocalDate.parse(rs.getString("sitting_date"))),
                evidence, rs.getString("reason"), rs.getBoolean("after_sitting"),
                Outcome.valueOf(rs.getString("outcome")));
        String cancels = rs.getString("cancels");
        Optional<Sanction> sanction = Optional.empty();
        if (cancels != null) {
            Optional<Ban> ban = Optional.empty();
            try (PreparedStatement ps = rs.getStatement().getConnection().prepareStatement(
                    "SELECT " + BAN_COLUMNS + " FROM bans WHERE decision_id = ?")) {
                ps.setString(1, d.id());
                try (ResultSet b = ps.executeQuery()) {
                    if (b.next()) {
                        ban = Optional.of(banRow(b));
                    }
                }
            }
            sanction = Optional.of(new Sanction(d.id(), d.candidate().idNumber(), d.sitting().sittingId(),
                    d.category(), d.severity(), Sanction.Scope.valueOf(cancels), d.sitting().subject(), ban,
                    rs.getBoolean("referral"), rs.getBoolean("scores_invalid"), rs.getBoolean("revoke_certificates"),
                    rs.getBoolean("eligibility_cancelled"), rs.getBoolean("fees_forfeited")));
        }
        return new RecordedDecision(d, rs.getString("attempt_id"), rs.getString("seat_code"), sanction);
    }

    private static Ban banRow(ResultSet rs) throws SQLException {
        return new Ban(rs.getString("decision_id"), rs.getString("id_number"),
                MisconductCode.valueOf(rs.getString("category")), severity(rs.getString("severity")),
                LocalDate.parse(rs.getString("ban_from")), LocalDate.parse(rs.getString("ban_until")));
    }
}
