package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.StaffIdentity;
import cn.examcore.platform.json.Json;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.proctoring.LiveWatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff outside the cluster (the proctor console, a proctor's browser) watch sittings over server-sent events, and
 * ask who a token belongs to, so that nothing but exam-server needs the token secret or a cluster membership.
 * <ul>
 *   <li>{@code GET /api/staff/me}: the caller's {@link StaffIdentity}</li>
 *   <li>{@code GET /api/proctor/live[?sittingId=]}: {@code event: seat-event | audit | progress} with the contract
 *   record's JSON as {@code data} (seat events and audit records carry their id as the SSE {@code id}), a
 *   {@code : heartbeat} comment every {@link #HEARTBEAT_MILLIS}, and a last {@code event: end} with
 *   {@code {reason, message}} before the server closes the stream: {@code TOKEN_EXPIRED}, {@code SLOW_READER}
 *   (more than {@link #MAX_BUFFERED_BYTES} waiting for the client), {@code SHUTDOWN}</li>
 * </ul>
 * There is no replay: a client that reconnects re-reads the sitting's stored events
 * ({@code GET /api/proctor/sittings/{id}/events}), as the console does, and merges them by event id.
 */
final class LiveStreamApi {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreamApi.class);

    /** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
    static final long HEARTBEAT_MILLIS = 15_000;
    /** What one stream may hold unsent before it is cut off: a slow reader must not cost the node memory. */
    static final int MAX_BUFFERED_BYTES = 2 * 1024 * 1024;

    private final Vertx vertx;
    private final LongSupplier clock;
    private final LiveWatch watch;
    private final Set<Stream> open = new HashSet<>();

    LiveStreamApi(Vertx vertx, LongSupplier clock, LiveWatch watch) {
        this.vertx = vertx;
        this.clock = clock;
        this.watch = watch;
    }

    Future<Void> start() {
        return watch.start();
    }

    /** Ends every open stream with {@code SHUTDOWN}, so clients reconnect to another node at once. */
    Future<Void> stop() {
        List.copyOf(open).forEach(x -> x.end("SHUTDOWN", "this node is stopping; reconnect"));
        return watch.stop();
    }

    /** {@code GET /api/staff/me}. */
    void me(RoutingContext ctx) {
        Replies.ok(ctx, identity(StaffAuth.claims(ctx)));
    }

    static StaffIdentity identity(StaffClaims c) {
        return new StaffIdentity(c.username(), c.role().name(), new ArrayList<>(c.roomIds()),
                c.role().seesEveryRoom(), c.role().mayAct(), c.issuedAt().toEpochMilli(),
                c.expiresAt().toEpochMilli());
    }

    /** {@code GET /api/proctor/live[?sittingId=]}. */
    void stream(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        String sittingId = ctx.request().getParam("sittingId");
        watch.scope(staff, sittingId == null || sittingId.isBlank() ? null : sittingId.strip())
                .onSuccess(scope -> open(ctx, staff, scope))
                .onFailure(ctx::fail);
    }

    private void open(RoutingContext ctx, StaffClaims staff, LiveWatch.Scope scope) {
        HttpServerResponse res = ctx.response();
        Stream stream = new Stream(res, ctx.request().connection(), staff.username());
        Optional<LiveWatch.Subscription> sub = watch.subscribe(staff.username(), scope, stream::deliver);
        if (sub.isEmpty()) {
            ctx.fail(ExamException.field(ErrorType.RATE_LIMITED, "Authorization", staff.username() + " already "
                    + "holds " + watch.maxPerUser() + " live streams on this node; close one first"));
            return;
        }
        stream.subscription = sub.get();
        open.add(stream);
        res.setChunked(true).setWriteQueueMaxSize(MAX_BUFFERED_BYTES)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("serverNow", clock.getAsLong());
        hello.put("sittingId", scope.sittingId());
        hello.put("staff", identity(staff));
        res.write("retry: 2000\nevent: open\ndata: " + Json.encode(hello) + "\n\n");
        stream.heartbeat = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> stream.write(": heartbeat\n\n"));
        // The token was valid when the stream opened and is not beyond its expiry, so neither is the stream.
        long left = Math.max(1, staff.expiresAt().toEpochMilli() - clock.getAsLong());
        stream.expiry = vertx.setTimer(left, id -> stream.end("TOKEN_EXPIRED", "the staff token expired; log in "
                + "again (or refresh the service token) and reconnect"));
        res.closeHandler(v -> stream.release());
        res.exceptionHandler(e -> stream.release());
    }

    /** One open stream: its writes stop, and it is cut off, once more than the bound waits unsent. */
    private final class Stream {
        final HttpServerResponse res;
        final HttpConnection connection;
        final String username;
        LiveWatch.Subscription subscription;
        long heartbeat = -1;
        long expiry = -1;
        /** Characters written and not yet confirmed written to the socket (ASCII-dominated JSON: ~ bytes). */
        long pending;
        boolean done;

        Stream(HttpServerResponse res, HttpConnection connection, String username) {
            this.res = res;
            this.connection = connection;
            this.username = username;
        }

        void deliver(LiveWatch.Kind kind, String id, String json) {
            StringBuilder b = new StringBuilder(json.length() + 64).append("event: ").append(kind.wireName())
                    .append('\n');
            if (id != null) {
                b.append("id: ").append(id).append('\n');
            }
            write(b.append("data: ").append(json).append("\n\n").toString());
        }

        void write(String frame) {
            if (done || res.closed() || res.ended()) {
                release();
                return;
            }
            // Counted here rather than asked of writeQueueFull(): the bytes handed over and not yet taken by the
            // socket are exactly what this stream costs the node, whatever the transport's own queue reports.
            if (pending > MAX_BUFFERED_BYTES || res.writeQueueFull()) {
                end("SLOW_READER", "the client did not read fast enough (more than " + MAX_BUFFERED_BYTES
                        + " bytes waiting); reconnect and re-read the stored events");
                // A reader that stopped reading would never take the end either: close the connection (an ended
                // HTTP/1.x response can no longer be reset, so it is the connection that goes).
                vertx.setTimer(2_000, id -> {
                    if (!res.closed()) {
                        connection.close();
                    }
                });
                return;
            }
            int size = frame.length();
            pending += size;
            res.write(frame).onComplete(ar -> pending -= size);
        }

        void end(String reason, String message) {
            if (done) {
                return;
            }
            release();
            LOG.info("live stream of {} ended: {}", username, reason);
            if (!res.closed() && !res.ended()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("reason", reason);
                m.put("message", message);
                m.put("serverNow", clock.getAsLong());
                res.end("event: end\ndata: " + Json.encode(m) + "\n\n");
            }
        }

        void release() {
            if (done) {
                return;
            }
            done = true;
            open.remove(this);
            vertx.cancelTimer(heartbeat);
            vertx.cancelTimer(expiry);
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
