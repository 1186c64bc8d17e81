package cn.examcore.proctor.config;

import cn.examcore.platform.config.ConfigReader;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.platform.tls.TlsFiles;
import cn.examcore.proctor.rules.RulesConfig;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's whole configuration, parsed once at start by the platform's {@link ConfigReader}, as exam-server's
 * is: defaults, then the properties file named by {@code CONSOLE_CONFIG}, then {@code CONSOLE_*} environment
 * variables (kebab-case keys in the file, upper snake case after the prefix in the environment).
 *
 * <p>The console is not a member of the exam-server cluster and holds no token secret: the keys of its lite-member
 * days ({@code jwt-secret}, {@code cluster-name}, {@code cluster-port}, {@code cluster-members}) are refused with
 * a message saying so, rather than silently kept in a file where a secret would sit for nothing.
 *
 * @param host           interface the HTTP server binds to
 * @param httpPort       the console's HTTP port; 0 picks a free one (tests)
 * @param managementPort {@code /health}, {@code /ready}, {@code /metrics}; 0 picks a free one, -1 switches it off
 * @param examServers    base URLs of exam-server nodes ({@code /api/*}, {@code /admin/}, the live stream); used in
 *                       turn
 * @param serviceUser    the console's own read-only (OBSERVER) staff account on exam-server, for its upstream stream,
 *                       stored events and objective answers
 * @param servicePassword that account's password (secret)
 * @param flushMillis    how often the live streams send their coalesced batch
 * @param reorderMillis  how long events wait so that the rules engine sees them in server-time order
 * @param rulesFile      the rules engine's thresholds (JSON or properties); empty: built-in defaults
 * @param streamTicketSeconds how long a one-time live-stream ticket stays valid after it is issued
 * @param similaritySeconds how often the answer-similarity detector runs on each served sitting (until its run after
 *                       every attempt was submitted); 0: only on demand
 * @param examServerCaFile PEM certificate(s) trusted for {@code https://} exam-servers instead of the JVM's CAs: the
 *                       site's own CA, or a node's self-signed certificate (the demo's); empty: the JVM's CAs
 * @param tlsCertFile    PEM certificate chain the console's own port serves HTTPS with; empty: plain HTTP
 * @param tlsKeyFile     its private key (PEM, unencrypted, readable by the owner only); set with {@code tls-cert-file}
 */
public record ConsoleConfig(String host, int httpPort, int managementPort, List<URI> examServers,
                            String serviceUser, String servicePassword, int flushMillis, int reorderMillis,
                            String rulesFile, int streamTicketSeconds, int similaritySeconds,
                            String examServerCaFile, String tlsCertFile, String tlsKeyFile) {

    private static final String PREFIX = "CONSOLE_";
    /** Keys of the lite-member console, refused with the reason. */
    private static final List<String> RETIRED = List.of("jwt-secret", "cluster-name", "cluster-port",
            "cluster-members");

    public ConsoleConfig {
        examServers = List.copyOf(examServers);
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http-port must be 0..65535, was " + httpPort);
        }
        if (managementPort < -1 || managementPort > 65535) {
            throw new IllegalArgumentException("management-port must be -1 (off) or 0..65535, was "
                    + managementPort);
        }
        if (serviceUser == null || serviceUser.isBlank()) {
            throw new IllegalArgumentException("service-user must name the console's OBSERVER account on exam-server"
                    + " (create it with POST /api/admin/staff {role: OBSERVER})");
        }
        if (servicePassword == null) {
            servicePassword = "";
        }
        if (examServers.isEmpty()) {
            throw new IllegalArgumentException("exam-servers must name at least one exam-server base URL");
        }
        for (URI u : examServers) {
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException("exam-servers: not an http://host:port or https://host:port URL: "
                        + u);
            }
            if (!u.getScheme().equals(examServers.get(0).getScheme())) {
                throw new IllegalArgumentException("exam-servers: every node is reached the same way (all https:// or"
                        + " all http://), but " + u + " differs from " + examServers.get(0));
            }
        }
        if (examServerCaFile == null) {
            examServerCaFile = "";
        }
        if (!examServerCaFile.isBlank() && !"https".equals(examServers.get(0).getScheme())) {
            throw new IllegalArgumentException("exam-server-ca-file is set but exam-servers are http:// ("
                    + examServers.get(0) + "): use https:// addresses, or remove exam-server-ca-file");
        }
        if (tlsCertFile == null) {
            tlsCertFile = "";
        }
        if (tlsKeyFile == null) {
            tlsKeyFile = "";
        }
        if (tlsCertFile.isBlank() != tlsKeyFile.isBlank()) {
            throw new IllegalArgumentException((tlsCertFile.isBlank() ? "tls-cert-file" : "tls-key-file")
                    + " is missing: tls-cert-file and tls-key-file are set together (the certificate chain and its "
                    + "private key, PEM) or not at all");
        }
        if (flushMillis < 20 || flushMillis > 1000) {
            throw new IllegalArgumentException("flush-millis must be 20..1000, was " + flushMillis);
        }
        if (reorderMillis < 0 || reorderMillis > 1500) {
            throw new IllegalArgumentException("reorder-millis must be 0..1500, was " + reorderMillis);
        }
        if (streamTicketSeconds < 1 || streamTicketSeconds > 300) {
            throw new IllegalArgumentException("stream-ticket-seconds must be 1..300, was " + streamTicketSeconds);
        }
        if (similaritySeconds != 0 && (similaritySeconds < 10 || similaritySeconds > 3600)) {
            throw new IllegalArgumentException("similarity-seconds must be 0 (on demand only) or 10..3600, was "
                    + similaritySeconds);
        }
    }

    /** Port 8090 (management 8091), an exam-server on this host (8080), service account {@code proctor-console}. */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig("0.0.0.0", 8090, 8091, List.of(URI.create("http://127.0.0.1:8080")),
                "proctor-console", "", 250, 800, "", 30, 300, "", "", "");
    }

    /** Defaults, then the file named by {@code CONSOLE_CONFIG}, then the environment. */
    public static ConsoleConfig load(Map<String, String> env) {
        return defaults().with(ConfigReader.load(PREFIX, env));
    }

    /** This configuration with the given kebab-case keys replaced; an unknown key is an error. */
    public ConsoleConfig with(Map<String, String> overrides) {
        return with(ConfigReader.of(overrides));
    }

    private ConsoleConfig with(ConfigReader r) {
        List<String> retired = r.present(RETIRED);
        if (!retired.isEmpty()) {
            throw new IllegalArgumentException("configuration keys " + retired + " are no longer used: the console is "
                    + "not a cluster member and holds no token secret; it authenticates staff through exam-server's "
                    + "GET /api/staff/me and reads as its service account (service-user, service-password). Remove "
                    + "them (and CONSOLE_JWT_SECRET from the environment)");
        }
        return r.done(new ConsoleConfig(
                r.text("host", host),
                r.integer("http-port", httpPort),
                r.integer("management-port", managementPort),
                r.list("exam-servers", examServers, URI::create),
                r.text("service-user", serviceUser),
                r.text("service-password", servicePassword),
                r.integer("flush-millis", flushMillis),
                r.integer("reorder-millis", reorderMillis),
                r.text("rules-file", rulesFile),
                r.integer("stream-ticket-seconds", streamTicketSeconds),
                r.integer("similarity-seconds", similaritySeconds),
                r.text("exam-server-ca-file", examServerCaFile),
                r.text("tls-cert-file", tlsCertFile),
                r.text("tls-key-file", tlsKeyFile)));
    }

    /** True when the console's own port serves HTTPS. */
    public boolean tls() {
        return !tlsCertFile.isBlank();
    }

    /**
     * The console port's certificate and key, read and checked.
     *
     * @throws IllegalArgumentException naming {@code tls-cert-file} or {@code tls-key-file}
     */
    public ServingCertificate servingCertificate() {
        return TlsFiles.serving("tls-cert-file", tlsCertFile, "tls-key-file", tlsKeyFile);
    }

    /**
     * How the console's clients reach exam-server: TLS for {@code https://} nodes, with the host name checked, trusting
     * {@code exam-server-ca-file} when it is set (else the JVM's CAs).
     *
     * @throws IllegalArgumentException naming {@code exam-server-ca-file} when it cannot be read
     */
    public HttpClientOptions examServerClient() {
        HttpClientOptions options = new HttpClientOptions();
        if ("https".equals(examServers.get(0).getScheme())) {
            options.setSsl(true).setVerifyHost(true);
            if (!examServerCaFile.isBlank()) {
                options.setTrustOptions(TlsFiles.trust("exam-server-ca-file", examServerCaFile));
            }
        }
        return options;
    }

    /** The rules thresholds: the configured file, or the built-in defaults. */
    public RulesConfig rules() {
        return rulesFile.isBlank() ? RulesConfig.defaults() : RulesConfig.load(Path.of(rulesFile));
    }

    /** A one-line form for the start-up log with the secret replaced by stars. */
    public String redacted() {
        return ConfigReader.redacted(this, Set.of("servicePassword"));
    }
}
