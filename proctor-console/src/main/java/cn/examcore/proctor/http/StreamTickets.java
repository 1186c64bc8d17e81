package cn.examcore.proctor.http;

import cn.examcore.contract.StaffIdentity;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * 流票据: one-time tickets that open a live stream. {@code EventSource} cannot send an {@code Authorization} header,
 * so instead of putting the staff token in the stream's URL (where it lands in access logs, proxies and the browser
 * history for its whole 12-hour life) the page first POSTs with its bearer token and gets a random ticket that is
 * valid for a few seconds, for one sitting, and for one use. The ticket remembers the staff token server-side, so
 * the stream can still ask exam-server which seats that token may see.
 *
 * <p>Not thread-safe: every call runs on the console verticle's event loop. Tickets live in this console's memory
 * only, so the POST and the stream must reach the same console (one console, or sticky sessions).
 */
final class StreamTickets {

    /** What a redeemed ticket stands for. */
    record Grant(String sittingId, StaffIdentity claims, String token) {
    }

    private record Entry(Grant grant, long expiresAt) {
    }

    /** Outstanding tickets allowed at once: far above real use, so a misbehaving page cannot grow memory forever. */
    static final int MAX_OUTSTANDING = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> tickets = new HashMap<>();
    private final long ttlMillis;
    private final LongSupplier clock;

    StreamTickets(long ttlMillis, LongSupplier clock) {
        if (ttlMillis < 1000) {
            throw new IllegalArgumentException("a stream ticket must live at least one second, got " + ttlMillis
                    + " ms");
        }
        this.ttlMillis = ttlMillis;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new ticket for this sitting and staff token; it expires at {@link #expiresAt} of the returned value. */
    Issued issue(String sittingId, StaffIdentity claims, String token) {
        long now = clock.getAsLong();
        prune(now);
        if (tickets.size() >= MAX_OUTSTANDING) {
            throw new IllegalStateException("too many unused stream tickets (" + tickets.size() + "); try again in "
                    + ttlMillis / 1000 + " s");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expiresAt = now + ttlMillis;
        tickets.put(ticket, new Entry(new Grant(sittingId, claims, token), expiresAt));
        return new Issued(ticket, expiresAt);
    }

    /**
     * Takes the ticket: it is gone afterwards whatever the outcome, so a second use is refused. Empty when it is
     * unknown, already used, expired, or for another sitting.
     */
    Optional<Grant> redeem(String ticket, String sittingId) {
        long now = clock.getAsLong();
        Entry e = ticket == null ? null : tickets.remove(ticket);
        prune(now);
        if (e == null || now >= e.expiresAt || !e.grant.sittingId().equals(sittingId)) {
            return Optional.empty();
        }
        return Optional.of(e.grant);
    }

    /** Tickets issued and not yet used or expired (for tests and the status page). */
    int outstanding() {
        prune(clock.getAsLong());
        return tickets.size();
    }

    private void prune(long now) {
        for (Iterator<Entry> it = tickets.values().iterator(); it.hasNext(); ) {
            if (now >= it.next().expiresAt) {
                it.remove();
            }
        }
    }

    /** A ticket and when it stops being accepted (epoch ms). */
    record Issued(String ticket, long expiresAt) {
    }
}
