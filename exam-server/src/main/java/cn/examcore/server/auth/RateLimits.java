package cn.examcore.server.auth;

import java.time.Duration;

/**
 * The node-local rate limits of what a client repeats legitimately and often: seat-agent batches per key, and the
 * marking writes (marks, arbitrations, reopenings, openings) per staff member. What a client can guess (passwords,
 * ID numbers, PINs) is throttled cluster-wide by {@link Throttles} instead.
 *
 * @param agent   seat-agent batches per agent key
 * @param marking marking writes per staff member: a burst of 20, then 5 a second, far above a person marking
 * @param photos  photo reads and imports, and admission-ticket PDFs, per staff member or candidate: a burst of 600
 *                (a console opening a 500-seat site), then 20 a second
 * @param results results writes per staff member (errata, releases, reviews): each may rescore a whole sitting,
 *                so a burst of 20 (an administrator correcting a few refused forms), then two a second
 * @param rooms   room and sitting-wide actions, announcements and rule changes per staff member (each may touch
 *                every seat of a sitting): a burst of 20, then 5 a second
 * @param banks   bank exports per staff member (each writes a whole bank on the worker pool): a burst of 10 (both
 *                QTI versions of a few banks), then one every 3 seconds
 * @param histories answer-history exports per staff member (each hashes one attempt's whole history): a burst of
 *                60 (the attempts of a disputed room), then 5 a second
 */
public record RateLimits(RateLimiter agent, RateLimiter marking, RateLimiter photos,
                         RateLimiter results, RateLimiter rooms, RateLimiter banks, RateLimiter histories) {

    public static RateLimits defaults() {
        return new RateLimits(new RateLimiter(100, Duration.ofMillis(100), 10_000),
                new RateLimiter(20, Duration.ofMillis(200), 10_000),
                new RateLimiter(600, Duration.ofMillis(50), 10_000),
                new RateLimiter(20, Duration.ofMillis(500), 10_000),
                new RateLimiter(20, Duration.ofMillis(200), 10_000),
                new RateLimiter(10, Duration.ofSeconds(3), 10_000),
                new RateLimiter(60, Duration.ofMillis(200), 10_000));
    }
}
