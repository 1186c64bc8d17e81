package cn.examcore.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.EventService;
import cn.examcore.server.events.store.EventStore;
import cn.examcore.server.proctoring.domain.Announcement;
import cn.examcore.server.proctoring.store.AnnouncementStore;
import cn.examcore.server.proctoring.store.CachingAnnouncementStore;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.SetupCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Acknowledging an announcement (考场公告) while this node's cached announcements may lag behind one made a moment
 * ago on another node: the acknowledgement of an announcement that reached the seat is recorded, once, and one that
 * did not is refused by name and records nothing.
 */
@DisplayName("Acknowledging announcements against the node's cached announcements")
class AnnouncementAcknowledgementTest {

    private static final String SITTING = "s-1";
    private static final String ATTEMPT = "att-1";
    private static final String SEAT = "R1-01";

    Vertx vertx;
    /** The database's announcements, and how often they were read. */
    final List<Announcement> rows = new CopyOnWriteArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    /** The seat events stored. */
    final List<SeatEvent> stored = new CopyOnWriteArrayList<>();
    CachingAnnouncementStore store;
    Announcements announcements;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        AnnouncementStore db = new AnnouncementStore() {
            @Override
            public Future<Void> save(Announcement a) {
                rows.add(a);
                return Future.succeededFuture();
            }

            @Override
            public Future<List<Announcement>> announcements(String sittingId) {
                reads.incrementAndGet();
                return Future.succeededFuture(rows.stream().filter(a -> a.sittingId().equals(sittingId)).toList());
            }
        };
        store = new CachingAnnouncementStore(db, new SetupCache(vertx, () -> 0L, Duration.ofSeconds(30)));
        RoomStore rooms = (RoomStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RoomStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("seats")) {
                        return Future.succeededFuture(List.of(new Seat(SITTING, SEAT, "r-1", 1, 1),
                                new Seat(SITTING, "R2-01", "r-2", 1, 1)));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        EventStore events = new EventStore() {
            @Override
            public Future<Void> appendAll(Collection<SeatEvent> events) {
                stored.addAll(events);
                return Future.succeededFuture();
            }

            @Override
            public Future<SeatEvent> byId(String eventId) {
                return Future.succeededFuture(stored.stream().filter(e -> e.id().equals(eventId)).reduce((a, b) -> b)
                        .orElse(null));
            }

            @Override
            public Future<List<SeatEvent>> forAttempt(String attemptId) {
                return Future.succeededFuture(stored.stream().filter(e -> attemptId.equals(e.attemptId())).toList());
            }

            @Override
            public Future<List<SeatEvent>> forSitting(String sittingId) {
                return Future.succeededFuture(List.copyOf(stored));
            }

            @Override
            public Future<Void> flush() {
                return Future.succeededFuture();
            }
        };
        // Acknowledging touches neither pushes, sittings, attempts nor the audit trail.
        announcements = new Announcements(null, null, rooms, null, null,
                new EventService(vertx, events, () -> 5_000L, new SimpleMeterRegistry()), null, store, () -> 5_000L);
        rows.add(new Announcement("a-1", SITTING, null, "请关闭手机", "proctor", 1_000));
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Future<Void> ack(String announcementId) {
        Future<Void> f = announcements.acknowledge(SITTING, ATTEMPT, SEAT, announcementId);
        try {
            f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Inspected by the caller.
        }
        return f;
    }

    private List<String> acknowledged() {
        return stored.stream().filter(e -> e.kind() == SeatEvent.Kind.ANNOUNCEMENT_ACKNOWLEDGED)
                .map(e -> ((EventDetail.AnnouncementAcknowledged) e.detail()).announcementId()).toList();
    }

    private static void refusedNamingTheAnnouncement(Future<Void> f) {
        assertThat(f.failed()).isTrue();
        assertThat(f.cause()).isInstanceOf(ExamException.class);
        ExamException e = (ExamException) f.cause();
        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.details()).containsEntry("field", "announcementId");
    }

    @Test
    @DisplayName("An announcement the cache does not hold yet (made on another node a moment ago) is acknowledged")
    void acknowledgedPastTheCache() {
        assertThat(await(store.announcements(SITTING))).extracting(Announcement::id).containsExactly("a-1");
        // Stored by another node; its message has not reached this node, whose cache still holds a-1 only.
        rows.add(new Announcement("a-2", SITTING, "r-1", "请保持安静", "proctor", 2_000));
        assertThat(await(store.announcements(SITTING))).extracting(Announcement::id).containsExactly("a-1");
        assertThat(ack("a-2").succeeded()).isTrue();
        assertThat(ack("a-2").succeeded()).as("sent again after a reconnect").isTrue();
        assertThat(acknowledged()).containsExactly("a-2");
    }

    @Test
    @DisplayName("An announcement held in the cache is acknowledged from memory, once")
    void acknowledgedFromTheCache() {
        assertThat(ack("a-1").succeeded()).isTrue();
        assertThat(ack("a-1").succeeded()).isTrue();
        assertThat(acknowledged()).containsExactly("a-1");
        assertThat(reads).as("one read for both").hasValue(1);
    }

    @Test
    @DisplayName("An unknown announcement, or one made to another room, is refused by name and records nothing")
    void unknownRefused() {
        rows.add(new Announcement("a-3", SITTING, "r-2", "另一考场", "proctor", 3_000));
        refusedNamingTheAnnouncement(ack("nope"));
        refusedNamingTheAnnouncement(ack("a-3"));
        assertThat(stored).isEmpty();
    }
}
