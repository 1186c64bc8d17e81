package cn.examcore.server.conduct.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.contract.MisconductCode;
import cn.examcore.server.conduct.domain.CandidateIdentity;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.Outcome;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.conduct.domain.SittingSubject;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.JdbcSittingStore;
import cn.examcore.server.storage.jdbc.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Races certificate issuing against decisions cancelling the same results, on the real store: for each of many
 * candidates, an issue of their certificate and a confirmed decision cancelling their result start at the same
 * moment. Whatever order the database runs them in, no certificate may be left ISSUED for a cancelled result.
 * Used on H2 ({@code CertificateRaceTest}) and on PostgreSQL ({@code PostgresStoreIT}).
 */
public final class CertificateRace {

    private CertificateRace() {
    }

    /** Runs {@code rounds} races on a fresh database opened with {@code config}; returns how many were issued. */
    public static int run(ServerConfig config, int rounds) throws Exception {
        Vertx vertx = Vertx.vertx();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("race-db", 8);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Database db = Database.open(config.database())) {
            JdbcSittingStore setup = new JdbcSittingStore(db, workers);
            JdbcDecisionStore decisions = new JdbcDecisionStore(db, workers);
            JdbcCertificateStore store = new JdbcCertificateStore(db, workers);
            long t0 = System.currentTimeMillis() - 3_600_000L;
            LocalDate day = SanctionPolicy.dateOf(Instant.ofEpochMilli(t0));
            String sittingId = "race-" + Long.toHexString(System.nanoTime());
            await(setup.createSitting(new Sitting(sittingId, "race", "企业人力资源管理师", 4, Subject.THEORY, t0, 30, 10,
                    60, "123456", 0, null, null, 0)));
            SanctionPolicy policy = SanctionPolicy.defaults();
            int issued = 0;
            for (int i = 0; i < rounds; i++) {
                String ticket = String.format("T-%04d", i);
                String idNumber = String.format("P:RACE%04d", i);
                String evaluationId = sittingId + "-" + ticket;
                Certificate certificate = new Certificate(Certificate.numberOf(evaluationId), sittingId, ticket,
                        idNumber, "考生" + i, "企业人力资源管理师", 4, Subject.THEORY.name(), day, "admin",
                        System.currentTimeMillis(), Certificate.Status.ISSUED, null, null, evaluationId,
                        "上海市技师协会", null);
                Decision d = new Decision("d-" + sittingId + "-" + i, "proctor", Instant.now(),
                        new FlagRef(FlagRef.Source.RULES, "flag-" + i), MisconductCode.A3, null,
                        new CandidateIdentity(idNumber, "考生" + i, ticket),
                        new SittingSubject(sittingId, Subject.THEORY.name(), day), List.of(), "seen", false,
                        Outcome.CONFIRMED);
                RecordedDecision recorded = new RecordedDecision(d, "att-" + i, "R1-01",
                        Optional.of(policy.sanctionFor(d)));
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<List<Certificate>> issue = CompletableFuture.supplyAsync(() -> {
                    barrier(start);
                    return await(store.issue(List.of(certificate), java.util.Map.of(evaluationId, "ABCDEFGH23")));
                }, callers);
                CompletableFuture<Void> decide = CompletableFuture.runAsync(() -> {
                    barrier(start);
                    await(decisions.record(recorded));
                }, callers);
                issued += issue.get(30, TimeUnit.SECONDS).size();
                decide.get(30, TimeUnit.SECONDS);
            }
            List<Certificate> all = await(store.certificates(null, sittingId));
            List<String> standing = new ArrayList<>();
            all.stream().filter(c -> c.status() == Certificate.Status.ISSUED).forEach(c -> standing.add(c.number()));
            assertThat(standing).as("certificates left ISSUED although every result was cancelled").isEmpty();
            assertThat(all).allSatisfy(c -> assertThat(c.revokedBy()).isEqualTo("d-" + sittingId + "-"
                    + Integer.parseInt(c.ticket().substring(2))));
            return issued;
        } finally {
            callers.shutdownNow();
            workers.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void barrier(CyclicBarrier b) {
        try {
            b.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
