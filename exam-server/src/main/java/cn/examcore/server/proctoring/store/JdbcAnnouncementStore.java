package cn.examcore.server.proctoring.store;

import cn.examcore.server.proctoring.domain.Announcement;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;

/** {@link AnnouncementStore} on JDBC (table {@code announcements}). */
public final class JdbcAnnouncementStore implements AnnouncementStore {

    private final Jdbc jdbc;

    public JdbcAnnouncementStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> save(Announcement a) {
        return jdbc.write("INSERT INTO announcements (id, sitting_id, room_id, message, made_by, made_at) "
                + "VALUES (?,?,?,?,?,?)", a.id(), a.sittingId(), a.roomId(), a.message(), a.by(), a.at());
    }

    @Override
    public Future<List<Announcement>> announcements(String sittingId) {
        return jdbc.list("SELECT id, sitting_id, room_id, message, made_by, made_at FROM announcements "
                        + "WHERE sitting_id = ? ORDER BY made_at, id",
                rs -> new Announcement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)), sittingId);
    }
}
