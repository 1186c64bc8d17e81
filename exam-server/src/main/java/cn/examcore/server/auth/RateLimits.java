package cn.examcore.server.auth;

import java.time.Duration;

/**
 * The node-local rate limits of what a client repeats legitimately and often: seat-agent batches per key. What a
 * client can guess (passwords, ID numbers, PINs) is throttled cluster-wide by {@link Throttles} instead.
 */
public record RateLimits(RateLimiter agent) {

    public static RateLimits defaults() {
        return new RateLimits(new RateLimiter(100, Duration.ofMillis(100), 10_000));
    }
}
