package cn.examcore.server.proctoring;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatProgress;
import cn.examcore.platform.json.Json;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.common.ClusterConsumers;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.store.RoomStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 实时监看: staff watching sittings live from outside the cluster. Every seat event, audit record and progress
 * message published anywhere on the cluster reaches this node's event bus once; it is decoded once here, checked
 * against each watcher's {@link Scope} (room scoping is decided on the server, from the token and the sitting's
 * seats, never by the watcher) and handed over as the same JSON text the cluster carried.
 *
 * <p>The number of concurrent watchers per user name is capped on this node ({@link #maxPerUser}), since opening a
 * stream is something a client can repeat. Not thread-safe beyond its list of watchers: one per HTTP verticle,
 * used from that verticle's event loop.
 */
public final class LiveWatch {

    /** Concurrent streams one user may hold on one node: a console and a few browser tabs. */
    public static final int DEFAULT_MAX_PER_USER = 4;

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatch.class);

    /** What a watcher receives, named as the stream's {@code event:} field. */
    public enum Kind {
        SEAT_EVENT("seat-event"), AUDIT("audit"), PROGRESS("progress");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** One open stream. */
    @FunctionalInterface
    public interface Watcher {
        /** One message in scope: its kind, its id when it has one (seat events, audit records), its JSON. */
        void deliver(Kind kind, String id, String json);
    }

    /**
     * What one watcher may see: a sitting (null: every sitting) and the seat codes of its rooms (null: every seat).
     */
    public record Scope(String sittingId, Set<String> seats) {

        public Scope {
            seats = seats == null ? null : Set.copyOf(seats);
        }

        boolean admitsSeat(String sitting, String seatCode) {
            return (sittingId == null || sittingId.equals(sitting)) && (seats == null || seats.contains(seatCode));
        }

        /** A record about no seat (target null) is for everyone watching its sitting, as the console always had it. */
        boolean admitsAudit(AuditRecord r) {
            return (sittingId == null || sittingId.equals(r.sittingId()))
                    && (seats == null || r.target() == null || seats.contains(r.target()));
        }
    }

    /** Ends one subscription; idempotent. */
    public interface Subscription {
        void close();
    }

    private final Vertx vertx;
    private final SittingStore sittingStore;
    private final RoomStore roomStore;
    private final int maxPerUser;
    private final List<Entry> watchers = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> perUser = new HashMap<>();
    private final List<Future<MessageConsumer<String>>> registrations = new ArrayList<>();

    public LiveWatch(Vertx vertx, SittingStore sittingStore, RoomStore roomStore, int maxPerUser) {
        this.vertx = vertx;
        this.sittingStore = sittingStore;
        this.roomStore = roomStore;
        this.maxPerUser = maxPerUser;
    }

    /**
     * Listens to the cluster's three live addresses; call once from the owning verticle's start. Completes once the
     * three registrations have reached the cluster.
     */
    public Future<Void> start() {
        registrations.add(ClusterConsumers.<String>register(vertx, Addresses.SEAT_EVENTS, m -> {
            if (watchers.isEmpty()) {
                return;
            }
            SeatEvent e = decode(m.body(), SeatEvent.class);
            if (e != null) {
                watchers.stream().filter(w -> w.scope.admitsSeat(e.sittingId(), e.seatCode()))
                        .forEach(w -> w.watcher.deliver(Kind.SEAT_EVENT, e.id(), m.body()));
            }
        }));
        registrations.add(ClusterConsumers.<String>register(vertx, Addresses.AUDIT, m -> {
            if (watchers.isEmpty()) {
                return;
            }
            AuditRecord r = decode(m.body(), AuditRecord.class);
            if (r != null) {
                watchers.stream().filter(w -> w.scope.admitsAudit(r))
                        .forEach(w -> w.watcher.deliver(Kind.AUDIT, r.id(), m.body()));
            }
        }));
        registrations.add(ClusterConsumers.<String>register(vertx, Addresses.SEAT_PROGRESS, m -> {
            if (watchers.isEmpty()) {
                return;
            }
            SeatProgress p = decode(m.body(), SeatProgress.class);
            if (p != null) {
                watchers.stream().filter(w -> w.scope.admitsSeat(p.sittingId(), p.seatCode()))
                        .forEach(w -> w.watcher.deliver(Kind.PROGRESS, null, m.body()));
            }
        }));
        return Future.all(registrations).mapEmpty();
    }

    /** Stops listening. */
    public Future<Void> stop() {
        return Future.join(registrations.stream()
                .map(r -> r.compose(MessageConsumer::unregister).otherwiseEmpty()).toList()).mapEmpty();
    }

    /**
     * What this staff member may watch. A role that sees every room may watch one sitting or, without a sitting,
     * all of them; a proctor must name a sitting and gets the seats of their rooms in it, or 403 when none is theirs.
     */
    public Future<Scope> scope(StaffClaims staff, String sittingId) {
        if (sittingId == null) {
            if (!staff.role().seesEveryRoom()) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "sittingId",
                        "a proctor watches one sitting: name it with ?sittingId="));
            }
            return Future.succeededFuture(new Scope(null, null));
        }
        return sittingStore.sitting(sittingId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "sittingId",
                        "no sitting " + sittingId));
            }
            if (staff.role().seesEveryRoom()) {
                return Future.succeededFuture(new Scope(sittingId, null));
            }
            return roomStore.seats(sittingId).map(seats -> {
                Set<String> visible = seats.stream().filter(x -> staff.mayAccessRoom(x.roomId()))
                        .map(Seat::code).collect(Collectors.toSet());
                if (visible.isEmpty()) {
                    throw ExamException.field(ErrorType.FORBIDDEN, "sittingId", "no room of sitting " + sittingId
                            + " is assigned to you");
                }
                return new Scope(sittingId, visible);
            });
        });
    }

    /**
     * Adds a watcher for this user, or nothing when the user already holds {@link #maxPerUser} streams here.
     */
    public Optional<Subscription> subscribe(String username, Scope scope, Watcher watcher) {
        int held = perUser.getOrDefault(username, 0);
        if (held >= maxPerUser) {
            return Optional.empty();
        }
        perUser.put(username, held + 1);
        Entry entry = new Entry(scope, watcher);
        watchers.add(entry);
        boolean[] closed = {false};
        return Optional.of(() -> {
            if (!closed[0]) {
                closed[0] = true;
                watchers.remove(entry);
                perUser.computeIfPresent(username, (u, n) -> n <= 1 ? null : n - 1);
            }
        });
    }

    /** The cap on concurrent streams per user on this node. */
    public int maxPerUser() {
        return maxPerUser;
    }

    /** Streams open on this node. */
    public int watching() {
        return watchers.size();
    }

    private static <T> T decode(String body, Class<T> type) {
        try {
            return Json.decode(body, type);
        } catch (IllegalArgumentException e) {
            LOG.warn("live stream: ignored a {} that does not decode: {}", type.getSimpleName(), e.getMessage());
            return null;
        }
    }

    /** A class, not a record: two watchers with equal scopes are still two streams. */
    private static final class Entry {
        final Scope scope;
        final Watcher watcher;

        Entry(Scope scope, Watcher watcher) {
            this.scope = scope;
            this.watcher = watcher;
        }
    }
}
