package cn.examcore.server.conduct.store;

import cn.examcore.contract.MisconductCode;
import cn.examcore.platform.json.Json;
import cn.examcore.server.conduct.domain.Ban;
import cn.examcore.server.conduct.domain.CandidateIdentity;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.Outcome;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.conduct.domain.SittingSubject;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@link DecisionStore} on JDBC (H2 or PostgreSQL). A decision is one unit of work: in its transaction it also
 * writes its ban (read back by {@link JdbcBanStore}) and revokes the certificates its sanction cancels (issued by
 * {@link JdbcCertificateStore}), so no reader ever sees a sanction without its ban or a cancelled result's
 * certificate still standing.
 */
public final class JdbcDecisionStore implements DecisionStore {

    private static final String COLUMNS = "id, sitting_id, attempt_id, seat_code, ticket, id_number, name, subject, "
            + "sitting_date, flag_source, flag_id, category, severity, outcome, evidence, reason, after_sitting, "
            + "decided_by, decided_at, cancels, referral, scores_invalid, revoke_certificates, "
            + "eligibility_cancelled, fees_forfeited, revises";

    private final Jdbc jdbc;

    public JdbcDecisionStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> record(RecordedDecision recorded) {
        return jdbc.blocking(() -> {
            try {
                jdbc.inTransaction(c -> {
                    lockScope(c, recorded);
                    Optional<RecordedDecision> sameId = Jdbc.query(c, "SELECT " + COLUMNS + " FROM decisions WHERE id = ?",
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
                    if (recorded.revises() != null) {
                        checkRevisable(c, recorded.revises());
                    }
                    insert(c, recorded);
                    if (recorded.revises() != null) {
                        liftRevisedBan(c, recorded);
                    }
                    return null;
                });
            } catch (SQLException e) {
                if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState()) && recorded.revises() != null) {
                    // Another node revised the same decision between our check and our insert.
                    Optional<RecordedDecision> winner = jdbc.withConnection(c -> revisionOf(c, recorded.revises()));
                    if (winner.isPresent()) {
                        throw new AlreadyRevised(winner.get());
                    }
                }
                if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // Another node decided the same flag between our check and our insert.
                    Optional<RecordedDecision> winner = jdbc.withConnection(c -> sameFlag(c, recorded));
                    if (winner.isPresent()) {
                        throw new DecisionConflict(winner.get());
                    }
                }
                throw e;
            }
            return null;
        });
    }

    /** The decision as it reads back: the store keeps times to the millisecond. */
    private static RecordedDecision asStored(RecordedDecision r) {
        Decision d = r.decision();
        Decision stored = new Decision(d.id(), d.by(), d.at().truncatedTo(ChronoUnit.MILLIS), d.flag(), d.category(),
                d.severity(), d.candidate(), d.sitting(), d.evidence(), d.reason(), d.afterSitting(), d.outcome());
        return new RecordedDecision(stored, r.attemptId(), r.seatCode(), r.sanction(), r.revises());
    }

    /** The revised decision is on record and not revised yet (the unique constraint backs this up across nodes). */
    private static void checkRevisable(Connection c, String revisedId) throws SQLException {
        if (Jdbc.query(c, "SELECT id FROM decisions WHERE id = ?", rs -> rs.getString(1), revisedId).isEmpty()) {
            throw new NoSuchDecision(revisedId);
        }
        Optional<RecordedDecision> later = revisionOf(c, revisedId);
        if (later.isPresent()) {
            throw new AlreadyRevised(later.get());
        }
    }

    private static Optional<RecordedDecision> revisionOf(Connection c, String revisedId) throws SQLException {
        return Jdbc.first(Jdbc.query(c, "SELECT " + COLUMNS + " FROM decisions WHERE revises = ?",
                JdbcDecisionStore::decisionRow, revisedId));
    }

    /**
     * Lifts the revised decision's ban when it has one that is not lifted yet: whatever the revision decides, the
     * earlier ban no longer stands on its own (a revision that keeps a sanction carries a ban of its own).
     */
    private static void liftRevisedBan(Connection c, RecordedDecision r) throws SQLException {
        boolean running = !Jdbc.query(c, "SELECT b.decision_id FROM bans b LEFT JOIN ban_lifts l ON l.decision_id ="
                + " b.decision_id WHERE b.decision_id = ? AND l.decision_id IS NULL", rs -> rs.getString(1),
                r.revises()).isEmpty();
        if (running) {
            Decision d = r.decision();
            Jdbc.update(c, "INSERT INTO ban_lifts (decision_id, lifted_by, lifted_at, reason) VALUES (?,?,?,?)",
                    r.revises(), d.by(), d.at().toEpochMilli(), "revised by decision " + d.id() + ": " + d.reason());
        }
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
        List<RecordedDecision> found = Jdbc.query(c, "SELECT " + COLUMNS + " FROM decisions WHERE sitting_id = ? "
                        + "AND flag_source = ? AND flag_id = ?", JdbcDecisionStore::decisionRow,
                recorded.decision().sitting().sittingId(), flag.source().name(), flag.id());
        return found.stream().findFirst();
    }

    private static void insert(Connection c, RecordedDecision r) throws SQLException {
        Decision d = r.decision();
        Optional<Sanction> s = r.sanction();
        Jdbc.update(c, "INSERT INTO decisions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                d.id(), d.sitting().sittingId(), r.attemptId(), r.seatCode(), d.candidate().ticket(),
                d.candidate().idNumber(), d.candidate().name(), d.sitting().subject(),
                d.sitting().sittingDate().toString(), d.flag() == null ? null : d.flag().source().name(),
                d.flag() == null ? null : d.flag().id(), d.category().name(),
                d.severity() == null ? null : d.severity().name(), d.outcome().name(), Json.encode(d.evidence()),
                d.reason(), d.afterSitting(), d.by(), d.at().toEpochMilli(),
                s.map(x -> x.scope().name()).orElse(null), s.map(Sanction::referral).orElse(false),
                s.map(Sanction::scoresInvalid).orElse(false), s.map(Sanction::revokeCertificates).orElse(false),
                s.map(Sanction::eligibilityCancelled).orElse(false), s.map(Sanction::feesForfeited).orElse(false),
                r.revises());
        Optional<Ban> ban = s.flatMap(Sanction::ban);
        if (ban.isPresent()) {
            Ban b = ban.get();
            Jdbc.update(c, "INSERT INTO bans (" + JdbcBanStore.BAN_COLUMNS + ", recorded_at) VALUES (?,?,?,?,?,?,?)", b.decisionId(),
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
        // A revision locks even without a sanction: lifting one restores results a certificate may then follow.
        if (r.sanction().isEmpty() && r.revises() == null) {
            return;
        }
        Jdbc.query(c, "SELECT id FROM sittings WHERE id = ? OR (occupation = (SELECT occupation FROM sittings WHERE id = ?) "
                + "AND level_no = (SELECT level_no FROM sittings WHERE id = ?)) ORDER BY id FOR UPDATE",
                rs -> rs.getString(1), sittingId, sittingId, sittingId);
    }

    /**
     * Marks REVOKED the person's certificate of the evaluation (一次评价) the decision's row belongs to, whatever the
     * day each subject was sat: a certificate needs every subject of the level, so a cancelled subject (tier A) or
     * all subjects (tiers B and C) leave it standing on nothing.
     */
    private static void revokeCertificates(Connection c, RecordedDecision r, Sanction s) throws SQLException {
        Decision d = r.decision();
        Jdbc.update(c, "UPDATE certificates SET status = 'REVOKED', revoked_by = ?, revoked_at = ?, standing_evaluation_id = NULL "
                        + "WHERE status = 'ISSUED' AND id_number = ? AND (sitting_id = ? OR evaluation_id IN "
                        + "(SELECT evaluation_id FROM candidates WHERE sitting_id = ? AND ticket = ?))", d.id(),
                d.at().toEpochMilli(), d.candidate().idNumber(), d.sitting().sittingId(), d.sitting().sittingId(),
                d.candidate().ticket());
    }

    @Override
    public Future<List<RecordedDecision>> decisions(String sittingId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM decisions WHERE sitting_id = ? ORDER BY decided_at, id",
                JdbcDecisionStore::decisionRow, sittingId);
    }

    @Override
    public Future<List<RecordedDecision>> decisionsAbout(String idNumber) {
        return jdbc.list("SELECT " + COLUMNS + " FROM decisions WHERE id_number = ? ORDER BY decided_at, id",
                JdbcDecisionStore::decisionRow, idNumber);
    }

    private static RecordedDecision decisionRow(ResultSet rs) throws SQLException {
        String source = rs.getString("flag_source");
        FlagRef flag = source == null ? null : new FlagRef(FlagRef.Source.valueOf(source), rs.getString("flag_id"));
        List<String> evidence = Json.mapper().convertValue(Json.tree(rs.getString("evidence")),
                new TypeReference<List<String>>() { });
        Decision d = new Decision(rs.getString("id"), rs.getString("decided_by"),
                Instant.ofEpochMilli(rs.getLong("decided_at")), flag, MisconductCode.valueOf(rs.getString("category")),
                JdbcBanStore.severity(rs.getString("severity")),
                new CandidateIdentity(rs.getString("id_number"), rs.getString("name"), rs.getString("ticket")),
                new SittingSubject(rs.getString("sitting_id"), rs.getString("subject"),
                        LocalDate.parse(rs.getString("sitting_date"))),
                evidence, rs.getString("reason"), rs.getBoolean("after_sitting"),
                Outcome.valueOf(rs.getString("outcome")));
        String cancels = rs.getString("cancels");
        Optional<Sanction> sanction = Optional.empty();
        if (cancels != null) {
            Optional<Ban> ban = Jdbc.first(Jdbc.query(rs.getStatement().getConnection(), "SELECT "
                    + JdbcBanStore.BAN_COLUMNS + " FROM bans WHERE decision_id = ?", JdbcBanStore::banRow, d.id()));
            sanction = Optional.of(new Sanction(d.id(), d.candidate().idNumber(), d.sitting().sittingId(),
                    d.category(), d.severity(), Sanction.Scope.valueOf(cancels), d.sitting().subject(), ban,
                    rs.getBoolean("referral"), rs.getBoolean("scores_invalid"), rs.getBoolean("revoke_certificates"),
                    rs.getBoolean("eligibility_cancelled"), rs.getBoolean("fees_forfeited")));
        }
        return new RecordedDecision(d, rs.getString("attempt_id"), rs.getString("seat_code"), sanction,
                rs.getString("revises"));
    }
}
