package cn.examcore.server.testing;

import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.node.ExamNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A delivery node for tests: started in-process on free ports with its own temporary H2 file and its own
 * Hazelcast cluster name (so concurrent nodes never join each other), optionally with the demo sitting seeded.
 *
 * <pre>{@code
 * try (TestNode node = TestNode.builder().leadSeconds(5).start()) {
 *     String url = node.baseUrl();                 // http://127.0.0.1:PORT
 *     DemoSitting.DemoCandidate c = node.candidate(0);  // sits at node.seatCodes().get(0)
 *     String pin = node.pin();
 * }
 * }</pre>
 */
public final class TestNode implements AutoCloseable {

    /** PINs of sittings seeded by {@link #seed}: 7 digits, so never one of the demos' own 6-digit PINs. */
    private static final AtomicInteger NEXT_PIN = new AtomicInteger(7_000_001);

    private final Builder builder;
    private final Path dataDir;
    private boolean ownsDataDir;
    private final ExamNode node;
    private final DemoSitting.Info demo;

    private TestNode(Builder builder, Path dataDir, boolean ownsDataDir, ExamNode node, DemoSitting.Info demo) {
        this.builder = builder;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.node = node;
        this.demo = demo;
    }

    /** A node with the theory demo sitting whose T0 is 60 s away (check-in open). */
    public static TestNode start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a test node; every setter returns this builder. */
    public static final class Builder {
        private DemoSitting.Options demo = DemoSitting.Options.theory(60);
        private boolean seedDemo = true;
        private int writeDelaySeconds = 1;
        private int heartbeatGapSeconds = 15;
        private int timerPeriodMillis = 200;
        private int maxMessageBytes = 256 * 1024;
        private Path dataDir;
        private String clusterName = "examcore-test-" + UUID.randomUUID();
        private String jwtSecret = "test-secret-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        private String paperSecret = "paper-secret-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        private String adminPassword = "admin-" + UUID.randomUUID();
        private DemoSitting.Info joinedDemo;
        private final Map<String, String> extra = new HashMap<>();
        private java.util.function.LongSupplier clock = System::currentTimeMillis;

        /** The node's domain clock, epoch ms (an evaluation over several days moves it on). */
        public Builder clock(java.util.function.LongSupplier clock) {
            this.clock = clock;
            return this;
        }

        /** Seconds from now to the demo sitting's T0. */
        public Builder leadSeconds(int seconds) {
            demo = new DemoSitting.Options(seconds, demo.durationMinutes(), demo.checkInMinutes(), demo.rows(),
                    demo.cols(), demo.bankResource(), demo.blueprintResource(), demo.subject(), demo.pin());
            return this;
        }

        /** The demo sitting's duration in minutes. */
        public Builder durationMinutes(int minutes) {
            demo = demo.withDuration(minutes);
            return this;
        }

        /** Seed this demo instead of the theory one (e.g. {@link DemoSitting.Options#operation}). */
        public Builder demo(DemoSitting.Options options) {
            demo = options;
            seedDemo = true;
            return this;
        }

        /** Start with an empty database (no demo sitting). */
        public Builder noDemo() {
            seedDemo = false;
            return this;
        }

        public Builder writeDelaySeconds(int seconds) {
            writeDelaySeconds = seconds;
            return this;
        }

        public Builder heartbeatGapSeconds(int seconds) {
            heartbeatGapSeconds = seconds;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            maxMessageBytes = bytes;
            return this;
        }

        /** Use this data directory (kept on close) instead of a fresh temporary one. */
        public Builder dataDir(Path dir) {
            dataDir = dir;
            return this;
        }

        /**
         * Makes this node a second member of {@code other}'s cluster: same cluster name, token secret, admin password
         * and database (the H2 file is shared within the JVM); no demo is seeded, {@link #demo()} is the other's.
         */
        public Builder joining(TestNode other) {
            clusterName = other.builder.clusterName;
            jwtSecret = other.builder.jwtSecret;
            paperSecret = other.builder.paperSecret;
            adminPassword = other.builder.adminPassword;
            dataDir = other.dataDir;
            seedDemo = false;
            joinedDemo = other.demo;
            writeDelaySeconds = other.builder.writeDelaySeconds;
            extra.put("cluster-members", "127.0.0.1:"
                    + other.node.hazelcast().getCluster().getLocalMember().getAddress().getPort());
            return this;
        }

        /** Any other configuration key (kebab-case, as in the properties file). */
        public Builder config(String key, String value) {
            extra.put(key, value);
            return this;
        }

        public TestNode start() {
            boolean owns = dataDir == null;
            Path dir = owns ? tempDir() : dataDir;
            return boot(this, dir, owns, seedDemo);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("examcore-node-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestNode boot(Builder b, Path dir, boolean owns, boolean seed) {
        Map<String, String> values = new HashMap<>();
        values.put("host", "127.0.0.1");
        values.put("http-port", "0");
        values.put("management-port", "0");
        values.put("cluster-name", b.clusterName);
        values.put("data-dir", dir.toString());
        values.put("write-delay-seconds", String.valueOf(b.writeDelaySeconds));
        values.put("heartbeat-gap-seconds", String.valueOf(b.heartbeatGapSeconds));
        values.put("timer-period-millis", String.valueOf(b.timerPeriodMillis));
        values.put("max-message-bytes", String.valueOf(b.maxMessageBytes));
        values.put("jwt-secret", b.jwtSecret);
        values.put("paper-secret", b.paperSecret);
        values.put("admin-password", b.adminPassword);
        values.put("db-pool-size", "4");
        // Test clusters start one node after another: the first need not wait 5 s for peers that come later.
        values.put("cluster-join-wait-seconds", "1");
        values.putAll(b.extra);
        ExamNode node = ExamNode.start(ServerConfig.defaults().with(values), b.clock);
        try {
            DemoSitting.Info info = seed ? await(DemoSitting.seed(node, b.demo)) : b.joinedDemo;
            return new TestNode(b, dir, owns, node, info);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test node operation failed: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + node.httpPort();
    }

    public int port() {
        return node.httpPort();
    }

    public int managementPort() {
        return node.managementPort();
    }

    /**
     * Seeds one more demo sitting on this running node, as {@code options} describe it but with an enrolment PIN of
     * its own (a terminal enrols to the sitting whose PIN it is given, so sittings that share a room's seat codes
     * stay apart). Tests that share one node each take a sitting of their own this way, so they hold no state in
     * common and may run in any order.
     */
    public DemoSitting.Info seed(DemoSitting.Options options) {
        String pin = String.valueOf(NEXT_PIN.getAndIncrement());
        return await(DemoSitting.seed(node, new DemoSitting.Options(options.leadSeconds(), options.durationMinutes(),
                options.checkInMinutes(), options.rows(), options.cols(), options.bankResource(),
                options.blueprintResource(), options.subject(), pin)));
    }

    /** The demo sitting; null when started with {@link Builder#noDemo()}. */
    public DemoSitting.Info demo() {
        return demo;
    }

    public String sittingId() {
        return demo.sittingId();
    }

    public String pin() {
        return demo.pin();
    }

    public List<String> seatCodes() {
        return demo.seatCodes();
    }

    /** The i-th demo candidate (0-based); they sit at {@code seatCodes().get(i)}. */
    public DemoSitting.DemoCandidate candidate(int i) {
        return demo.candidates().get(i);
    }

    public String agentKey() {
        return demo.agentKey();
    }

    public String adminUser() {
        return node.config().adminUser();
    }

    public String adminPassword() {
        return builder.adminPassword;
    }

    /** The HS256 secret the node signs tokens with (tests forge and expire tokens with it). */
    public String jwtSecret() {
        return builder.jwtSecret;
    }

    /** The key the node derives paper-assembly seeds with (tests reproduce papers with it). */
    public String paperSecret() {
        return builder.paperSecret;
    }

    public ExamNode node() {
        return node;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops this node gracefully and starts a new one on the same data directory (and cluster name, secret). */
    public TestNode restart() {
        node.close();
        boolean owns = ownsDataDir;
        ownsDataDir = false;
        return new TestNode(builder, dataDir, owns, bootNoSeed(), demo);
    }

    /** Stops this node as a crash would (nothing flushed) and starts a new one on the same data directory. */
    public TestNode crashAndRestart() {
        node.crash();
        boolean owns = ownsDataDir;
        ownsDataDir = false;
        return new TestNode(builder, dataDir, owns, bootNoSeed(), demo);
    }

    private ExamNode bootNoSeed() {
        return boot(builder, dataDir, false, false).node;
    }

    @Override
    public void close() {
        node.close();
        if (ownsDataDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temp directory is harmless.
            }
        }
    }
}
