package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.store.PaperStore;
import cn.examcore.server.paper.store.StoredPaper;
import cn.examcore.server.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node asks the others for a paper while its database does not answer. Two {@link PaperPeers} on one Vert.x stand
 * for two nodes (the lookup and reply addresses are the clustered ones; a real cluster carries them the same way).
 */
@DisplayName("Papers from other nodes while the database is away")
class PaperPeersTest {

    static final String ATTEMPT = "a-1";

    Vertx vertx;
    final SimpleMeterRegistry registryHere = new SimpleMeterRegistry();
    final SimpleMeterRegistry registryThere = new SimpleMeterRegistry();
    PaperPeers here;
    PaperPeers there;
    /** What the other node holds in memory. */
    final Map<String, StoredPaper> heldThere = new ConcurrentHashMap<>();
    volatile boolean othersPresent = true;

    static StoredPaper stored(String attemptId) {
        return new StoredPaper(attemptId, "s-1", Json.encode(new Paper("bp-1", "bank-1", 42L, 0, List.of())),
                new byte[] {1, 2, 3}, new byte[] {4, 5}, new byte[] {6, 7, 8, 9});
    }

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        here = new PaperPeers(vertx, () -> othersPresent, registryHere);
        there = new PaperPeers(vertx, () -> othersPresent, registryThere);
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

    private double servedThere() {
        return registryThere.find("examcore.paper.peer.lookups").tag("outcome", "served").counter().count();
    }

    private Future<StoredPaper> race(Future<StoredPaper> database) {
        return here.race(ATTEMPT, database, Future::succeededFuture);
    }

    @Test
    @DisplayName("A database that does not answer: the paper comes from the node that holds it, after about a second")
    void silentDatabase() {
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        long t0 = System.nanoTime();
        StoredPaper got = await(race(Promise.<StoredPaper>promise().future()));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(got.attemptId()).isEqualTo(ATTEMPT);
        assertThat(got.ciphertext()).containsExactly(6, 7, 8, 9);
        assertThat(Json.decode(got.paperJson(), Paper.class).seed()).isEqualTo(42L);
        assertThat(millis).as("asked only once the database had its second").isGreaterThanOrEqualTo(
                PaperPeers.ASK_AFTER_MILLIS - 50);
        assertThat(servedThere()).isEqualTo(1);
    }

    @Test
    @DisplayName("A database that fails: the other nodes are asked at once")
    void failingDatabase() {
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        StoredPaper got = await(race(Future.<StoredPaper>failedFuture(
                new SQLTransientConnectionException("connection is not available")).recover(e -> {
                    Promise<StoredPaper> later = Promise.promise();
                    vertx.setTimer(10, t -> later.fail(e));
                    return later.future();
                })));
        assertThat(got.attemptId()).isEqualTo(ATTEMPT);
    }

    @Test
    @DisplayName("Nobody holds it and the database failed: the database's failure, once the lookup has waited")
    void nobodyHoldsIt() {
        Promise<StoredPaper> database = Promise.promise();
        Future<StoredPaper> got = race(database.future());
        database.fail(new SQLTransientConnectionException("connection is not available"));
        Await.until("the lookup gave up", Duration.ofSeconds(10), got::isComplete);
        assertThat(got.cause()).isInstanceOf(SQLTransientConnectionException.class);
    }

    @Test
    @DisplayName("The database's own answer stands: a paper not assembled yet is not looked up elsewhere")
    void notAssembledIsFinal() throws Exception {
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        Promise<StoredPaper> database = Promise.promise();
        Future<StoredPaper> got = race(database.future());
        database.fail(new ExamException(ErrorType.NOT_READY, "no paper has been assembled for this attempt yet"));
        assertThat(got.failed()).isTrue();
        assertThat(got.cause()).isInstanceOf(ExamException.class);
        Thread.sleep(PaperPeers.ASK_AFTER_MILLIS + 300);
        assertThat(servedThere()).isZero();
    }

    @Test
    @DisplayName("A database that answers in time: nobody else is asked")
    void answeringDatabase() throws Exception {
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        Promise<StoredPaper> database = Promise.promise();
        Future<StoredPaper> got = race(database.future());
        vertx.setTimer(100, t -> database.complete(stored(ATTEMPT)));
        assertThat(await(got).attemptId()).isEqualTo(ATTEMPT);
        Thread.sleep(PaperPeers.ASK_AFTER_MILLIS + 300);
        assertThat(servedThere()).isZero();
    }

    @Test
    @DisplayName("A node alone asks nobody: the database's failure stands")
    void aloneAsksNobody() {
        othersPresent = false;
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        Promise<StoredPaper> database = Promise.promise();
        Future<StoredPaper> got = race(database.future());
        database.fail(new SQLTransientConnectionException("connection is not available"));
        assertThat(got.failed()).isTrue();
        assertThat(servedThere()).isZero();
    }

    @Test
    @DisplayName("Lookups of one attempt under way together send one message")
    void concurrentLookupsShareOneMessage() {
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        // Replies wait until both lookups have started, so the two are under way together by construction: a test
        // thread descheduled between the calls would otherwise see the first lookup answered before the second.
        List<Runnable> heldReplies = new CopyOnWriteArrayList<>();
        vertx.eventBus().addInboundInterceptor(delivery -> {
            if (delivery.message().address().startsWith(PaperPeers.REPLY)) {
                Context receiving = Vertx.currentContext();
                heldReplies.add(() -> receiving.runOnContext(v -> delivery.next()));
            } else {
                delivery.next();
            }
        });
        Future<Optional<StoredPaper>> first = here.find(ATTEMPT);
        Future<Optional<StoredPaper>> second = here.find(ATTEMPT);
        Await.until("the holder replied", Duration.ofSeconds(2), () -> !heldReplies.isEmpty());
        heldReplies.forEach(Runnable::run);
        assertThat(await(first)).isPresent();
        assertThat(await(second)).isPresent();
        assertThat(servedThere()).isEqualTo(1);
        assertThat(heldReplies).as("one lookup, so one reply").hasSize(1);
    }

    @Test
    @DisplayName("Through the paper service: the paper another node sent is served and kept here")
    void paperServiceServesAndKeeps() {
        heldThere.put(ATTEMPT, stored(ATTEMPT));
        int[] reads = {0};
        PaperStore away = new PaperStore() {
            @Override
            public Future<Void> savePapers(List<StoredPaper> papers) {
                return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
            }

            @Override
            public Future<Optional<StoredPaper>> paper(String attemptId) {
                reads[0]++;
                return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
            }
        };
        PaperService papers = new PaperService(null, null, away, null, null,
                vertx.createSharedWorkerExecutor("test-cpu", 1), System::currentTimeMillis,
                "0123456789abcdef0123456789abcdef", here, null);
        PaperService.LoadedPaper got = await(papers.paper(ATTEMPT));
        assertThat(got.attemptId()).isEqualTo(ATTEMPT);
        assertThat(got.sittingId()).isEqualTo("s-1");
        assertThat(got.key()).containsExactly(1, 2, 3);
        assertThat(papers.held(ATTEMPT)).as("kept, and offered to the next node that asks").isPresent();
        await(papers.paper(ATTEMPT));
        assertThat(reads[0]).as("the second read is served from memory").isEqualTo(1);
    }

    @Test
    @DisplayName("A paper sent for another attempt is not taken")
    void wrongAttemptRefused() {
        heldThere.put(ATTEMPT, stored("a-other"));
        PaperStore away = new PaperStore() {
            @Override
            public Future<Void> savePapers(List<StoredPaper> papers) {
                return Future.succeededFuture();
            }

            @Override
            public Future<Optional<StoredPaper>> paper(String attemptId) {
                return Future.failedFuture(new SQLTransientConnectionException("connection is not available"));
            }
        };
        PaperService papers = new PaperService(null, null, away, null, null,
                vertx.createSharedWorkerExecutor("test-cpu", 1), System::currentTimeMillis,
                "0123456789abcdef0123456789abcdef", here, null);
        Future<PaperService.LoadedPaper> got = papers.paper(ATTEMPT);
        Await.until("the read gave up", Duration.ofSeconds(10), got::isComplete);
        assertThat(got.cause()).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(papers.held(ATTEMPT)).isEmpty();
    }
}
