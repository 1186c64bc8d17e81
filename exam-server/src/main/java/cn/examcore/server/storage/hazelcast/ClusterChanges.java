package cn.examcore.server.storage.hazelcast;

import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
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
 * much to trust what they remember having written. While the cluster is smaller than it has been (a member is
 * down, or this member is cut off from the others), it counts as changing all the time: a member cut off for long
 * still flushes what it queued whenever its database answers, however long ago its view changed.
 */
public final class ClusterChanges {

    private final LongSupplier clock;
    private final AtomicLong lastAt;
    /** Members in this member's view now, and the most it has seen. */
    private volatile int members = 1;
    private volatile int most = 1;

    /** Counts the start as a change: a member that has just started holds nothing it wrote itself. */
    public ClusterChanges(LongSupplier clock) {
        this.clock = clock;
        this.lastAt = new AtomicLong(clock.getAsLong());
    }

    /** Server time of the last change seen; now, while the cluster is smaller than it has been. */
    public long lastAt() {
        return members < most ? clock.getAsLong() : lastAt.get();
    }

    private synchronized void sized(int size) {
        members = size;
        most = Math.max(most, size);
    }

    private void mark() {
        lastAt.accumulateAndGet(clock.getAsLong(), Math::max);
    }

    /** The listener that counts members joining and leaving, for the member's configuration. */
    public MembershipListener membershipListener() {
        return new InitialMembershipListener() {
            @Override
            public void init(InitialMembershipEvent event) {
                sized(event.getMembers().size());
            }

            @Override
            public void memberAdded(MembershipEvent event) {
                sized(event.getMembers().size());
                mark();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                sized(event.getMembers().size());
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
