package cn.examcore.server.auth;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Token-bucket rate limiting per key ({@code "ticket:XYZ"}, {@code "terminal:ABC"}, {@code "staff-login:alice"}).
 *
 * <p>Each key may spend up to {@code capacity} requests at once and earns one more every {@code refillInterval}.
 * The bucket is kept as a single "theoretical arrival time" (the generic cell rate algorithm), which is
 * equivalent to a token bucket but needs one {@code long} per key and no background refill.
 *
 * <p>Memory is bounded by {@code maxKeys}. A key whose bucket has refilled completely carries no information
 * (it behaves exactly like a key never seen), so it is the first to go. When the table is full of keys that are
 * still throttled, the least recently used one is dropped: that resets its limit, which is the price of never
 * letting a flood of distinct keys exhaust memory; choose {@code maxKeys} well above the number of keys that
 * can legitimately be active at once, and put a coarser limiter (per client address) in front.
 *
 * Finding idle keys is O(1) at the old end of the table and a full scan at most once per {@code maxKeys / 4}
 * new keys, so even a flood costs O(1) amortised per request; {@link #purgeIdle} may also run from a timer.
 *
 * <p>Thread-safe; the lock is held for a few arithmetic operations only.
 */
public final class RateLimiter {

    private final int capacity;
    private final long intervalNanos;
    private final long burstNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    // Access order makes the eldest entry the least recently used one, which makes eviction O(1).
    private final LinkedHashMap<String, long[]> buckets = new LinkedHashMap<>(64, 0.75f, true);
    private int insertsSinceScan;

    /**
     * @param capacity       requests a key may make in a burst (at least 1)
     * @param refillInterval time to earn back one request (positive)
     * @param maxKeys        most keys remembered at once (at least 1)
     * @param nanoTime       monotonic clock in nanoseconds, e.g. {@code System::nanoTime}; injectable for tests
     */
    public RateLimiter(int capacity, Duration refillInterval, int maxKeys, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        Objects.requireNonNull(refillInterval, "refillInterval");
        if (refillInterval.isNegative() || refillInterval.isZero()) {
            throw new IllegalArgumentException("refillInterval must be positive, was " + refillInterval);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
        this.capacity = capacity;
        this.intervalNanos = refillInterval.toNanos();
        this.burstNanos = Math.multiplyExact(intervalNanos, (long) (capacity - 1));
        this.maxKeys = maxKeys;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.insertsSinceScan = maxKeys;
    }

    /** A limiter on the system's monotonic clock. */
    public RateLimiter(int capacity, Duration refillInterval, int maxKeys) {
        this(capacity, refillInterval, maxKeys, System::nanoTime);
    }

    /** Spends one request of {@code key}'s budget; false (and nothing spent) when the budget is exhausted. */
    public boolean tryAcquire(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            long[] tat = buckets.get(key);
            long start = tat == null ? now : Math.max(tat[0], now);
            if (start - now > burstNanos) {
                return false;
            }
            if (tat == null) {
                makeRoom(now);
                buckets.put(key, new long[] {start + intervalNanos});
            } else {
                tat[0] = start + intervalNanos;
            }
            return true;
        }
    }

    /**
     * How long until {@code key} may make its next request: {@link Duration#ZERO} when it may now. Spends nothing;
     * meant for a {@code Retry-After} header after {@link #tryAcquire} said no.
     */
    public Duration retryAfter(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            long[] tat = buckets.get(key);
            if (tat == null) {
                return Duration.ZERO;
            }
            long wait = tat[0] - now - burstNanos;
            return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
        }
    }

    /** Forgets {@code key}, giving it a full budget again (e.g. after a successful login). */
    public void reset(String key) {
        synchronized (buckets) {
            buckets.remove(key);
        }
    }

    /** Drops every key whose budget has fully refilled; returns how many were dropped. O(keys): call from a timer. */
    public int purgeIdle() {
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            int before = buckets.size();
            buckets.values().removeIf(tat -> tat[0] <= now);
            return before - buckets.size();
        }
    }

    /** Keys currently remembered; never more than {@code maxKeys}. */
    public int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** The burst size this limiter was built with. */
    public int capacity() {
        return capacity;
    }

    private void makeRoom(long now) {
        insertsSinceScan++;
        if (buckets.size() < maxKeys) {
            return;
        }
        Iterator<long[]> it = buckets.values().iterator();
        // Idle buckets at the old end go for free; LRU order puts most idle keys there.
        while (it.hasNext() && buckets.size() >= maxKeys) {
            if (it.next()[0] <= now) {
                it.remove();
            } else {
                break;
            }
        }
        // A full scan finds idle keys behind a throttled eldest one; at most once per maxKeys/4 inserts, so a
        // flood costs O(1) amortised per request.
        if (buckets.size() >= maxKeys && insertsSinceScan >= Math.max(1, maxKeys / 4)) {
            insertsSinceScan = 0;
            buckets.values().removeIf(tat -> tat[0] <= now);
        }
        if (buckets.size() >= maxKeys) {
            it = buckets.values().iterator();
            it.next();
            it.remove();
        }
    }
}
