package cn.examcore.server.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Posts seat-agent events to {@code POST /api/agent/events} with the sitting's agent key, in batches of at most
 * {@value #MAX_BATCH} (the server's limit). Blocking, on the JDK {@link HttpClient}: an agent is a small process
 * of its own, not part of an event loop.
 *
 * <p>By default only a loopback server is accepted, so that a simulator pointed at the wrong address cannot
 * flood a live sitting with invented misconduct evidence; pass {@code allowRemote} to lift that.
 */
public final class SeatAgentClient {

    /** The server refuses larger batches. */
    public static final int MAX_BATCH = 100;
    /** The endpoint path, relative to the base URL. */
    public static final String PATH = "/api/agent/events";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String agentKey;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUrl     the server, e.g. {@code http://127.0.0.1:8080}
     * @param agentKey    the agent key an administrator issued for the sitting
     * @param allowRemote false to refuse any host that is not a loopback address
     * @throws IllegalArgumentException for a bad URL or key, or a non-loopback host without {@code allowRemote}
     */
    public SeatAgentClient(URI baseUrl, String agentKey, boolean allowRemote) {
        // HTTP/1.1: a plain-text h2c upgrade on a POST buys nothing for small batches and confuses some proxies.
        this(baseUrl, agentKey, allowRemote, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(10));
    }

    /** As {@link #SeatAgentClient(URI, String, boolean)} with a given HTTP client and per-request timeout. */
    public SeatAgentClient(URI baseUrl, String agentKey, boolean allowRemote, HttpClient http, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("base URL must start with http:// or https://, was " + baseUrl);
        }
        String host = baseUrl.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("base URL has no host: " + baseUrl);
        }
        if (!allowRemote && !isLoopback(host)) {
            throw new IllegalArgumentException("refusing to send events to " + host
                    + ", which is not a loopback address; pass --allow-remote (allowRemote) if that is intended");
        }
        if (agentKey == null || agentKey.isBlank() || agentKey.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("agent key must be non-empty and hold no spaces or control characters");
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + PATH);
        this.agentKey = agentKey;
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The URL events are posted to. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends the events in order, {@value #MAX_BATCH} per request, and returns how many the server accepted.
     * Stops at the first refused batch: earlier batches stay stored on the server.
     *
     * @throws AgentException when a batch is refused or the server cannot be reached
     */
    public int send(List<AgentEvent> events) throws AgentException, InterruptedException {
        Objects.requireNonNull(events, "events");
        int accepted = 0;
        for (int from = 0; from < events.size(); from += MAX_BATCH) {
            List<AgentEvent> batch = events.subList(from, Math.min(events.size(), from + MAX_BATCH));
            try {
                accepted += sendBatch(batch);
            } catch (AgentException e) {
                throw new AgentException("batch of events " + from + ".." + (from + batch.size() - 1)
                        + " failed after " + accepted + " accepted: " + e.getMessage(), e.status(), e.body(), e);
            }
        }
        return accepted;
    }

    /** Sends one batch of 1 to {@value #MAX_BATCH} events; returns the server's {@code accepted} count. */
    public int sendBatch(List<AgentEvent> batch) throws AgentException, InterruptedException {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " events, not " + batch.size());
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", "Bearer " + agentKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(batch), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AgentException("cannot reach " + endpoint + ": " + e, 0, "", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AgentException("server answered HTTP " + response.statusCode() + ": " + response.body(),
                    response.statusCode(), response.body(), null);
        }
        try {
            JsonNode accepted = JSON.readTree(response.body()).get("accepted");
            return accepted != null && accepted.canConvertToInt() ? accepted.intValue() : batch.size();
        } catch (JsonProcessingException e) {
            throw new AgentException("server answered HTTP " + response.statusCode() + " with a body that is not JSON: "
                    + response.body(), response.statusCode(), response.body(), e);
        }
    }

    static String body(List<AgentEvent> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode events = root.putArray("events");
        for (AgentEvent event : batch) {
            ObjectNode node = events.addObject();
            node.put("seatCode", event.seatCode());
            node.put("kind", event.kind().name());
            ObjectNode detail = node.putObject("detail");
            for (Map.Entry<String, String> e : event.detail().entrySet()) {
                detail.put(e.getKey(), e.getValue());
            }
            node.put("observedAt", event.observedAt());
        }
        return root.toString();
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }
}
