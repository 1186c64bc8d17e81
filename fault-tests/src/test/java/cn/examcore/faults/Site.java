package cn.examcore.faults;

import cn.examcore.server.attempt.ReceiptKeys;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Network.Ipam;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A site of three exam-server nodes and one PostgreSQL, each in its own container. The containers talk over one
 * Docker network the suite creates ({@code 10.231.7.0/24}, fixed addresses, so a node that is cut off and
 * reconnected, or replaced, comes back at the same address); the test reaches them through fixed loopback ports,
 * so a seat's node list stays valid when a node is replaced, and a node cut off the site network is still
 * reachable by its seats (as a terminal on another switch would be). Those ports are published on a second
 * network of the suite's own on which containers cannot reach each other.
 *
 * <p>One network, one PostgreSQL and one exam-server image per test JVM; each test gets its own database schema,
 * cluster name and nodes.
 */
final class Site implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Site.class);
    static final int NODES = 3;
    private static final String SUBNET = "10.231.7.";
    private static final String PG_IP = SUBNET + "2";
    static final int WRITE_DELAY_SECONDS = 2;
    static final int MEMBER_PORT = 5701;
    static final int BUS_PORT = 5801;

    private static Network network;
    private static Network access;
    private static GenericContainer<?> postgres;
    private static String nodeImage;
    private static int[] hostPorts;

    private final String schema;
    private final String clusterName = "fault-" + UUID.randomUUID();
    private final String jwtSecret = "fault-secret-" + UUID.randomUUID() + UUID.randomUUID();
    /** One paper secret for the site, as a real cluster shares one: any node can reassemble a paper the same way. */
    private final String paperSecret = "paper-secret-" + UUID.randomUUID() + UUID.randomUUID();
    private final String adminPassword = "admin-" + UUID.randomUUID();
    private final int backupCount;
    private final NodeContainer[] nodes = new NodeContainer[NODES];
    private final java.io.PrintWriter[] logs = new java.io.PrintWriter[NODES];
    /** Lines "cluster member left: …; members now N" seen in node logs, with the time they were read. */
    private final ConcurrentLinkedQueue<MemberChange> memberChanges = new ConcurrentLinkedQueue<>();

    record MemberChange(long at, int node, boolean left, int membersNow) {
    }

    /**
     * Every receipt key a node of this site published, read as each node came up: a node keeps its keys in its own
     * data directory, so one started afresh signs with a new key, and receipts signed before stay checkable.
     */
    private final Map<String, PublicKey> receiptKeys = new ConcurrentHashMap<>();

    Site(String schema, int backupCount) {
        this.schema = schema;
        this.backupCount = backupCount;
        infrastructure();
        try {
            Path dir = Files.createDirectories(Path.of("target", "fault-logs"));
            for (int i = 0; i < NODES; i++) {
                logs[i] = new java.io.PrintWriter(Files.newBufferedWriter(dir.resolve(schema + "-node" + i + ".log")),
                        true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void infrastructure() {
        if (network != null) {
            return;
        }
        network = Network.builder().createNetworkCmdModifier((CreateNetworkCmd cmd) -> cmd
                .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(SUBNET + "0/24")))).build();
        // The access network only carries the loopback-published ports: containers cannot talk to each other on it.
        access = Network.builder().createNetworkCmdModifier((CreateNetworkCmd cmd) -> cmd
                .withOptions(java.util.Map.of("com.docker.network.bridge.enable_icc", "false"))).build();
        hostPorts = IntStream.range(0, NODES).map(i -> freePort()).toArray();
        String pgImage = System.getProperty("examcore.pg.image", "postgres:15-bookworm");
        GenericContainer<?> pg = new OnSiteNetwork(pgImage, PG_IP).withExposedPorts(5432)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIp("127.0.0.1"), new ExposedPort(5432))));
        if (pgImage.startsWith("postgres:")) {
            pg.withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                    .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        } else {
            // A Debian image with the postgresql-15 package (built by .ci/run): initialise and run it in /tmp.
            pg.withCommand("sh", "-c", "mkdir -p /tmp/pg && chown postgres /tmp/pg && su postgres -s /bin/sh -c '"
                            + "/usr/lib/postgresql/15/bin/initdb -D /tmp/pg -A trust -U postgres >/dev/null"
                            + " && echo \"host all all 0.0.0.0/0 trust\" >> /tmp/pg/pg_hba.conf"
                            + " && exec /usr/lib/postgresql/15/bin/postgres -D /tmp/pg -c listen_addresses=*"
                            + " -c unix_socket_directories=/tmp -c max_connections=200'")
                    .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1));
        }
        pg.withStartupTimeout(Duration.ofSeconds(120)).start();
        postgres = pg;

        Path dir = Path.of(System.getProperty("examcore.server.dir", "../exam-server/target"));
        if (!Files.isRegularFile(dir.resolve("exam-server.jar"))) {
            throw new IllegalStateException("no exam-server.jar in " + dir.toAbsolutePath()
                    + ": package exam-server first (it is built before fault-tests in the reactor)");
        }
        String base = System.getProperty("examcore.jre.image", "eclipse-temurin:17-jre");
        ImageFromDockerfile image = new ImageFromDockerfile("examcore/exam-server-fault", true)
                .withFileFromPath("exam-server.jar", dir.resolve("exam-server.jar"))
                .withFileFromPath("lib", dir.resolve("lib"))
                .withDockerfileFromBuilder(b -> b.from(base)
                        .copy("lib", "/app/lib")
                        .copy("exam-server.jar", "/app/exam-server.jar")
                        .workDir("/app")
                        .entryPoint("java", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                "-jar", "/app/exam-server.jar")
                        .build());
        nodeImage = image.get();
        LOG.info("site ready: PostgreSQL {} at {}, exam-server image {} on {}", pgImage, PG_IP, nodeImage, base);
    }

    /**
     * A free loopback port below the kernel's ephemeral range (32768 and up on Linux). The nodes' published ports are
     * bound again at every restart, while hundreds of seat sockets, JDBC and Docker API connections take ephemeral
     * local ports: a published port from that range can be in use as someone's local port when Docker binds it
     * ("port is already allocated").
     */
    private static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port in 20000-31999"));
    }

    static String nodeIp(int i) {
        return SUBNET + (11 + i);
    }

    /**
     * Starts all three nodes together: a node finishes starting only once a majority has joined (split-brain
     * protection), as after a site-wide power cut.
     */
    Site start() {
        CompletableFuture.allOf(IntStream.range(0, NODES)
                .mapToObj(i -> CompletableFuture.runAsync(() -> startNode(i))).toArray(CompletableFuture[]::new))
                .join();
        return this;
    }

    void startNode(int i) {
        String members = String.join(",", IntStream.range(0, NODES).mapToObj(n -> nodeIp(n) + ":5701").toList());
        NodeContainer c = new NodeContainer(nodeImage, nodeIp(i), hostPorts[i]);
        c.withEnv("EXAMCORE_HOST", "0.0.0.0")
                .withEnv("EXAMCORE_HTTP_PORT", "8080")
                // The readiness probe comes through the published port, so management listens on all interfaces here.
                .withEnv("EXAMCORE_MANAGEMENT_HOST", "0.0.0.0")
                .withEnv("EXAMCORE_MANAGEMENT_PORT", "8081")
                .withEnv("EXAMCORE_CLUSTER_INTERFACE", nodeIp(i))
                .withEnv("EXAMCORE_CLUSTER_BUS_PORT", String.valueOf(BUS_PORT))
                .withEnv("EXAMCORE_CLUSTER_NAME", clusterName)
                .withEnv("EXAMCORE_CLUSTER_PORT", "5701")
                .withEnv("EXAMCORE_CLUSTER_MEMBERS", members)
                .withEnv("EXAMCORE_CLUSTER_PUBLIC_ADDRESS", nodeIp(i) + ":5701")
                .withEnv("EXAMCORE_BACKUP_COUNT", String.valueOf(backupCount))
                .withEnv("EXAMCORE_DB_URL", "jdbc:postgresql://" + PG_IP + ":5432/postgres")
                .withEnv("EXAMCORE_DB_USER", "postgres")
                .withEnv("EXAMCORE_DB_SCHEMA", schema)
                .withEnv("EXAMCORE_DB_POOL_SIZE", "4")
                .withEnv("EXAMCORE_WRITE_DELAY_SECONDS", String.valueOf(WRITE_DELAY_SECONDS))
                .withEnv("EXAMCORE_JWT_SECRET", jwtSecret)
                .withEnv("EXAMCORE_PAPER_SECRET", paperSecret)
                .withEnv("EXAMCORE_ADMIN_PASSWORD", adminPassword)
                .withEnv("EXAMCORE_TIMER_PERIOD_MILLIS", "250")
                // A result whose node died before the database took it is looked for every 10 s, not every minute:
                // the checkers wait at most 90 s for every result.
                .withEnv("EXAMCORE_RESULT_RECOVERY_SECONDS", "10")
                .withLogConsumer(frame -> onLog(i, frame))
                .waitingFor(Wait.forHttp("/ready").forPort(8081).forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(240)));
        nodes[i] = c;
        c.start();
        LOG.info("node {} up at {} (loopback port {})", i, nodeIp(i), hostPorts[i]);
        readReceiptKeys(i);
    }

    private static final Pattern MEMBERS = Pattern.compile("cluster member (joined|left): .*members now (\\d+)");

    private void onLog(int node, OutputFrame frame) {
        String line = frame.getUtf8StringWithoutLineEnding();
        // Every line, stack traces included, into one file per node of this test (target/fault-logs/), for the
        // cause of whatever the checker finds; the console gets the warnings only.
        logs[node].println(line);
        Matcher m = MEMBERS.matcher(line);
        if (m.find()) {
            memberChanges.add(new MemberChange(System.currentTimeMillis(), node, m.group(1).equals("left"),
                    Integer.parseInt(m.group(2))));
        }
        if (line.contains("ERROR") || line.contains("WARN")) {
            LOG.info("node {}: {}", node, line);
        }
    }

    /** The first "member left" logged by a node other than {@code except} at or after {@code since}. */
    java.util.OptionalLong memberLeftAfter(long since, int except) {
        return memberChanges.stream().filter(c -> c.left() && c.node() != except && c.at() >= since)
                .mapToLong(MemberChange::at).min();
    }

    /** True once node {@code i} has logged that it is the only member left. */
    boolean minorityAlone(int i) {
        return memberChanges.stream().anyMatch(c -> c.node() == i && c.left() && c.membersNow() == 1);
    }

    /** A power cut for one node: SIGKILL, nothing flushed, sockets dropped. */
    void kill(int i) {
        docker().killContainerCmd(nodes[i].getContainerId()).exec();
        nodes[i].stop();
        nodes[i] = null;
    }

    /** A graceful stop (SIGTERM): the node hands its partitions over and flushes its write-behind queue. */
    void stopGracefully(int i) {
        docker().stopContainerCmd(nodes[i].getContainerId()).withTimeout(60).exec();
        nodes[i].stop();
        nodes[i] = null;
    }

    /** Cuts node i off the site network: it loses its peers and the database, its seats can still reach it. */
    void isolate(int i) {
        docker().disconnectFromNetworkCmd().withNetworkId(network.getId())
                .withContainerId(nodes[i].getContainerId()).withForce(true).exec();
    }

    /** Plugs node i back into the site network at its address. */
    void heal(int i) {
        docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(nodes[i].getContainerId())
                .withContainerNetwork(new ContainerNetwork()
                        .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(nodeIp(i)))).exec();
    }

    /**
     * A one-way cut: node i stops hearing the other nodes (what they send it is dropped on arrival, in its own network
     * namespace), while what it sends still reaches them. Its peers go on hearing its heartbeats and it stops hearing
     * theirs, so the two sides disagree about who is alive. The database stays reachable. TCP needs its
     * acknowledgements to come back, so node i's own streams to its peers stall as well once their windows fill:
     * the cut is one-way for packets, as a misconfigured firewall or a half-broken link would be.
     */
    void deafen(int i) {
        peers(i).forEach(peer -> inNetworkNamespace(i, "iptables", "-I", "INPUT", "-s", peer, "-j", "DROP"));
    }

    /** Ends the one-way cut of {@link #deafen}. */
    void undeafen(int i) {
        peers(i).forEach(peer -> inNetworkNamespace(i, "iptables", "-D", "INPUT", "-s", peer, "-j", "DROP"));
    }

    private static List<String> peers(int i) {
        return IntStream.range(0, NODES).filter(n -> n != i).mapToObj(Site::nodeIp).toList();
    }

    /**
     * Runs a host command (the host's own iptables: the node image has none) inside node i's network namespace.
     * Needs root, as the fault tests' Docker engine does.
     */
    private void inNetworkNamespace(int i, String... command) {
        long pid = docker().inspectContainerCmd(nodes[i].getContainerId()).exec().getState().getPidLong();
        List<String> line = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-n"));
        line.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Freezes node i (the cgroup freezer, as SIGSTOP would): a long GC pause lookalike. Its peers stop hearing it, its
     * sockets stay open but silent.
     */
    void pause(int i) {
        docker().pauseContainerCmd(nodes[i].getContainerId()).exec();
    }

    /** Lets a frozen node run again, as SIGCONT would. */
    void unpause(int i) {
        docker().unpauseContainerCmd(nodes[i].getContainerId()).exec();
    }

    /** Cuts PostgreSQL off the site network: every node loses the database, the test still reads it. */
    void cutDatabase() {
        docker().disconnectFromNetworkCmd().withNetworkId(network.getId())
                .withContainerId(postgres.getContainerId()).withForce(true).exec();
    }

    /** Plugs PostgreSQL back at its address. */
    void restoreDatabase() {
        docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(postgres.getContainerId())
                .withContainerNetwork(new ContainerNetwork()
                        .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(PG_IP))).exec();
    }

    /**
     * True when every node runs, sees all three members and takes writes (its {@code examcore_cluster_members} and
     * {@code examcore_cluster_writable} gauges): the site is whole, no merge or migration after a fault still going.
     */
    boolean whole() {
        for (int i = 0; i < NODES; i++) {
            if (nodes[i] == null) {
                return false;
            }
            try {
                String metrics = metrics(i);
                if (gauge(metrics, "examcore_cluster_members") != NODES
                        || gauge(metrics, "examcore_cluster_writable") != 1) {
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** The value of gauge {@code name} (a Prometheus name, first series) on running node i, NaN when it has none. */
    double gauge(int i, String name) {
        try {
            return gauge(metrics(i), name);
        } catch (IOException e) {
            throw new UncheckedIOException("reading node " + i + "'s metrics", e);
        }
    }

    /** Node i's Prometheus page. */
    private String metrics(int i) throws IOException {
        // HttpURLConnection, not java.net.http: the latter's HTTP/2 upgrade can hang past its own timeout.
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:"
                + managementPort(i) + "/metrics").toURL().openConnection();
        c.setConnectTimeout(2_000);
        c.setReadTimeout(3_000);
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /**
     * Node i's management port on loopback, asked of Docker each time: the port is published at a random host port,
     * and Docker publishes it again at another one when the container is cut off a network and plugged back in,
     * so the mapping read at the container's start goes stale after an {@code isolate}.
     */
    private int managementPort(int i) {
        Ports.Binding[] bindings = docker().inspectContainerCmd(nodes[i].getContainerId()).exec().getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(8081));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("node " + i + " has no published management port");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    private static double gauge(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /** True while node i has a running container (not killed or stopped). */
    boolean running(int i) {
        return nodes[i] != null;
    }

    /** Node i's address on the access network, the one its published ports come in on. */
    String accessIp(int i) {
        return nodes[i].getContainerInfo().getNetworkSettings().getNetworks().values().stream()
                .filter(n -> access.getId().equals(n.getNetworkID())).findFirst()
                .orElseThrow(() -> new IllegalStateException("node " + i + " is not on the access network"))
                .getIpAddress();
    }

    /** Runs a command inside node i and returns what it printed. */
    String exec(int i, String... command) {
        try {
            var result = nodes[i].execInContainer(command);
            if (result.getExitCode() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in node " + i + " failed: "
                        + result.getStderr());
            }
            return result.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String clusterName() {
        return clusterName;
    }

    /** Adds the receipt keys node i publishes ({@code GET /api/public/receipt-keys}) to the site's. */
    private void readReceiptKeys(int i) {
        try {
            // HTTP/1.1 asked for outright: java.net.http's HTTP/2 upgrade can hang past its own timeout.
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build().send(HttpRequest.newBuilder(
                    URI.create(url(i) + "/api/public/receipt-keys")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("node " + i + " answered " + r.statusCode() + " for its receipt keys: "
                        + r.body());
            }
            for (Object k : new JsonObject(r.body()).getJsonArray("keys")) {
                JsonObject key = (JsonObject) k;
                receiptKeys.put(key.getString("keyId"), ReceiptKeys.parsePublic(key.getString("publicKey")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading node " + i + "'s receipt keys", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every receipt key the site's nodes published since it started. */
    Map<String, PublicKey> receiptKeys() {
        return Map.copyOf(receiptKeys);
    }

    /** The loopback URL of node i, fixed for the suite. */
    static String url(int i) {
        return "http://localhost:" + hostPorts[i];
    }

    static List<Integer> ports() {
        List<Integer> out = new ArrayList<>();
        for (int p : hostPorts) {
            out.add(p);
        }
        return out;
    }

    String adminPassword() {
        return adminPassword;
    }

    /** A JDBC connection to the site's database, in this test's schema. */
    Connection database() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getMappedPort(5432)
                    + "/postgres?currentSchema=" + schema, "postgres", "");
        } catch (SQLException published) {
            // Docker drops the published port of a container taken off one of its networks and put back
            // (cutDatabase): the site network's own address is reachable from this host as well.
            try {
                return DriverManager.getConnection("jdbc:postgresql://" + PG_IP + ":5432/postgres?currentSchema="
                        + schema + "&connectTimeout=5", "postgres", "");
            } catch (SQLException direct) {
                published.addSuppressed(direct);
                throw published;
            }
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public void close() {
        for (int i = 0; i < NODES; i++) {
            if (nodes[i] != null) {
                nodes[i].stop();
                nodes[i] = null;
            }
            logs[i].close();
        }
    }

    /** A container that also joins the site network at a fixed address, next to Docker's default bridge. */
    static class OnSiteNetwork extends GenericContainer<OnSiteNetwork> {
        private final String ip;

        OnSiteNetwork(String image, String ip) {
            super(image);
            this.ip = ip;
            withNetwork(access);
        }

        @Override
        protected void containerIsCreated(String containerId) {
            docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(containerId)
                    .withContainerNetwork(new ContainerNetwork()
                            .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ip))).exec();
        }
    }

    /** An exam-server node: its public port is bound to a fixed loopback port chosen once per suite. */
    static final class NodeContainer extends OnSiteNetwork {
        NodeContainer(String image, String ip, int hostPort) {
            super(image, ip);
            withExposedPorts(8080, 8081);
            withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", hostPort), new ExposedPort(8080)),
                    new PortBinding(Ports.Binding.bindIp("127.0.0.1"), new ExposedPort(8081))));
        }
    }
}
