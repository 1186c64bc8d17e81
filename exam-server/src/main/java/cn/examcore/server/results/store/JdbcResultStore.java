package cn.examcore.server.results.store;

import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.List;

/** {@link ResultStore} on JDBC (table {@code results}). */
public final class JdbcResultStore implements ResultStore {

    private final Jdbc jdbc;
    private final String upsert;

    public JdbcResultStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
        this.upsert = db.dialect().upsert("results", List.of("attempt_id"), List.of("attempt_id", "sitting_id",
                "ticket", "name", "subject", "objective_score", "max_score", "pending_marking", "passed",
                "submitted_at", "submit_kind"));
    }

    private static Object[] params(Result r) {
        return new Object[] {r.attemptId(), r.sittingId(), r.ticket(), r.name(), r.subject(), r.objectiveScore(),
                r.maxScore(), r.pendingMarking(), r.passed(), r.submittedAt(), r.submitKind()};
    }

    @Override
    public Future<Void> saveResult(Result r) {
        return jdbc.write(upsert, params(r));
    }

    @Override
    public Future<Void> withdrawResult(String attemptId) {
        return jdbc.write("DELETE FROM results WHERE attempt_id = ?", attemptId);
    }

    @Override
    public Future<Void> saveResults(List<Result> results) {
        if (results.isEmpty()) {
            return Future.succeededFuture();
        }
        // One statement batch in one transaction: the deadline storm writes thousands of results at once.
        return jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                Jdbc.batch(ps, results.stream().map(JdbcResultStore::params).toList());
            }
            return null;
        });
    }

    @Override
    public Future<List<Result>> results(String sittingId) {
        return jdbc.list("SELECT attempt_id, sitting_id, ticket, name, subject, objective_score, max_score, "
                        + "pending_marking, passed, submitted_at, submit_kind, marked_score FROM results WHERE sitting_id = ? "
                        + "ORDER BY ticket",
                rs -> {
                    boolean passed = rs.getBoolean(9);
                    Boolean verdict = rs.wasNull() ? null : passed;
                    BigDecimal marked = rs.getBigDecimal(12);
                    return new Result(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6).stripTrailingZeros(),
                            rs.getBigDecimal(7).stripTrailingZeros(), rs.getBoolean(8), verdict, rs.getLong(10),
                            rs.getString(11), marked == null ? null : marked.stripTrailingZeros());
                }, sittingId);
    }

    @Override
    public Future<List<String>> submittedWithoutResult(long submittedBefore, long sittingsSince, int limit) {
        return jdbc.list("SELECT a.id FROM attempts a JOIN sittings s ON s.id = a.sitting_id"
                        + " LEFT JOIN results r ON r.attempt_id = a.id"
                        + " WHERE s.t0 > ? AND a.state = 'SUBMITTED' AND a.submitted_at < ?"
                        + " AND (r.attempt_id IS NULL OR r.submitted_at <> a.submitted_at)"
                        + " ORDER BY a.submitted_at LIMIT " + Math.max(1, limit),
                rs -> rs.getString(1), sittingsSince, submittedBefore);
    }
}
