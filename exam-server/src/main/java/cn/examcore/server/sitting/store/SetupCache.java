package cn.examcore.server.sitting.store;

import cn.examcore.server.common.ClusterConsumers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-node read cache of what the check-in storm and the seat-agent batches read on every request: sittings,
 * rooms, seats, rosters (candidates by ticket), agent keys and announcements, read once per node instead of once per
 * request. The stores read through it are {@link CachingSittingStore}, {@link CachingRoomStore},
 * {@link CachingRosterStore}, {@link CachingAgentKeyStore}, {@link CachingSittingRulesStore} and, outside this
 * package, the proctoring announcement store (a seat reads the announcements it has not acknowledged on every welcome,
 * so a reconnect storm would otherwise be one database read per seat); one instance per node is shared by all of them.
 *
 * <p>Staying correct in a cluster: every write that changes a sitting's setup (sitting, rooms and seats, roster,
 * seat moves, papers, announcements) goes through {@link #changed}, which drops this node's entries once the write
 * has committed and then publishes the sitting id on {@link #CHANGED} on the clustered event bus; every node drops
 * its entries when that message arrives. A load that was under way when an invalidation happened is never kept, and never
 * handed to a later caller (each entry remembers the invalidation generation it was loaded in). The only window
 * left is the event bus's delivery time to the other nodes, and a {@link #DEFAULT_TTL time to live} bounds the
 * damage of a lost message (e.g. while a member is partitioned).
 *
 * <p>An entry past its time to live is still served while one read refreshes it behind the caller, and it stays
 * served when that read fails: during a database outage nothing of a sitting's setup can change (every change is a
 * database write, and an invalidation drops entries whatever the database does), so the last value read is the right
 * one, where waiting for the database would hold every welcome, submission and late login for the connection pool's
 * timeout and then fail it. Only one refresh per entry runs at a time.
 */
public final class SetupCache {

    /** Published with the sitting id after a node changed that sitting's setup (sitting, seats, roster, papers). */
    public static final String CHANGED = "examcore.setup.changed";

    /** How long an entry is trusted even without an invalidation: the backstop for a lost bus message. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private static final String ORIGIN = "origin";
    /** Header set when the change replaced papers (a re-assembly): only then do nodes forget their papers. */
    private static final String PAPERS = "papers";

    private static final Logger LOG = LoggerFactory.getLogger(SetupCache.class);

    private final Vertx vertx;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    /** Bumped by every invalidation; an entry is valid only in the generation it was loaded in. */
    private final AtomicLong generation = new AtomicLong();
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> paperListeners = new CopyOnWriteArrayList<>();
    /** Names this node's announcements: it has dropped its entries already, and must not drop them again later. */
    private final String origin = UUID.randomUUID().toString();

    /** What is cached; each caching store has its own kinds. */
    public enum Kind {
        SITTING, ROOMS, SEATS, SEAT_INDEX, ROSTER, CURRENT_SITTINGS, AGENT_KEY, RULES, ACCOMMODATIONS, ANNOUNCEMENTS
    }

    /** An entry's key: by sitting id, or by key hash for agent keys, or by nothing for the current sittings. */
    record Key(Kind kind, String id) {
    }

    /** A cached read; {@code refreshing} is set while one caller refreshes it past its time to live. */
    private record Entry(Future<?> value, long generation, long loadedAtNanos, long since, AtomicBoolean refreshing) {

        Entry(Future<?> value, long generation, long loadedAtNanos, long since) {
            this(value, generation, loadedAtNanos, since, new AtomicBoolean());
        }
    }

    public SetupCache(Vertx vertx) {
        this(vertx, System::nanoTime, DEFAULT_TTL);
    }

    public SetupCache(Vertx vertx, LongSupplier nanoTime, Duration ttl) {
        this.vertx = vertx;
        this.nanoTime = nanoTime;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * Registers this node's consumer of {@link #CHANGED}; completes once the registration has reached the cluster,
     * so a change published by another node after this node started serving is never missed.
     */
    public Future<Void> start() {
        return ClusterConsumers.<String>register(vertx, CHANGED, m -> {
            // Its own announcement comes back late: dropping again then would throw away what this node has
            // cached since (the papers it just assembled, above all).
            if (!origin.equals(m.headers().get(ORIGIN))) {
                invalidate(m.body());
                if ("true".equals(m.headers().get(PAPERS))) {
                    tell(paperListeners, m.body());
                }
            }
        }).mapEmpty();
    }

    /** {@code listener} is told the sitting id of every invalidation, local or from another node. */
    public void onInvalidate(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * {@code listener} is told the sitting id of every change that replaced a sitting's papers (a re-assembly), on this
     * node or another: only such a change makes the papers a node holds wrong. Starting a sitting, moving a seat or
     * changing the roster does not, and a node that forgot its papers on those would send every seat's paper read to
     * the database, the assembling node's papers included, which other nodes ask for while the database is away.
     */
    public void onPapersChanged(Consumer<String> listener) {
        paperListeners.add(listener);
    }

    /**
     * Drops every cached entry (all of them: the seat-code and agent-key lookups cross sittings, and setup changes
     * are rare next to reads) and tells the listeners which sitting changed.
     */
    public void invalidate(String sittingId) {
        generation.incrementAndGet();
        entries.clear();
        tell(listeners, sittingId);
    }

    private static void tell(List<Consumer<String>> listeners, String sittingId) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(sittingId);
            } catch (RuntimeException e) {
                LOG.warn("a setup cache listener failed for sitting {}", sittingId, e);
            }
        }
    }

    /**
     * To be wrapped around every write of a sitting's setup: once {@code write} has committed, this node forgets at
     * once and the others when the published message arrives.
     */
    public Future<Void> changed(Future<Void> write, String sittingId) {
        return changed(write, sittingId, false);
    }

    /** {@link #changed} for a write that replaced the sitting's papers: the paper listeners are told too. */
    public Future<Void> papersChanged(Future<Void> write, String sittingId) {
        return changed(write, sittingId, true);
    }

    private Future<Void> changed(Future<Void> write, String sittingId, boolean papers) {
        // A new future that completes only after this node has forgotten: a caller composing on it (e.g. reading
        // the seats of the room it just added) can never run before the invalidation, whatever order the write's
        // listeners happen to be dispatched in when the write completes on another thread.
        return write.map(v -> {
            invalidate(sittingId);
            if (papers) {
                tell(paperListeners, sittingId);
            }
            vertx.eventBus().publish(CHANGED, sittingId, new DeliveryOptions().addHeader(ORIGIN, origin)
                    .addHeader(PAPERS, String.valueOf(papers)));
            return v;
        });
    }

    /**
     * The cached value of {@code key}, or {@code load}'s, kept while no invalidation happens; past the time to live it
     * is served while {@code load} refreshes it, and kept if that fails. An entry loaded for a lower bound
     * {@code since} answers every caller whose bound is not lower.
     */
    @SuppressWarnings("unchecked")
    <T> Future<T> cached(Key key, long since, Supplier<Future<T>> load) {
        long gen = generation.get();
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        if (e != null && e.generation() == gen && e.since() <= since) {
            if (now - e.loadedAtNanos() < ttlNanos) {
                return (Future<T>) e.value();
            }
            if (e.value().succeeded()) {
                refresh(key, e, gen, since, load);
                return (Future<T>) e.value();
            }
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

    /** Reads {@code key} again behind its stale entry {@code e}, unless a refresh of it is under way already. */
    private <T> void refresh(Key key, Entry e, long gen, long since, Supplier<Future<T>> load) {
        if (!e.refreshing().compareAndSet(false, true)) {
            return;
        }
        long started = nanoTime.getAsLong();
        Future<T> loading;
        try {
            loading = load.get();
        } catch (RuntimeException ex) {
            e.refreshing().set(false);
            throw ex;
        }
        loading.onComplete(ar -> {
            if (ar.succeeded() && generation.get() == gen) {
                entries.replace(key, e, new Entry(loading, gen, started, since));
            } else {
                // Kept as it was (an invalidation has removed it already): the next caller tries again.
                e.refreshing().set(false);
                if (ar.failed()) {
                    LOG.debug("setup cache: refreshing {} failed, the last value read stays: {}", key,
                            ar.cause().toString());
                }
            }
        });
    }

    /**
     * The cached value of {@code kind} for {@code id} (a sitting id for most kinds), or {@code load}'s, as
     * {@link #cached(Key, long, Supplier)} serves it: one read per node and time to live, concurrent misses share it.
     * The value must not be changed by its readers (hand out an unmodifiable copy).
     */
    public <T> Future<T> cached(Kind kind, String id, Supplier<Future<T>> load) {
        return cached(new Key(kind, id), Long.MIN_VALUE, load);
    }

    /** Drops one entry (an answer not worth keeping). */
    void forget(Kind kind, String id) {
        entries.remove(new Key(kind, id));
    }
}
