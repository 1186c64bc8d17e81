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

    /** Ticket → what waits under it: since when, and how many results or events (a deadline batch is many). */
    private final ConcurrentHashMap<Long, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongSupplier clock;

    private record Waiting(long since, int count) {
    }

    PendingWork(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * {@code count} results or events, stored together, start waiting for the database; the ticket ends them all.
     *
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    public long begin(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("pending work counts at least one result or event, was " + count);
        }
        long id = ids.incrementAndGet();
        waiting.put(id, new Waiting(clock.getAsLong(), count));
        return id;
    }

    /** The work of {@code ticket} was taken (or this node stops holding it). */
    public void end(long ticket) {
        waiting.remove(ticket);
    }

    /** Results and events waiting now (a batch counts each of its own). */
    public int size() {
        int n = 0;
        for (Waiting w : waiting.values()) {
            n += w.count();
        }
        return n;
    }

    /** Seconds the oldest waiting piece has waited, 0 when none waits. */
    public double oldestSeconds() {
        long now = clock.getAsLong();
        long oldest = now;
        for (Waiting w : waiting.values()) {
            oldest = Math.min(oldest, w.since());
        }
        return (now - oldest) / 1000.0;
    }
}
