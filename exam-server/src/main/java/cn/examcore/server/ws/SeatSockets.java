package cn.examcore.server.ws;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.auth.AuthException;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.auth.RateLimiter;
import cn.examcore.server.common.ClusterConsumers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seat sockets of this node ({@code /ws/seat}, the token in {@code Sec-WebSocket-Protocol}): authenticates
 * each, runs a {@link SeatSession} per socket, and watches for silent seats (HEARTBEAT_GAP) both on open sockets and
 * after a socket closed.
 *
 * <p>Every attach is published on the clustered event bus, so a seat that failed over to another node (or another
 * instance of this node) within the gap raises no false HEARTBEAT_GAP here, and its first socket on the new node
 * counts as a RECONNECT.
 *
 * <p>The key (docs/candidate-protocol.md §4) goes out through the node's {@link KeyRelease}: at T0 for every socket
 * welcomed as WAITING, and at an early release ({@link SeatRelay#LOCAL_RELEASED}) for every attached socket of the
 * sitting that has none yet.
 */
public final class SeatSockets {

    private static final Logger LOG = LoggerFactory.getLogger(SeatSockets.class);

    private final SeatWiring services;
    private final Vertx vertx;
    private final Map<String, SeatSession> byAttempt = new ConcurrentHashMap<>();
    private final Set<String> seenBefore = ConcurrentHashMap.newKeySet();
    /** Attempt id → when a socket of it was last attached on any node of the cluster. */
    private final Map<String, Long> attachedAnywhere = new ConcurrentHashMap<>();
    private MessageConsumer<String> attachments;
    private MessageConsumer<String> releases;
    private long watchdog = -1;
    private final KeyRelease keys;
    /** Reconnects of one attempt on this node: a burst of 5, then one more every 10 s; beyond that folded. */
    private final RateLimiter reconnects = new RateLimiter(5, Duration.ofSeconds(10), 100_000);
    /** Per attempt: reconnects folded since the last one recorded (count, first, last arrival). */
    private final Map<String, long[]> foldedReconnects = new ConcurrentHashMap<>();
    /** The sittings whose early release this node has heard of (a few ids per exam day). */
    private final Set<String> releasedHere = ConcurrentHashMap.newKeySet();

    /** Cluster-internal: the attempt id of every seat socket attached, on whichever node. */
    static final String ATTACHED = "examcore.internal.seat.attached";

    public SeatSockets(SeatWiring services) {
        this.services = services;
        this.vertx = services.vertx();
        this.keys = services.keys();
    }

    /**
     * Starts the silence watchdog and the key timers, and registers the clustered consumer of attachments; completes
     * once that registration has reached the cluster, so a seat moving here from another node is known as such.
     */
    public Future<Void> start() {
        long period = Math.max(250, services.config().heartbeatGapSeconds() * 1000L / 3);
        watchdog = vertx.setPeriodic(period, id -> byAttempt.values().forEach(SeatSession::checkSilence));
        releases = vertx.eventBus().localConsumer(SeatRelay.LOCAL_RELEASED, m -> released(m.body()));
        keys.start();
        return ClusterConsumers.<String>register(vertx, ATTACHED, m -> {
            attachedAnywhere.put(m.body(), services.clock().getAsLong());
            seenBefore.add(m.body());
        }).onSuccess(c -> attachments = c).mapEmpty();
    }

    /** Closes every socket of this node (graceful stop: pages reconnect elsewhere and resend). */
    public void stop() {
        vertx.cancelTimer(watchdog);
        if (attachments != null) {
            attachments.unregister();
        }
        if (releases != null) {
            releases.unregister();
        }
        keys.stop();
        byAttempt.values().forEach(s -> s.close((short) 1012, "server restarting"));
    }

    /** A new socket and the token its {@code Sec-WebSocket-Protocol} header offered (null when none). */
    public void open(ServerWebSocket ws, String token) {
        ws.pause();
        services.tokens().verify(token, CandidateClaims.class)
                .onSuccess(claims -> SeatSession.begin(services, this, ws, claims))
                .onFailure(e -> {
                    String code = e instanceof AuthException a ? a.reason().name() : "BAD_TOKEN";
                    SeatSession.refuse(ws, code, e.getMessage());
                });
    }

    void attached(SeatSession session) {
        SeatSession previous = byAttempt.put(session.attemptId(), session);
        if (previous != null && previous != session && !previous.draining()) {
            // A second tab or a terminal swap: the newest socket owns the seat. A socket left behind by a seat
            // change keeps its grace to hand over its last saves, and closes itself.
            previous.close((short) 4409, "replaced by a newer connection");
        }
        boolean reconnect = !seenBefore.add(session.attemptId());
        if (reconnect && !reconnects.tryAcquire(session.attemptId())) {
            // Sockets opened for one seat faster than any terminal reconnects (a script, a tab storm): counted.
            long now = services.clock().getAsLong();
            foldedReconnects.merge(session.attemptId(), new long[] {1, now, now},
                    (was, one) -> new long[] {was[0] + 1, was[1], now});
        } else {
            recordFoldedReconnects(session);
            session.recordServerEvent(reconnect ? SeatEvent.Kind.RECONNECT : SeatEvent.Kind.SOCKET_OPENED,
                    EventDetail.NoFacts.NONE);
        }
        vertx.eventBus().publish(ATTACHED, session.attemptId());
        services.metrics().openSockets().set(byAttempt.size());
    }

    /**
     * A socket welcomed as WAITING: its key goes out at {@code startAt}, with every other seat starting then. When
     * this node has already seen its sitting released, the welcome may have come from an attempt read before the
     * release (the release skipped this socket, which was not welcomed yet): its attempt is read again now.
     */
    void awaitStart(SeatSession session, long startAt) {
        keys.await(session, startAt);
        if (releasedHere.contains(session.sittingId())) {
            keys.deliver(List.of(session));
        }
    }

    /** The socket closed, drained or got its key otherwise. */
    void stopAwaiting(SeatSession session, long startAt) {
        keys.stopAwaiting(session, startAt);
    }

    /** An early release of the sitting: every socket of it on this node that has no key yet gets it now. */
    private void released(String sittingId) {
        releasedHere.add(sittingId);
        keys.deliver(byAttempt.values().stream().filter(s -> s.sittingId().equals(sittingId) && s.wantsKey())
                .toList());
    }

    private void recordFoldedReconnects(SeatSession session) {
        long[] f = foldedReconnects.remove(session.attemptId());
        if (f != null) {
            session.recordServerEvent(SeatEvent.Kind.EVENTS_FOLDED,
                    new EventDetail.Folded(SeatEvent.Kind.RECONNECT.name(), f[0], f[1], f[2]));
        }
    }

    void detached(SeatSession session) {
        if (byAttempt.remove(session.attemptId(), session)) {
            recordFoldedReconnects(session);
            services.metrics().openSockets().set(byAttempt.size());
            session.recordServerEvent(SeatEvent.Kind.DISCONNECT, EventDetail.NoFacts.NONE);
            long gap = services.config().heartbeatGapSeconds() * 1000L;
            long closedAt = services.clock().getAsLong();
            vertx.setTimer(gap, id -> {
                boolean backElsewhere = attachedAnywhere.getOrDefault(session.attemptId(), 0L) > closedAt;
                if (!byAttempt.containsKey(session.attemptId()) && !backElsewhere) {
                    session.reportGapAfterClose();
                }
            });
        }
        LOG.debug("seat socket of attempt {} closed", session.attemptId());
    }
}
