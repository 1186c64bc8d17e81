package cn.examcore.server.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("RateLimiter")
class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private RateLimiter limiter(int capacity, Duration interval, int maxKeys) {
        return new RateLimiter(capacity, interval, maxKeys, nanos::get);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    @DisplayName("a key may spend its whole burst at once and is refused after that")
    void burstThenRefuse() {
        RateLimiter limiter = limiter(5, Duration.ofSeconds(10), 100);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("ticket:T1")).as("request %d", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("ticket:T1")).isFalse();
        assertThat(limiter.tryAcquire("ticket:T1")).isFalse();
    }

    @Test
    @DisplayName("one request is earned back per refill interval, and never more than the capacity")
    void refill() {
        RateLimiter limiter = limiter(3, Duration.ofSeconds(10), 100);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("k");
        }

        advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire("k")).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k")).isTrue();
        assertThat(limiter.tryAcquire("k")).isFalse();

        advance(Duration.ofHours(1));
        int allowed = 0;
        while (limiter.tryAcquire("k")) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    @DisplayName("retryAfter tells how long until the next request is allowed, and zero when it is")
    void retryAfter() {
        RateLimiter limiter = limiter(1, Duration.ofSeconds(30), 100);
        assertThat(limiter.retryAfter("k")).isZero();
        limiter.tryAcquire("k");

        assertThat(limiter.retryAfter("k")).isEqualTo(Duration.ofSeconds(30));
        advance(Duration.ofSeconds(12));
        assertThat(limiter.retryAfter("k")).isEqualTo(Duration.ofSeconds(18));
        advance(Duration.ofSeconds(18));
        assertThat(limiter.retryAfter("k")).isZero();
        assertThat(limiter.tryAcquire("k")).isTrue();
    }

    @Test
    @DisplayName("keys are limited independently and reset gives a key its full budget back")
    void independentKeysAndReset() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        assertThat(limiter.tryAcquire("staff-login:alice")).isTrue();
        assertThat(limiter.tryAcquire("staff-login:alice")).isFalse();

        assertThat(limiter.tryAcquire("staff-login:bob")).isTrue();
        limiter.reset("staff-login:alice");
        assertThat(limiter.tryAcquire("staff-login:alice")).isTrue();
    }

    @Test
    @DisplayName("a flood of distinct keys never grows the table beyond maxKeys")
    void boundedUnderFlood() {
        RateLimiter limiter = limiter(2, Duration.ofMinutes(1), 1_000);

        for (int i = 0; i < 50_000; i++) {
            limiter.tryAcquire("terminal:flood-" + i);
            assertThat(limiter.size()).isLessThanOrEqualTo(1_000);
        }
        assertThat(limiter.size()).isEqualTo(1_000);
    }

    @Test
    @DisplayName("when the table is full, keys that have refilled are evicted before a key that is still spent")
    void idleKeysGoFirst() {
        RateLimiter limiter = limiter(3, Duration.ofSeconds(1), 10);
        // The victim spends its whole burst: it needs three seconds to be full again.
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("victim");
        }
        for (int i = 0; i < 9; i++) {
            limiter.tryAcquire("early-" + i);
        }
        advance(Duration.ofMillis(1500));
        // The early keys (one request each) have refilled; the victim, oldest in the table, has earned back one.
        for (int i = 0; i < 9; i++) {
            limiter.tryAcquire("late-" + i);
        }

        assertThat(limiter.size()).isEqualTo(10);
        assertThat(limiter.tryAcquire("victim")).as("the one request earned back").isTrue();
        assertThat(limiter.tryAcquire("victim")).as("victim kept its state, so no fresh burst").isFalse();
    }

    @Test
    @DisplayName("purgeIdle drops exactly the keys whose budget is full again")
    void purgeIdle() {
        RateLimiter limiter = limiter(1, Duration.ofSeconds(10), 100);
        limiter.tryAcquire("a");
        advance(Duration.ofSeconds(5));
        limiter.tryAcquire("b");
        advance(Duration.ofSeconds(5));

        assertThat(limiter.purgeIdle()).isEqualTo(1);
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.tryAcquire("b")).isFalse();
    }

    @Test
    @DisplayName("concurrent callers together get exactly the capacity when time stands still")
    void threadSafe() throws Exception {
        RateLimiter limiter = limiter(500, Duration.ofHours(1), 10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int allowed = 0;
                    for (int i = 0; i < 1_000; i++) {
                        if (limiter.tryAcquire("shared")) {
                            allowed++;
                        }
                    }
                    return allowed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("nonsensical settings are refused when the limiter is built")
    void badSettings() {
        assertThatThrownBy(() -> limiter(0, Duration.ofSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> limiter(1, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refillInterval");
        assertThatThrownBy(() -> limiter(1, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKeys");
    }
}
