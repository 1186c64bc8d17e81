package cn.examcore.server.attempt.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Refuses attempt changes on a member that has just woken from a stall (a long GC pause, a frozen VM, SIGSTOP).
 *
 * <p>While a member is stalled longer than the failure detector allows, the others remove it and take its
 * partitions over. On waking it still lists them as members, and the heartbeats they sent before giving up wait in
 * its socket buffers and are read as fresh, so for a moment even the recent-heartbeat majority rule lets it write:
 * it has frozen an attempt 70 ms after thawing that the majority froze again 2.4 s later (the random fault
 * schedule, {@code NemesisIT}). Nothing on the member can tell that moment from normal work except the stall
 * itself, which a thread ticking every {@value #TICK_MILLIS} ms sees as a gap on the monotonic clock. A member is
 * fenced while that thread has not ticked for {@code stallMillis} (it may not have run yet after the thaw: the
 * check looks at the gap itself, not only at what the thread recorded) and for {@code fenceMillis} after a stall
 * it saw, long enough for the stale heartbeats to age out of the majority rule. A fenced change fails and is sent
 * again (the page's RETRY, the deadline's next scan), by then to the new owner or to this member in good standing.
 *
 * <p>One per JVM: entry processors are deserialised on the partition threads without any wiring to reach.
 */
public final class StallFence {

    static final long TICK_MILLIS = 50;

    private static volatile StallFence installed;

    private final LongSupplier nanos;
    private final long stallNanos;
    private final long fenceNanos;
    private final AtomicLong lastTick;
    private final AtomicLong fencedUntil;
    private final AtomicLong stalls = new AtomicLong();

    StallFence(LongSupplier nanos, long stallMillis, long fenceMillis) {
        this.nanos = nanos;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        this.fenceNanos = TimeUnit.MILLISECONDS.toNanos(fenceMillis);
        this.lastTick = new AtomicLong(nanos.getAsLong());
        this.fencedUntil = new AtomicLong(lastTick.get());
    }

    /**
     * Starts the JVM's fence once (later calls keep the first one): a daemon thread ticking every
     * {@value #TICK_MILLIS} ms.
     *
     * @param stallMillis a gap this long counts as a stall: above any scheduling delay, below the time after which
     *                    the other members remove a silent one
     * @param fenceMillis how long changes stay refused after a stall
     */
    public static synchronized StallFence install(long stallMillis, long fenceMillis) {
        if (installed == null) {
            StallFence fence = new StallFence(System::nanoTime, stallMillis, fenceMillis);
            Thread t = new Thread(fence::run, "examcore-stall-fence");
            t.setDaemon(true);
            t.start();
            installed = fence;
        }
        return installed;
    }

    /** Makes {@code fence} the JVM's fence (null: none), for tests that drive one by hand. */
    static synchronized void replaceForTest(StallFence fence) {
        installed = fence;
    }

    /** True while changes must be refused on this JVM; false where no fence was installed. */
    static boolean fencedNow() {
        StallFence fence = installed;
        return fence != null && fence.fenced();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            tick();
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One tick of the watch: a gap since the last one longer than a stall fences the member. */
    void tick() {
        long now = nanos.getAsLong();
        long gap = now - lastTick.getAndSet(now);
        if (gap >= stallNanos) {
            stalls.incrementAndGet();
            fencedUntil.accumulateAndGet(now + fenceNanos, Math::max);
        }
    }

    /** True while a stall is under way (no tick for a stall's length) or was seen less than the fence ago. */
    boolean fenced() {
        long now = nanos.getAsLong();
        return now - lastTick.get() >= stallNanos || now - fencedUntil.get() < 0;
    }

    /** Stalls the JVM's fence has seen since the start; 0 where none was installed. */
    static long stallsNow() {
        StallFence fence = installed;
        return fence == null ? 0 : fence.stalls();
    }

    /** Stalls seen since the start. */
    public long stalls() {
        return stalls.get();
    }
}
