package cn.examcore.server.sitting.store;

import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;

/** {@link AgentKeyStore} on JDBC (table {@code agent_keys}). */
public final class JdbcAgentKeyStore implements AgentKeyStore {

    private final Jdbc jdbc;

    public JdbcAgentKeyStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> saveAgentKey(String keyHash, String sittingId, String createdBy, long at) {
        return jdbc.write("INSERT INTO agent_keys (key_hash, sitting_id, created_at, created_by) VALUES (?,?,?,?)",
                keyHash, sittingId, at, createdBy);
    }

    @Override
    public Future<Optional<String>> agentKeySitting(String keyHash) {
        return jdbc.first("SELECT sitting_id FROM agent_keys WHERE key_hash = ?", rs -> rs.getString(1), keyHash);
    }
}
