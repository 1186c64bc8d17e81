package cn.examcore.server.proctoring.store;

import cn.examcore.server.proctoring.domain.Announcement;
import cn.examcore.server.sitting.store.SetupCache;
import io.vertx.core.Future;
import java.util.List;

/**
 * Announcements (考场公告) read through the node's {@link SetupCache}: every seat welcome reads its sitting's
 * announcements, so after a node dies thousands of seats welcomed again on the others would each read the database,
 * and during a database outage each would wait for the connection pool's timeout. Read here, a sitting's
 * announcements are read once per node and time to live, and the last read stays served while the database is away.
 * A new announcement invalidates the cache on every node once it is stored, so the next welcome on any node shows it.
 */
public final class CachingAnnouncementStore implements AnnouncementStore {

    private final AnnouncementStore db;
    private final SetupCache cache;

    /**
     * @param db    the announcements in the database
     * @param cache the node's setup cache
     */
    public CachingAnnouncementStore(AnnouncementStore db, SetupCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public Future<Void> save(Announcement announcement) {
        return cache.changed(db.save(announcement), announcement.sittingId());
    }

    @Override
    public Future<List<Announcement>> announcements(String sittingId) {
        return cache.cached(SetupCache.Kind.ANNOUNCEMENTS, sittingId,
                () -> db.announcements(sittingId).map(List::copyOf));
    }

    @Override
    public Future<List<Announcement>> stored(String sittingId) {
        return db.announcements(sittingId);
    }
}
