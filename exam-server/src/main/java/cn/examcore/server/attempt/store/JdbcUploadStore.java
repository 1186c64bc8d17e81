package cn.examcore.server.attempt.store;

import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link UploadStore} on JDBC (table {@code uploads}). */
public final class JdbcUploadStore implements UploadStore {

    private final Jdbc jdbc;

    public JdbcUploadStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Boolean> saveUpload(StoredUpload u, int maxFiles, long maxBytes) {
        // One statement checks the attempt's quota and inserts; two uploads racing may both pass, which
        // overshoots by at most one file (the quota is a guard against abuse, not an accounting).
        return jdbc.blocking(() -> jdbc.update("INSERT INTO uploads (id, attempt_id, name, media_type, content, created_at) "
                        + "SELECT ?,?,?,?,?,? FROM (SELECT COUNT(*) AS n, COALESCE(SUM(OCTET_LENGTH(content)), 0) AS b"
                        + " FROM uploads WHERE attempt_id = ?) q WHERE q.n < ? AND q.b + ? <= ?",
                u.id(), u.attemptId(), u.name(), u.mediaType(), u.content(), u.createdAt(), u.attemptId(), maxFiles,
                (long) u.content().length, maxBytes) == 1);
    }

    @Override
    public Future<Optional<StoredUpload>> upload(String id) {
        return jdbc.first("SELECT id, attempt_id, name, media_type, content, created_at FROM uploads WHERE id = ?",
                rs -> new StoredUpload(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getLong(6)), id);
    }

    @Override
    public Future<Map<String, String>> uploadOwners(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return jdbc.blocking(() -> {
            Map<String, String> owners = new HashMap<>();
            for (String[] row : jdbc.queryIn("SELECT id, attempt_id FROM uploads WHERE id IN ",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, ids)) {
                owners.put(row[0], row[1]);
            }
            return owners;
        });
    }
}
