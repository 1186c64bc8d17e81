package cn.examcore.proctor.config;

import cn.examcore.proctor.rules.RulesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The console's whole configuration, parsed once at start like exam-server's {@code ServerConfig}: defaults, then
 * the properties file named by {@code CONSOLE_CONFIG}, then {@code CONSOLE_*} environment variables (kebab-case
 * keys in the file, upper snake case after the prefix in the environment).
 *
 * @param host           interface the HTTP server binds to
 * @param httpPort       the console's HTTP port; 0 picks a free one (tests)
 * @param clusterName    the exam-server cluster's Hazelcast name
 * @param clusterPort    this lite member's Hazelcast port (auto-increments when taken)
 * @param clusterMembers exam-server members to join ("host" or "host:port")
 * @param examServers    base URLs of exam-server nodes for REST ({@code /api/*}, {@code /admin/}); the first that
 *                       answers is used
 * @param jwtSecret      the HS256 secret shared with exam-server, to verify staff tokens on the live streams (secret)
 * @param flushMillis    how often the live streams send their coalesced batch
 * @param reorderMillis  how long events wait so that the rules engine sees them in server-time order
 * @param rulesFile      the rules engine's thresholds (JSON or properties); empty: built-in defaults
 * @param streamTicketSeconds how long a one-time live-stream ticket stays valid after it is issued
 * @param similaritySeconds how often the answer-similarity detector runs on each served sitting (until its run after
 *                       every attempt was submitted); 0: only on demand
 */
public record ConsoleConfig(String host, int httpPort, String clusterName, int clusterPort,
                            List<String> clusterMembers, List<URI> examServers, String jwtSecret, int flushMillis,
                            int reorderMillis, String rulesFile, int streamTicketSeconds, int similaritySeconds) {

    private static final String PREFIX = "CONSOLE_";

    public ConsoleConfig {
        clusterMembers = List.copyOf(clusterMembers);
        examServers = List.copyOf(examServers);
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http-port must be 0..65535, was " + httpPort);
        }
        if (examServers.isEmpty()) {
            throw new IllegalArgumentException("exam-servers must name at least one exam-server base URL");
        }
        for (URI u : examServers) {
            if (u.getHost() == null || !"http".equals(u.getScheme())) {
                throw new IllegalArgumentException("exam-servers: not an http://host:port URL (TLS ends at the "
                        + "load balancer): " + u);
            }
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

    /** Port 8090, joining an exam-server on this host (cluster "examcore", REST on 8080); similarity every 5 min. */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig("0.0.0.0", 8090, "examcore", 5701, List.of(),
                List.of(URI.create("http://127.0.0.1:8080")), "", 250, 800, "", 30, 300);
    }

    /** Defaults, then the file named by {@code CONSOLE_CONFIG}, then the environment. */
    public static ConsoleConfig load(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        String file = env.get(PREFIX + "CONFIG");
        if (file != null && !file.isBlank()) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            p.forEach((k, v) -> values.put(k.toString().strip(), v.toString().strip()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals(PREFIX + "CONFIG")) {
                values.put(k.substring(PREFIX.length()).toLowerCase().replace('_', '-'), v.strip());
            }
        });
        return defaults().with(values);
    }

    /** This configuration with the given kebab-case keys replaced; an unknown key is an error. */
    public ConsoleConfig with(Map<String, String> overrides) {
        Map<String, String> r = new LinkedHashMap<>(overrides);
        ConsoleConfig c = new ConsoleConfig(
                take(r, "host", host, Function.identity()),
                take(r, "http-port", httpPort, Integer::parseInt),
                take(r, "cluster-name", clusterName, Function.identity()),
                take(r, "cluster-port", clusterPort, Integer::parseInt),
                take(r, "cluster-members", clusterMembers, ConsoleConfig::list),
                take(r, "exam-servers", examServers, t -> list(t).stream().map(URI::create).toList()),
                take(r, "jwt-secret", jwtSecret, Function.identity()),
                take(r, "flush-millis", flushMillis, Integer::parseInt),
                take(r, "reorder-millis", reorderMillis, Integer::parseInt),
                take(r, "rules-file", rulesFile, Function.identity()),
                take(r, "stream-ticket-seconds", streamTicketSeconds, Integer::parseInt),
                take(r, "similarity-seconds", similaritySeconds, Integer::parseInt));
        if (!r.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration keys: " + r.keySet());
        }
        return c;
    }

    /** The rules thresholds: the configured file, or the built-in defaults. */
    public RulesConfig rules() {
        return rulesFile.isBlank() ? RulesConfig.defaults() : RulesConfig.load(Path.of(rulesFile));
    }

    /** A one-line form for the start-up log with the secret replaced by stars. */
    public String redacted() {
        return new ConsoleConfig(host, httpPort, clusterName, clusterPort, clusterMembers, examServers,
                jwtSecret.isEmpty() ? "" : "****", flushMillis, reorderMillis, rulesFile, streamTicketSeconds,
                similaritySeconds).toString();
    }

    private static <T> T take(Map<String, String> r, String key, T fallback, Function<String, T> parse) {
        String v = r.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + key + ": cannot read '" + v + "'", e);
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
