package cn.examcore.server.storage.jdbc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How one write-behind map store is faring against the database: how many batches it failed to write and when it
 * last wrote one. Hazelcast keeps a failed batch queued and tries it again, so a failure loses nothing by itself;
 * what an operator must see is the queue not draining (the database away, or refusing the rows) long before the
 * cluster's memory or the exam day runs out. Plain counters, read by the node's meters on each scrape.
 */
public final class WriteBehindStats {

    private final LongAdder failures = new LongAdder();
    private final AtomicLong lastStoredAt;

    /** @param startedAt when the store was created (epoch ms): the age of a backlog never exceeds the node's uptime */
    public WriteBehindStats(long startedAt) {
        this.lastStoredAt = new AtomicLong(startedAt);
    }

    /** A batch reached the database at {@code now} (epoch ms). */
    public void stored(long now) {
        lastStoredAt.accumulateAndGet(now, Math::max);
    }

    /** A batch failed; Hazelcast will hand it to the store again. */
    public void failed() {
        failures.increment();
    }

    /** Batches that failed since the node started. */
    public long failures() {
        return failures.sum();
    }

    /** When a batch last reached the database (epoch ms), or the store's creation when none has yet. */
    public long lastStoredAt() {
        return lastStoredAt.get();
    }
}
