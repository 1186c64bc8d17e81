package cn.examcore.server.proctoring.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.proctoring.domain.Announcement;
import cn.examcore.server.sitting.store.SetupCache;
import cn.examcore.server.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Announcements (考场公告) as every seat welcome reads them: from the node's setup cache, one database read per
 * sitting and time to live, the last read served while the database is away, and dropped on every node when an
 * announcement is stored through any of them (here a second cache on the same event bus stands for another node).
 */
@DisplayName("Announcements read through the setup cache")
class CachingAnnouncementStoreTest {

    private static final String SITTING = "s-1";
    private static final String OTHER_SITTING = "s-2";

    Vertx vertx;
    final AtomicLong nanos = new AtomicLong();
    /** The database: stored announcements and how often they were read. */
    final List<Announcement> rows = new CopyOnWriteArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    /** While set, reads stand for a database that is away or slow: each waits on a promise the test completes. */
    final AtomicReference<List<Promise<List<Announcement>>>> held = new AtomicReference<>();
    /** The database, as both nodes' caches read it. */
    final AnnouncementStore db = new AnnouncementStore() {
        @Override
        public Future<Void> save(Announcement a) {
            rows.add(a);
            return Future.succeededFuture();
        }

        @Override
        public Future<List<Announcement>> announcements(String sittingId) {
            reads.incrementAndGet();
            // A modifiable list, as JDBC hands it back: the cache must not let its readers change it.
            List<Announcement> now = new ArrayList<>(rows.stream().filter(a -> a.sittingId().equals(sittingId))
                    .toList());
            List<Promise<List<Announcement>>> waiting = held.get();
            if (waiting != null) {
                Promise<List<Announcement>> p = Promise.promise();
                waiting.add(p);
                return p.future().map(now);
            }
            return Future.succeededFuture(now);
        }
    };
    CachingAnnouncementStore here;
    CachingAnnouncementStore otherNode;
    SetupCache hereCache;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        hereCache = new SetupCache(vertx, nanos::get, Duration.ofSeconds(30));
        SetupCache otherCache = new SetupCache(vertx, nanos::get, Duration.ofSeconds(30));
        await(hereCache.start());
        await(otherCache.start());
        here = new CachingAnnouncementStore(db, hereCache);
        otherNode = new CachingAnnouncementStore(db, otherCache);
        rows.add(announcement("a-1", SITTING));
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private static Announcement announcement(String id, String sittingId) {
        return new Announcement(id, sittingId, null, "请关闭手机 " + id, "proctor", 1_000);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> idsHere(String sittingId) {
        return await(here.announcements(sittingId)).stream().map(Announcement::id).toList();
    }

    @Test
    @DisplayName("Concurrent welcomes share one database read per sitting; later ones are answered from memory")
    void readsCoalesced() {
        List<Promise<List<Announcement>>> waiting = new CopyOnWriteArrayList<>();
        held.set(waiting);
        List<Future<List<Announcement>>> storm = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> here.announcements(SITTING)).toList();
        assertThat(reads).as("fifty welcomes while the first read is under way").hasValue(1);
        held.set(null);
        waiting.get(0).complete();
        storm.forEach(f -> assertThat(await(f)).extracting(Announcement::id).containsExactly("a-1"));
        assertThat(idsHere(SITTING)).containsExactly("a-1");
        assertThat(idsHere(OTHER_SITTING)).as("each sitting has its own entry").isEmpty();
        assertThat(idsHere(OTHER_SITTING)).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    @DisplayName("While the database is away, announcements past their time to live are served at once, the last"
            + " read kept when the refresh fails, one refresh at a time")
    void databaseAwayServesTheLastRead() {
        assertThat(idsHere(SITTING)).containsExactly("a-1");
        List<Promise<List<Announcement>>> waiting = new CopyOnWriteArrayList<>();
        held.set(waiting);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        for (int i = 0; i < 5; i++) {
            Future<List<Announcement>> welcome = here.announcements(SITTING);
            assertThat(welcome.isComplete()).as("welcome %d does not wait for the database", i).isTrue();
            assertThat(welcome.result()).extracting(Announcement::id).containsExactly("a-1");
        }
        assertThat(reads).as("one refresh under way, not one per welcome").hasValue(2);
        waiting.get(0).fail(new SQLTransientConnectionException("connection is not available"));
        Future<List<Announcement>> after = here.announcements(SITTING);
        assertThat(after.isComplete()).as("the failed refresh kept the last read").isTrue();
        assertThat(after.result()).extracting(Announcement::id).containsExactly("a-1");
        assertThat(reads).as("the next welcome tried the database again").hasValue(3);
        rows.add(announcement("a-2", SITTING));
        held.set(null);
        waiting.get(1).fail(new SQLTransientConnectionException("connection is not available"));
        Await.until("the database's announcements are served once it is back", Duration.ofSeconds(10),
                () -> idsHere(SITTING).equals(List.of("a-1", "a-2")));
    }

    @Test
    @DisplayName("An announcement stored through another node is in this node's next read, long before the time"
            + " to live")
    void publishedElsewhereDropsTheEntry() {
        List<String> told = new CopyOnWriteArrayList<>();
        hereCache.onInvalidate(told::add);
        assertThat(idsHere(SITTING)).containsExactly("a-1");
        assertThat(idsHere(SITTING)).containsExactly("a-1");
        assertThat(reads).hasValue(1);
        await(otherNode.save(announcement("a-2", SITTING)));
        Await.until("this node has had the message", Duration.ofSeconds(10), () -> told.contains(SITTING));
        assertThat(idsHere(SITTING)).as("read again, the clock never moved").containsExactly("a-1", "a-2");
        assertThat(reads).hasValue(2);
    }

    @Test
    @DisplayName("An announcement stored through this node is in its very next read")
    void publishedHereDropsTheEntryAtOnce() {
        assertThat(idsHere(SITTING)).containsExactly("a-1");
        await(here.save(announcement("a-2", SITTING)));
        assertThat(idsHere(SITTING)).containsExactly("a-1", "a-2");
    }

    @Test
    @DisplayName("A read under way when an announcement is stored is not kept: the next welcome reads afresh")
    void readOverlappingAPublishIsNotKept() {
        List<Promise<List<Announcement>>> waiting = new CopyOnWriteArrayList<>();
        held.set(waiting);
        Future<List<Announcement>> early = here.announcements(SITTING);
        held.set(null);
        await(here.save(announcement("a-2", SITTING)));
        waiting.get(0).complete();
        assertThat(await(early)).as("asked before the announcement").extracting(Announcement::id)
                .containsExactly("a-1");
        assertThat(idsHere(SITTING)).containsExactly("a-1", "a-2");
    }

    @Test
    @DisplayName("A failed save changes nothing and drops nothing: the cached announcements stay served")
    void failedSaveKeepsTheEntry() {
        AnnouncementStore failing = new AnnouncementStore() {
            @Override
            public Future<Void> save(Announcement a) {
                return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
            }

            @Override
            public Future<List<Announcement>> announcements(String sittingId) {
                return db.announcements(sittingId);
            }
        };
        CachingAnnouncementStore store = new CachingAnnouncementStore(failing, hereCache);
        assertThat(await(store.announcements(SITTING))).hasSize(1);
        assertThat(store.save(announcement("a-2", SITTING)).failed()).isTrue();
        held.set(new CopyOnWriteArrayList<>());
        Future<List<Announcement>> welcome = store.announcements(SITTING);
        assertThat(welcome.isComplete()).as("still cached: no read of the database").isTrue();
        assertThat(reads).hasValue(1);
    }

    @Test
    @DisplayName("A reader cannot change the cached list")
    void cachedListIsUnmodifiable() {
        List<Announcement> list = await(here.announcements(SITTING));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> list.add(announcement("x", SITTING)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
