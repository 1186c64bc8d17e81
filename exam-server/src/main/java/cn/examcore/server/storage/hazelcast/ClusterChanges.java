package cn.examcore.server.storage.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When this member last saw its cluster change: a member joining or leaving, or a split-brain merge starting or
 * ending. Ownership of partitions moves only at such moments, so only for a while after one can another member (one
 * that was paused or cut off) still flush a copy of an attempt this member now owns; stores use it to decide how
 * much to trust what they remember having written.
 */
public final class ClusterChanges {

    private final LongSupplier clock;
    private final AtomicLong lastAt;

    /** Counts the start as a change: a member that has just started holds nothing it wrote itself. */
    public ClusterChanges(LongSupplier clock) {
        this.clock = clock;
        this.lastAt = new AtomicLong(clock.getAsLong());
    }

    /** Server time of the last change seen. */
    public long lastAt() {
        return lastAt.get();
    }

    private void mark() {
        lastAt.accumulateAndGet(clock.getAsLong(), Math::max);
    }

    /** The listener that counts members joining and leaving, for the member's configuration. */
    public MembershipListener membershipListener() {
        return new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                mark();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                mark();
            }
        };
    }

    /** The listener that counts a split-brain merge starting and ending, for the member's configuration. */
    public LifecycleListener lifecycleListener() {
        return event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGING
                    || event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                mark();
            }
        };
    }
}
