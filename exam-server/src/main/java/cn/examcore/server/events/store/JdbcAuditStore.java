package cn.examcore.server.events.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;

/** {@link AuditStore} on JDBC (table {@code audit}). */
public final class JdbcAuditStore implements AuditStore {

    private final Jdbc jdbc;

    public JdbcAuditStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> audit(AuditRecord r) {
        return jdbc.write("INSERT INTO audit (id, server_at, actor, action_name, sitting_id, target, detail) "
                + "VALUES (?,?,?,?,?,?,?)", r.id(), r.at(), r.actor(), r.action(), r.sittingId(), r.target(),
                r.detail());
    }

    @Override
    public Future<List<AuditRecord>> auditOf(String sittingId) {
        return jdbc.list("SELECT id, server_at, actor, action_name, sitting_id, target, detail FROM audit "
                        + "WHERE sitting_id = ? ORDER BY server_at, id",
                rs -> new AuditRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), sittingId);
    }
}
