package cn.examcore.server.publication.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.publication.domain.Enrolment;
import cn.examcore.server.publication.domain.Release;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Optional;

/** {@link ReleaseStore} on JDBC (table {@code result_releases}, reading {@code candidates} and {@code sittings}). */
public final class JdbcReleaseStore implements ReleaseStore {

    private final Jdbc jdbc;

    public JdbcReleaseStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Boolean> release(Release r, AuditRecord audit) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            if (!Jdbc.query(c, "SELECT sitting_id FROM result_releases WHERE sitting_id = ?", rs -> rs.getString(1),
                    r.sittingId()).isEmpty()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO result_releases (sitting_id, released_by, released_at) VALUES (?,?,?)",
                    r.sittingId(), r.by(), r.at());
            Jdbc.update(c, "INSERT INTO audit (id, server_at, actor, action_name, sitting_id, target, detail) "
                    + "VALUES (?,?,?,?,?,?,?)", audit.id(), audit.at(), audit.actor(), audit.action(),
                    audit.sittingId(), audit.target(), audit.detail());
            return true;
        }));
    }

    @Override
    public Future<Optional<Release>> release(String sittingId) {
        return jdbc.first("SELECT sitting_id, released_by, released_at FROM result_releases WHERE sitting_id = ?",
                rs -> new Release(rs.getString(1), rs.getString(2), rs.getLong(3)), sittingId);
    }

    @Override
    public Future<List<Enrolment>> releasedEnrolments(String idNumber) {
        return jdbc.list("SELECT c.sitting_id, c.ticket, c.name FROM candidates c "
                + "JOIN result_releases r ON r.sitting_id = c.sitting_id JOIN sittings s ON s.id = c.sitting_id "
                + "WHERE c.id_number = ? ORDER BY s.t0, c.sitting_id", rs -> new Enrolment(rs.getString(1),
                rs.getString(2), rs.getString(3)), idNumber);
    }
}
