package cn.examcore.server.node;

import cn.examcore.server.errata.ErrataService;
import cn.examcore.server.wiring.Publication;
import cn.examcore.server.publication.ReleaseService;
import cn.examcore.server.publication.ReviewService;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.platform.mgmt.ManagementVerticle;
import cn.examcore.platform.mgmt.Metrics;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.server.admission.AdmissionTickets;
import cn.examcore.server.admission.IdentityChecks;
import cn.examcore.server.admission.TicketPdf;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.DeadlineTimerVerticle;
import cn.examcore.server.attempt.ReceiptKeys;
import cn.examcore.server.attempt.SubmissionService;
import cn.examcore.server.attempt.domain.Receipts;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.attempt.store.HazelcastAttemptStore;
import cn.examcore.server.auth.PasswordHasher;
import cn.examcore.server.auth.PasswordChecks;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.checkin.CheckInService;
import cn.examcore.server.conduct.BanService;
import cn.examcore.server.conduct.CertificateService;
import cn.examcore.server.conduct.DecisionService;
import cn.examcore.server.conduct.EligibilityService;
import cn.examcore.server.conduct.ResultAdjustments;
import cn.examcore.server.conduct.domain.SanctionPolicy;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.evaluation.EvaluationBodies;
import cn.examcore.server.evaluation.EvaluationService;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.events.EventService;
import cn.examcore.server.events.store.EventStore;
import cn.examcore.server.events.store.HazelcastEventStore;
import cn.examcore.server.http.HttpVerticle;
import cn.examcore.server.marking.MarkingService;
import cn.examcore.server.mgmt.ExamMetrics;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperPeers;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.paper.store.HazelcastPaperCopies;
import cn.examcore.server.proctoring.LiveWatch;
import cn.examcore.server.proctoring.ObjectiveAnswersQuery;
import cn.examcore.server.proctoring.Announcements;
import cn.examcore.server.proctoring.ProctorService;
import cn.examcore.server.proctoring.RoomsQuery;
import cn.examcore.server.results.ResultsService;
import cn.examcore.server.sitting.SeatAgents;
import cn.examcore.server.sitting.PhotoService;
import cn.examcore.server.sitting.RoomRules;
import cn.examcore.server.offline.OfflineAnswers;
import cn.examcore.server.offline.OfflineKeys;
import cn.examcore.server.offline.store.JdbcOfflineKeyStore;
import cn.examcore.server.sitting.SittingAdmin;
import cn.examcore.server.sitting.photo.PhotoLimits;
import cn.examcore.server.staff.StaffAccounts;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.conduct.store.JdbcCertificateStore;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
import cn.examcore.server.wiring.Services;
import cn.examcore.server.ws.SeatRelay;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running delivery node: database, Hazelcast member, clustered Vert.x, services and verticles, started in
 * that order and stopped in reverse. {@link ExamServerMain} runs one; tests run several in one JVM.
 */
public final class ExamNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExamNode.class);
    private static final long START_TIMEOUT_SECONDS = 120;
    /**
     * Password hashes running or waiting at most (about 100 ms each): a real sign-in waits under a second behind a
     * burst, and what is beyond is refused at once instead of delaying everything else.
     */
    static final int PASSWORD_QUEUE = 8;
    /**
     * How long a partition's key load may wait after start before {@link KeyLoadWatch} completes it: a healthy one
     * ends in one round trip, and a partition waiting blocks its seats' saves, so well inside the 10 s in which a
     * seat must be served again after a fault.
     */
    static final long KEY_LOAD_STUCK_MILLIS = 3000;

    private final ServerConfig config;
    private final Database db;
    private final HazelcastInstance hz;
    private final Vertx vertx;
    private final Stores stores;
    private final Services services;
    private final HttpVerticle http;
    private final String httpDeployment;
    private final String timerDeployment;
    private final ManagementVerticle management;
    private final String generatedAdminPassword;
    private final KeyLoadWatch keyLoadWatch;
    private boolean stopped;

    private ExamNode(ServerConfig config, Database db, HazelcastInstance hz, Vertx vertx, Stores stores,
                     Services services, HttpVerticle http, String httpDeployment, String timerDeployment,
                     ManagementVerticle management, String generatedAdminPassword, KeyLoadWatch keyLoadWatch) {
        this.config = config;
        this.db = db;
        this.hz = hz;
        this.vertx = vertx;
        this.stores = stores;
        this.services = services;
        this.http = http;
        this.httpDeployment = httpDeployment;
        this.timerDeployment = timerDeployment;
        this.management = management;
        this.generatedAdminPassword = generatedAdminPassword;
        this.keyLoadWatch = keyLoadWatch;
    }

    /**
     * Starts a node and waits until it serves: the steps below, in this order, each on what the previous ones built;
     * a failing step undoes what was started before it. Blocking: call it from a main or test thread, never from an
     * event loop.
     */
    public static ExamNode start(ServerConfig config) {
        return start(config, System::currentTimeMillis);
    }

    /**
     * Starts a node whose domain clock (sittings, deadlines, decisions, results; not token expiry) is {@code clock}:
     * tests of evaluations that span days and years run on it.
     */
    public static ExamNode start(ServerConfig config, java.util.function.LongSupplier clock) {
        LOG.info("starting exam node with {}", config.redacted());
        Startup node = new Startup(config, clock);
        try {
            node.readCertificate();
            node.openDatabase();
            node.joinCluster();
            node.startVertx();
            node.wireServices();
            node.bootstrapAdmin();
            node.deployVerticles();
            return node.started();
        } catch (RuntimeException e) {
            node.abort();
            throw e;
        }
    }

    /** What {@link #start} builds, step by step. */
    private static final class Startup {

        private final ServerConfig config;
        private final LongSupplier clock;
        private Database db;
        private HazelcastInstance hz;
        private PrometheusMeterRegistry registry;
        private Vertx vertx;
        private Stores stores;
        private Services services;
        private String generatedAdminPassword;
        private ServingCertificate tls;
        private HttpVerticle http;
        private String httpDeployment;
        private String timerDeployment;
        private ManagementVerticle management;
        /**
         * Tries at joining a cluster that refuses new members while it merges two sides of a split, 5 s apart: three
         * minutes, since a merge whose map partitions are still loading retries its writes for a minute or more, and
         * a node an operator restarts should wait that out rather than exit.
         */
        private static final int JOIN_ATTEMPTS = 36;
        private static final int JOIN_PAUSE_SECONDS = 5;
        private WriteBehindStats attemptWrites;
        private WriteBehindStats eventWrites;
        private KeyLoadWatch keyLoadWatch;

        Startup(ServerConfig config, LongSupplier clock) {
            this.config = config;
            this.clock = clock;
        }

        /**
         * The public port's certificate and key, before anything else: a file that is missing, unreadable, readable
         * by others or not the certificate's key stops the start here, naming its key, with nothing started.
         */
        void readCertificate() {
            if (config.tls()) {
                tls = config.servingCertificate();
                LOG.info("serving HTTPS with {} (SHA-256 {}), valid until {}", tls.leaf().getSubjectX500Principal(),
                        tls.fingerprint(), tls.leaf().getNotAfter().toInstant());
            }
        }

        /** The data directory, the JDBC pool and the schema's migrations. */
        void openDatabase() {
            Path data = Path.of(config.dataDir());
            DataDirectory.create(data);
            db = Database.open(config.database());
            try {
                int hashed = JdbcCertificateStore.hashClearCodes(db);
                if (hashed > 0) {
                    LOG.info("hashed {} certificate verification code(s) stored in clear by an earlier version", hashed);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot hash the certificates' verification codes", e);
            }
            if (config.embeddedDatabase()) {
                DataDirectory.restrictDatabaseFiles(data);
            }
        }

        /** This node's Hazelcast member, and the eager load of its maps before any request can reach them. */
        void joinCluster() {
            attemptWrites = new WriteBehindStats(clock.getAsLong());
            eventWrites = new WriteBehindStats(clock.getAsLong());
            hz = join();
            HazelcastMaps.openMap(hz, HazelcastMaps.ATTEMPTS).size();
            HazelcastMaps.openMap(hz, HazelcastMaps.EVENTS).size();
            HazelcastSetup.closeBulkLoad(hz);
            keyLoadWatch = KeyLoadWatch.start(hz, List.of(HazelcastMaps.ATTEMPTS, HazelcastMaps.EVENTS),
                    // Real elapsed time, not the node's clock (tests run nodes on a clock they move by hand).
                    KEY_LOAD_STUCK_MILLIS, 1000, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
        }

        /**
         * Joins, trying again while the cluster refuses new members for a moment: it freezes its state while two
         * sides of a split merge, and Hazelcast shuts a member refused then down ("Node failed to start!") rather
         * than waiting. A node restarted by its supervisor during a merge would otherwise fail its start.
         */
        private HazelcastInstance join() {
            for (int attempt = 1; ; attempt++) {
                try {
                    return Hazelcast.newHazelcastInstance(HazelcastSetup.config(config, db, clock, attemptWrites,
                            eventWrites));
                } catch (IllegalStateException e) {
                    if (attempt >= JOIN_ATTEMPTS) {
                        throw e;
                    }
                    LOG.warn("joining the cluster failed (try {} of {}), again in {} s: {}", attempt, JOIN_ATTEMPTS,
                            JOIN_PAUSE_SECONDS, e.getMessage());
                    try {
                        TimeUnit.SECONDS.sleep(JOIN_PAUSE_SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** The majority rule on the write paths, or null for a node configured to run alone. */
        private String majority() {
            return config.effectiveClusterMinSize() > 1 ? HazelcastSetup.MAJORITY : null;
        }

        /** Clustered Vert.x on the member, with Micrometer meters labelled by route. */
        void startVertx() {
            registry = Metrics.registry();
            OperationsMeters.bind(registry, hz, Math.max(1, config.clusterMembers().size()), majority(),
                    attemptWrites, eventWrites, clock);
            FunctionCounter.builder("examcore.keyload.released", keyLoadWatch,
                            KeyLoadWatch::released)
                    .description("map partitions whose key load waited for a lost signal and was completed here")
                    .register(registry);
            vertx = await(Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(Metrics.vertxOptions())
                            .setEventBusOptions(eventBus(config)))
                    .withClusterManager(new HazelcastClusterManager(hz))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .buildClustered());
            vertx.exceptionHandler(new UnhandledExceptions(registry, clock));
        }

        /**
         * The clustered event bus listens on the cluster interface only, like the member; other nodes reach it at the
         * public address's host when one is configured (a NAT between nodes).
         */
        private static EventBusOptions eventBus(ServerConfig config) {
            EventBusOptions options = new EventBusOptions().setHost(config.clusterInterface())
                    .setPort(config.clusterBusPort());
            String publicAddress = config.clusterPublicAddress();
            if (!publicAddress.isBlank()) {
                int colon = publicAddress.lastIndexOf(':');
                options.setClusterPublicHost(colon > 0 ? publicAddress.substring(0, colon) : publicAddress);
            }
            return options;
        }

        /** The stores, then each slice's services with exactly what they use. */
        void wireServices() {
            String secret = config.jwtSecret().isBlank() ? localSecret(config, "token-secret") : config.jwtSecret();
            String paperSecret = config.paperSecret().isBlank() ? localSecret(config, "paper-secret")
                    : config.paperSecret();
            WorkerExecutor dbWorkers = vertx.createSharedWorkerExecutor("examcore-db", config.dbPoolSize());
            WorkerExecutor cpuWorkers = vertx.createSharedWorkerExecutor("examcore-cpu",
                    Math.max(2, Runtime.getRuntime().availableProcessors()));
            // Setup reads go through a per-node cache that every node invalidates over the event bus (check-in storm).
            stores = Stores.open(vertx, db, dbWorkers);
            await(stores.setupCache().start());
            // Staff pages' sitting-wide queries get threads of their own: consoles repeat them on timers, and a
            // backlog of them must never hold up the deadline scan or a paper a seat is waiting for.
            WorkerExecutor readWorkers = vertx.createSharedWorkerExecutor("examcore-reads", 2);
            AttemptStore attempts = new HazelcastAttemptStore(vertx, hz, cpuWorkers, readWorkers);
            EventStore eventStore = new HazelcastEventStore(vertx, hz, cpuWorkers, readWorkers);

            ExamMetrics examMetrics = new ExamMetrics(registry);
            EventService events = new EventService(vertx, eventStore, clock, registry);
            AuditLog audit = new AuditLog(vertx, stores.audit(), clock);
            BankImporter importer = new BankImporter();
            BankLibrary banks = new BankLibrary(stores.banks(), cpuWorkers, importer::importBytes, clock);
            HazelcastInstance member = hz;
            PaperPeers paperPeers = new PaperPeers(vertx, () -> member.getCluster().getMembers().size() > 1, registry);
            PaperService papers = new PaperService(stores.sittings(), stores.roster(), stores.papers(), attempts,
                    banks, cpuWorkers, clock, paperSecret, paperPeers,
                    new HazelcastPaperCopies(vertx, hz, readWorkers));
            await(paperPeers.start(papers::held));
            stores.setupCache().onPapersChanged(papers::forgetSitting);
            SeatRelay seats = new SeatRelay(vertx, () -> member.getCluster().getMembers().size() > 1);
            await(seats.start());
            SubmissionService submissions = new SubmissionService(vertx, seats, attempts, papers, stores.sittings(),
                    stores.roster(), stores.sittingRules(), stores.results(), events, examMetrics, clock,
                    new Receipts(ReceiptKeys.load(ReceiptKeys.folder(config.dataDir()))));
            ProctorService proctor = new ProctorService(seats, stores.sittings(), stores.rooms(), stores.roster(),
                    attempts, events, audit, submissions, clock);
            DecisionService decisions = new DecisionService(stores.sittings(), stores.rooms(), stores.roster(),
                    stores.decisions(), events, audit, SanctionPolicy.defaults(), clock);
            BanService bans = new BanService(stores.bans(), audit, clock);
            ResultsService results = new ResultsService(clock, stores.sittings(), stores.rooms(), stores.roster(),
                    stores.results(), attempts, events);
            ResultAdjustments adjustedResults = new ResultAdjustments(stores.sittings(), stores.roster(), results,
                    stores.decisions());
            EvaluationService evaluations = new EvaluationService(EvaluationBodies.shipped(), stores.evaluations(),
                    adjustedResults, clock);
            SittingAdmin sittings = new SittingAdmin(vertx, clock, stores.sittings(), stores.rooms(), stores.roster(),
                    stores.agentKeys(), attempts, audit, banks, papers, new EligibilityService(stores.bans(), clock),
                    evaluations);
            CertificateService certificates = new CertificateService(adjustedResults, evaluations,
                    stores.certificates(), audit, clock);
            TokenService tokens = new TokenService(vertx, secret);
            RateLimits limits = RateLimits.defaults();
            Throttles throttles = new Throttles(vertx, HazelcastSetup.throttles(hz), clock);
            await(throttles.start());
            CheckInService checkIn = new CheckInService(clock, stores.sittings(), stores.rooms(), stores.roster(),
                    stores.sittingRules(), attempts, events, audit, tokens, throttles, config.seatSocketUrls());
            // One thread: a flood of sign-ins takes one core at most, and the node keeps the other for its seats.
            PasswordChecks passwords = new PasswordChecks(PasswordHasher.defaults(),
                    vertx.createSharedWorkerExecutor("examcore-passwords", 1), PASSWORD_QUEUE);
            StaffAccounts staffAccounts = new StaffAccounts(stores.staff(), clock);
            AnswerUploads uploads = new AnswerUploads(stores.uploads(), clock, config.maxUploadBytesPerAttempt());
            MarkingService marking = new MarkingService(stores.marking(), stores.sittings(), attempts, papers, uploads,
                    staffAccounts, audit, clock);
            AnswerService answers = new AnswerService(attempts, clock);
            PhotoService photos = new PhotoService(vertx, clock, stores.sittings(), stores.rooms(), stores.roster(),
                    stores.photos(), audit, PhotoLimits.defaults());
            services = new Services(config, vertx, clock, checkIn, staffAccounts,
                    new SeatAgents(stores.agentKeys(), stores.sittings(), stores.rooms(), stores.roster()),
                    new RoomsQuery(clock, stores.sittings(), stores.rooms(), stores.roster(), stores.papers(),
                            attempts),
                    answers, uploads,
                    new LiveWatch(vertx, stores.sittings(), stores.rooms(), LiveWatch.DEFAULT_MAX_PER_USER), attempts,
                    events, audit, banks, papers, submissions, proctor, decisions, bans, certificates,
                    adjustedResults, sittings, results,
                    new ObjectiveAnswersQuery(vertx, clock, stores.sittings(), stores.rooms(), attempts, papers), tokens,
                    passwords, limits, throttles, examMetrics, seats, marking, evaluations, photos,
                    new AdmissionTickets(vertx, clock, stores.sittings(), stores.rooms(), stores.roster(), photos,
                            stores.admission(), audit, throttles, new TicketPdf(TicketPdf.DEFAULT_FONT)),
                    new IdentityChecks(vertx, clock, stores.sittings(), stores.rooms(), stores.roster(), attempts,
                            stores.admission(), events, audit),
                    new Publication(new ErrataService(stores.sittings(), banks, attempts, stores.results(),
                            stores.errata(), cpuWorkers, clock),
                            new ReleaseService(adjustedResults, certificates, evaluations, stores.releases(), clock),
                            new ReviewService(stores.sittings(), stores.results(), papers, stores.releases(),
                                    stores.reviews(), config.reviewWindowDays(), clock)),
                    new RoomRules(clock, stores.sittings(), stores.sittingRules(), audit),
                    new Announcements(seats, stores.sittings(), stores.rooms(), stores.roster(), attempts, events,
                            audit, stores.announcements(), clock),
                    new OfflineAnswers(attempts, answers, papers, stores.sittings(), stores.rooms(),
                            stores.sittingRules(), stores.results(), stores.errata(), submissions, events, audit,
                            new OfflineKeys(new JdbcOfflineKeyStore(db, dbWorkers), paperSecret, clock), clock),
                    () -> OperationsMeters.mayWrite(member, majority()));
        }

        /** The bootstrap administrator's account (see {@link ExamNode#bootstrapAdmin}). */
        void bootstrapAdmin() {
            generatedAdminPassword = await(ExamNode.bootstrapAdmin(services));
        }

        /** The deadline timer, the HTTP port and the management port. */
        void deployVerticles() {
            timerDeployment = await(vertx.deployVerticle(new DeadlineTimerVerticle(services.attempts(),
                    services.submissions(), clock, config.timerPeriodMillis(), config.resultRecoverySeconds() * 1000L,
                    services.metrics().deadlineScans(clock))));
            http = new HttpVerticle(services, tls);
            httpDeployment = await(vertx.deployVerticle(http));
            // Not awaited: the node serves at once, and a seat's own read is as good as this one until an outage.
            new SetupWarmUp(clock, stores.sittings(), stores.rooms(), stores.roster(), stores.sittingRules(),
                    services.identity()).start(vertx);
            if (config.managementPort() >= 0) {
                HazelcastInstance member = hz;
                Database database = db;
                management = new ManagementVerticle(config.managementHost(), config.managementPort(), registry,
                        () -> member.getLifecycleService().isRunning() && database.reachable(),
                        config.managementToken());
                await(vertx.deployVerticle(management));
            }
        }

        ExamNode started() {
            ExamNode node = new ExamNode(config, db, hz, vertx, stores, services, http, httpDeployment,
                    timerDeployment, management, generatedAdminPassword, keyLoadWatch);
            LOG.info("exam node up: http port {}, management port {}, cluster '{}' member {}", node.httpPort(),
                    node.managementPort(), config.clusterName(), hz.getCluster().getLocalMember().getAddress());
            return node;
        }

        /** Undoes what the steps so far started, newest first. */
        void abort() {
            if (keyLoadWatch != null) {
                keyLoadWatch.close();
            }
            if (vertx != null) {
                vertx.close();
            }
            if (hz != null) {
                hz.getLifecycleService().terminate();
            }
            if (db != null) {
                db.close();
            }
        }
    }

    /**
     * Ensures the bootstrap administrator exists. A configured password always wins; without one, a random
     * password is set when the account is missing or the node runs the demo, and returned so it can be printed.
     */
    private static Future<String> bootstrapAdmin(Services s) {
        ServerConfig c = s.config();
        return s.staff().account(c.adminUser()).compose(existing -> {
            String password = c.adminPassword();
            String generated = null;
            if (password.isBlank()) {
                if (existing.isPresent() && !c.demo()) {
                    return Future.succeededFuture((String) null);
                }
                generated = randomPassword();
                password = generated;
            }
            String chosen = password;
            String shown = generated;
            return s.passwords().hash(chosen)
                    .compose(hash -> s.staff().save(new StaffAccount(c.adminUser(), hash, Role.ADMIN, Set.of())))
                    .map(v -> shown);
        });
    }

    private static String randomPassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * A secret of an embedded node without a configured one ({@code token-secret}, {@code paper-secret}): generated
     * once and kept beside the database, readable by the owner only, so tokens survive a restart and papers can be
     * reproduced. A cluster must configure one shared value of each.
     */
    private static String localSecret(ServerConfig config, String name) {
        return DataDirectory.secret(Path.of(config.dataDir(), name));
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out after " + START_TIMEOUT_SECONDS + " s", e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The node's database stores (tests read and write through them directly). */
    public Stores stores() {
        return stores;
    }

    public Services services() {
        return services;
    }

    public Vertx vertx() {
        return vertx;
    }

    public HazelcastInstance hazelcast() {
        return hz;
    }

    public Database database() {
        return db;
    }

    /** The public HTTP verticle (its routes are read by the API documentation test). */
    public HttpVerticle http() {
        return http;
    }

    public int httpPort() {
        return http.port();
    }

    /** The plain-HTTP port that redirects to HTTPS, or -1 when there is none. */
    public int redirectPort() {
        return http.redirectPort();
    }

    /** The management port, or -1 when disabled. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** The password set for the bootstrap admin at this start, or null when an existing one was kept. */
    public String generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** The URL people open: the configured public URL or this host's address and port. */
    public String baseUrl() {
        if (!config.publicUrl().isBlank()) {
            return config.publicUrl().replaceAll("/+$", "");
        }
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        return (config.tls() ? "https://" : "http://") + host + ":" + httpPort();
    }

    /** An administration helper bound to this node's services (the demo and tests use it). */
    public SittingAdmin admin() {
        return services.sittings();
    }

    /**
     * Graceful stop: stop serving, write everything queued to the database, leave the cluster, close the
     * database. What a page had acknowledged is then in the database.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            // The timers stop first and their scan in flight ends (DeadlineTimerVerticle.stop), so that no scan
            // reaches for a worker pool that is shutting down, and no freeze races the flush below.
            await(vertx.undeploy(timerDeployment));
        } catch (RuntimeException e) {
            LOG.warn("stopping the deadline timer failed: {}", e.toString());
        }
        try {
            // New saves stop next, so the flush below catches everything acknowledged.
            await(vertx.undeploy(httpDeployment));
        } catch (RuntimeException e) {
            LOG.warn("stopping the HTTP port failed: {}", e.toString());
        }
        try {
            hz.getMap(HazelcastMaps.ATTEMPTS).flush();
            hz.getMap(HazelcastMaps.EVENTS).flush();
        } catch (RuntimeException e) {
            LOG.warn("flushing the write-behind queues failed: {}", e.toString());
        }
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            LOG.warn("closing Vert.x failed: {}", e.toString());
        }
        keyLoadWatch.close();
        hz.shutdown();
        db.close();
        LOG.info("exam node stopped");
    }

    /**
     * Stops without flushing anything, as a power cut would: the write-behind queue is lost and only what
     * was older than the write delay is in the database. For restart tests.
     */
    public synchronized void crash() {
        if (stopped) {
            return;
        }
        stopped = true;
        keyLoadWatch.close();
        hz.getLifecycleService().terminate();
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            LOG.debug("closing Vert.x after a crash: {}", e.toString());
        }
        db.close();
    }
}
