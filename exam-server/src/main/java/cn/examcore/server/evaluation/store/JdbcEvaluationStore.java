package cn.examcore.server.evaluation.store;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.evaluation.domain.Enrolment;
import cn.examcore.server.sitting.domain.ApplicationKind;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link EvaluationStore} on JDBC: the {@code candidates} rows joined with their sittings. */
public final class JdbcEvaluationStore implements EvaluationStore {

    private static final String SELECT = "SELECT c.evaluation_id, c.evaluation_body, c.application, c.sitting_id, "
            + "s.subject, s.t0, c.ticket, c.id_number, c.name, s.occupation, s.level_no, c.subjects "
            + "FROM candidates c JOIN sittings s ON s.id = c.sitting_id";

    private final Jdbc jdbc;

    public JdbcEvaluationStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<List<Enrolment>> enrolments(Collection<String> idNumbers, String occupation, int level) {
        if (idNumbers.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        // Roster rows keep the ID number as typed after normalisation by the reader, so equality is enough.
        return jdbc.blocking(() -> jdbc.queryIn(SELECT + " WHERE s.occupation = ? AND s.level_no = ? AND c.id_number IN ",
                JdbcEvaluationStore::row, idNumbers.stream().map(IdentityNumbers::normalise).distinct().toList(),
                occupation, level));
    }

    @Override
    public Future<List<Enrolment>> evaluation(String evaluationId) {
        return jdbc.list(SELECT + " WHERE c.evaluation_id = ? ORDER BY s.t0, c.sitting_id", JdbcEvaluationStore::row,
                evaluationId);
    }

    @Override
    public Future<List<Enrolment>> evaluations(Collection<String> evaluationIds) {
        if (evaluationIds.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return jdbc.blocking(() -> jdbc.queryIn(SELECT + " WHERE c.evaluation_id IN ", JdbcEvaluationStore::row,
                evaluationIds));
    }

    private static Enrolment row(ResultSet rs) throws SQLException {
        Set<Subject> toSit = Arrays.stream(rs.getString(12).split(",")).filter(s -> !s.isBlank())
                .map(Subject::valueOf).collect(Collectors.toSet());
        return new Enrolment(rs.getString(1), rs.getString(2), ApplicationKind.valueOf(rs.getString(3)),
                rs.getString(4), Subject.valueOf(rs.getString(5)), rs.getLong(6), rs.getString(7),
                IdentityNumbers.normalise(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getInt(11), toSit);
    }
}
