package cn.examcore.server.storage.hazelcast;

import cn.examcore.server.common.ClusterConsumers;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the maps that hold what candidates wrote, and how a store opens one. The member configuration
 * that gives them backups and write-behind stores is built by the node ({@code node.HazelcastSetup}); the stores
 * only open them.
 */
public final class HazelcastMaps {

    /** Attempt id → attempt (state, clock and answers). */
    public static final String ATTEMPTS = "examcore.attempts";
    /** Attempt id → the encoded in-memory copy of its paper ({@code paper.store.PaperCopy}). */
    public static final String PAPERS = "examcore.papers";
    /** Event id → event JSON. */
    public static final String EVENTS = "examcore.events";
    /** How often opening a map is tried while its index creation is indeterminate (see {@link #openMap}). */
    static final int OPEN_ATTEMPTS = 6;

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastMaps.class);

    private HazelcastMaps() {
    }

    /**
     * Opens one of our maps on this member. The first open of an indexed map adds its indexes on every partition
     * (Hazelcast's {@code AddIndexOperation}, which has backups). While members join and partitions migrate, a
     * backup acknowledgement can be missed, and with {@code fail.on.indeterminate.state} (which our saves need:
     * a save whose backup is in doubt must fail, so the page resends it) that fails the open with an
     * {@link IndeterminateOperationStateException}. Adding an index that exists changes nothing and a failed open
     * leaves no proxy behind, so the open is tried again, a few times, with a growing pause. Blocking (it sleeps
     * between tries): called while the node starts, never on an event loop.
     */
    public static <K, V> IMap<K, V> openMap(HazelcastInstance hz, String name) {
        return retryIndeterminate(name, () -> hz.<K, V>getMap(name), OPEN_ATTEMPTS, 250);
    }

    /** Runs {@code open} until it does not fail as indeterminate, at most {@code attempts} times. */
    public static <T> T retryIndeterminate(String what, Supplier<T> open, int attempts, long pauseMillis) {
        for (int attempt = 1; ; attempt++) {
            try {
                return open.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !ClusterConsumers.indeterminate(e)) {
                    throw e;
                }
                LOG.warn("opening {} was indeterminate (attempt {} of {}), trying again: {}", what, attempt,
                        attempts, e.toString());
                try {
                    Thread.sleep(pauseMillis * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
