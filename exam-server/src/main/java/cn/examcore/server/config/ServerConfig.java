package cn.examcore.server.config;

import cn.examcore.platform.config.ConfigReader;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.platform.tls.TlsFiles;
import cn.examcore.server.storage.jdbc.DatabaseSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The node's whole configuration, parsed once at start by the platform's {@link ConfigReader}: built-in defaults,
 * then an optional properties file, then environment variables {@code EXAMCORE_*} on top. Keys are the record components in kebab-case in the
 * file ({@code http-port}) and upper snake case after the prefix in the environment ({@code EXAMCORE_HTTP_PORT}).
 *
 * @param host                interface the HTTP servers bind to
 * @param httpPort            candidate/admin HTTP port; 0 picks a free one (tests)
 * @param managementPort      port of /health, /ready, /metrics; 0 picks a free one, -1 disables it
 * @param publicUrl           base URL printed for people (empty: derived from host and port)
 * @param clusterName         Hazelcast cluster name; nodes with different names never join
 * @param clusterPort         Hazelcast member port (0: Hazelcast's default 5701 with auto-increment)
 * @param clusterMembers      TCP-IP member list ("host" or "host:port"); empty means this host only
 * @param dbUrl               JDBC URL; empty means the embedded H2 file under {@code dataDir}
 * @param dbUser              database user
 * @param dbPassword          database password (secret)
 * @param dbSchema            schema to use and migrate (empty: the database's default)
 * @param dbPoolSize          JDBC pool size, also the size of the blocking worker pool
 * @param dataDir             where the embedded H2 database lives
 * @param writeDelaySeconds   write-behind delay of answers, attempts and events; 0 writes through
 * @param jwtSecret           HS256 secret for staff and candidate tokens (secret; empty: random per start)
 * @param adminUser           bootstrap admin user name
 * @param adminPassword       bootstrap admin password (secret; empty: random, printed by the demo)
 * @param heartbeatGapSeconds a seat whose socket is silent this long while its attempt is open raises HEARTBEAT_GAP
 * @param timerPeriodMillis   how often the deadline timer scans the locally owned attempts
 * @param maxMessageBytes     largest seat-socket message accepted; larger ones are refused with MESSAGE_TOO_LARGE
 * @param maxUploadBytes      largest HTTP upload (bank, roster, operation deliverable)
 * @param demo                seed the demo sitting on an empty database and print how to take it
 * @param demoLeadSeconds     the demo sitting's T0 is this far after start
 * @param clusterHeartbeatSeconds      how often members send Hazelcast heartbeats
 * @param clusterMaxNoHeartbeatSeconds a member silent this long is declared dead and its partitions move
 * @param clusterMinSize      split-brain protection: fewer visible members than this and writes are refused;
 *                            0 means a majority of {@code cluster-members}, 1 switches it off
 * @param clusterPublicAddress the address other members (and their event buses) reach this one at, e.g.
 *                            {@code node1:5701}; empty lets Hazelcast pick an interface
 * @param seatSocketUrls      the nodes' public socket origins the candidate page fails over between, e.g.
 *                            {@code wss://n1.site:8443,wss://n2.site:8443}; empty: the page's own origin (one node,
 *                            or one WebSocket-aware load balancer)
 * @param backupCount         synchronous backups of attempts, answers and events (1 in production; 0 only to show
 *                            what is lost without them)
 * @param seatChangeGraceMillis after a seat change the old terminal's socket stays open this long, taking only the
 *                            saves of the moved attempt, unless the page says {@code drained} first; 0 closes it at
 *                            once
 * @param managementHost      interface the management port binds to: loopback by default, so /metrics stays on the
 *                            host unless an operator opens it to the monitoring network
 * @param managementToken     when set, {@code /metrics} requires {@code Authorization: Bearer <token>} (secret);
 *                            {@code /health} and {@code /ready} stay open for probes
 * @param clusterInterface    this node's IP address on the private cluster network: the Hazelcast member and the
 *                            clustered event bus bind to it alone (loopback by default: a single node on its own)
 * @param clusterBusPort      port of the clustered event bus on {@code cluster-interface}; 0 picks a free one
 * @param trustedProxies      addresses of the reverse proxies in front of the nodes: a request from one of them is
 *                            attributed to the last address its {@code X-Forwarded-For} names that is not a proxy
 *                            (throttles are kept per client address); empty trusts no header
 * @param maxUploadBytesPerAttempt the bytes of deliverable uploads one attempt may hold in all (at most 20 files)
 * @param paperSecret         HMAC key of the paper-assembly seeds (secret; empty: generated once into
 *                            {@code data/paper-secret}); whoever holds it can reproduce every paper, nobody else can
 * @param staffAccessMinutes  life of a staff access token; a page renews it with its refresh token before it ends,
 *                            so a revoked or changed account loses an open live stream within this time at most
 * @param staffSessionHours   life of a staff sign-in (the refresh token): after it the user logs in again
 * @param tlsCertFile         PEM certificate chain (leaf first) the public port serves TLS with; empty: plain HTTP
 *                            (behind a proxy that ends TLS). Set together with {@code tls-key-file}
 * @param tlsKeyFile          PEM private key of that certificate, unencrypted, readable by the owner only
 * @param httpRedirectPort    a plain-HTTP port that answers every request with a redirect to the HTTPS port (so
 *                            {@code http://host/} typed by a person still arrives); -1: none. Needs TLS
 * @param hstsSeconds         {@code Strict-Transport-Security} max-age sent while TLS is on; 0 sends none
 * @param resultRecoverySeconds how often each node looks in the database for submitted attempts it owns that have
 *                            no stored result (their node died while the database was away) and stores it; an
 *                            attempt is taken once it has been submitted that long
 * @param reviewWindowDays    days after a sitting's results are released within which a score review (复核) may be
 *                            requested
 * @param clusterJoinWaitSeconds how long a node with {@code cluster-members} waits for the others before it forms a
 *                            cluster of its own (Hazelcast's wait before join); a site starting its nodes together
 *                            keeps the default 5, tests that start one node after another need less
 */
public record ServerConfig(
        String host,
        int httpPort,
        int managementPort,
        String publicUrl,
        String clusterName,
        int clusterPort,
        List<String> clusterMembers,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String dbSchema,
        int dbPoolSize,
        String dataDir,
        int writeDelaySeconds,
        String jwtSecret,
        String adminUser,
        String adminPassword,
        int heartbeatGapSeconds,
        int timerPeriodMillis,
        int maxMessageBytes,
        long maxUploadBytes,
        boolean demo,
        int demoLeadSeconds,
        int clusterHeartbeatSeconds,
        int clusterMaxNoHeartbeatSeconds,
        int clusterMinSize,
        String clusterPublicAddress,
        List<String> seatSocketUrls,
        int backupCount,
        int seatChangeGraceMillis,
        String managementHost,
        String managementToken,
        String clusterInterface,
        int clusterBusPort,
        List<String> trustedProxies,
        long maxUploadBytesPerAttempt,
        String paperSecret,
        int staffAccessMinutes,
        int staffSessionHours,
        String tlsCertFile,
        String tlsKeyFile,
        int httpRedirectPort,
        long hstsSeconds,
        int resultRecoverySeconds,
        int reviewWindowDays,
        int clusterJoinWaitSeconds) {

    private static final String ENV_PREFIX = "EXAMCORE_";
    private static final Pattern LITERAL_IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Set<String> SECRETS = Set.of("dbPassword", "jwtSecret", "adminPassword", "managementToken",
            "paperSecret");

    public ServerConfig {
        clusterMembers = List.copyOf(clusterMembers);
        seatSocketUrls = List.copyOf(seatSocketUrls);
        trustedProxies = List.copyOf(trustedProxies);
        for (String url : seatSocketUrls) {
            if (!url.matches("wss?://[^/?#\\s]+")) {
                throw new IllegalArgumentException("seat-socket-urls: '" + url
                        + "' is not a ws:// or wss:// origin (scheme, host, optional port, no path)");
            }
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http-port must be 0..65535, was " + httpPort);
        }
        if (managementPort < -1 || managementPort > 65535) {
            throw new IllegalArgumentException("management-port must be -1..65535, was " + managementPort);
        }
        if (writeDelaySeconds < 0) {
            throw new IllegalArgumentException("write-delay-seconds must be >= 0, was " + writeDelaySeconds);
        }
        if (dbPoolSize < 1) {
            throw new IllegalArgumentException("db-pool-size must be >= 1, was " + dbPoolSize);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("max-message-bytes must be >= 1024, was " + maxMessageBytes);
        }
        if (clusterHeartbeatSeconds < 1) {
            throw new IllegalArgumentException("cluster-heartbeat-seconds must be >= 1, was " + clusterHeartbeatSeconds);
        }
        if (clusterMaxNoHeartbeatSeconds <= clusterHeartbeatSeconds) {
            throw new IllegalArgumentException("cluster-max-no-heartbeat-seconds must be greater than "
                    + "cluster-heartbeat-seconds (" + clusterHeartbeatSeconds + "), was " + clusterMaxNoHeartbeatSeconds);
        }
        if (clusterMinSize < 0) {
            throw new IllegalArgumentException("cluster-min-size must be >= 0, was " + clusterMinSize);
        }
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backup-count must be 0..6, was " + backupCount);
        }
        if (timerPeriodMillis < 10) {
            throw new IllegalArgumentException("timer-period-millis must be >= 10, was " + timerPeriodMillis);
        }
        checkClusterInterface(clusterInterface, clusterMembers);
        if (clusterBusPort < 0 || clusterBusPort > 65535) {
            throw new IllegalArgumentException("cluster-bus-port must be 0..65535, was " + clusterBusPort);
        }
        if (maxUploadBytesPerAttempt < 1) {
            throw new IllegalArgumentException("max-upload-bytes-per-attempt must be positive, was "
                    + maxUploadBytesPerAttempt);
        }
        if (staffAccessMinutes < 1 || staffAccessMinutes > 60) {
            throw new IllegalArgumentException("staff-access-minutes must be 1..60, was " + staffAccessMinutes);
        }
        if (staffSessionHours < 1 || staffSessionHours > 24) {
            throw new IllegalArgumentException("staff-session-hours must be 1..24, was " + staffSessionHours);
        }
        checkTls(tlsCertFile, tlsKeyFile, httpRedirectPort, httpPort, hstsSeconds);
        if (resultRecoverySeconds < 1) {
            throw new IllegalArgumentException("result-recovery-seconds must be >= 1, was " + resultRecoverySeconds);
        }
        if (clusterJoinWaitSeconds < 0 || clusterJoinWaitSeconds > 60) {
            throw new IllegalArgumentException("cluster-join-wait-seconds must be 0..60, was " + clusterJoinWaitSeconds);
        }
        if (reviewWindowDays < 1 || reviewWindowDays > 366) {
            throw new IllegalArgumentException("review-window-days must be 1..366, was " + reviewWindowDays);
        }
        if (seatChangeGraceMillis < 0 || seatChangeGraceMillis > 60_000) {
            throw new IllegalArgumentException("seat-change-grace-millis must be 0..60000, was "
                    + seatChangeGraceMillis);
        }
    }

    /** The built-in defaults: the embedded single node on port 8080 with its H2 file under ./data. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 8080, 8081, "", "examcore", 5701, List.of(), "", "sa", "", "", 8,
                "./data", 1, "", "admin", "", 15, 500, 256 * 1024, 64L << 20, false, 120, 1, 5, 0, "", List.of(), 1, 5000,
                "127.0.0.1", "", "127.0.0.1", 0, List.of(), 128L << 20, "", 15, 12, "", "", -1, 15_552_000L, 60, 15, 5);
    }

    /**
     * Defaults, then the properties file named by {@code EXAMCORE_CONFIG} (if any), then the environment.
     *
     * @throws IllegalArgumentException naming the key and the value when one does not parse
     */
    public static ServerConfig load(Map<String, String> env) {
        ServerConfig configured = defaults().with(ConfigReader.load(ENV_PREFIX, env));
        return configured.demo() ? demoDefaults().with(ConfigReader.load(ENV_PREFIX, env)) : configured;
    }

    /**
     * The demo's defaults under the file and the environment: this computer only ({@code host} 127.0.0.1; serving
     * the network is a deliberate {@code --lan} or {@code host}) and HTTPS's conventional 8443, since the demo serves
     * its own certificate. HSTS for an hour only: a browser that trusted the demo's certificate applies it to the host
     * name, {@code localhost} included, whatever the port, and a trial should not turn a developer's other
     * {@code http://localhost} servers into https for half a year.
     */
    public static ServerConfig demoDefaults() {
        return defaults().with(Map.of("demo", "true", "host", "127.0.0.1", "http-port", "8443",
                "hsts-seconds", "3600"));
    }

    /** This configuration with the given kebab-case keys replaced; unknown keys are an error. */
    public ServerConfig with(Map<String, String> overrides) {
        return with(ConfigReader.of(overrides));
    }

    private ServerConfig with(ConfigReader r) {
        return r.done(new ServerConfig(
                r.text("host", host),
                r.integer("http-port", httpPort),
                r.integer("management-port", managementPort),
                r.text("public-url", publicUrl),
                r.text("cluster-name", clusterName),
                r.integer("cluster-port", clusterPort),
                r.list("cluster-members", clusterMembers),
                r.text("db-url", dbUrl),
                r.text("db-user", dbUser),
                r.text("db-password", dbPassword),
                r.text("db-schema", dbSchema),
                r.integer("db-pool-size", dbPoolSize),
                r.text("data-dir", dataDir),
                r.integer("write-delay-seconds", writeDelaySeconds),
                r.text("jwt-secret", jwtSecret),
                r.text("admin-user", adminUser),
                r.text("admin-password", adminPassword),
                r.integer("heartbeat-gap-seconds", heartbeatGapSeconds),
                r.integer("timer-period-millis", timerPeriodMillis),
                r.integer("max-message-bytes", maxMessageBytes),
                r.longInteger("max-upload-bytes", maxUploadBytes),
                r.bool("demo", demo),
                r.integer("demo-lead-seconds", demoLeadSeconds),
                r.integer("cluster-heartbeat-seconds", clusterHeartbeatSeconds),
                r.integer("cluster-max-no-heartbeat-seconds", clusterMaxNoHeartbeatSeconds),
                r.integer("cluster-min-size", clusterMinSize),
                r.text("cluster-public-address", clusterPublicAddress),
                r.list("seat-socket-urls", seatSocketUrls),
                r.integer("backup-count", backupCount),
                r.integer("seat-change-grace-millis", seatChangeGraceMillis),
                r.text("management-host", managementHost),
                r.text("management-token", managementToken),
                r.text("cluster-interface", clusterInterface),
                r.integer("cluster-bus-port", clusterBusPort),
                r.list("trusted-proxies", trustedProxies),
                r.longInteger("max-upload-bytes-per-attempt", maxUploadBytesPerAttempt),
                r.text("paper-secret", paperSecret),
                r.integer("staff-access-minutes", staffAccessMinutes),
                r.integer("staff-session-hours", staffSessionHours),
                r.text("tls-cert-file", tlsCertFile),
                r.text("tls-key-file", tlsKeyFile),
                r.integer("http-redirect-port", httpRedirectPort),
                r.longInteger("hsts-seconds", hstsSeconds),
                r.integer("result-recovery-seconds", resultRecoverySeconds),
                r.integer("review-window-days", reviewWindowDays),
                r.integer("cluster-join-wait-seconds", clusterJoinWaitSeconds)));
    }

    /**
     * The pair is configured together or not at all (a certificate without its key, or the reverse, is a typo that
     * would otherwise start a plain-HTTP node); whether the files exist and belong together is checked when the node
     * reads them ({@link #servingCertificate()}).
     */
    private static void checkTls(String cert, String key, int redirectPort, int httpPort, long hstsSeconds) {
        if (cert.isBlank() != key.isBlank()) {
            throw new IllegalArgumentException((cert.isBlank() ? "tls-cert-file" : "tls-key-file") + " is missing: "
                    + "tls-cert-file and tls-key-file are set together (the certificate chain and its private key, "
                    + "PEM) or not at all");
        }
        if (redirectPort < -1 || redirectPort > 65535) {
            throw new IllegalArgumentException("http-redirect-port must be -1 (none) or 0..65535, was " + redirectPort);
        }
        if (redirectPort >= 0 && cert.isBlank()) {
            throw new IllegalArgumentException("http-redirect-port needs TLS: it redirects to the HTTPS port, so set "
                    + "tls-cert-file and tls-key-file, or remove http-redirect-port");
        }
        if (redirectPort > 0 && redirectPort == httpPort) {
            throw new IllegalArgumentException("http-redirect-port must differ from http-port (" + httpPort + ")");
        }
        if (hstsSeconds < 0) {
            throw new IllegalArgumentException("hsts-seconds must be >= 0, was " + hstsSeconds);
        }
    }

    /** True when the public port serves HTTPS itself. */
    public boolean tls() {
        return !tlsCertFile.isBlank();
    }

    /**
     * The certificate and key of the public port, read and checked (files readable, key owner-only and the
     * certificate's own).
     *
     * @throws IllegalArgumentException naming {@code tls-cert-file} or {@code tls-key-file}
     * @throws IllegalStateException when TLS is not configured
     */
    public ServingCertificate servingCertificate() {
        if (!tls()) {
            throw new IllegalStateException("TLS is not configured (tls-cert-file, tls-key-file)");
        }
        return TlsFiles.serving("tls-cert-file", tlsCertFile, "tls-key-file", tlsKeyFile);
    }

    /**
     * The cluster interface is one literal address of this host: a wildcard would put the member and the event bus on
     * every network the host has (the access network included), and a host name may resolve to the wrong one.
     */
    private static void checkClusterInterface(String address, List<String> members) {
        if (!LITERAL_IP.matcher(address).matches()) {
            throw new IllegalArgumentException("cluster-interface must be this node's IP address on the cluster "
                    + "network (e.g. 10.20.0.11), was '" + address + "'");
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cluster-interface '" + address + "' is not an IP address", e);
        }
        if (ip.isAnyLocalAddress()) {
            throw new IllegalArgumentException("cluster-interface must not be a wildcard (" + address + "): it would "
                    + "open the cluster port on every network of the host; give the address on the cluster network");
        }
        if (ip.isLoopbackAddress()) {
            for (String member : members) {
                String host = member.contains(":") && member.indexOf(':') == member.lastIndexOf(':')
                        ? member.substring(0, member.indexOf(':')) : member;
                if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
                    throw new IllegalArgumentException("cluster-interface is the loopback address " + address
                            + " but cluster-members names another host (" + member + "): set cluster-interface to "
                            + "this node's address on the cluster network");
                }
            }
        }
    }

    /**
     * The member count below which writes are refused: {@code cluster-min-size} when set, else a majority of the
     * configured member list (a lone node with no list needs only itself).
     */
    public int effectiveClusterMinSize() {
        if (clusterMinSize > 0) {
            return clusterMinSize;
        }
        return clusterMembers.size() / 2 + 1;
    }

    /** True when no JDBC URL is configured and the node runs on its embedded H2 file. */
    public boolean embeddedDatabase() {
        return dbUrl.isBlank();
    }

    /** The JDBC URL actually used. */
    public String effectiveDbUrl() {
        if (!embeddedDatabase()) {
            return dbUrl;
        }
        Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("examcore");
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The database pool's own settings. */
    public DatabaseSettings database() {
        return new DatabaseSettings(effectiveDbUrl(), dbUser, dbPassword, dbSchema, dbPoolSize);
    }

    /** A one-line form for the start-up log with every secret replaced by stars. */
    public String redacted() {
        String line = ConfigReader.redacted(this, SECRETS);
        // A JDBC URL may carry the credentials itself (//user:pw@host, ?password=): the URL is shown, they are not.
        return dbUrl.isEmpty() ? line : line.replace("dbUrl=" + dbUrl, "dbUrl=" + DatabaseSettings.redactUrl(dbUrl));
    }
}
