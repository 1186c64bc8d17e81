package cn.examcore.server.publication.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.store.JdbcCertificateStore;
import cn.examcore.server.publication.domain.Review;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link ReviewStore} on JDBC (table {@code reviews}; a decision updates {@code results} and {@code certificates}). */
public final class JdbcReviewStore implements ReviewStore {

    private static final String COLUMNS = "id, sitting_id, attempt_id, ticket, reason, requested_by, requested_at, "
            + "outcome, comment, decided_by, decided_at, total_before, total_after";

    private final Jdbc jdbc;

    public JdbcReviewStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Boolean> request(Review r, AuditRecord audit) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            // The sitting row serialises two requests for one candidate, so at most one review per attempt is open.
            Jdbc.query(c, "SELECT id FROM sittings WHERE id = ? FOR UPDATE", rs -> rs.getString(1), r.sittingId());
            if (!Jdbc.query(c, "SELECT id FROM reviews WHERE attempt_id = ? AND outcome IS NULL", rs -> rs.getString(1),
                    r.attemptId()).isEmpty()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO reviews (id, sitting_id, attempt_id, ticket, reason, requested_by, "
                    + "requested_at) VALUES (?,?,?,?,?,?,?)", r.id(), r.sittingId(), r.attemptId(), r.ticket(),
                    r.reason(), r.requestedBy(), r.requestedAt());
            audit(c, audit);
            return true;
        }));
    }

    @Override
    public Future<List<Review>> reviews(String sittingId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM reviews WHERE sitting_id = ? ORDER BY requested_at, id",
                JdbcReviewStore::row, sittingId);
    }

    @Override
    public Future<Optional<Review>> review(String reviewId) {
        return jdbc.first("SELECT " + COLUMNS + " FROM reviews WHERE id = ?", JdbcReviewStore::row, reviewId);
    }

    @Override
    public Future<List<String>> decide(Review d, Result before, Result after, AuditRecord audit) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            int decided = Jdbc.update(c, "UPDATE reviews SET outcome = ?, comment = ?, decided_by = ?, decided_at = ?, "
                    + "total_before = ?, total_after = ? WHERE id = ? AND outcome IS NULL", d.outcome().name(),
                    d.comment(), d.decidedBy(), d.decidedAt(), d.totalBefore(), d.totalAfter(), d.id());
            if (decided != 1) {
                throw ExamException.field(ErrorType.CONFLICT, "reviewId", "review " + d.id() + " was decided already");
            }
            List<String> revoked = List.of();
            if (after != before) {
                String guard = before.markedScore() == null ? "marked_score IS NULL" : "marked_score = ?";
                Object[] params = before.markedScore() == null
                        ? new Object[] {after.markedScore(), after.passed(), after.attemptId(), before.objectiveScore()}
                        : new Object[] {after.markedScore(), after.passed(), after.attemptId(), before.objectiveScore(),
                            before.markedScore()};
                int stored = Jdbc.update(c, "UPDATE results SET marked_score = ?, passed = ? WHERE attempt_id = ? "
                        + "AND objective_score = ? AND pending_marking = FALSE AND " + guard, params);
                if (stored != 1) {
                    throw ExamException.field(ErrorType.CONFLICT, "reviewId", "the result changed while the review "
                            + "was decided (an erratum or a reopening); nothing was changed, decide again");
                }
                if (Boolean.TRUE.equals(before.passed()) && Boolean.FALSE.equals(after.passed())) {
                    revoked = JdbcCertificateStore.revokeOfResultNowFailing(c, after.sittingId(), after.ticket(),
                            d.decidedAt());
                }
            }
            audit(c, audit);
            return revoked;
        }));
    }

    private static void audit(Connection c, AuditRecord a) throws SQLException {
        Jdbc.update(c, "INSERT INTO audit (id, server_at, actor, action_name, sitting_id, target, detail) "
                + "VALUES (?,?,?,?,?,?,?)", a.id(), a.at(), a.actor(), a.action(), a.sittingId(), a.target(),
                a.detail());
    }

    private static Review row(ResultSet rs) throws SQLException {
        String outcome = rs.getString(8);
        long decidedAt = rs.getLong(11);
        Long at = rs.wasNull() ? null : decidedAt;
        BigDecimal before = rs.getBigDecimal(12);
        BigDecimal after = rs.getBigDecimal(13);
        return new Review(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), outcome == null ? null : Review.Outcome.valueOf(outcome),
                rs.getString(9), rs.getString(10), at, before == null ? null : before.stripTrailingZeros(),
                after == null ? null : after.stripTrailingZeros());
    }
}
