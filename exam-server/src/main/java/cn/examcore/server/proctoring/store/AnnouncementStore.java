package cn.examcore.server.proctoring.store;

import cn.examcore.server.proctoring.domain.Announcement;
import io.vertx.core.Future;
import java.util.List;

/** Announcements made to rooms and sittings (考场公告). */
public interface AnnouncementStore {

    Future<Void> save(Announcement announcement);

    /** The sitting's announcements, oldest first. */
    Future<List<Announcement>> announcements(String sittingId);

    /**
     * The sitting's announcements as stored, oldest first, past any cache: for the rare read that must not miss one
     * made a moment ago on another node, before this node has heard of it.
     */
    default Future<List<Announcement>> stored(String sittingId) {
        return announcements(sittingId);
    }
}
