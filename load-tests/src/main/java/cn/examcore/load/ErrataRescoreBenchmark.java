package cn.examcore.load;

import cn.examcore.bank.assembly.Assembler;
import cn.examcore.bank.assembly.Blueprint;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.errata.Erratum;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerValues;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.attempt.store.AttemptChange;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.errata.ErrataService;
import cn.examcore.server.errata.Rescoring;
import cn.examcore.server.errata.store.JdbcErrataStore;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.paper.store.JdbcBankStore;
import cn.examcore.server.paper.store.JdbcPaperStore;
import cn.examcore.server.paper.store.StoredPaper;
import cn.examcore.server.results.store.JdbcResultStore;
import cn.examcore.server.sitting.store.JdbcSittingStore;
import cn.examcore.server.storage.jdbc.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of an erratum (勘误) on a large finished sitting (target: 10,000 attempts rescored in under 30 s). It
 * seeds a database (the embedded H2 by default, or the {@code db-url} given) with the sample HR level-4 bank and
 * theory blueprint, one sitting and as many assembled papers as it takes for {@code affected} of them to hold one
 * single-choice item (about 18,000 papers for 10,000), frozen attempts with random right and wrong answers and
 * their stored results,
 * then times {@link ErrataService#apply} end to end: reading the papers, results and earlier errata, decoding and
 * rescoring every paper, and the one transaction storing the erratum, the results and the audit record. The
 * attempts come from an in-memory store here (the node reads them from Hazelcast, one query per sitting).
 * Arguments: [affected] [db-url db-user db-password]. Prints one line per run and the median.
 */
public final class ErrataRescoreBenchmark {

    private ErrataRescoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int affected = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("errata-bench-");
        Map<String, String> settings = new HashMap<>(Map.of("data-dir", dir.toString(), "db-pool-size", "8"));
        // A schema of its own on a shared server: the benchmark's tables never meet another's, and go afterwards.
        String schema = "errata_bench_" + ProcessHandle.current().pid();
        if (args.length > 1) {
            settings.put("db-url", args[1]);
            settings.put("db-user", args.length > 2 ? args[2] : "postgres");
            settings.put("db-password", args.length > 3 ? args[3] : "");
            settings.put("db-schema", schema);
        }
        ServerConfig config = ServerConfig.defaults().with(settings);
        Vertx vertx = Vertx.vertx();
        WorkerExecutor dbWorkers = vertx.createSharedWorkerExecutor("bench-db", 8);
        WorkerExecutor cpuWorkers = vertx.createSharedWorkerExecutor("bench-cpu", 2, 10, TimeUnit.MINUTES);
        try (Database db = Database.open(config.database())) {
            long now = System.currentTimeMillis();
            BankLibrary banks = new BankLibrary(new JdbcBankStore(db, dbWorkers), cpuWorkers,
                    new BankImporter()::importBytes, () -> now);
            byte[] bankBytes;
            try (InputStream in = ErrataRescoreBenchmark.class.getResourceAsStream("/samples/hr-4.json")) {
                bankBytes = in.readAllBytes();
            }
            Bank bank = await(banks.upload("hr-4.json", bankBytes, ImportContext.none())).bank().orElseThrow();
            Blueprint blueprint;
            try (InputStream in = ErrataRescoreBenchmark.class.getResourceAsStream(
                    "/samples/hr-4-theory.blueprint.json")) {
                blueprint = PaperService.blueprint(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            String sittingId = "bench-" + now;
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sittings "
                    + "(id, title, occupation, level_no, subject, t0, duration_minutes, check_in_minutes, pass_mark, "
                    + "enrolment_pin, released_at, assembled_at, created_at, bank_id) VALUES (?, 'errata benchmark', "
                    + "'企业人力资源管理师', 4, 'THEORY', ?, 90, 30, 60, 'pin', 0, ?, ?, ?)")) {
                ps.setString(1, sittingId);
                ps.setLong(2, now - 3 * 3600_000L);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setString(5, bank.id());
                ps.executeUpdate();
            }
            String itemId = bank.items().stream().filter(i -> i.type() == ItemType.SINGLE_CHOICE).findFirst()
                    .orElseThrow().id();
            Random random = new Random(42);
            List<Attempt> attempts = new ArrayList<>();
            List<StoredPaper> papers = new ArrayList<>();
            List<Result> results = new ArrayList<>();
            int holding = 0;
            long t = System.nanoTime();
            for (int n = 0; holding < affected; n++) {
                Paper paper = Assembler.assemble(bank, blueprint, 1000L + n, 0);
                String attemptId = "att-" + n;
                String ticket = String.format("T%07d", n);
                Map<Integer, Answer> answers = new HashMap<>();
                for (PaperItem item : (Iterable<PaperItem>) paper.items()::iterator) {
                    if (item.itemId().equals(itemId)) {
                        holding++;
                    }
                    // Short answers wait for markers and are not rescored: only objective items get an answer here.
                    if (item.type().machineScored() && random.nextInt(10) < 9) {
                        Object value = random.nextInt(10) < 7 ? right(item) : wrong(item);
                        answers.put(item.number(), new Answer(item.number(),
                                AnswerValues.canonical(item, Json.mapper().valueToTree(value)), 1, now));
                    }
                }
                Attempt a = new Attempt(attemptId, sittingId, ticket, "THEORY", "S" + n, AttemptState.SUBMITTED,
                        now - 3 * 3600_000L, 5400, 0, 0, 0, now - 3600_000L, Attempt.SubmitKind.SUBMITTED, answers);
                attempts.add(a);
                papers.add(new StoredPaper(attemptId, sittingId, Json.encode(paper), new byte[16], new byte[12],
                        new byte[16]));
                Result blank = new Result(attemptId, sittingId, ticket, "考生" + n, "THEORY", BigDecimal.ZERO,
                        paper.totalScore(), false, false, a.submittedAt(), "SUBMITTED");
                results.add(Rescoring.rescore(blank, a, paper, List.of(), 60));
            }
            JdbcPaperStore paperStore = new JdbcPaperStore(db, dbWorkers);
            JdbcResultStore resultStore = new JdbcResultStore(db, dbWorkers);
            for (int from = 0; from < papers.size(); from += 2000) {
                await(paperStore.savePapers(papers.subList(from, Math.min(papers.size(), from + 2000))));
                await(resultStore.saveResults(results.subList(from, Math.min(results.size(), from + 2000))));
            }
            System.out.printf("seeded %,d attempts (%,d hold item %s) in %.1f s%n", attempts.size(), holding, itemId,
                    (System.nanoTime() - t) / 1e9);

            ErrataService errata = new ErrataService(new JdbcSittingStore(db, dbWorkers), banks,
                    new ListedAttempts(attempts), resultStore, new JdbcErrataStore(db, dbWorkers), cpuWorkers,
                    System::currentTimeMillis);
            List<Long> millis = new ArrayList<>();
            // Alternating a corrected key and a void, so every run changes every affected result.
            String[] options = bank.items().stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow()
                    .options().stream().map(o -> o.id()).toArray(String[]::new);
            for (int run = 0; run < 5; run++) {
                Erratum e = run % 2 == 0 ? Erratum.voided(itemId)
                        : new Erratum(itemId, Erratum.Kind.KEY, java.util.Set.of(options[run % options.length]), null,
                                List.of());
                long start = System.nanoTime();
                ErrataService.Applied applied = await(errata.apply(sittingId, e, "benchmark run " + run, "bench"));
                long ms = (System.nanoTime() - start) / 1_000_000;
                millis.add(ms);
                System.out.printf("run %d (%s): %,d attempts rescored, %,d changed, %,d ms%n", run,
                        e.kind(), applied.rescored().size(),
                        applied.rescored().stream().filter(r -> r.changed()).count(), ms);
            }
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("erratum over %,d affected attempts (%,d in the sitting) on %s: median %,d ms, worst "
                            + "%,d ms%n", holding, attempts.size(), args.length > 1 ? "PostgreSQL" : "embedded H2",
                    sorted[sorted.length / 2], sorted[sorted.length - 1]);
            if (args.length > 1) {
                try (Connection c = db.connection(); java.sql.Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static Object right(PaperItem item) {
        return switch (item.type()) {
            case SINGLE_CHOICE -> item.correctOptions().iterator().next();
            case MULTIPLE_CHOICE -> item.correctOptions().stream().sorted().toList();
            case TRUE_FALSE -> item.correctTrueFalse();
            case FILL_IN -> item.blanks().stream().map(b -> b.accepted().get(0)).toList();
            default -> throw new IllegalArgumentException("not objective: " + item.type());
        };
    }

    private static Object wrong(PaperItem item) {
        return switch (item.type()) {
            case SINGLE_CHOICE -> otherOption(item);
            case MULTIPLE_CHOICE -> List.of(otherOption(item));
            case TRUE_FALSE -> !item.correctTrueFalse();
            case FILL_IN -> item.blanks().stream().map(b -> "wrong").toList();
            default -> throw new IllegalArgumentException("not objective: " + item.type());
        };
    }

    private static String otherOption(PaperItem item) {
        return item.options().stream().map(o -> o.id()).filter(id -> !item.correctOptions().contains(id))
                .findFirst().orElseThrow();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    }

    /** The frozen attempts of the benchmark sitting; only what an erratum reads is answered. */
    private record ListedAttempts(List<Attempt> attempts) implements AttemptStore {

        @Override
        public Future<List<Attempt>> bySitting(String sittingId) {
            return Future.succeededFuture(attempts);
        }

        private static <T> Future<T> unused() {
            return Future.failedFuture(new UnsupportedOperationException("not read by an erratum"));
        }

        @Override
        public Future<Void> createAll(Collection<Attempt> all) {
            return unused();
        }

        @Override
        public Future<Attempt> get(String attemptId) {
            return unused();
        }

        @Override
        public Future<Map<String, Attempt>> getAll(Collection<String> attemptIds) {
            return unused();
        }

        @Override
        public Future<Void> save(String attemptId, List<Answer> answers, long now) {
            return unused();
        }

        @Override
        public Future<Attempt> mergeVector(String attemptId, List<Answer> answers, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> submit(String attemptId, List<Answer> answers, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> autoSubmit(String attemptId, long now) {
            return unused();
        }

        @Override
        public Future<List<AttemptChange>> autoSubmitAll(Collection<String> attemptIds, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> pause(String attemptId, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> forceSubmit(String attemptId, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> mergeOffline(String attemptId, List<Answer> answers, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> moveSeat(String attemptId, String seatCode, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> resume(String attemptId, long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> extend(String attemptId, long seconds, long now) {
            return unused();
        }

        @Override
        public Future<Void> release(String sittingId, long now) {
            return unused();
        }

        @Override
        public Future<List<String>> locallyDue(long now) {
            return unused();
        }

        @Override
        public Future<AttemptChange> reopen(String attemptId, long now) {
            return unused();
        }

        @Override
        public List<String> ownedHere(Collection<String> attemptIds) {
            throw new UnsupportedOperationException("not read by an erratum");
        }

        @Override
        public Future<Void> flush() {
            return unused();
        }
    }
}
