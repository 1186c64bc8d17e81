package cn.examcore.server.offline.store;

import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link OfflineKeyStore} on JDBC (table {@code offline_keys}). */
public final class JdbcOfflineKeyStore implements OfflineKeyStore {

    private static final String SELECT = "SELECT sitting_id, public_key, sealed_private, created_at FROM offline_keys"
            + " WHERE sitting_id = ?";
    private final Jdbc jdbc;

    public JdbcOfflineKeyStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    private static StoredKey row(java.sql.ResultSet rs) throws SQLException {
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }

    @Override
    public Future<Optional<StoredKey>> key(String sittingId) {
        return jdbc.first(SELECT, JdbcOfflineKeyStore::row, sittingId);
    }

    @Override
    public Future<StoredKey> keep(StoredKey key) {
        return jdbc.blocking(() -> {
            try {
                jdbc.update("INSERT INTO offline_keys (sitting_id, public_key, sealed_private, created_at)"
                        + " VALUES (?,?,?,?)", key.sittingId(), key.publicKey(), key.sealedPrivate(), key.createdAt());
            } catch (SQLException e) {
                // Another node stored the sitting's key first (the primary key refuses the second): use that one.
                List<StoredKey> stored = jdbc.query(SELECT, JdbcOfflineKeyStore::row, key.sittingId());
                if (stored.isEmpty()) {
                    throw e;
                }
                return stored.get(0);
            }
            return key;
        });
    }
}
