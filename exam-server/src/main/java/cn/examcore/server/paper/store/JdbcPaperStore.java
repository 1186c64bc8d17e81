package cn.examcore.server.paper.store;

import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/** {@link PaperStore} on JDBC (table {@code papers}). */
public final class JdbcPaperStore implements PaperStore {

    private final Jdbc jdbc;

    public JdbcPaperStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> savePapers(List<StoredPaper> papers) {
        String sql = jdbc.dialect().upsert("papers", List.of("attempt_id"),
                List.of("attempt_id", "sitting_id", "paper_json", "aes_key", "iv", "ciphertext"));
        return jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.batch(ps, papers.stream().map(p -> new Object[] {p.attemptId(), p.sittingId(), p.paperJson(),
                        p.key(), p.iv(), p.ciphertext()}).toList());
            }
            return null;
        });
    }

    @Override
    public Future<Optional<StoredPaper>> paper(String attemptId) {
        return jdbc.first("SELECT attempt_id, sitting_id, paper_json, aes_key, iv, ciphertext FROM papers "
                        + "WHERE attempt_id = ?",
                rs -> new StoredPaper(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getBytes(5), rs.getBytes(6)), attemptId);
    }
}
