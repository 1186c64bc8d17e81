package cn.examcore.server.paper.store;

import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Optional;

/** {@link BankStore} on JDBC (table {@code banks}). */
public final class JdbcBankStore implements BankStore {

    private final Jdbc jdbc;

    public JdbcBankStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> saveBank(StoredBank b) {
        return jdbc.write(jdbc.dialect().upsert("banks", List.of("id"),
                        List.of("id", "title", "file_name", "content", "item_count", "imported_at")),
                b.id(), b.title(), b.fileName(), b.content(), b.itemCount(), b.importedAt());
    }

    @Override
    public Future<Optional<StoredBank>> bank(String id) {
        return jdbc.first("SELECT id, title, file_name, content, item_count, imported_at FROM banks WHERE id = ?",
                rs -> new StoredBank(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5),
                        rs.getLong(6)), id);
    }

    @Override
    public Future<List<BankSummary>> banks() {
        return jdbc.list("SELECT id, title, file_name, item_count, imported_at FROM banks ORDER BY imported_at DESC, id",
                rs -> new BankSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)));
    }
}
