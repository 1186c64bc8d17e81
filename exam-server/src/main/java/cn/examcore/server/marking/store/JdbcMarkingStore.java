package cn.examcore.server.marking.store;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.marking.domain.ArbitrationRule;
import cn.examcore.server.marking.domain.DoubleMarking;
import cn.examcore.server.marking.domain.Mark;
import cn.examcore.server.marking.domain.MarkingItem;
import cn.examcore.server.marking.domain.MarkingPlan;
import cn.examcore.server.marking.domain.Script;
import cn.examcore.server.marking.domain.ScriptState;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link MarkingStore} on JDBC (H2 or PostgreSQL; tables of migration V9). */
public final class JdbcMarkingStore implements MarkingStore {

    private static final String SCRIPT_COLUMNS = "id, sitting_id, script_no, attempt_id, item_number, item_id, answer,"
            + " state, final_score";
    private static final String MARK_COLUMNS = "id, script_id, slot, marker, points, total, comment_text, marked_at,"
            + " set_aside_at, set_aside_why";
    private static final String ITEM_COLUMNS = "item_id, section_id, item_type, stem, max_points, rubric,"
            + " tolerance_points";
    private static final TypeReference<List<BigDecimal>> NUMBERS = new TypeReference<>() { };
    private static final TypeReference<List<RubricPoint>> RUBRIC = new TypeReference<>() { };
    private static final TypeReference<Map<String, BigDecimal>> PERCENTS = new TypeReference<>() { };

    private final Jdbc jdbc;

    public JdbcMarkingStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    // ---- reads ----

    @Override
    public Future<Optional<MarkingPlan>> plan(String sittingId) {
        return jdbc.blocking(() -> jdbc.withConnection(c -> Jdbc.first(plans(c, sittingId))));
    }

    @Override
    public Future<List<MarkingPlan>> plans() {
        return jdbc.blocking(() -> jdbc.withConnection(c -> plans(c, null)));
    }

    private static List<MarkingPlan> plans(Connection c, String sittingId) throws SQLException {
        String where = sittingId == null ? "" : " WHERE sitting_id = ?";
        Object[] params = sittingId == null ? new Object[0] : new Object[] {sittingId};
        List<String[]> rows = Jdbc.query(c, "SELECT sitting_id, section_tolerances, item_tolerances, arbitration_rule,"
                + " opened_by FROM marking_plans" + where + " ORDER BY opened_at", rs -> new String[] {rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)}, params);
        List<MarkingPlan> out = new ArrayList<>();
        for (String[] r : rows) {
            List<Object[]> head = Jdbc.query(c, "SELECT tolerance_percent, opened_at FROM marking_plans"
                    + " WHERE sitting_id = ?", rs -> new Object[] {rs.getBigDecimal(1), rs.getLong(2)}, r[0]);
            List<String> markers = Jdbc.query(c, "SELECT username FROM marking_markers WHERE sitting_id = ?"
                    + " ORDER BY username", rs -> rs.getString(1), r[0]);
            out.add(new MarkingPlan(r[0], markers, ((BigDecimal) head.get(0)[0]).stripTrailingZeros(),
                    decode(r[1], PERCENTS), decode(r[2], PERCENTS), ArbitrationRule.valueOf(r[3]), r[4],
                    (Long) head.get(0)[1]));
        }
        return out;
    }

    @Override
    public Future<List<String>> unscriptedPending(String sittingId) {
        return jdbc.list("SELECT r.attempt_id FROM results r WHERE r.sitting_id = ? AND r.pending_marking = TRUE"
                + " AND NOT EXISTS (SELECT 1 FROM scripts s WHERE s.attempt_id = r.attempt_id) ORDER BY r.attempt_id",
                rs -> rs.getString(1), sittingId);
    }

    @Override
    public Future<Integer> maxScriptNo(String sittingId) {
        return jdbc.first("SELECT MAX(script_no) FROM scripts WHERE sitting_id = ?", rs -> rs.getInt(1), sittingId)
                .map(o -> o.orElse(0));
    }

    @Override
    public Future<Map<String, Integer>> loads(String sittingId) {
        return jdbc.list("SELECT marker, COUNT(*) FROM script_allocations WHERE sitting_id = ? GROUP BY marker",
                rs -> Map.entry(rs.getString(1), rs.getInt(2)), sittingId).map(list -> {
                    Map<String, Integer> out = new HashMap<>();
                    list.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    @Override
    public Future<Optional<Script>> script(String scriptId) {
        return jdbc.first("SELECT " + SCRIPT_COLUMNS + " FROM scripts WHERE id = ?", JdbcMarkingStore::script,
                scriptId);
    }

    @Override
    public Future<List<Script>> scripts(String sittingId) {
        return jdbc.list("SELECT " + SCRIPT_COLUMNS + " FROM scripts WHERE sitting_id = ? ORDER BY script_no",
                JdbcMarkingStore::script, sittingId);
    }

    @Override
    public Future<List<Script>> scriptsOf(String sittingId, String marker) {
        return jdbc.list("SELECT " + prefixed("s.", SCRIPT_COLUMNS) + " FROM script_allocations a JOIN scripts s"
                + " ON s.id = a.script_id WHERE a.sitting_id = ? AND a.marker = ? ORDER BY s.script_no",
                JdbcMarkingStore::script, sittingId, marker);
    }

    @Override
    public Future<List<Mark>> marksBy(String sittingId, String marker) {
        return jdbc.list("SELECT " + prefixed("m.", MARK_COLUMNS) + " FROM script_marks m JOIN scripts s"
                + " ON s.id = m.script_id WHERE s.sitting_id = ? AND m.marker = ? AND m.set_aside_at IS NULL",
                JdbcMarkingStore::mark, sittingId, marker);
    }

    @Override
    public Future<List<MarkingItem>> items(String sittingId) {
        return jdbc.list("SELECT " + ITEM_COLUMNS + " FROM marking_items WHERE sitting_id = ? ORDER BY section_id,"
                + " item_id", JdbcMarkingStore::item, sittingId);
    }

    @Override
    public Future<List<Allocated>> allocations(String sittingId) {
        return jdbc.list("SELECT script_id, slot, marker FROM script_allocations WHERE sitting_id = ?",
                rs -> new Allocated(rs.getString(1), rs.getInt(2), rs.getString(3)), sittingId);
    }

    @Override
    public Future<List<Allocated>> allocationsOf(String scriptId) {
        return jdbc.list("SELECT script_id, slot, marker FROM script_allocations WHERE script_id = ? ORDER BY slot",
                rs -> new Allocated(rs.getString(1), rs.getInt(2), rs.getString(3)), scriptId);
    }

    @Override
    public Future<List<Mark>> marks(String scriptId) {
        return jdbc.list("SELECT " + MARK_COLUMNS + " FROM script_marks WHERE script_id = ? ORDER BY slot",
                JdbcMarkingStore::mark, scriptId);
    }

    @Override
    public Future<List<Mark>> marksOfSitting(String sittingId) {
        return jdbc.list("SELECT " + prefixed("m.", MARK_COLUMNS) + " FROM script_marks m JOIN scripts s"
                + " ON s.id = m.script_id WHERE s.sitting_id = ? ORDER BY s.script_no, m.slot", JdbcMarkingStore::mark,
                sittingId);
    }

    // ---- writes ----

    @Override
    public Future<Void> open(MarkingPlan plan, List<MarkingItem> items, List<NewScript> scripts,
                             List<String> attemptIds, long now) {
        return jdbc.transaction(c -> {
            // Two chief markers opening at once queue here; the second finds the first one's scripts (scripts_once).
            if (Jdbc.query(c, "SELECT id FROM sittings WHERE id = ? FOR UPDATE", rs -> rs.getString(1),
                    plan.sittingId()).isEmpty()) {
                throw ExamException.field(ErrorType.UNKNOWN_SITTING, "sittingId", "no sitting " + plan.sittingId());
            }
            if (plans(c, plan.sittingId()).isEmpty()) {
                Jdbc.update(c, "INSERT INTO marking_plans (sitting_id, tolerance_percent, section_tolerances,"
                        + " item_tolerances, arbitration_rule, opened_by, opened_at) VALUES (?,?,?,?,?,?,?)",
                        plan.sittingId(), plan.tolerancePercent(), Json.encode(plan.sectionTolerances()),
                        Json.encode(plan.itemTolerances()), plan.rule().name(), plan.openedBy(), plan.openedAt());
                for (String m : plan.markers()) {
                    Jdbc.update(c, "INSERT INTO marking_markers (sitting_id, username) VALUES (?,?)",
                            plan.sittingId(), m);
                }
            }
            for (MarkingItem i : items) {
                if (Jdbc.query(c, "SELECT item_id FROM marking_items WHERE sitting_id = ? AND item_id = ?",
                        rs -> rs.getString(1), plan.sittingId(), i.itemId()).isEmpty()) {
                    Jdbc.update(c, "INSERT INTO marking_items (sitting_id, " + ITEM_COLUMNS
                            + ") VALUES (?,?,?,?,?,?,?,?)", plan.sittingId(), i.itemId(), i.sectionId(),
                            i.type().name(), i.stem(), i.maxPoints(), Json.encode(i.rubric()), i.tolerancePoints());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO scripts (" + SCRIPT_COLUMNS
                    + ", updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement as = c.prepareStatement("INSERT INTO script_allocations (script_id, slot,"
                         + " sitting_id, marker) VALUES (?,?,?,?)")) {
                List<Object[]> rows = new ArrayList<>();
                List<Object[]> allocations = new ArrayList<>();
                for (NewScript n : scripts) {
                    Script s = n.script();
                    rows.add(new Object[] {s.id(), s.sittingId(), s.scriptNo(), s.attemptId(), s.itemNumber(),
                        s.itemId(), s.answer(), s.state().name(), s.finalScore(), now});
                    for (int slot = 1; slot <= 2; slot++) {
                        allocations.add(new Object[] {s.id(), slot, s.sittingId(), n.markers().get(slot - 1)});
                    }
                }
                if (!rows.isEmpty()) {
                    Jdbc.batch(ps, rows);
                    Jdbc.batch(as, allocations);
                }
            }
            for (String attemptId : attemptIds) {
                completeResult(c, attemptId);
            }
            return null;
        }).recover(e -> Future.failedFuture(e instanceof SQLException x && Jdbc.UNIQUE_VIOLATION.equals(
                x.getSQLState()) ? ExamException.field(ErrorType.CONFLICT, "sittingId",
                "marking of this sitting is being opened by someone else; try again") : e));
    }

    @Override
    public Future<Marked> mark(String scriptId, String marker, List<BigDecimal> points, String comment,
                               String markId, long now) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            Script s = lockedScript(c, scriptId);
            List<Integer> slots = Jdbc.query(c, "SELECT slot FROM script_allocations WHERE script_id = ? AND marker = ?",
                    rs -> rs.getInt(1), scriptId, marker);
            if (slots.isEmpty()) {
                throw ExamException.field(ErrorType.FORBIDDEN, "scriptId", "script " + s.scriptNo()
                        + " is not allocated to you");
            }
            int slot = slots.get(0);
            List<Mark> marks = Jdbc.query(c, "SELECT " + MARK_COLUMNS + " FROM script_marks WHERE script_id = ?"
                    + " ORDER BY slot", JdbcMarkingStore::mark, scriptId);
            if (marks.stream().anyMatch(m -> m.slot() == slot)) {
                throw ExamException.field(ErrorType.CONFLICT, "scriptId", "you have marked script " + s.scriptNo()
                        + " already; a mark is changed only by the chief marker reopening the script");
            }
            MarkingItem item = item(c, s);
            BigDecimal total = item.check(points, comment);
            Mark mark = new Mark(markId, scriptId, slot, marker, points, total, comment == null ? "" : comment, now,
                    0, null);
            insert(c, mark);
            Mark other = marks.stream().filter(m -> m.slot() == 3 - slot).findFirst().orElse(null);
            Script after = s;
            boolean completed = false;
            if (other != null) {
                DoubleMarking.Outcome o = DoubleMarking.of(total, other.total(), item.tolerancePoints());
                after = update(c, s, o.state(), o.finalScore(), now);
                completed = o.state() == ScriptState.FINAL && completeResult(c, s.attemptId());
            }
            return new Marked(after, mark, completed);
        }));
    }

    @Override
    public Future<Marked> arbitrate(String scriptId, String chief, List<BigDecimal> points, String comment,
                                    String markId, long now) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            Script s = lockedScript(c, scriptId);
            if (s.state() != ScriptState.ARBITRATION) {
                throw ExamException.field(ErrorType.CONFLICT, "scriptId", "script " + s.scriptNo() + " is "
                        + s.state() + "; only a script in ARBITRATION is arbitrated");
            }
            MarkingItem item = item(c, s);
            BigDecimal total = item.check(points, comment);
            List<Mark> marks = Jdbc.query(c, "SELECT " + MARK_COLUMNS + " FROM script_marks WHERE script_id = ?"
                    + " ORDER BY slot", JdbcMarkingStore::mark, scriptId);
            Mark first = marks.stream().filter(m -> m.slot() == 1).findFirst().orElseThrow();
            Mark second = marks.stream().filter(m -> m.slot() == 2).findFirst().orElseThrow();
            int slot = Math.max(Mark.FIRST_ARBITER_SLOT, marks.stream().mapToInt(Mark::slot).max().orElse(0) + 1);
            Mark mark = new Mark(markId, scriptId, slot, chief, points, total, comment == null ? "" : comment, now, 0,
                    null);
            insert(c, mark);
            ArbitrationRule rule = plans(c, s.sittingId()).get(0).rule();
            Script after = update(c, s, ScriptState.FINAL, rule.finalScore(first.total(), second.total(), total), now);
            return new Marked(after, mark, completeResult(c, s.attemptId()));
        }));
    }

    @Override
    public Future<Script> reopen(String scriptId, String reason, long now) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            Script s = lockedScript(c, scriptId);
            if (s.state() != ScriptState.FINAL) {
                throw ExamException.field(ErrorType.CONFLICT, "scriptId", "script " + s.scriptNo() + " is "
                        + s.state() + "; only a marked (FINAL) script is reopened");
            }
            Jdbc.update(c, "UPDATE script_marks SET set_aside_at = ?, set_aside_why = ? WHERE script_id = ? AND slot >= ?"
                    + " AND set_aside_at IS NULL", now, reason, scriptId, Mark.FIRST_ARBITER_SLOT);
            update(c, s, ScriptState.ARBITRATION, null, now);
            Jdbc.update(c, "UPDATE results SET pending_marking = TRUE, passed = NULL, marked_score = NULL"
                    + " WHERE attempt_id = ?", s.attemptId());
            return s;
        }));
    }

    // ---- helpers ----

    private static Script lockedScript(Connection c, String scriptId) throws SQLException {
        List<Script> found = Jdbc.query(c, "SELECT " + SCRIPT_COLUMNS + " FROM scripts WHERE id = ? FOR UPDATE",
                JdbcMarkingStore::script, scriptId);
        if (found.isEmpty()) {
            throw ExamException.field(ErrorType.NOT_FOUND, "scriptId", "no script " + scriptId);
        }
        return found.get(0);
    }

    private static MarkingItem item(Connection c, Script s) throws SQLException {
        return Jdbc.query(c, "SELECT " + ITEM_COLUMNS + " FROM marking_items WHERE sitting_id = ? AND item_id = ?",
                JdbcMarkingStore::item, s.sittingId(), s.itemId()).get(0);
    }

    private static void insert(Connection c, Mark m) throws SQLException {
        Jdbc.update(c, "INSERT INTO script_marks (id, script_id, slot, marker, points, total, comment_text, marked_at)"
                + " VALUES (?,?,?,?,?,?,?,?)", m.id(), m.scriptId(), m.slot(), m.marker(), Json.encode(m.points()),
                m.total(), m.comment(), m.markedAt());
    }

    private static Script update(Connection c, Script s, ScriptState state, BigDecimal finalScore, long now)
            throws SQLException {
        Jdbc.update(c, "UPDATE scripts SET state = ?, final_score = ?, updated_at = ? WHERE id = ?", state.name(),
                finalScore, now, s.id());
        return new Script(s.id(), s.sittingId(), s.scriptNo(), s.attemptId(), s.itemNumber(), s.itemId(), s.answer(),
                state, finalScore == null ? null : finalScore.stripTrailingZeros());
    }

    /**
     * Completes the attempt's result when none of its scripts is left to mark: the marked score is the sum of the
     * final scores (0 without scripts), the verdict is taken on objective + marked against the sitting's pass mark.
     *
     * @return true when the result was completed
     */
    private static boolean completeResult(Connection c, String attemptId) throws SQLException {
        List<Object[]> scripts = Jdbc.query(c, "SELECT state, final_score FROM scripts WHERE attempt_id = ?",
                rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2)}, attemptId);
        BigDecimal marked = BigDecimal.ZERO;
        for (Object[] s : scripts) {
            if (!ScriptState.FINAL.name().equals(s[0])) {
                return false;
            }
            marked = marked.add((BigDecimal) s[1]);
        }
        List<Object[]> result = Jdbc.query(c, "SELECT r.objective_score, r.max_score, st.pass_mark FROM results r"
                + " JOIN sittings st ON st.id = r.sitting_id WHERE r.attempt_id = ?",
                rs -> new Object[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getInt(3)}, attemptId);
        if (result.isEmpty()) {
            return false;
        }
        BigDecimal total = ((BigDecimal) result.get(0)[0]).add(marked);
        Boolean passed = Result.verdict(total, (BigDecimal) result.get(0)[1], (Integer) result.get(0)[2], false);
        Jdbc.update(c, "UPDATE results SET marked_score = ?, pending_marking = FALSE, passed = ? WHERE attempt_id = ?",
                marked, passed, attemptId);
        return true;
    }

    private static Script script(ResultSet rs) throws SQLException {
        BigDecimal f = rs.getBigDecimal(9);
        return new Script(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), ScriptState.valueOf(rs.getString(8)),
                f == null ? null : f.stripTrailingZeros());
    }

    private static Mark mark(ResultSet rs) throws SQLException {
        return new Mark(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                decode(rs.getString(5), NUMBERS), rs.getBigDecimal(6).stripTrailingZeros(), rs.getString(7),
                rs.getLong(8), rs.getLong(9), rs.getString(10));
    }

    private static MarkingItem item(ResultSet rs) throws SQLException {
        return new MarkingItem(rs.getString(1), rs.getString(2), ItemType.valueOf(rs.getString(3)), rs.getString(4),
                rs.getBigDecimal(5).stripTrailingZeros(), decode(rs.getString(6), RUBRIC),
                rs.getBigDecimal(7).stripTrailingZeros());
    }

    private static <T> T decode(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable marking data: " + e.getOriginalMessage(), e);
        }
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }
}
