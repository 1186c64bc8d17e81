package cn.examcore.server.auth;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ClusterConsumers;
import cn.examcore.server.common.ExamException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The throttles on what a client can guess: staff passwords, candidates' ID numbers, a sitting's enrolment PIN.
 * Each is a token bucket (bucket4j) kept in the cluster's own map, so every node spends the same budget, and each is
 * keyed by what is guessed <em>and</em> by who guesses (client address, terminal), so that someone guessing wrong
 * elsewhere never locks the real user out.
 *
 * <p>Only wrong guesses cost: an attempt is let through while each of its buckets has a try left, and a wrong one is
 * charged to them afterwards ({@link Attempt#failed}); the right one costs nothing, however many come at once (a
 * room of terminals behind one address, a check-in storm). A bucket that is empty refuses with {@code RATE_LIMITED}
 * and the seconds until its next try: a backoff, since a try comes back every refill interval, never a lockout that
 * lasts.
 */
public final class Throttles {

    /**
     * What is throttled, with its burst and the time to earn one more try back.
     */
    public enum Kind {
        /** Wrong staff passwords for one account from one client address. */
        STAFF_ACCOUNT_ADDRESS(5, Duration.ofSeconds(15)),
        /** Wrong staff passwords from one client address, whatever the account (password spraying). */
        STAFF_ADDRESS(20, Duration.ofSeconds(6)),
        /** Wrong ID numbers for one ticket at one terminal. */
        CANDIDATE_TICKET_TERMINAL(5, Duration.ofSeconds(12)),
        /** Wrong ticket/ID pairs at one terminal, whatever the ticket. */
        CANDIDATE_TERMINAL(10, Duration.ofSeconds(6)),
        /** Wrong enrolment PINs for one sitting from one client address, across seat codes. */
        ENROL_SITTING_ADDRESS(10, Duration.ofSeconds(6)),
        /** Wrong enrolment PINs from one client address, whatever the sitting. */
        ENROL_ADDRESS(20, Duration.ofSeconds(6)),
        /**
         * Wrong enrolment PINs for one sitting from anyone: never refuses (that would refuse the staff's right PIN),
         * only tells when a sitting gets more wrong PINs than a room's worth of typing mistakes.
         */
        ENROL_SITTING_WRONG(30, Duration.ofSeconds(10)),
        /** At most one "PIN under attack" announcement per sitting and minute. */
        ENROL_SITTING_ALERT(1, Duration.ofMinutes(1)),
        /** Wrong certificate number/code pairs from one client address (证书查验 is public). */
        CERTIFICATE_VERIFY_ADDRESS(10, Duration.ofSeconds(6)),
        /** Every certificate verification from one client address: a verifier checks a few, a scraper many. */
        CERTIFICATE_LOOKUP_ADDRESS(30, Duration.ofSeconds(2)),
        /**
         * Admission-ticket downloads (准考证) from one client address, right or wrong: a school's lab behind one
         * address downloads a class's tickets, a guesser trying ID numbers does not get far.
         */
        TICKET_ADDRESS(30, Duration.ofSeconds(4)),
        /** Admission-ticket downloads for one ID number, right or wrong, from anywhere. */
        TICKET_ID(5, Duration.ofMinutes(2)),
        /** Results lookups (成绩查询) from one client address, right or wrong: the answer never says which. */
        RESULTS_LOOKUP_ADDRESS(10, Duration.ofSeconds(6)),
        /** Results lookups of one ID number from anywhere: guessing the name for a known ID number. */
        RESULTS_LOOKUP_PERSON(5, Duration.ofSeconds(30)),
        /** Receipt checks and key listings from one client address (both public): a dispute checks a few. */
        RECEIPT_ADDRESS(30, Duration.ofSeconds(2));

        final int burst;
        final Duration refill;

        Kind(int burst, Duration refill) {
            this.burst = burst;
            this.refill = refill;
        }
    }

    /** One bucket: its kind and the parts of its key (e.g. account and address). */
    public record Key(Kind kind, String... parts) {

        String id() {
            return kind.name() + ":" + String.join("|", parts);
        }
    }

    /** Cluster-internal: the ids of buckets just charged a wrong guess, so every node consults them from now on. */
    static final String SUSPECTS = "examcore.internal.throttle.suspects";
    /**
     * How long a bucket stays on a node's list of buckets to consult after its last wrong guess: longer than any
     * bucket takes to refill from its burst, and from a debt of a few hundred parallel guesses.
     */
    static final long SUSPECT_MILLIS = 30 * 60_000L;

    private final Vertx vertx;
    private final AsyncProxyManager<String> buckets;
    private final Map<Kind, BucketConfiguration> configurations;
    private final LongSupplier clock;
    /** Bucket id → until when this node consults it (it had a wrong guess, here or on another node). */
    private final Map<String, Long> suspects = new ConcurrentHashMap<>();
    private MessageConsumer<String> consumer;

    /**
     * @param buckets the cluster's bucket store (bucket4j's Hazelcast proxy manager on the throttles map)
     * @param clock   epoch ms
     */
    public Throttles(Vertx vertx, AsyncProxyManager<String> buckets, LongSupplier clock) {
        this.vertx = vertx;
        this.buckets = buckets;
        this.clock = clock;
        Map<Kind, BucketConfiguration> c = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            c.put(k, BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(k.burst).refillGreedy(1, k.refill)).build());
        }
        this.configurations = c;
    }

    /** Hears which buckets other nodes charged, so that a guesser moving between nodes meets the same budget. */
    public Future<Void> start() {
        // Expired entries go once a minute, not only when asked for again: a guesser spraying fresh keys
        // would otherwise leave every one of them here.
        vertx.setPeriodic(60_000, id -> {
            long now = clock.getAsLong();
            suspects.values().removeIf(until -> until < now);
        });
        return ClusterConsumers.<String>register(vertx, SUSPECTS, m -> suspect(m.body()))
                .onSuccess(c -> consumer = c).mapEmpty();
    }

    private void suspect(String bucketId) {
        suspects.put(bucketId, clock.getAsLong() + SUSPECT_MILLIS);
    }

    private boolean suspected(String bucketId) {
        Long until = suspects.get(bucketId);
        if (until == null) {
            return false;
        }
        if (until < clock.getAsLong()) {
            suspects.remove(bucketId, until);
            return false;
        }
        return true;
    }

    /**
     * Whether each bucket has a try left; refused ({@code RATE_LIMITED}, {@code details.retryAfterSeconds}) when any
     * has none. Nothing is spent yet: the caller reports a wrong guess with {@link Attempt#failed}.
     *
     * <p>Only buckets that have had a wrong guess are read from the cluster map: the right answers of a check-in
     * storm (thousands a minute, each with its own ticket and terminal) cost no remote call at all. Every node
     * learns of a charged bucket over the event bus within milliseconds; a guess that lands on another node inside
     * that window is checked against a bucket it does not know yet, and charged all the same.
     */
    public Future<Attempt> attempt(List<Key> keys) {
        List<AsyncBucketProxy> proxies = keys.stream().map(this::proxy).toList();
        List<String> ids = keys.stream().map(Key::id).toList();
        List<CompletableFuture<EstimationProbe>> probes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (suspected(ids.get(i))) {
                probes.add(proxies.get(i).estimateAbilityToConsume(1));
            }
        }
        Attempt attempt = new Attempt(proxies, ids);
        if (probes.isEmpty()) {
            return Future.succeededFuture(attempt);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new));
        return Future.fromCompletionStage(all, vertx.getOrCreateContext()).compose(v -> {
            long waitNanos = 0;
            for (CompletableFuture<EstimationProbe> p : probes) {
                EstimationProbe probe = p.join();
                if (!probe.canBeConsumed()) {
                    waitNanos = Math.max(waitNanos, probe.getNanosToWaitForRefill());
                }
            }
            if (waitNanos > 0) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
                return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED, "too many wrong tries; try again"
                        + " in " + seconds + " s", Map.of("retryAfterSeconds", seconds)));
            }
            return Future.succeededFuture(attempt);
        });
    }

    /** Takes one token from one bucket that only counts: true when there was one, false when it was empty. */
    public Future<Boolean> spend(Key key) {
        return Future.fromCompletionStage(proxy(key).tryConsume(1), vertx.getOrCreateContext());
    }

    private AsyncBucketProxy proxy(Key key) {
        return buckets.builder().build(key.id(),
                () -> CompletableFuture.completedFuture(configurations.get(key.kind())));
    }

    /** One checked attempt; a wrong guess is charged to each of its buckets. */
    public final class Attempt {

        private final List<AsyncBucketProxy> proxies;
        private final List<String> ids;

        private Attempt(List<AsyncBucketProxy> proxies, List<String> ids) {
            this.proxies = proxies;
            this.ids = ids;
        }

        /**
         * The guess was wrong: one try from each bucket, into debt if guesses were checked in parallel while it still
         * had tries, so that a burst buys nothing and is paid back in waiting; and every node consults these buckets
         * from now on (fire and forget).
         */
        public void failed() {
            proxies.forEach(b -> b.consumeIgnoringRateLimits(1));
            for (String id : ids) {
                suspect(id);
                vertx.eventBus().publish(SUSPECTS, id);
            }
        }
    }
}
