package cn.examcore.server.sitting.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-node read cache in front of the database's {@link SetupStore}, for the check-in storm and the seat-agent
 * batches: sittings, rooms, seats, rosters (candidates by ticket) and agent keys are read once per node instead of
 * once per request.
 *
 * <p>Staying correct in a cluster: every write that changes a sitting's setup (sitting, rooms and seats, roster,
 * seat moves, papers) goes through this class, which drops its own entries once the write has committed and then
 * publishes the sitting id on {@link #CHANGED} on the clustered event bus; every node drops its entries when that
 * message arrives. A load that was under way when an invalidation happened is never kept, and never handed to a
 * later caller (each entry remembers the invalidation generation it was loaded in). The only window left is the
 * event bus's delivery time to the other nodes, and a {@link #DEFAULT_TTL time to live} bounds the damage of a lost
 * message (e.g. while a member is partitioned).
 */
public final class CachingSetupStore implements SetupStore {

    /** Published with the sitting id after a node changed that sitting's setup (sitting, seats, roster, papers). */
    public static final String CHANGED = "examcore.setup.changed";

    /** How long an entry is trusted even without an invalidation: the backstop for a lost bus message. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    /**
     * Enrolment asks for seats of sittings whose T0 is after "now minus a window"; the cache keeps the sittings of
     * a window this much wider, so later calls (whose bound has moved on) are answered from the same entry.
     */
    private static final long SINCE_SLACK_MILLIS = 3_600_000;

    private static final String ORIGIN = "origin";

    private static final Logger LOG = LoggerFactory.getLogger(CachingSetupStore.class);

    private final Vertx vertx;
    private final SetupStore db;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    /** Bumped by every invalidation; an entry is valid only in the generation it was loaded in. */
    private final AtomicLong generation = new AtomicLong();
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** Names this node's announcements: it has dropped its entries already, and must not drop them again later. */
    private final String origin = UUID.randomUUID().toString();

    private enum Kind { SITTING, ROOMS, SEATS, SEAT_INDEX, ROSTER, CURRENT_SITTINGS, AGENT_KEY }

    /** What is cached: by sitting id, or by key hash for agent keys, or by nothing for the current sittings. */
    private record Key(Kind kind, String id) {
    }

    private record Entry(Future<?> value, long generation, long loadedAtNanos, long since) {
    }

    /** A sitting's roster, read once, with the index a login needs. */
    private record Roster(List<Candidate> candidates, Map<String, Candidate> byTicket) {

        static Roster of(List<Candidate> list) {
            return new Roster(List.copyOf(list), list.stream()
                    .collect(Collectors.toUnmodifiableMap(Candidate::ticket, Function.identity(), (a, b) -> a)));
        }
    }

    public CachingSetupStore(Vertx vertx, SetupStore db) {
        this(vertx, db, System::nanoTime, DEFAULT_TTL);
    }

    public CachingSetupStore(Vertx vertx, SetupStore db, LongSupplier nanoTime, Duration ttl) {
        this.vertx = vertx;
        this.db = db;
        this.nanoTime = nanoTime;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * Registers this node's consumer of {@link #CHANGED}; completes once the registration has reached the cluster,
     * so a change published by another node after this node started serving is never missed.
     */
    public Future<Void> start() {
        return vertx.eventBus().<String>consumer(CHANGED, m -> {
            // Its own announcement comes back late: dropping again then would throw away what this node has
            // cached since (the papers it just assembled, above all).
            if (!origin.equals(m.headers().get(ORIGIN))) {
                invalidate(m.body());
            }
        }).completion();
    }

    /** {@code listener} is told the sitting id of every invalidation, local or from another node. */
    public void onInvalidate(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Drops every cached entry (all of them: the seat-code and agent-key lookups cross sittings, and setup changes
     * are rare next to reads) and tells the listeners which sitting changed.
     */
    public void invalidate(String sittingId) {
        generation.incrementAndGet();
        entries.clear();
        for (Consumer<String> l : listeners) {
            try {
                l.accept(sittingId);
            } catch (RuntimeException e) {
                LOG.warn("a setup cache listener failed for sitting {}", sittingId, e);
            }
        }
    }

    /** After a committed write: this node forgets at once, the others when the published message arrives. */
    private Future<Void> changed(Future<Void> write, String sittingId) {
        return write.onSuccess(v -> {
            invalidate(sittingId);
            vertx.eventBus().publish(CHANGED, sittingId, new DeliveryOptions().addHeader(ORIGIN, origin));
        });
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> cached(Key key, long since, Supplier<Future<T>> load) {
        long gen = generation.get();
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        if (e != null && e.generation() == gen && now - e.loadedAtNanos() < ttlNanos && e.since() <= since) {
            return (Future<T>) e.value();
        }
        Future<T> loading = load.get();
        Entry mine = new Entry(loading, gen, now, since);
        entries.put(key, mine);
        loading.onComplete(ar -> {
            // A failed read is not kept; neither is one that overlapped an invalidation (it may predate the write).
            if (ar.failed() || generation.get() != gen) {
                entries.remove(key, mine);
            }
        });
        return loading;
    }

    private <T> Future<T> cached(Kind kind, String id, Supplier<Future<T>> load) {
        return cached(new Key(kind, id), Long.MIN_VALUE, load);
    }

    private Future<Roster> roster(String sittingId) {
        return cached(Kind.ROSTER, sittingId, () -> db.candidates(sittingId).map(Roster::of));
    }

    // sittings

    @Override
    public Future<Void> createSitting(Sitting sitting) {
        return changed(db.createSitting(sitting), sitting.id());
    }

    @Override
    public Future<Void> updateSitting(Sitting sitting) {
        return changed(db.updateSitting(sitting), sitting.id());
    }

    @Override
    public Future<Optional<Sitting>> sitting(String id) {
        return cached(Kind.SITTING, id, () -> db.sitting(id));
    }

    @Override
    public Future<List<Sitting>> sittings() {
        return db.sittings();
    }

    // rooms and seats

    @Override
    public Future<Void> createRoom(Room room, List<Seat> seats) {
        return changed(db.createRoom(room, seats), room.sittingId());
    }

    @Override
    public Future<List<Room>> rooms(String sittingId) {
        return cached(Kind.ROOMS, sittingId, () -> db.rooms(sittingId).map(List::copyOf));
    }

    @Override
    public Future<List<Seat>> seats(String sittingId) {
        return cached(Kind.SEATS, sittingId, () -> db.seats(sittingId).map(List::copyOf));
    }

    /**
     * Answered from the current sittings and each one's seat index, both cached: in the check-in storm every seat
     * enrols once, so a cache by seat code would miss every time.
     */
    @Override
    public Future<List<SeatInSitting>> seatsByCode(String code, long since) {
        long wider = since - SINCE_SLACK_MILLIS;
        Future<List<Sitting>> current = cached(new Key(Kind.CURRENT_SITTINGS, ""), wider,
                () -> db.sittings().map(all -> all.stream().filter(s -> s.t0() > wider).toList()));
        return current.compose(sittings -> {
            List<Sitting> open = sittings.stream().filter(s -> s.t0() > since)
                    .sorted(Comparator.comparingLong(Sitting::t0)).toList();
            List<Future<Map<String, Seat>>> indexes = open.stream().map(s -> seatIndex(s.id())).toList();
            return Future.all(indexes).map(all -> {
                List<SeatInSitting> out = new ArrayList<>();
                for (int i = 0; i < open.size(); i++) {
                    Seat seat = all.<Map<String, Seat>>resultAt(i).get(code);
                    if (seat != null) {
                        out.add(new SeatInSitting(seat, open.get(i)));
                    }
                }
                return out;
            });
        });
    }

    private Future<Map<String, Seat>> seatIndex(String sittingId) {
        return cached(Kind.SEAT_INDEX, sittingId, () -> seats(sittingId).map(list -> list.stream()
                .collect(Collectors.toUnmodifiableMap(Seat::code, Function.identity(), (a, b) -> a))));
    }

    // roster

    @Override
    public Future<Void> replaceRoster(String sittingId, List<Candidate> candidates) {
        return changed(db.replaceRoster(sittingId, candidates), sittingId);
    }

    @Override
    public Future<Optional<Candidate>> candidate(String sittingId, String ticket) {
        return roster(sittingId).map(r -> Optional.ofNullable(r.byTicket().get(ticket)));
    }

    @Override
    public Future<Void> moveCandidate(String sittingId, String ticket, String seatCode) {
        return changed(db.moveCandidate(sittingId, ticket, seatCode), sittingId);
    }

    @Override
    public Future<List<Candidate>> candidates(String sittingId) {
        return roster(sittingId).map(Roster::candidates);
    }

    @Override
    public Future<Map<String, Candidate>> candidates(String sittingId, Collection<String> tickets) {
        return roster(sittingId).map(r -> {
            Map<String, Candidate> out = new HashMap<>();
            for (String t : tickets) {
                Candidate c = r.byTicket().get(t);
                if (c != null) {
                    out.put(t, c);
                }
            }
            return out;
        });
    }

    // banks and papers: banks are immutable once imported, papers are cached by the paper service

    @Override
    public Future<Void> saveBank(StoredBank bank) {
        return db.saveBank(bank);
    }

    @Override
    public Future<Optional<StoredBank>> bank(String id) {
        return db.bank(id);
    }

    @Override
    public Future<Void> savePapers(List<StoredPaper> papers) {
        Future<Void> write = db.savePapers(papers);
        // A re-assembly replaces papers (new keys): every node's paper cache of those sittings must go.
        for (String sittingId : papers.stream().map(StoredPaper::sittingId).distinct().toList()) {
            write = changed(write, sittingId);
        }
        return write;
    }

    @Override
    public Future<Optional<StoredPaper>> paper(String attemptId) {
        return db.paper(attemptId);
    }

    // results, uploads, staff, audit: not on the hot read paths

    @Override
    public Future<Void> saveResult(Result result) {
        return db.saveResult(result);
    }

    @Override
    public Future<Void> saveResults(List<Result> results) {
        return db.saveResults(results);
    }

    @Override
    public Future<List<Result>> results(String sittingId) {
        return db.results(sittingId);
    }

    @Override
    public Future<Void> saveUpload(StoredUpload upload) {
        return db.saveUpload(upload);
    }

    @Override
    public Future<Optional<StoredUpload>> upload(String id) {
        return db.upload(id);
    }

    @Override
    public Future<Map<String, String>> uploadOwners(Collection<String> ids) {
        return db.uploadOwners(ids);
    }

    @Override
    public Future<Void> saveStaff(StaffAccount account) {
        return db.saveStaff(account);
    }

    @Override
    public Future<Optional<StaffAccount>> staff(String username) {
        return db.staff(username);
    }

    @Override
    public Future<Void> audit(AuditRecord record) {
        return db.audit(record);
    }

    @Override
    public Future<List<AuditRecord>> auditOf(String sittingId) {
        return db.auditOf(sittingId);
    }

    @Override
    public Future<Void> saveAgentKey(String keyHash, String sittingId, String createdBy, long at) {
        return db.saveAgentKey(keyHash, sittingId, createdBy, at);
    }

    @Override
    public Future<Optional<String>> agentKeySitting(String keyHash) {
        // Only known keys are kept: a key created a moment ago on another node must work at once.
        Key key = new Key(Kind.AGENT_KEY, keyHash);
        return this.<Optional<String>>cached(key, Long.MIN_VALUE, () -> db.agentKeySitting(keyHash))
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        entries.remove(key);
                    }
                });
    }
}
