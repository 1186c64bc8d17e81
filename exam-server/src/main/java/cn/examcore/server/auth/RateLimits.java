package cn.examcore.server.auth;

import java.time.Duration;

/**
 * The rate limiters of the paths a client can repeat: login per terminal, per ticket and per staff name, terminal
 * enrolment per seat code, and seat-agent batches per key.
 */
public record RateLimits(RateLimiter terminal, RateLimiter ticket, RateLimiter staff, RateLimiter enrol,
                         RateLimiter agent) {

    public static RateLimits defaults() {
        return new RateLimits(
                new RateLimiter(10, Duration.ofSeconds(6), 100_000),
                new RateLimiter(5, Duration.ofSeconds(12), 100_000),
                new RateLimiter(5, Duration.ofSeconds(12), 10_000),
                new RateLimiter(10, Duration.ofSeconds(6), 100_000),
                new RateLimiter(100, Duration.ofMillis(100), 10_000));
    }
}
