package cn.examcore.server.mgmt;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Work this node holds until the database takes it (a frozen attempt's result or its submission event): how much
 * there is and how long the oldest has waited. Retries never give up, so this is what shows an outage that
 * results are waiting out, and what the result-outbox alert reads.
 */
public final class PendingWork {

    private final ConcurrentHashMap<Long, Long> since = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongSupplier clock;

    PendingWork(LongSupplier clock) {
        this.clock = clock;
    }

    /** A piece of work starts waiting for the database; the ticket ends it. */
    public long begin() {
        long id = ids.incrementAndGet();
        since.put(id, clock.getAsLong());
        return id;
    }

    /** The work of {@code ticket} was taken (or this node stops holding it). */
    public void end(long ticket) {
        since.remove(ticket);
    }

    /** Pieces of work waiting now. */
    public int size() {
        return since.size();
    }

    /** Seconds the oldest waiting piece has waited, 0 when none waits. */
    public double oldestSeconds() {
        long now = clock.getAsLong();
        long oldest = now;
        for (long t : since.values()) {
            oldest = Math.min(oldest, t);
        }
        return (now - oldest) / 1000.0;
    }
}
