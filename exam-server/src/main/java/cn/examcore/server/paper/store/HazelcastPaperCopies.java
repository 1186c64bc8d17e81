package cn.examcore.server.paper.store;

import cn.examcore.server.common.ClusterConsumers;
import cn.examcore.server.storage.hazelcast.AsyncBridge;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link PaperCopies} in the cluster's {@link HazelcastMaps#PAPERS} map: encoded copies with a synchronous backup
 * (the member configuration gives it the attempts' backup count) and a time to live per entry, in memory only: the
 * database holds the papers themselves.
 */
public final class HazelcastPaperCopies implements PaperCopies {

    /** Copies written at once while keeping a sitting's papers, so a 10,000-seat assembly does not flood a member. */
    static final int WRITE_WINDOW = 256;

    private final Vertx vertx;
    private final IMap<String, byte[]> map;
    private final WorkerExecutor blocking;

    /**
     * @param blocking where the one blocking call runs: Hazelcast has no asynchronous put-if-absent with a time to live
     */
    public HazelcastPaperCopies(Vertx vertx, HazelcastInstance hz, WorkerExecutor blocking) {
        this.vertx = vertx;
        this.map = HazelcastMaps.openMap(hz, HazelcastMaps.PAPERS);
        this.blocking = blocking;
    }

    @Override
    public Future<Void> keep(Map<String, byte[]> copies, long ttlMillis, Collection<String> dropped) {
        if (ttlMillis <= 0) {
            return Future.failedFuture(new IllegalArgumentException("a paper copy's time to live must be positive"));
        }
        return windowed(copies.entrySet().iterator(), e -> repeated(() -> AsyncBridge.bridge(vertx,
                () -> map.setAsync(e.getKey(), e.getValue(), ttlMillis, TimeUnit.MILLISECONDS)), TRIES))
                .compose(v -> windowed(dropped.stream().filter(id -> !copies.containsKey(id)).iterator(),
                        id -> repeated(() -> AsyncBridge.bridge(vertx, () -> map.removeAsync(id)).mapEmpty(),
                                TRIES)));
    }

    /** How often one write of a copy is tried while its backup's acknowledgement goes missing. */
    static final int TRIES = 4;

    /**
     * Runs {@code write} again when it failed as indeterminate: the member fails a write whose backup did not
     * acknowledge in time (which the attempts' saves need), and setting or removing the same copy again is harmless,
     * while failing a whole assembly for one missed acknowledgement (partitions settling after a member joined) is not.
     */
    static Future<Void> repeated(Supplier<Future<Void>> write, int tries) {
        return write.get().recover(e -> tries > 1 && ClusterConsumers.indeterminate(e) ? repeated(write, tries - 1)
                : Future.failedFuture(e));
    }

    /** Runs one write per element, at most {@link #WRITE_WINDOW} of them under way; fails with the first failure. */
    private <T> Future<Void> windowed(Iterator<T> elements, Function<T, Future<Void>> write) {
        List<Future<Void>> window = new ArrayList<>(WRITE_WINDOW);
        while (elements.hasNext() && window.size() < WRITE_WINDOW) {
            window.add(write.apply(elements.next()));
        }
        if (window.isEmpty()) {
            return Future.succeededFuture();
        }
        return Future.all(window).compose(v -> windowed(elements, write));
    }

    @Override
    public Future<Boolean> keepIfAbsent(String attemptId, byte[] copy, long ttlMillis) {
        if (ttlMillis <= 0) {
            return Future.failedFuture(new IllegalArgumentException("a paper copy's time to live must be positive"));
        }
        return blocking.executeBlocking(() -> map.putIfAbsent(attemptId, copy, ttlMillis, TimeUnit.MILLISECONDS)
                == null, false);
    }

    @Override
    public Future<Optional<byte[]>> copy(String attemptId) {
        return AsyncBridge.bridge(vertx, () -> map.getAsync(attemptId)).map(Optional::ofNullable);
    }
}
