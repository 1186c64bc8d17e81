package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.model.Subject;
import cn.examcore.platform.json.Json;
import cn.examcore.server.paper.store.PaperCopies;
import cn.examcore.server.paper.store.PaperCopy;
import cn.examcore.server.paper.store.PaperStore;
import cn.examcore.server.paper.store.StoredPaper;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.SittingStore;
import cn.examcore.server.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A paper served from the cluster's kept copy while the database does not answer and no node holds it in memory,
 * and kept again after a read from the database. Two {@link PaperPeers} on one Vert.x stand for two nodes, a map for
 * the cluster's copies ({@code PaperCopiesIT} runs the real map on two members).
 */
@DisplayName("Papers from the cluster's kept copies while the database is away")
class PaperCopiesTest {

    private static final String ATTEMPT = "a-1";
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final long NOW = 10_000_000L;

    private Vertx vertx;
    private final SimpleMeterRegistry registryHere = new SimpleMeterRegistry();
    private final SimpleMeterRegistry registryThere = new SimpleMeterRegistry();
    private PaperPeers here;
    private final Map<String, StoredPaper> heldThere = new ConcurrentHashMap<>();
    private final MemoryCopies copies = new MemoryCopies();
    private volatile boolean othersPresent = true;

    /** The cluster's copies as a map; counts the reads. */
    static final class MemoryCopies implements PaperCopies {
        final Map<String, byte[]> map = new ConcurrentHashMap<>();
        final Map<String, Long> ttl = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Future<Void> keep(Map<String, byte[]> kept, long ttlMillis, Collection<String> dropped) {
            dropped.forEach(map::remove);
            map.putAll(kept);
            kept.keySet().forEach(id -> ttl.put(id, ttlMillis));
            return Future.succeededFuture();
        }

        @Override
        public Future<Boolean> keepIfAbsent(String attemptId, byte[] copy, long ttlMillis) {
            boolean kept = map.putIfAbsent(attemptId, copy) == null;
            if (kept) {
                ttl.put(attemptId, ttlMillis);
            }
            return Future.succeededFuture(kept);
        }

        @Override
        public Future<Optional<byte[]>> copy(String attemptId) {
            reads.incrementAndGet();
            return Future.succeededFuture(Optional.ofNullable(map.get(attemptId)));
        }
    }

    /** A database that does not answer: every read fails as a lost connection. */
    private static final PaperStore AWAY = new PaperStore() {
        @Override
        public Future<Void> savePapers(List<StoredPaper> papers) {
            return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
        }

        @Override
        public Future<Optional<StoredPaper>> paper(String attemptId) {
            return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
        }
    };

    /** A paper sealed as the assembly seals it, with its copy. */
    private record Sealed(StoredPaper stored, PaperCopy copy) {
    }

    private static Sealed sealed(String attemptId) {
        Paper paper = new Paper("bp-1", "bank-1", 42L, 0, List.of());
        byte[] view = CandidatePaperView.bytes(attemptId, "理论知识", paper);
        byte[] key = PaperCrypto.newKey();
        PaperCrypto.Sealed s = PaperCrypto.seal(key, view);
        String json = Json.encode(paper);
        return new Sealed(new StoredPaper(attemptId, "s-1", json, key, s.iv(), s.ciphertext()),
                new PaperCopy(attemptId, "s-1", json, view, key, s.iv()));
    }

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        here = new PaperPeers(vertx, () -> othersPresent, registryHere);
        PaperPeers there = new PaperPeers(vertx, () -> othersPresent, registryThere);
        await(here.start(id -> Optional.empty()));
        await(there.start(id -> Optional.ofNullable(heldThere.get(id))));
    }

    @AfterEach
    void close() {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PaperService service(PaperStore database, SittingStore sittings) {
        return new PaperService(sittings, null, database, null, null, vertx.createSharedWorkerExecutor("test-cpu", 1),
                () -> NOW, SECRET, here, copies);
    }

    private double lookups(SimpleMeterRegistry registry, String outcome) {
        return registry.find("examcore.paper.peer.lookups").tag("outcome", outcome).counter().count();
    }

    @Test
    @DisplayName("No node holds the paper and the database fails: the kept copy serves the seat its very ciphertext")
    void servedFromTheCopy() {
        Sealed paper = sealed(ATTEMPT);
        copies.map.put(ATTEMPT, paper.copy().encode());

        PaperService.LoadedPaper got = await(service(AWAY, null).paper(ATTEMPT));

        assertThat(got.attemptId()).isEqualTo(ATTEMPT);
        assertThat(got.key()).isEqualTo(paper.stored().key());
        assertThat(got.iv()).isEqualTo(paper.stored().iv());
        assertThat(got.ciphertext()).as("what the seat received at check-in").isEqualTo(paper.stored().ciphertext());
        assertThat(got.paper().seed()).isEqualTo(42L);
        assertThat(lookups(registryHere, "copy")).isEqualTo(1);
        assertThat(lookups(registryThere, "served")).as("no node asked").isZero();
    }

    @Test
    @DisplayName("Once a read has gone a second unanswered, the next reads take the copy at once, until the database"
            + " answers again")
    void slowDatabaseKnown() {
        AtomicInteger lookedAt = new AtomicInteger();
        java.util.function.Supplier<Future<Optional<StoredPaper>>> kept = () -> {
            lookedAt.incrementAndGet();
            return Future.succeededFuture(Optional.of(sealed(ATTEMPT).stored()));
        };
        Function<StoredPaper, Future<String>> decode = p -> Future.succeededFuture("copy");

        io.vertx.core.Promise<String> first = io.vertx.core.Promise.promise();
        long t = System.nanoTime();
        assertThat(await(here.race(ATTEMPT, first.future(), kept, decode))).isEqualTo("copy");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).as("the first read waited for the database")
                .isGreaterThanOrEqualTo(PaperPeers.ASK_AFTER_MILLIS - 50);

        io.vertx.core.Promise<String> second = io.vertx.core.Promise.promise();
        Future<String> next = here.race(ATTEMPT, second.future(), kept, decode);
        assertThat(lookedAt.get()).as("the copy looked at without a wait of its own").isEqualTo(2);
        assertThat(await(next)).isEqualTo("copy");

        // The database answers again: the next read gives it its second first.
        second.complete("database");
        io.vertx.core.Promise<String> third = io.vertx.core.Promise.promise();
        Future<String> after = here.race(ATTEMPT, third.future(), kept, decode);
        assertThat(lookedAt.get()).as("no copy looked at before the database had its second").isEqualTo(2);
        third.complete("database");
        assertThat(await(after)).isEqualTo("database");
    }

    @Test
    @DisplayName("No kept copy: the other nodes are asked, as before")
    void noCopyAsksTheNodes() {
        heldThere.put(ATTEMPT, sealed(ATTEMPT).stored());
        PaperService.LoadedPaper got = await(service(AWAY, null).paper(ATTEMPT));
        assertThat(got.attemptId()).isEqualTo(ATTEMPT);
        assertThat(copies.reads.get()).isEqualTo(1);
        assertThat(lookups(registryThere, "served")).isEqualTo(1);
    }

    @Test
    @DisplayName("A node alone looks at the kept copy too")
    void aloneUsesTheCopy() {
        othersPresent = false;
        Sealed paper = sealed(ATTEMPT);
        copies.map.put(ATTEMPT, paper.copy().encode());
        assertThat(await(service(AWAY, null).paper(ATTEMPT)).ciphertext()).isEqualTo(paper.stored().ciphertext());
    }

    @Test
    @DisplayName("A copy kept for another attempt is not taken")
    void foreignCopyRefused() {
        othersPresent = false;
        copies.map.put(ATTEMPT, sealed("a-other").copy().encode());
        Future<PaperService.LoadedPaper> got = service(AWAY, null).paper(ATTEMPT);
        Await.until("the read gave up", Duration.ofSeconds(10), got::isComplete);
        assertThat(got.cause()).isInstanceOf(SQLTransientConnectionException.class);
    }

    @Test
    @DisplayName("A paper read from the database is kept again while its sitting runs, never over a kept copy")
    void refilledAfterADatabaseRead() {
        Sealed paper = sealed(ATTEMPT);
        Sealed older = sealed("a-2");
        PaperStore database = answering(id -> id.equals(ATTEMPT) ? paper.stored() : older.stored());
        // T0 an hour ago, 90 minutes long: the copy is kept until 12 h after its end.
        Sitting running = new Sitting("s-1", "理论知识", "企业人力资源管理师", 4, Subject.THEORY, NOW - 3_600_000, 90, 30,
                60, "123456", 0, "bank-1", "{}", NOW - 86_400_000);
        byte[] newer = sealed("a-2").copy().encode();
        copies.map.put("a-2", newer);
        PaperService service = service(database, sittings(running));

        await(service.paper(ATTEMPT));
        await(service.paper("a-2"));

        Await.until("the copy is kept again", Duration.ofSeconds(10), () -> copies.map.containsKey(ATTEMPT));
        PaperCopy kept = PaperCopy.decode(copies.map.get(ATTEMPT));
        assertThat(PaperCrypto.sealAgain(kept.key(), kept.iv(), kept.view())).isEqualTo(paper.stored().ciphertext());
        assertThat(copies.ttl.get(ATTEMPT)).isEqualTo(PaperService.copyKeptUntil(running) - NOW)
                .isEqualTo(-3_600_000L + 90 * 60_000L + PaperService.COPY_KEPT_AFTER_END_MILLIS);
        assertThat(copies.map.get("a-2")).as("a copy there is never replaced by a read").isSameAs(newer);
    }

    @Test
    @DisplayName("A paper of a sitting long over is not kept again")
    void notRefilledAfterTheSitting() {
        Sealed paper = sealed(ATTEMPT);
        PaperStore database = answering(id -> paper.stored());
        Sitting over = new Sitting("s-1", "理论知识", "企业人力资源管理师", 4, Subject.THEORY,
                NOW - PaperService.COPY_KEPT_AFTER_END_MILLIS - 2 * 3_600_000, 90, 30, 60, "123456", 0, "bank-1",
                "{}", 1);
        AtomicInteger asked = new AtomicInteger();
        await(service(database, sittings(over, asked)).paper(ATTEMPT));
        Await.until("the sitting was looked up", Duration.ofSeconds(10), () -> asked.get() == 1);
        assertThat(copies.map).isEmpty();
    }

    /** A database that answers every read with {@code papers}' paper. */
    private static PaperStore answering(Function<String, StoredPaper> papers) {
        return new PaperStore() {
            @Override
            public Future<Void> savePapers(List<StoredPaper> saved) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Optional<StoredPaper>> paper(String attemptId) {
                return Future.succeededFuture(Optional.of(papers.apply(attemptId)));
            }
        };
    }

    private static SittingStore sittings(Sitting sitting) {
        return sittings(sitting, new AtomicInteger());
    }

    private static SittingStore sittings(Sitting sitting, AtomicInteger asked) {
        return new SittingStore() {
            @Override
            public Future<Void> createSitting(Sitting s) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Void> updateSitting(Sitting s) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Optional<Sitting>> sitting(String id) {
                asked.incrementAndGet();
                return Future.succeededFuture(Optional.of(sitting).filter(s -> s.id().equals(id)));
            }

            @Override
            public Future<List<Sitting>> sittings() {
                return Future.succeededFuture(List.of(sitting));
            }
        };
    }
}
