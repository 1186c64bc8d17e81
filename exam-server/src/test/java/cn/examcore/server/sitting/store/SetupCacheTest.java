package cn.examcore.server.sitting.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.paper.store.InvalidatingPaperStore;
import cn.examcore.server.paper.store.JdbcPaperStore;
import cn.examcore.server.paper.store.PaperStore;
import cn.examcore.server.paper.store.StoredPaper;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The per-node setup cache behind the caching sitting, room, roster and agent-key stores: reads are served from
 * memory, and a change made through any node's stores (here a second cache on the same event bus, standing for
 * another node) is seen by this node's next read.
 */
@DisplayName("Per-node setup cache")
class SetupCacheTest {

    private static final String SITTING = "s-1";

    Vertx vertx;
    Database db;
    /** The database itself, behind every cache. */
    Node jdbc;
    /** Counts the roster reads that reach the database. */
    final AtomicInteger rosterReads = new AtomicInteger();
    /** When set, the next roster read reads at once but is delivered only once this completes. */
    final AtomicReference<Promise<Void>> gate = new AtomicReference<>();
    /** While set, roster reads stand for a database that is away: they wait on a promise the test completes. */
    final AtomicReference<List<Promise<Object>>> away = new AtomicReference<>();
    /** Completed when a held roster read has read the database. */
    final Promise<Void> heldReadDone = Promise.promise();
    final AtomicLong nanos = new AtomicLong();
    Node here;
    Node otherNode;

    /** One node's view of the setup: its cache and the stores read through it (the database's, uncached). */
    record Node(SetupCache cache, SittingStore sittings, RoomStore rooms, RosterStore roster, AgentKeyStore agentKeys,
                PaperStore papers) {

        static Node cached(Vertx vertx, Node db, RosterStore roster, AtomicLong nanos) {
            SetupCache cache = new SetupCache(vertx, nanos::get, Duration.ofSeconds(30));
            return new Node(cache, new CachingSittingStore(db.sittings(), cache),
                    new CachingRoomStore(db.rooms(), db.sittings(), cache), new CachingRosterStore(roster, cache),
                    new CachingAgentKeyStore(db.agentKeys(), cache), new InvalidatingPaperStore(db.papers(), cache));
        }
    }

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        db = Database.open(ServerConfig.defaults().with(Map.of("db-url",
                "jdbc:h2:mem:cache-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")).database());
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("test-db", 2);
        jdbc = new Node(null, new JdbcSittingStore(db, workers), new JdbcRoomStore(db, workers),
                new JdbcRosterStore(db, workers), new JdbcAgentKeyStore(db, workers), new JdbcPaperStore(db, workers));
        here = Node.cached(vertx, jdbc, counting(jdbc.roster()), nanos);
        otherNode = Node.cached(vertx, jdbc, jdbc.roster(), nanos);
        await(here.cache().start());
        await(otherNode.cache().start());
        await(jdbc.sittings().createSitting(new Sitting(SITTING, "t", "o", 4, Subject.THEORY, 1_000_000, 90, 30, 60, "1234", 0,
                null, null, 0)));
        await(jdbc.rooms().createRoom(new Room("r-1", SITTING, "R1", 1, 3), List.of(seat("R1-01"), seat("R1-02"),
                seat("R1-03"))));
        await(jdbc.roster().replaceRoster(SITTING, List.of(candidate("T1", "R1-01"), candidate("T2", "R1-02"))));
    }

    @AfterEach
    void close() {
        await(vertx.close());
        db.close();
    }

    /** The database's roster, counting its reads and holding one back while {@link #gate} is set. */
    private RosterStore counting(RosterStore target) {
        return (RosterStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RosterStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("candidates")) {
                        rosterReads.incrementAndGet();
                        List<Promise<Object>> waiting = away.get();
                        if (waiting != null) {
                            Promise<Object> p = Promise.promise();
                            waiting.add(p);
                            return p.future();
                        }
                        Promise<Void> wait = gate.getAndSet(null);
                        if (wait != null) {
                            return target.candidates((String) args[0])
                                    .onSuccess(list -> heldReadDone.tryComplete())
                                    .compose(list -> wait.future().map(list));
                        }
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Seat seat(String code) {
        return new Seat(SITTING, code, "r-1", 1, Integer.parseInt(code.substring(code.length() - 2)));
    }

    private static Candidate candidate(String ticket, String seat) {
        return new Candidate(SITTING, ticket, "ID-" + ticket, "name " + ticket, seat, Set.of(Subject.THEORY), "");
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String seatOf(String ticket) {
        return await(here.roster().candidate(SITTING, ticket)).map(Candidate::seatCode).orElse(null);
    }

    @Test
    @DisplayName("The roster is read from the database once, then served from memory for every ticket")
    void readsOnce() {
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        assertThat(seatOf("T2")).isEqualTo("R1-02");
        assertThat(await(here.roster().candidates(SITTING))).hasSize(2);
        assertThat(seatOf("T9")).isNull();
        assertThat(rosterReads).hasValue(1);
    }

    @Test
    @DisplayName("A seat move made through another node's store is seen here once its message arrives")
    void seatMoveElsewhere() {
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        await(otherNode.roster().moveCandidate(SITTING, "T1", "R1-03"));
        Await.until("this node sees the move", Duration.ofSeconds(10), () -> "R1-03".equals(seatOf("T1")));
    }

    @Test
    @DisplayName("A roster replaced through another node's store is seen here: a dropped ticket is unknown")
    void rosterReplacedElsewhere() {
        assertThat(seatOf("T2")).isEqualTo("R1-02");
        await(otherNode.roster().replaceRoster(SITTING, List.of(candidate("T1", "R1-02"))));
        Await.until("this node sees the new roster", Duration.ofSeconds(10), () -> seatOf("T2") == null);
        assertThat(seatOf("T1")).isEqualTo("R1-02");
    }

    @Test
    @DisplayName("A sitting changed and seats added through another node's store are seen here")
    void sittingAndSeatsChangedElsewhere() {
        assertThat(await(here.sittings().sitting(SITTING)).orElseThrow().releasedAt()).isZero();
        assertThat(await(here.rooms().seatsByCode("R2-01", 0))).isEmpty();
        assertThat(await(here.rooms().seats(SITTING))).hasSize(3);
        Sitting released = await(jdbc.sittings().sitting(SITTING)).orElseThrow().withRelease(900_000);
        await(otherNode.sittings().updateSitting(released));
        await(otherNode.rooms().createRoom(new Room("r-2", SITTING, "R2", 1, 1), List.of(new Seat(SITTING, "R2-01", "r-2", 1,
                1))));
        Await.until("this node sees the release", Duration.ofSeconds(10),
                () -> await(here.sittings().sitting(SITTING)).orElseThrow().releasedAt() == 900_000);
        Await.until("this node sees the new seat", Duration.ofSeconds(10),
                () -> await(here.rooms().seats(SITTING)).size() == 4 && await(here.rooms().seatsByCode("R2-01", 0)).size() == 1);
        assertThat(await(here.rooms().rooms(SITTING))).extracting(Room::name).containsExactly("R1", "R2");
    }

    @Test
    @DisplayName("A write behind every cache is seen once the time to live has passed and the refresh is read")
    void timeToLiveBoundsAMissedMessage() {
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        await(jdbc.roster().moveCandidate(SITTING, "T1", "R1-03"));
        assertThat(seatOf("T1")).as("cached, and no message was sent").isEqualTo("R1-01");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(seatOf("T1")).as("served while its refresh reads the database").isEqualTo("R1-01");
        Await.until("the refreshed roster is served", Duration.ofSeconds(10), () -> "R1-03".equals(seatOf("T1")));
        assertThat(rosterReads).hasValue(2);
    }

    @Test
    @DisplayName("While the database is away, an entry past its time to live is served at once and refreshed once")
    void databaseAwayServesTheLastRead() {
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        List<Promise<Object>> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        away.set(held);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        for (int i = 0; i < 5; i++) {
            assertThat(seatOf("T1")).as("read %d during the outage", i).isEqualTo("R1-01");
        }
        assertThat(rosterReads).as("one refresh under way, not one per read").hasValue(2);
        held.get(0).fail(new java.sql.SQLTransientConnectionException("connection is not available"));
        assertThat(seatOf("T1")).as("the failed refresh kept the last value").isEqualTo("R1-01");
        assertThat(rosterReads).as("the next read tried again").hasValue(3);
        await(jdbc.roster().moveCandidate(SITTING, "T1", "R1-03"));
        away.set(null);
        held.get(1).fail(new java.sql.SQLTransientConnectionException("connection is not available"));
        Await.until("the database's roster is served once it is back", Duration.ofSeconds(10),
                () -> "R1-03".equals(seatOf("T1")));
    }

    @Test
    @DisplayName("An invalidation drops the entry even while the database is away: no stale value after a change")
    void invalidationDuringAnOutageIsNotServedStale() {
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        List<Promise<Object>> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        away.set(held);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        here.cache().invalidate(SITTING);
        Future<Optional<Candidate>> after = here.roster().candidate(SITTING, "T1");
        assertThat(after.isComplete()).as("waits for the database instead of serving the dropped entry").isFalse();
        held.forEach(p -> p.fail(new java.sql.SQLTransientConnectionException("connection is not available")));
        Await.until("the read fails with the database", Duration.ofSeconds(10), after::failed);
    }

    @Test
    @DisplayName("A read under way while the roster changes is neither handed to a later reader nor kept")
    void readOverlappingAChangeIsDropped() {
        java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
        here.cache().onInvalidate(id -> told.set(true));
        Promise<Void> hold = Promise.promise();
        gate.set(hold);
        Future<Optional<Candidate>> early = here.roster().candidate(SITTING, "T1");
        await(heldReadDone.future());
        // The early read has read the old roster; the move commits and is announced before it is delivered.
        await(otherNode.roster().moveCandidate(SITTING, "T1", "R1-03"));
        Await.until("this node has had the message", Duration.ofSeconds(10), told::get);
        assertThat(seatOf("T1")).as("a read after the change reads afresh").isEqualTo("R1-03");
        hold.complete();
        assertThat(await(early).orElseThrow().seatCode()).as("asked before the change").isEqualTo("R1-01");
        assertThat(seatOf("T1")).as("the early read was not kept").isEqualTo("R1-03");
        assertThat(rosterReads).hasValue(2);
    }

    @Test
    @DisplayName("A node's own announcement, arriving after its write, does not drop what it cached since")
    void ownAnnouncementIgnored() {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        here.cache().onInvalidate(told::add);
        await(here.roster().moveCandidate(SITTING, "T1", "R1-03"));
        assertThat(told).as("dropped at once, before the write completes").containsExactly(SITTING);
        // Another node's change announced after this node's: once it has arrived, this node's own has too.
        await(otherNode.sittings().createSitting(new Sitting("s-2", "t", "o", 4, Subject.THEORY, 1_000_000, 90, 30, 60, "1",
                0, null, null, 0)));
        Await.until("the other node's announcement arrives", Duration.ofSeconds(10), () -> told.contains("s-2"));
        assertThat(told).containsExactly(SITTING, "s-2");
    }

    @Test
    @DisplayName("Enrolment's seat lookup is answered from one read while its window moves on")
    void seatsByCodeFollowsTheWindow() {
        assertThat(await(here.rooms().seatsByCode("R1-01", 999_999))).hasSize(1);
        assertThat(await(here.rooms().seatsByCode("R1-01", 1_000_000))).as("T0 must be after the bound").isEmpty();
        assertThat(await(here.rooms().seatsByCode("R1-01", 0))).hasSize(1);
    }

    @Test
    @DisplayName("An unknown agent key is not remembered: a key created a moment later works at once")
    void unknownAgentKeyNotCached() {
        assertThat(await(here.agentKeys().agentKeySitting("hash-1"))).isEmpty();
        await(jdbc.agentKeys().saveAgentKey("hash-1", SITTING, "admin", 1));
        assertThat(await(here.agentKeys().agentKeySitting("hash-1"))).contains(SITTING);
    }

    @Test
    @DisplayName("Papers saved through one node make every other node forget that sitting's papers")
    void papersSavedElsewhere() {
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> toldPapers = new java.util.concurrent.CopyOnWriteArrayList<>();
        here.cache().onInvalidate(told::add);
        here.cache().onPapersChanged(toldPapers::add);
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        await(otherNode.papers().savePapers(List.of(new StoredPaper("a-1", SITTING, "{}", new byte[32], new byte[12],
                new byte[] {1}))));
        Await.until("this node is told the sitting's papers changed", Duration.ofSeconds(10),
                () -> told.contains(SITTING) && toldPapers.contains(SITTING));
        assertThat(await(here.papers().paper("a-1"))).map(StoredPaper::sittingId).contains(SITTING);
        assertThat(seatOf("T1")).isEqualTo("R1-01");
        assertThat(rosterReads).as("the roster was dropped with the rest and read again").hasValue(2);
    }

    @Test
    @DisplayName("A setup change that leaves the papers (a seat move, the sitting's start) does not tell the paper"
            + " listeners, here or on another node")
    void otherChangesKeepPapers() {
        List<String> toldHere = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> toldThere = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> invalidatedThere = new java.util.concurrent.CopyOnWriteArrayList<>();
        here.cache().onPapersChanged(toldHere::add);
        otherNode.cache().onPapersChanged(toldThere::add);
        otherNode.cache().onInvalidate(invalidatedThere::add);
        await(here.roster().moveCandidate(SITTING, "T1", "R1-03"));
        Await.until("the other node is told of the move", Duration.ofSeconds(10),
                () -> invalidatedThere.contains(SITTING));
        assertThat(toldHere).isEmpty();
        assertThat(toldThere).isEmpty();
        await(here.papers().savePapers(List.of(new StoredPaper("a-1", SITTING, "{}", new byte[32], new byte[12],
                new byte[] {1}))));
        assertThat(toldHere).containsExactly(SITTING);
        Await.until("the other node is told the papers changed", Duration.ofSeconds(10),
                () -> toldThere.contains(SITTING));
    }
}
