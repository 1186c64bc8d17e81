package cn.examcore.proctor.live;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatProgress;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.rules.Suggestion;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 实时推送: the console's live fan-out. Events and audit records from the cluster are collected per sitting and
 * sent to each watching browser as one coalesced batch per flush, filtered to the seats that viewer may see, so a
 * 3,000-seat site costs one message per viewer per flush, never one per event. The rules engine's new flags and
 * suggestions ride in the same batch, and so do the answer-similarity detector's flags ({@link SimilarityFlags}) and
 * each seat's latest answer count ({@link SeatProgress}, only the newest per seat per flush).
 *
 * <p>Not thread-safe: the console's live verticle calls it from its one event loop.
 */
public final class LiveHub {

    /** One watching browser: a sitting, the seats its token may see, and where to write. */
    public interface Viewer {
        String sittingId();

        boolean maySee(String seatCode);

        /** Sends one JSON message; returns false when the viewer is gone. */
        boolean send(String json);
    }

    /** Fetches a sitting's stored events (exam-server's {@code GET /api/proctor/sittings/{id}/events}). */
    @FunctionalInterface
    public interface Loader {
        Future<List<SeatEvent>> storedEvents(String sittingId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);

    private final LiveRules rules;
    private final Loader loader;
    private final Map<String, Future<Void>> loads = new HashMap<>();
    private final LongSupplier clock;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final Map<String, List<SeatEvent>> eventsBySitting = new HashMap<>();
    private final Map<String, List<AuditRecord>> auditBySitting = new HashMap<>();
    private final Map<String, Map<String, SeatProgress>> progressBySitting = new HashMap<>();
    private final SimilarityFlags similarity = new SimilarityFlags();
    private final List<FlagView> similarityChanged = new ArrayList<>();
    private final List<SimilarityFlags.Withdrawal> similarityWithdrawn = new ArrayList<>();
    private long eventsIn;
    private long batchesOut;

    /** A hub that never loads stored events (unit tests of the fan-out). */
    public LiveHub(LiveRules rules, LongSupplier clock) {
        this(rules, clock, sittingId -> Future.succeededFuture(List.of()));
    }

    public LiveHub(LiveRules rules, LongSupplier clock, Loader loader) {
        this.rules = rules;
        this.clock = clock;
        this.loader = loader;
    }

    /**
     * Completes once the sitting's stored events are in the rules and the flags they give are out: the first call
     * for a sitting (its first viewer or its first live event) loads them, later calls share that load. A failed
     * load is forgotten, so the next viewer or event tries again.
     */
    public Future<Void> ready(String sittingId) {
        Future<Void> f = loads.get(sittingId);
        if (f != null) {
            return f;
        }
        f = loader.storedEvents(sittingId).map(stored -> {
            int added = rules.load(stored);
            LOG.info("sitting {}: loaded {} stored events ({} not seen live)", sittingId, stored.size(), added);
            flush();
            return (Void) null;
        });
        loads.put(sittingId, f);
        f.onFailure(e -> {
            loads.remove(sittingId);
            LOG.warn("sitting {}: could not load the stored events, will try again: {}", sittingId, e.getMessage());
        });
        return f;
    }

    /**
     * Reads every loaded sitting's stored events again, after the upstream stream was (re)opened: events published
     * while it was closed reach the rules this way, merged with those already seen by event id.
     */
    public void resync() {
        for (String sittingId : sittings()) {
            loads.remove(sittingId);
            ready(sittingId);
        }
    }

    public void onEvent(SeatEvent e) {
        if (e.sittingId() == null || e.seatCode() == null) {
            return;
        }
        eventsIn++;
        ready(e.sittingId());
        eventsBySitting.computeIfAbsent(e.sittingId(), k -> new ArrayList<>()).add(e);
        rules.offer(e);
    }

    /** Keeps an audit record for its sitting's viewers; staff and bank records (no sitting) are not for a room. */
    public void onAudit(AuditRecord r) {
        if (r.sittingId() == null) {
            return;
        }
        auditBySitting.computeIfAbsent(r.sittingId(), k -> new ArrayList<>()).add(r);
    }

    /** Keeps a seat's answer count for the next flush; a newer count of the same seat replaces an older one. */
    public void onProgress(SeatProgress p) {
        if (p.sittingId() == null || p.seatCode() == null) {
            return;
        }
        progressBySitting.computeIfAbsent(p.sittingId(), k -> new LinkedHashMap<>())
                .merge(p.seatCode(), p, (old, now) -> now.at() >= old.at() ? now : old);
    }

    /**
     * Takes the flags of one similarity run of a sitting (see {@link SimilarityFlags#flagsOf}); the new and changed
     * ones go out with the next flush, and so do the ids and reasons of the open ones the run withdrew.
     *
     * @return what changed
     */
    public SimilarityFlags.Merged similarityFlags(String sittingId, List<FlagView> proposed, long at,
                                                  int candidates) {
        SimilarityFlags.Merged merged = similarity.merge(sittingId, proposed, at, candidates);
        similarityChanged.addAll(merged.changed());
        similarityWithdrawn.addAll(merged.withdrawn());
        return merged;
    }

    /** The sittings this hub has loaded (the ones the similarity runs look at). */
    public Set<String> sittings() {
        Set<String> out = new java.util.TreeSet<>();
        loads.forEach((id, f) -> {
            if (f.succeeded()) {
                out.add(id);
            }
        });
        return out;
    }

    /** Every open flag: the rules engine's, then the similarity detector's. */
    public List<FlagView> flags() {
        List<FlagView> all = new ArrayList<>(rules.flags());
        all.addAll(similarity.all());
        return all;
    }

    /** Registers a viewer and sends it the current flags and suggestions of its seats. */
    public void join(Viewer v) {
        viewers.add(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("serverNow", clock.getAsLong());
        m.put("flags", visible(flags(), v, FlagView::sittingId, FlagView::seatCode));
        m.put("suggestions", visible(rules.suggestions(), v, Suggestion::sittingId, Suggestion::seatCode));
        if (!v.send(Json.encode(m))) {
            viewers.remove(v);
        }
    }

    public void leave(Viewer v) {
        viewers.remove(v);
    }

    public int viewerCount() {
        return viewers.size();
    }

    public long eventsIn() {
        return eventsIn;
    }

    public long batchesOut() {
        return batchesOut;
    }

    public LiveRules rules() {
        return rules;
    }

    /** Advances the rules and sends every viewer what happened at its seats since the last flush. */
    public void flush() {
        LiveRules.Changes changes = rules.advance(clock.getAsLong());
        Map<String, List<SeatEvent>> events = Map.copyOf(eventsBySitting);
        Map<String, List<AuditRecord>> audit = Map.copyOf(auditBySitting);
        Map<String, Map<String, SeatProgress>> progress = Map.copyOf(progressBySitting);
        List<FlagView> similar = List.copyOf(similarityChanged);
        List<SimilarityFlags.Withdrawal> withdrawals = List.copyOf(similarityWithdrawn);
        similarityWithdrawn.clear();
        eventsBySitting.clear();
        auditBySitting.clear();
        progressBySitting.clear();
        similarityChanged.clear();
        if (events.isEmpty() && audit.isEmpty() && changes.isEmpty() && progress.isEmpty() && similar.isEmpty()
                && withdrawals.isEmpty()) {
            return;
        }
        List<FlagView> changedFlags = new ArrayList<>(changes.flags());
        changedFlags.addAll(similar);
        long now = clock.getAsLong();
        for (Viewer v : viewers) {
            List<SeatEvent> ev = events.getOrDefault(v.sittingId(), List.of()).stream()
                    .filter(e -> v.maySee(e.seatCode())).toList();
            List<AuditRecord> au = audit.getOrDefault(v.sittingId(), List.of()).stream()
                    .filter(a -> a.target() == null || v.maySee(a.target())).toList();
            List<FlagView> fl = visible(changedFlags, v, FlagView::sittingId, FlagView::seatCode);
            List<SeatProgress> pr = progress.getOrDefault(v.sittingId(), Map.of()).values().stream()
                    .filter(p -> v.maySee(p.seatCode())).toList();
            List<Suggestion> su = visible(changes.suggestions(), v, Suggestion::sittingId, Suggestion::seatCode);
            List<SimilarityFlags.Withdrawal> wd = visible(withdrawals, v, SimilarityFlags.Withdrawal::sittingId,
                    SimilarityFlags.Withdrawal::seatCode);
            Set<String> removed = new java.util.LinkedHashSet<>(changes.removedFlagIds());
            wd.forEach(w -> removed.add(w.flagId()));
            if (ev.isEmpty() && au.isEmpty() && fl.isEmpty() && su.isEmpty() && removed.isEmpty() && pr.isEmpty()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "batch");
            m.put("serverNow", now);
            m.put("events", ev);
            m.put("audit", au);
            m.put("flags", fl);
            m.put("removedFlags", removed);
            m.put("withdrawals", wd);
            m.put("suggestions", su);
            m.put("progress", pr);
            if (v.send(Json.encode(m))) {
                batchesOut++;
            } else {
                viewers.remove(v);
            }
        }
    }

    private static <T> List<T> visible(Collection<T> items, Viewer v,
                                       java.util.function.Function<T, String> sitting,
                                       java.util.function.Function<T, String> seat) {
        Predicate<T> p = t -> v.sittingId().equals(sitting.apply(t)) && v.maySee(seat.apply(t));
        return items.stream().filter(p).collect(Collectors.toList());
    }
}
