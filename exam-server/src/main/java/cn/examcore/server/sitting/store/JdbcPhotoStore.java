package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.CandidatePhoto;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/** {@link PhotoStore} on JDBC (table {@code candidate_photos}). */
public final class JdbcPhotoStore implements PhotoStore {

    private final Jdbc jdbc;

    public JdbcPhotoStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> savePhotos(String sittingId, List<CandidatePhoto> photos) {
        return jdbc.transaction(c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM candidate_photos WHERE sitting_id = ? AND ticket = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO candidate_photos (sitting_id, ticket, "
                         + "media_type, width, height, content, imported_by, imported_at) VALUES (?,?,?,?,?,?,?,?)")) {
                Jdbc.batch(del, photos.stream().map(p -> new Object[] {sittingId, p.ticket()}).toList());
                Jdbc.batch(ins, photos.stream().map(p -> new Object[] {sittingId, p.ticket(), p.mediaType(),
                        p.width(), p.height(), p.content(), p.importedBy(), p.importedAt()}).toList());
            }
            return null;
        });
    }

    @Override
    public Future<Optional<CandidatePhoto>> photo(String sittingId, String ticket) {
        return jdbc.first("SELECT sitting_id, ticket, media_type, width, height, content, imported_by, imported_at "
                + "FROM candidate_photos WHERE sitting_id = ? AND ticket = ?", rs -> new CandidatePhoto(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getBytes(6),
                rs.getString(7), rs.getLong(8)), sittingId, ticket);
    }

    @Override
    public Future<List<String>> ticketsWithPhoto(String sittingId) {
        return jdbc.list("SELECT ticket FROM candidate_photos WHERE sitting_id = ? ORDER BY ticket",
                rs -> rs.getString(1), sittingId);
    }
}
