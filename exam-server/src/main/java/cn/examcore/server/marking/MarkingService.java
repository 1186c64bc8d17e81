package cn.examcore.server.marking;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.attempt.store.StoredUpload;
import cn.examcore.server.auth.Role;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.marking.MarkingViews.FileContent;
import cn.examcore.server.marking.MarkingViews.FileEntry;
import cn.examcore.server.marking.MarkingViews.ItemProgress;
import cn.examcore.server.marking.MarkingViews.ItemView;
import cn.examcore.server.marking.MarkingViews.MarkReceipt;
import cn.examcore.server.marking.MarkingViews.MarkView;
import cn.examcore.server.marking.MarkingViews.MarkerProgress;
import cn.examcore.server.marking.MarkingViews.Opened;
import cn.examcore.server.marking.MarkingViews.Progress;
import cn.examcore.server.marking.MarkingViews.ScriptEntry;
import cn.examcore.server.marking.MarkingViews.ScriptSheet;
import cn.examcore.server.marking.MarkingViews.SittingEntry;
import cn.examcore.server.marking.domain.Allocation;
import cn.examcore.server.marking.domain.ArbitrationRule;
import cn.examcore.server.marking.domain.DoubleMarking;
import cn.examcore.server.marking.domain.Mark;
import cn.examcore.server.marking.domain.MarkingItem;
import cn.examcore.server.marking.domain.MarkingPlan;
import cn.examcore.server.marking.domain.Script;
import cn.examcore.server.marking.domain.ScriptState;
import cn.examcore.server.marking.store.MarkingStore;
import cn.examcore.server.marking.store.MarkingStore.Allocated;
import cn.examcore.server.marking.store.MarkingStore.NewScript;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.sitting.store.SittingStore;
import cn.examcore.server.staff.StaffAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * 阅卷: opens a sitting's marking (scripts cut from the frozen attempts' subjective answers, numbered in a random
 * order and allocated to two markers each), serves scripts to their markers, takes marks, arbitrations and
 * reopenings, and shows the chief marker the progress. Every mark, arbitration, reopening and opening is an audit
 * record of the sitting. Who may do what: a MARKER marks the scripts allocated to them and sees only their own
 * marks; the CHIEF_MARKER (主评/仲裁) opens marking, sees every script and mark, arbitrates and reopens.
 */
public final class MarkingService {

    /** Media types a marker's page may show itself; anything else is only downloaded. */
    static final Set<String> VIEWABLE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif",
            "text/plain");
    /** Longest reason for a reopening. */
    public static final int MAX_REASON = 500;

    private final MarkingStore store;
    private final SittingStore sittings;
    private final AttemptStore attempts;
    private final PaperService papers;
    private final AnswerUploads uploads;
    private final StaffAccounts staff;
    private final AuditLog audit;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    public MarkingService(MarkingStore store, SittingStore sittings, AttemptStore attempts, PaperService papers,
                          AnswerUploads uploads, StaffAccounts staff, AuditLog audit, LongSupplier clock) {
        this.store = store;
        this.sittings = sittings;
        this.attempts = attempts;
        this.papers = papers;
        this.uploads = uploads;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What the chief marker declares when opening a sitting's marking.
     *
     * @param markers           usernames of MARKER accounts, at least two
     * @param tolerancePercent  default tolerance in per cent of an item's points, null for 15
     * @param sectionTolerances per section id, per cent
     * @param itemTolerances    per bank item id, per cent
     * @param rule              the arbitration rule, null for ARBITER
     */
    public record OpenRequest(List<String> markers, BigDecimal tolerancePercent,
                              Map<String, BigDecimal> sectionTolerances, Map<String, BigDecimal> itemTolerances,
                              ArbitrationRule rule) {
    }

    // ---- opening ----

    /**
     * Opens the sitting's marking, or, once it is open, adds the scripts of attempts frozen since (with the plan
     * declared first; the request's plan is then not used). Attempts whose every marked answer is blank are
     * completed with 0 marked points at once.
     */
    public Future<Opened> open(String sittingId, OpenRequest request, String chief) {
        long now = clock.getAsLong();
        return sittings.existingSitting(sittingId).compose(sitting -> store.plan(sittingId)).compose(existing -> {
            if (existing.isPresent()) {
                return Future.succeededFuture(existing.get());
            }
            MarkingPlan plan = new MarkingPlan(sittingId, request.markers() == null ? List.of() : request.markers(),
                    request.tolerancePercent() == null ? MarkingPlan.DEFAULT_TOLERANCE_PERCENT
                            : request.tolerancePercent(),
                    request.sectionTolerances() == null ? Map.of() : request.sectionTolerances(),
                    request.itemTolerances() == null ? Map.of() : request.itemTolerances(),
                    request.rule() == null ? ArbitrationRule.ARBITER : request.rule(), chief, now);
            return checkMarkers(plan.markers()).map(plan);
        }).compose(plan -> Future.all(store.unscriptedPending(sittingId), store.maxScriptNo(sittingId),
                store.loads(sittingId)).compose(read -> {
                    List<String> pending = read.resultAt(0);
                    int maxNo = read.resultAt(1);
                    Map<String, Integer> loads = read.resultAt(2);
                    return attempts.getAll(pending).compose(byId -> {
                        // An attempt that cannot be read must not pass for a blank one (which would score 0).
                        List<String> missing = pending.stream().filter(id -> byId.get(id) == null).toList();
                        return missing.isEmpty() ? Future.succeededFuture(byId) : Future.failedFuture(
                                new ExamException(ErrorType.NOT_READY, missing.size() + " attempt(s) of the sitting"
                                        + " could not be read (first " + missing.get(0) + "); nothing was opened",
                                        Map.of("field", "sittingId")));
                    }).compose(byId -> Future.all(pending.stream()
                                    .map(papers::paper).toList()).map(CompositeFuture::<LoadedPaper>list)
                            .map(loaded -> cut(plan, pending, byId, loaded, maxNo, loads)))
                            .compose(cut -> store.open(plan, cut.items(), cut.scripts(), pending, now)
                                    .compose(v -> store.loads(sittingId))
                                    .compose(after -> audit.record(chief, "marking.open", sittingId, sittingId,
                                            Map.of("markers", plan.markers(), "tolerancePercent",
                                                    plan.tolerancePercent(), "rule", plan.rule().name(),
                                                    "scripts", cut.scripts().size(), "attempts", pending.size()))
                                            .map(r -> new Opened(sittingId, cut.scripts().size(), pending.size(),
                                                    new TreeMap<>(after)))));
                }));
    }

    private Future<Void> checkMarkers(List<String> markers) {
        List<Future<?>> checks = new ArrayList<>();
        for (int i = 0; i < markers.size(); i++) {
            String field = "markers[" + i + "]";
            String name = markers.get(i);
            if (name == null || name.isBlank()) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_VALUE, field, field
                        + " must be a marker's user name"));
            }
            checks.add(staff.account(name).compose(a -> a.isPresent() && a.get().role() == Role.MARKER
                    ? Future.succeededFuture() : Future.failedFuture(ExamException.field(ErrorType.BAD_VALUE, field,
                    field + " (" + name + ") is not a staff account with the role MARKER"))));
        }
        return Future.all(checks).mapEmpty();
    }

    private record Cut(List<MarkingItem> items, List<NewScript> scripts) {
    }

    private Cut cut(MarkingPlan plan, List<String> pending, Map<String, Attempt> byId, List<LoadedPaper> loaded,
                    int maxNo, Map<String, Integer> loads) {
        Map<String, MarkingItem> items = new LinkedHashMap<>();
        List<Script> scripts = new ArrayList<>();
        for (int a = 0; a < pending.size(); a++) {
            Attempt attempt = byId.get(pending.get(a));
            LoadedPaper paper = loaded.get(a);
            for (PaperSection section : paper.paper().sections()) {
                for (PaperItem item : section.items()) {
                    if (item.type().machineScored()) {
                        continue;
                    }
                    items.computeIfAbsent(item.itemId(), id -> new MarkingItem(id, section.id(), item.type(),
                            item.stem(), item.score().stripTrailingZeros(), item.rubric(),
                            DoubleMarking.tolerancePoints(item.score(), plan.percentFor(id, section.id()))));
                    Answer answer = attempt == null ? null : attempt.answers().get(item.number());
                    if (blank(answer)) {
                        continue;
                    }
                    scripts.add(new Script(UUID.randomUUID().toString(), plan.sittingId(), 0, attempt.id(),
                            item.number(), item.itemId(), answer.value(), ScriptState.MARKING, null));
                }
            }
        }
        // Numbers in a random order: a script's number says nothing about its candidate's ticket or seat.
        List<Integer> numbers = new ArrayList<>(scripts.size());
        for (int i = 1; i <= scripts.size(); i++) {
            numbers.add(maxNo + i);
        }
        Collections.shuffle(numbers, random);
        int[][] pairs = Allocation.allocate(scripts.size(), plan.markers(), loads, random.nextLong());
        List<NewScript> out = new ArrayList<>(scripts.size());
        for (int i = 0; i < scripts.size(); i++) {
            Script s = scripts.get(i);
            out.add(new NewScript(new Script(s.id(), s.sittingId(), numbers.get(i), s.attemptId(), s.itemNumber(),
                    s.itemId(), s.answer(), s.state(), null),
                    List.of(plan.markers().get(pairs[i][0]), plan.markers().get(pairs[i][1]))));
        }
        return new Cut(List.copyOf(items.values()), out);
    }

    /** No text and no file: nothing to mark, 0 points. */
    static boolean blank(Answer answer) {
        if (answer == null || answer.value() == null) {
            return true;
        }
        JsonNode v = Json.tree(answer.value());
        return v.path("text").asText("").isBlank() && v.path("files").isEmpty();
    }

    // ---- reading ----

    /** The sittings a marker marks (the chief marker: every sitting, opened or not). */
    public Future<List<SittingEntry>> sittings(String username, boolean chief) {
        return Future.all(sittings.sittings(), store.plans()).map(all -> {
            List<cn.examcore.server.sitting.domain.Sitting> list = all.resultAt(0);
            List<MarkingPlan> plans = all.resultAt(1);
            Map<String, MarkingPlan> bySitting = new HashMap<>();
            plans.forEach(p -> bySitting.put(p.sittingId(), p));
            List<SittingEntry> out = new ArrayList<>();
            for (var s : list) {
                MarkingPlan p = bySitting.get(s.id());
                if (chief || p != null && p.markers().contains(username)) {
                    out.add(new SittingEntry(s.id(), s.title(), s.subject().name(), p != null,
                            p == null ? List.of() : p.markers()));
                }
            }
            return out;
        });
    }

    /**
     * A marker's scripts of a sitting (the chief marker: every script), by number. A marker's list is read through
     * their allocations alone, so it costs the same in a sitting of 100 scripts or 100,000.
     */
    public Future<List<ScriptEntry>> scripts(String sittingId, String username, boolean chief) {
        Future<List<Script>> scripts = chief ? store.scripts(sittingId) : store.scriptsOf(sittingId, username);
        Future<List<Mark>> marks = chief ? Future.succeededFuture(List.of()) : store.marksBy(sittingId, username);
        return Future.all(scripts, store.items(sittingId), marks).map(all -> {
            Map<String, MarkingItem> items = byItemId(all.resultAt(1));
            Map<String, Mark> mine = new HashMap<>();
            marks.result().stream().filter(m -> !m.arbitration()).forEach(m -> mine.put(m.scriptId(), m));
            List<ScriptEntry> out = new ArrayList<>();
            for (Script s : scripts.result()) {
                out.add(entry(s, items.get(s.itemId()), chief, mine.get(s.id())));
            }
            return out;
        });
    }

    private static ScriptEntry entry(Script s, MarkingItem item, boolean chief, Mark mine) {
        String state = chief ? s.state().name() : mine == null ? "TO_MARK" : "MARKED";
        return new ScriptEntry(s.id(), s.scriptNo(), s.itemId(), item.type().name(), item.maxPoints(), state,
                chief || mine == null ? null : mine.total(), chief ? s.finalScore() : null);
    }

    private static Map<String, MarkingItem> byItemId(List<MarkingItem> items) {
        Map<String, MarkingItem> out = new HashMap<>();
        items.forEach(i -> out.put(i.itemId(), i));
        return out;
    }

    /**
     * A script as its marker (or the chief marker) marks it. Refused with NOT_FOUND for an unknown script and, for a
     * marker, FORBIDDEN for a script not allocated to them: a script's number or id is no key to someone else's.
     */
    public Future<ScriptSheet> sheet(String scriptId, String username, boolean chief) {
        return access(scriptId, username, chief).compose(s -> Future.all(store.items(s.sittingId()),
                store.marks(scriptId), files(s)).map(all -> {
                    MarkingItem item = byItemId(all.resultAt(0)).get(s.itemId());
                    List<Mark> marks = all.resultAt(1);
                    List<FileEntry> files = all.resultAt(2);
                    Mark mine = marks.stream().filter(m -> m.marker().equals(username) && m.standing())
                            .reduce((a, b) -> b).orElse(null);
                    String state = chief ? s.state().name() : mine == null ? "TO_MARK" : "MARKED";
                    List<MarkView> all2 = chief ? marks.stream().map(MarkingService::view).toList() : List.of();
                    return new ScriptSheet(s.id(), s.scriptNo(), s.sittingId(), new ItemView(item.itemId(),
                            item.type().name(), item.stem(), item.maxPoints(), item.scoredPoints()), text(s), files,
                            state, mine == null ? null : view(mine), all2, chief ? s.finalScore() : null,
                            item.tolerancePoints());
                }));
    }

    private Future<Script> access(String scriptId, String username, boolean chief) {
        return store.script(scriptId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "scriptId", "no script "
                        + scriptId));
            }
            Script s = found.get();
            if (chief) {
                return Future.succeededFuture(s);
            }
            return store.allocationsOf(scriptId).compose(list -> list.stream().anyMatch(a -> a.marker()
                    .equals(username)) ? Future.succeededFuture(s) : Future.failedFuture(ExamException.field(
                    ErrorType.FORBIDDEN, "scriptId", "script " + s.scriptNo() + " is not allocated to you")));
        });
    }

    private static String text(Script s) {
        return s.answer() == null ? "" : Json.tree(s.answer()).path("text").asText("");
    }

    private static List<String> fileIds(Script s) {
        List<String> out = new ArrayList<>();
        if (s.answer() != null) {
            Json.tree(s.answer()).path("files").forEach(f -> out.add(f.asText()));
        }
        return out;
    }

    private Future<List<FileEntry>> files(Script s) {
        List<String> ids = fileIds(s);
        List<Future<Optional<StoredUpload>>> reads = ids.stream().map(uploads::file).toList();
        return Future.all(reads).map(v -> {
            List<FileEntry> out = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                Optional<StoredUpload> u = reads.get(i).result();
                if (u.isPresent()) {
                    String media = mediaType(u.get());
                    out.add(new FileEntry(i + 1, extension(u.get().name()), media, u.get().content().length,
                            VIEWABLE.contains(media)));
                }
            }
            return out;
        });
    }

    /** The i-th (1-based) file of the script's answer, to its marker or the chief marker. */
    public Future<FileContent> file(String scriptId, int index, String username, boolean chief) {
        return access(scriptId, username, chief).compose(s -> {
            List<String> ids = fileIds(s);
            if (index < 1 || index > ids.size()) {
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "index", "script "
                        + s.scriptNo() + " has " + ids.size() + " file(s), no file " + index));
            }
            return uploads.file(ids.get(index - 1)).compose(u -> {
                if (u.isEmpty()) {
                    return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "index", "file " + index
                            + " of script " + s.scriptNo() + " is no longer stored"));
                }
                String media = mediaType(u.get());
                String ext = extension(u.get().name());
                return Future.succeededFuture(new FileContent("script-" + s.scriptNo() + "-" + index
                        + (ext.isEmpty() ? "" : "." + ext), VIEWABLE.contains(media) ? media
                        : "application/octet-stream", VIEWABLE.contains(media), u.get().content()));
            });
        });
    }

    private static String mediaType(StoredUpload u) {
        String m = u.mediaType() == null ? "" : u.mediaType().toLowerCase(Locale.ROOT);
        int semi = m.indexOf(';');
        return (semi < 0 ? m : m.substring(0, semi)).strip();
    }

    private static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static MarkView view(Mark m) {
        String role = m.arbitration() ? "ARBITER" : m.slot() == 1 ? "FIRST" : "SECOND";
        return new MarkView(m.marker(), role, m.points(), m.total(), m.comment(), m.markedAt(), !m.standing(),
                m.setAsideWhy());
    }

    // ---- marking ----

    /** A marker's mark of a script allocated to them; see {@link MarkingStore#mark}. */
    public Future<MarkReceipt> mark(String scriptId, String marker, List<BigDecimal> points, String comment) {
        return store.mark(scriptId, marker, points, comment, UUID.randomUUID().toString(), clock.getAsLong())
                .compose(m -> auditMark("marking.mark", marker, m).map(v -> new MarkReceipt(m.script().id(),
                        m.script().scriptNo(), m.mark().total(), "MARKED", null)));
    }

    /** The chief marker's arbitration of a script whose two marks differ beyond the tolerance. */
    public Future<MarkReceipt> arbitrate(String scriptId, String chief, List<BigDecimal> points, String comment) {
        return store.arbitrate(scriptId, chief, points, comment, UUID.randomUUID().toString(), clock.getAsLong())
                .compose(m -> auditMark("marking.arbitrate", chief, m).map(v -> new MarkReceipt(m.script().id(),
                        m.script().scriptNo(), m.mark().total(), m.script().state().name(), m.script().finalScore())));
    }

    private Future<Void> auditMark(String action, String actor, MarkingStore.Marked m) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("scriptNo", m.script().scriptNo());
        detail.put("slot", m.mark().slot());
        detail.put("points", m.mark().points());
        detail.put("total", m.mark().total());
        detail.put("comment", m.mark().comment());
        detail.put("state", m.script().state().name());
        if (m.script().finalScore() != null) {
            detail.put("finalScore", m.script().finalScore());
        }
        detail.put("resultCompleted", m.resultCompleted());
        return audit.record(actor, action, m.script().sittingId(), m.script().id(), detail).mapEmpty();
    }

    /** The chief marker reopens a final script with a reason: it goes back to arbitration, its result to pending. */
    public Future<ScriptEntry> reopen(String scriptId, String chief, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_VALUE, "reason",
                    "a reopening needs a reason of 1 to " + MAX_REASON + " characters"));
        }
        return store.reopen(scriptId, reason.strip(), clock.getAsLong()).compose(before -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("scriptNo", before.scriptNo());
            detail.put("reason", reason.strip());
            detail.put("previousFinalScore", before.finalScore());
            return audit.record(chief, "marking.reopen", before.sittingId(), before.id(), detail)
                    .compose(r -> store.items(before.sittingId())).map(items -> entry(new Script(before.id(),
                            before.sittingId(), before.scriptNo(), before.attemptId(), before.itemNumber(),
                            before.itemId(), before.answer(), ScriptState.ARBITRATION, null),
                            byItemId(items).get(before.itemId()), true, null));
        });
    }

    /** Per marker and per item, and the scripts waiting for arbitration. */
    public Future<Progress> progress(String sittingId) {
        return sittings.existingSitting(sittingId).compose(st -> Future.all(store.scripts(sittingId),
                store.items(sittingId), store.allocations(sittingId), store.marksOfSitting(sittingId),
                store.plan(sittingId))).map(all -> {
                    List<Script> scripts = all.resultAt(0);
                    List<MarkingItem> items = all.resultAt(1);
                    List<Allocated> allocations = all.resultAt(2);
                    List<Mark> marks = all.resultAt(3);
                    Optional<MarkingPlan> plan = all.resultAt(4);
                    Map<String, MarkingItem> byId = byItemId(items);
                    Map<String, int[]> perMarker = new TreeMap<>();
                    plan.ifPresent(p -> p.markers().forEach(m -> perMarker.put(m, new int[2])));
                    allocations.forEach(a -> perMarker.computeIfAbsent(a.marker(), k -> new int[2])[0]++);
                    marks.stream().filter(m -> !m.arbitration() && m.standing())
                            .forEach(m -> perMarker.computeIfAbsent(m.marker(), k -> new int[2])[1]++);
                    Map<String, int[]> perItem = new LinkedHashMap<>();
                    items.forEach(i -> perItem.put(i.itemId(), new int[4]));
                    List<ScriptEntry> waiting = new ArrayList<>();
                    int finals = 0;
                    for (Script s : scripts) {
                        int[] c = perItem.computeIfAbsent(s.itemId(), k -> new int[4]);
                        c[0]++;
                        c[1 + s.state().ordinal()]++;
                        if (s.state() == ScriptState.FINAL) {
                            finals++;
                        } else if (s.state() == ScriptState.ARBITRATION) {
                            waiting.add(entry(s, byId.get(s.itemId()), true, null));
                        }
                    }
                    List<MarkerProgress> markers = new ArrayList<>();
                    perMarker.forEach((m, c) -> markers.add(new MarkerProgress(m, c[0], c[1])));
                    List<ItemProgress> perItemOut = new ArrayList<>();
                    perItem.forEach((id, c) -> {
                        MarkingItem i = byId.get(id);
                        perItemOut.add(new ItemProgress(id, i == null ? "" : i.type().name(), c[0], c[1], c[2], c[3],
                                i == null ? null : i.tolerancePoints()));
                    });
                    return new Progress(sittingId, scripts.size(), finals, waiting, markers, perItemOut);
                });
    }
}
