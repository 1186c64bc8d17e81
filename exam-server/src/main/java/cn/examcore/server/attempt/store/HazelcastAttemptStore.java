package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.attempt.store.AttemptProcessors.Change;
import cn.examcore.server.attempt.store.AttemptProcessors.Op;
import cn.examcore.server.attempt.store.AttemptProcessors.Outcome;
import cn.examcore.server.storage.hazelcast.AsyncBridge;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link AttemptStore} on the {@code attempts} IMap: every change is one {@code submitToKey} with an
 * {@link AttemptProcessors.Change}; the async result is bridged back onto the caller's Vert.x context.
 */
public final class HazelcastAttemptStore implements AttemptStore {

    private final Vertx vertx;
    private final IMap<String, Attempt> map;
    private final WorkerExecutor workers;
    /** Where the sitting-wide queries staff pages ask for run: never the threads of the deadline scan. */
    private final WorkerExecutor reads;
    private final HazelcastInstance hz;
    private volatile String nodeName;

    /** The most ids {@link #getEach} reads one by one; a room has at most a few dozen seats. */
    public static final int EACH_LIMIT = 200;

    /** One executor for everything (tools and tests that measure the store alone). */
    public HazelcastAttemptStore(Vertx vertx, HazelcastInstance hz, WorkerExecutor workers) {
        this(vertx, hz, workers, workers);
    }

    /**
     * @param workers the deadline scan, batch reads and changes: work the node's own timers and seats wait for
     * @param reads   the sitting-wide queries of staff pages (a sitting's or some seats' attempts), which consoles
     *                repeat on timers: however many of them pile up, the deadline scan does not wait behind them
     */
    public HazelcastAttemptStore(Vertx vertx, HazelcastInstance hz, WorkerExecutor workers, WorkerExecutor reads) {
        this.vertx = vertx;
        this.map = HazelcastMaps.openMap(hz, HazelcastMaps.ATTEMPTS);
        this.workers = workers;
        this.reads = reads;
        this.hz = hz;
    }

    private <T> Future<T> bridge(Supplier<CompletionStage<T>> call) {
        return AsyncBridge.bridge(vertx, call);
    }

    private Future<Outcome> change(String attemptId, Op op, long now, long seconds, List<Answer> answers) {
        return change(attemptId, new Change(op, now, seconds, answers));
    }

    private Future<Outcome> change(String attemptId, Change change) {
        change.by(nodeName());
        return bridge(() -> map.submitToKey(attemptId, change)).compose(o -> outcome(attemptId, o));
    }

    private static Future<Outcome> outcome(String attemptId, Outcome o) {
        if (o.rejection() == null) {
            return Future.succeededFuture(o);
        }
        if (o.rejection().equals("UNKNOWN")) {
            return Future.failedFuture(new UnknownAttempt(attemptId));
        }
        if (o.rejection().equals("BAD_VALUE")) {
            return Future.failedFuture(new IllegalArgumentException(o.message()));
        }
        return Future.failedFuture(new AttemptRejected(AttemptRejected.Reason.valueOf(o.rejection()), o.message()));
    }

    private Future<AttemptChange> changed(String attemptId, Op op, long now, long seconds, List<Answer> answers) {
        return change(attemptId, op, now, seconds, answers).map(o -> new AttemptChange(o.attempt(), o.changed()));
    }

    /**
     * This member's address ({@code host:port}), the node the answer history records for the changes it sends:
     * short, and what an operator finds in the logs and the cluster view.
     */
    private String nodeName() {
        String name = nodeName;
        if (name == null) {
            name = hz.getCluster().getLocalMember().getAddress().toString();
            nodeName = name;
        }
        return name;
    }

    @Override
    public Future<Void> createAll(Collection<Attempt> attempts) {
        Map<String, Attempt> byId = new HashMap<>();
        attempts.forEach(a -> byId.put(a.id(), a));
        // On a worker: putAllAsync groups the keys by owner on the calling thread and sleeps there while a partition
        // has no owner (during a merge), which must never be an event loop.
        return workers.executeBlocking(() -> {
            map.putAll(byId);
            return null;
        }, false);
    }

    @Override
    public Future<Attempt> get(String attemptId) {
        return bridge(() -> map.getAsync(attemptId)).compose(a -> a == null
                ? Future.failedFuture(new UnknownAttempt(attemptId)) : Future.succeededFuture(a));
    }

    @Override
    public Future<Map<String, Attempt>> getAll(Collection<String> attemptIds) {
        if (attemptIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        Set<String> keys = new HashSet<>(attemptIds);
        // IMap has no async getAll; one blocking call groups the keys by owner (one operation per partition).
        return workers.executeBlocking(() -> map.getAll(keys), false);
    }

    /**
     * Up to {@link #EACH_LIMIT} ids (a room): one async get per key, each completed on the caller's context, so no
     * worker waits for the members' replies. More (a sitting-wide action names every seat): one {@code getAll} on the
     * staff reads' threads, one operation per partition, so thousands of replies are not deserialised on the event
     * loop that also serves seats.
     */
    @Override
    public Future<List<Attempt>> getEach(Collection<String> attemptIds) {
        if (attemptIds.size() > EACH_LIMIT) {
            Set<String> keys = new HashSet<>(attemptIds);
            return reads.executeBlocking(() -> new ArrayList<>(map.getAll(keys).values()), false);
        }
        List<Future<Attempt>> each = new ArrayList<>(attemptIds.size());
        for (String id : new LinkedHashSet<>(attemptIds)) {
            each.add(bridge(() -> map.getAsync(id)));
        }
        return Future.all(each).map(all -> {
            List<Attempt> found = new ArrayList<>(each.size());
            for (Future<Attempt> f : each) {
                if (f.result() != null) {
                    found.add(f.result());
                }
            }
            return found;
        });
    }

    @Override
    public Future<Void> save(String attemptId, List<Answer> answers, long now) {
        return change(attemptId, Op.SAVE, now, 0, answers).mapEmpty();
    }

    @Override
    public Future<Attempt> mergeVector(String attemptId, List<Answer> answers, long now) {
        return change(attemptId, Op.MERGE_VECTOR, now, 0, answers).map(Outcome::attempt);
    }

    @Override
    public Future<AttemptChange> submit(String attemptId, List<Answer> answers, long now) {
        return changed(attemptId, Op.SUBMIT, now, 0, answers);
    }

    @Override
    public Future<AttemptChange> autoSubmit(String attemptId, long now) {
        return changed(attemptId, Op.AUTO_SUBMIT, now, 0, List.of());
    }

    @Override
    public Future<List<AttemptChange>> autoSubmitAll(Collection<String> attemptIds, long now) {
        if (attemptIds.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Set<String> keys = new HashSet<>(attemptIds);
        // The same AUTO_SUBMIT change as for one attempt, sent as one operation per partition: it runs per entry on
        // the partition thread, so it freezes each attempt at most once however many calls race. Sent from a worker:
        // submitToKeys groups the partitions by owner on the calling thread and sleeps there while one has no owner
        // (during a merge), which must not stall the deadline timer's event loop and the seats sharing it.
        Change change = new Change(Op.AUTO_SUBMIT, now, 0, List.of());
        return workers.executeBlocking(() -> map.submitToKeys(keys, change), false)
                .compose(sent -> bridge(() -> sent)).map(HazelcastAttemptStore::applied);
    }

    private static List<AttemptChange> applied(Map<String, Outcome> outcomes) {
        List<AttemptChange> changes = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes.values()) {
            if (o.rejection() == null && o.attempt() != null) {
                changes.add(new AttemptChange(o.attempt(), o.changed()));
            }
        }
        return changes;
    }

    @Override
    public Future<AttemptChange> forceSubmit(String attemptId, long now) {
        return changed(attemptId, Op.FORCE_SUBMIT, now, 0, List.of());
    }

    @Override
    public Future<AttemptChange> mergeOffline(String attemptId, List<Answer> answers, long now) {
        return bridge(() -> map.submitToKey(attemptId, new OfflineMerge(answers, now, nodeName())))
                .compose(o -> outcome(attemptId, o)).map(o -> new AttemptChange(o.attempt(), o.changed()));
    }

    @Override
    public Future<AttemptChange> moveSeat(String attemptId, String seatCode, long now) {
        return change(attemptId, new Change(Op.MOVE_SEAT, now, 0, List.of(), seatCode))
                .map(o -> new AttemptChange(o.attempt(), o.changed()));
    }

    @Override
    public Future<AttemptChange> pause(String attemptId, long now) {
        return changed(attemptId, Op.PAUSE, now, 0, List.of());
    }

    @Override
    public Future<AttemptChange> resume(String attemptId, long now) {
        return changed(attemptId, Op.RESUME, now, 0, List.of());
    }

    @Override
    public Future<AttemptChange> reopen(String attemptId, long now) {
        return changed(attemptId, Op.REOPEN, now, 0, List.of());
    }

    @Override
    public Future<AttemptChange> extend(String attemptId, long seconds, long now) {
        return changed(attemptId, Op.EXTEND, now, seconds, List.of());
    }

    @Override
    public Future<Void> release(String sittingId, long now) {
        // One scan on the members' partition threads; no attempt travels over the network.
        return workers.executeBlocking(() -> {
            map.executeOnEntries(new Change(Op.RELEASE, now, 0, List.of()),
                    Predicates.and(Predicates.equal("sittingId", sittingId),
                            Predicates.equal("state", AttemptState.WAITING.name())));
            return null;
        }, false);
    }

    @Override
    public Future<List<Attempt>> bySitting(String sittingId) {
        return reads.executeBlocking(() -> new ArrayList<>(map.values(Predicates.equal("sittingId", sittingId))),
                false);
    }

    @Override
    public Future<List<String>> locallyDue(long now) {
        // dueAt already includes the grace; paused and submitted attempts carry Long.MAX_VALUE. No index on it: an
        // index is updated on every answer save, while this scan runs once per timer period and reads only the
        // Compact field of the entries in the partitions this member owns now.
        return workers.executeBlocking(() -> new ArrayList<>(map.localKeySet(
                Predicates.lessEqual("dueAt", now))), false);
    }

    @Override
    public List<String> ownedHere(Collection<String> attemptIds) {
        Member self = hz.getCluster().getLocalMember();
        PartitionService partitions = hz.getPartitionService();
        List<String> owned = new ArrayList<>();
        for (String id : attemptIds) {
            if (self.equals(partitions.getPartition(id).getOwner())) {
                owned.add(id);
            }
        }
        return owned;
    }

    @Override
    public Future<Void> flush() {
        return workers.executeBlocking(() -> {
            map.flush();
            return null;
        }, false);
    }
}
