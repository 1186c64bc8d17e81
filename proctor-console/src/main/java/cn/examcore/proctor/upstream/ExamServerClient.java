package cn.examcore.proctor.upstream;

import cn.examcore.contract.StaffIdentity;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's way to exam-server, which it reaches over HTTP only (it is no cluster member and holds no token
 * secret):
 * <ul>
 *   <li>who a browser's bearer token belongs to: {@code GET /api/staff/me} with that token, the answer kept per
 *   token hash for {@link #IDENTITY_TTL_MILLIS} (at most {@link #IDENTITY_CACHE_SIZE} tokens), never beyond the
 *   token's own expiry;</li>
 *   <li>the console's own reads (stored events, objective answers, attempts, the upstream stream) as its service
 *   account: a read-only OBSERVER staff account that logs in through exam-server's normal staff login, its token
 *   renewed well before it expires and once more when exam-server says it is no longer good.</li>
 * </ul>
 * Used from the console verticle's event loop.
 */
public final class ExamServerClient {

    /** How long an identity answer is reused: a revoked account keeps its console access at most this long. */
    public static final long IDENTITY_TTL_MILLIS = 30_000;
    /** Tokens remembered at once; the least recently used goes first. */
    public static final int IDENTITY_CACHE_SIZE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ExamServerClient.class);

    private final Vertx vertx;
    private final List<URI> servers;
    private final HttpClientOptions options;
    private final String serviceUser;
    private final String servicePassword;
    private final LongSupplier clock;
    private final HttpClient client;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Cached> identities = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > IDENTITY_CACHE_SIZE;
        }
    };
    private Future<ServiceToken> service;
    private long renewTimer = -1;

    /**
     * @param options how to reach the nodes (TLS and the certificates trusted for {@code https://} ones); every client
     *                the console opens to exam-server starts from these ({@link #clientOptions()})
     */
    public ExamServerClient(Vertx vertx, List<URI> servers, HttpClientOptions options, String serviceUser,
                            String servicePassword, LongSupplier clock) {
        this.vertx = vertx;
        this.servers = List.copyOf(servers);
        this.serviceUser = serviceUser;
        this.servicePassword = servicePassword;
        this.clock = clock;
        this.options = new HttpClientOptions(options);
        this.client = vertx.createHttpClient(new HttpClientOptions(options).setDecompressionSupported(true));
    }

    /** A copy of the options every client to exam-server starts from (the proxy's and the live stream's). */
    public HttpClientOptions clientOptions() {
        return new HttpClientOptions(options);
    }

    /** The next exam-server node, in turn. */
    public SocketAddress origin() {
        URI u = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
        int port = u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
        return SocketAddress.inetSocketAddress(port, u.getHost());
    }

    /** The HTTP client the console's requests to exam-server share (the proxy and the stream use their own). */
    public HttpClient http() {
        return client;
    }

    /**
     * Who this bearer token belongs to, from exam-server ({@code GET /api/staff/me}) or from the short cache. Fails
     * with {@link Refused} carrying exam-server's answer (401 {@code BAD_TOKEN}, {@code STALE_TOKEN} …); a cached
     * identity whose token has expired since fails with 401 {@code STALE_TOKEN} without asking.
     */
    public Future<StaffIdentity> identify(String token) {
        String key = hash(token);
        long now = clock.getAsLong();
        Cached c;
        synchronized (identities) {
            c = identities.get(key);
        }
        if (c != null && now - c.at < IDENTITY_TTL_MILLIS) {
            if (c.identity.expiresAt() <= now) {
                return Future.failedFuture(new Refused(401, Json.encode(Map.of("code", "STALE_TOKEN",
                        "message", "the staff token has expired; log in again", "details",
                        Map.of("field", "token")))));
            }
            return Future.succeededFuture(c.identity);
        }
        return get("/api/staff/me", token).map(body -> {
            StaffIdentity id = Json.mapper().convertValue(body, StaffIdentity.class);
            synchronized (identities) {
                identities.put(key, new Cached(id, now));
            }
            return id;
        });
    }

    /** GET with the given token; anything but 200 fails with {@link Refused}, an unreachable server with 503. */
    public Future<JsonNode> get(String uri, String token) {
        SocketAddress o = origin();
        RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setServer(o).setHost(o.host())
                .setPort(o.port()).setURI(uri).putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return client.request(req).compose(r -> r.send().compose(resp -> resp.body().map(body -> {
            if (resp.statusCode() != 200) {
                throw new Refused(resp.statusCode(), body.toString());
            }
            return Json.tree(body.toString());
        }))).recover(e -> Future.failedFuture(e instanceof Refused ? e : unreachable(uri, e)));
    }

    /**
     * GET as the console's service account. A 401 (the token was refused although it should still be good: the
     * account was re-created, exam-server's secret changed) logs in again once and repeats the request.
     */
    public Future<JsonNode> serviceGet(String uri) {
        return serviceToken().compose(t -> get(uri, t).recover(e -> {
            if (e instanceof Refused r && r.status() == 401) {
                LOG.warn("exam-server refused the service token for {}: logging in again", uri);
                forgetServiceToken();
                return serviceToken().compose(fresh -> get(uri, fresh));
            }
            return Future.failedFuture(e);
        }));
    }

    /** The service account's current token, logging in first when there is none (or the last login failed). */
    public Future<String> serviceToken() {
        Future<ServiceToken> s = service;
        if (s == null || s.failed()) {
            s = login();
            service = s;
        }
        return s.map(ServiceToken::token);
    }

    /** Drops the service token exam-server no longer accepts; the next use logs in again. */
    public void forgetServiceToken() {
        service = null;
    }

    /** Stops renewing the service token. */
    public void close() {
        vertx.cancelTimer(renewTimer);
        client.close();
    }

    private Future<ServiceToken> login() {
        if (servicePassword.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("no service-password configured for the console's "
                    + "service account " + serviceUser));
        }
        Promise<ServiceToken> done = Promise.promise();
        SocketAddress o = origin();
        RequestOptions req = new RequestOptions().setMethod(HttpMethod.POST).setServer(o).setHost(o.host())
                .setPort(o.port()).setURI("/api/admin/login")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        String body = Json.encode(Map.of("username", serviceUser, "password", servicePassword));
        client.request(req).compose(r -> r.send(Buffer.buffer(body)).compose(resp -> resp.body().map(b -> {
            if (resp.statusCode() != 200) {
                throw new Refused(resp.statusCode(), b.toString());
            }
            return Json.tree(b.toString()).path("token").asText();
        }))).compose(token -> get("/api/staff/me", token).map(me -> {
            StaffIdentity id = Json.mapper().convertValue(me, StaffIdentity.class);
            if (id.mayAct()) {
                // Not fatal, but the console would then hold a key that can act in every room.
                LOG.warn("the console's service account {} has role {}, which may act: give it the read-only "
                        + "role OBSERVER", serviceUser, id.role());
            }
            return new ServiceToken(token, id.expiresAt());
        })).onComplete(ar -> {
            if (ar.succeeded()) {
                scheduleRenewal(ar.result());
                LOG.info("logged in to exam-server as service account {}; token valid until {}", serviceUser,
                        java.time.Instant.ofEpochMilli(ar.result().expiresAt()));
                done.complete(ar.result());
            } else {
                LOG.warn("service account {} could not log in to exam-server: {}", serviceUser,
                        ar.cause().getMessage());
                done.fail(ar.cause());
            }
        });
        return done.future();
    }

    /** Renews at four fifths of the token's remaining life (at least a minute ahead for a staff token's hours). */
    private void scheduleRenewal(ServiceToken t) {
        vertx.cancelTimer(renewTimer);
        long left = t.expiresAt() - clock.getAsLong();
        long in = Math.max(1_000, Math.min(left - 60_000, left * 4 / 5));
        renewTimer = vertx.setTimer(in, id -> login().onSuccess(fresh -> service = Future.succeededFuture(fresh)));
    }

    private static Refused unreachable(String uri, Throwable e) {
        return new Refused(503, Json.encode(Map.of("code", "UNAVAILABLE", "message",
                "exam-server could not be reached for " + uri + ": " + e.getMessage(), "details",
                Map.of("field", "exam-servers"))));
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Cached(StaffIdentity identity, long at) {
    }

    private record ServiceToken(String token, long expiresAt) {
    }
}
