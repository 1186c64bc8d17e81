package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.AnswerHistory.Entry;
import cn.examcore.server.attempt.domain.AnswerHistory.Kind;
import cn.examcore.server.attempt.domain.AnswerHistory.Link;
import cn.examcore.server.attempt.domain.Attempt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code answer_history} rows of the attempts' write-behind store ({@link AttemptMapStore}), kept apart so the
 * store itself only calls in at three places: write the entries not yet stored (in the transaction of the attempt
 * row and its answers, so the database never holds an answer without its entry), read an attempt's chain back, and
 * delete it.
 *
 * <p>One row holds a run of consecutive entries: those one flush writes for one attempt. The row's own columns are
 * the run's last entry (its {@code hash}, {@code seq} and {@code prev_hash} are that entry's), and
 * {@code earlier} packs the entries before it in the run, oldest first, with the hash the run starts from. A row per
 * entry made the history cost about a fifth of the saves per second, nearly all of it the database's per-row work
 * (load-tests/RESULTS.md); a flush that carries several saves of an attempt now writes one row. A row without
 * {@code earlier} is a run of one entry, as every row was before runs.
 *
 * <p>Rows have no key: they are appended, and found by attempt through a plain index. The key on (attempt, hash)
 * they had cost an insert-if-absent lookup and an entry of two long strings in a unique index per row; without it
 * and with runs, the database work per save fell by about a third ({@code SaveCost}, load-tests/RESULTS.md). A run
 * can be stored twice (a new owner after a failover, or a member that merged the other side's chain, writes the whole
 * chain again), so reading takes each entry once by its hash; such writes are rare and bounded by one chain per
 * change of owner. Two sides of a split brain that appended different entries under the same sequence number both
 * keep theirs (the merged chain names the other head). A writer only writes a run after the rows of the entries
 * before it (its own earlier flushes, or the run itself when it writes the whole chain), and the only deletion of a
 * run's predecessors ({@link AttemptMapStore}'s exact write of a submission) also deletes every run after them, so a
 * stored run's chain is always stored whole.
 */
final class HistoryRows {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRows.class);
    static final List<String> COLUMNS = List.of("attempt_id", "hash", "seq", "prev_hash", "kind", "item", "rev",
            "at_millis", "node", "answer_value", "value_digest", "earlier");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The most entries one row holds: the packed text of an entry is at most about 1,100 characters (a held value
     * of 128 characters escaped, a node name of 200, a digest), so a run stays well inside the column's 1,000,000
     * (V18); a longer write (a whole chain after a failover) takes several rows.
     */
    static final int MAX_RUN = 256;
    /** The node recorded for answers adopted from the database at load. */
    static final String FROM_DATABASE = "database";

    private HistoryRows() {
    }

    /** How much of an attempt's chain the database is known to hold: its first {@code size} entries, ending at head. */
    record Mark(int size, String head) {
        static final Mark NONE = new Mark(0, null);

        static Mark of(AnswerHistory h) {
            return new Mark(h.size(), h.recordedHead());
        }
    }

    /** The insert statement (rows have no key: see the class comment). */
    static String insertSql() {
        return "INSERT INTO answer_history (" + String.join(", ", COLUMNS) + ") VALUES ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
    }

    /**
     * Adds to {@code insert}'s batch the entries of {@code a}'s history beyond {@code stored}: when the history
     * extends what was stored, only the new entries are hashed; otherwise (a merge took the other side's chain, or
     * this member never wrote the attempt) every entry is written again, which is harmless because reads take each
     * entry once by its hash.
     *
     * @return the number of rows added (one per run of up to {@link #MAX_RUN} entries); 0 as well when the chain in
     *         memory does not reach its recorded head, which is logged and left out rather than stored as if it
     *         verified (the answers are still written)
     */
    static int addNew(PreparedStatement insert, Attempt a, Mark stored) throws SQLException {
        AnswerHistory h = a.history();
        if (h.size() == stored.size() && h.size() > 0 && h.recordedHead().equals(stored.head())) {
            return 0;
        }
        List<Link> links = null;
        if (stored.size() > 0 && stored.size() <= h.size()) {
            links = h.links(stored.size(), stored.head());
            if (!links.isEmpty() && !links.get(links.size() - 1).hash().equals(h.recordedHead())) {
                links = null;
            }
        }
        if (links == null) {
            links = h.links(a.id());
            if (!links.isEmpty() && !links.get(links.size() - 1).hash().equals(h.recordedHead())) {
                LOG.error("the answer history of attempt {} does not reach its recorded head {}; its {} entries are "
                        + "not written", a.id(), h.recordedHead(), h.size());
                return 0;
            }
        }
        for (int from = 0; from < links.size(); from += MAX_RUN) {
            bindRun(insert, a.id(), links.subList(from, Math.min(links.size(), from + MAX_RUN)));
            insert.addBatch();
        }
        return (links.size() + MAX_RUN - 1) / MAX_RUN;
    }

    private static void bindRun(PreparedStatement insert, String attemptId, List<Link> run) throws SQLException {
        Link last = run.get(run.size() - 1);
        Entry e = last.entry();
        insert.setString(1, attemptId);
        insert.setString(2, last.hash());
        insert.setLong(3, e.seq());
        insert.setString(4, last.prev());
        insert.setString(5, e.kind().name());
        insert.setInt(6, e.item());
        insert.setLong(7, e.rev());
        insert.setLong(8, e.at());
        insert.setString(9, e.node() == null ? "" : e.node());
        insert.setString(10, e.value());
        insert.setString(11, e.valueDigest());
        insert.setString(12, run.size() == 1 ? null : pack(run.subList(0, run.size() - 1)));
    }

    /**
     * The {@code earlier} text of a run whose entries before its last are {@code earlier}: a JSON array of the hash
     * the run starts from, then one array per entry (kind, item, revision, time, node, value, and the value's digest
     * only when the value is not held: a held value's digest is its SHA-256, recomputed on reading).
     */
    static String pack(List<Link> earlier) {
        ArrayNode run = JSON.createArrayNode();
        run.add(earlier.get(0).prev());
        for (Link l : earlier) {
            Entry e = l.entry();
            ArrayNode x = run.addArray();
            x.add(e.kind().name()).add(e.item()).add(e.rev()).add(e.at()).add(e.node());
            if (e.value() != null) {
                x.add(e.value());
            } else {
                x.addNull();
                if (e.valueDigest() != null) {
                    x.add(e.valueDigest());
                }
            }
        }
        try {
            return JSON.writeValueAsString(run);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("packing " + earlier.size() + " history entries failed", ex);
        }
    }

    /**
     * The entries of a stored run, each with its hashes, ending with the row's own entry: the packed ones are
     * re-hashed from the hash the run starts from, and must lead to the row's {@code prev_hash}.
     *
     * @throws IllegalArgumentException naming what does not fit, when {@code earlier} cannot be read or its entries
     *                                  do not chain to the row's own
     */
    static List<Link> unpack(String earlier, Link last) {
        if (earlier == null) {
            return List.of(last);
        }
        JsonNode run;
        try {
            run = JSON.readTree(earlier);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("the packed entries before " + last.entry().seq() + " are not JSON: "
                    + ex.getOriginalMessage());
        }
        if (!run.isArray() || run.size() < 2 || !run.get(0).isTextual()) {
            throw new IllegalArgumentException("the packed entries before " + last.entry().seq()
                    + " are not [start hash, entry…]");
        }
        int n = run.size() - 1;
        long seq = last.entry().seq() - n;
        String prev = run.get(0).asText();
        List<Link> links = new ArrayList<>(n + 1);
        for (int i = 1; i <= n; i++, seq++) {
            JsonNode x = run.get(i);
            if (!x.isArray() || x.size() < 6 || x.size() > 7) {
                throw new IllegalArgumentException("packed history entry " + seq + " is not [kind, item, rev, at, "
                        + "node, value(, digest)]");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(x.get(0).asText());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("packed history entry " + seq + " has an unknown kind "
                        + x.get(0).asText());
            }
            String value = x.get(5).isNull() ? null : x.get(5).asText();
            String digest = value != null ? AnswerHistory.valueDigest(value) : x.size() == 7 ? x.get(6).asText() : null;
            Entry e = new Entry(seq, kind, x.get(1).asInt(), x.get(2).asLong(), x.get(3).asLong(),
                    x.get(4).isNull() ? null : x.get(4).asText(), value, digest);
            String hash = AnswerHistory.hash(e, prev);
            links.add(new Link(e, prev, hash));
            prev = hash;
        }
        if (!prev.equals(last.prev())) {
            throw new IllegalArgumentException("the packed entries before " + last.entry().seq() + " hash to " + prev
                    + ", but entry " + last.entry().seq() + " follows " + last.prev());
        }
        links.add(last);
        return links;
    }

    /** A chain read back: the history and how much of it the database holds. */
    record Loaded(AnswerHistory history, Mark stored) {
    }

    /**
     * The chain of each attempt of {@code ids}: from its highest sequence number back to the genesis by
     * {@code prev_hash} (so entries of another split-brain side, named by a MERGE entry, are left out).
     */
    static Map<String, Loaded> load(Connection c, List<String> ids) throws SQLException {
        Map<String, Map<String, Row>> byAttempt = new HashMap<>();
        for (Map.Entry<String, List<Link>> run : runs(c, ids).entrySet()) {
            Map<String, Row> rows = byAttempt.computeIfAbsent(run.getKey(), k -> new HashMap<>());
            for (Link l : run.getValue()) {
                rows.putIfAbsent(l.hash(), new Row(l.hash(), l.prev(), l.entry()));
            }
        }
        Map<String, Loaded> result = new HashMap<>();
        byAttempt.forEach((id, rows) -> result.put(id, chain(id, rows)));
        return result;
    }

    /**
     * Every entry the database holds for {@code attemptId}, once each, with its hashes, by sequence number (and
     * hash, where the sides of a split brain both wrote one): the stored history as an audit or a test reads it,
     * whether or not it forms one chain.
     */
    static List<Link> stored(Connection c, String attemptId) throws SQLException {
        Map<String, Link> byHash = new LinkedHashMap<>();
        for (List<Link> run : runs(c, List.of(attemptId)).values()) {
            run.forEach(l -> byHash.putIfAbsent(l.hash(), l));
        }
        List<Link> links = new ArrayList<>(byHash.values());
        links.sort(Comparator.comparingLong((Link l) -> l.entry().seq()).thenComparing(Link::hash));
        return links;
    }

    /**
     * The stored entries of each attempt of {@code ids}, run after run (unpacked). A run whose packed entries do not
     * read or do not chain to its row is logged and contributes its row's own entry only: the chain it breaks then
     * fails to verify at load, which starts a new one from the stored answers rather than losing the attempt.
     */
    private static Map<String, List<Link>> runs(Connection c, List<String> ids) throws SQLException {
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, List<Link>> byAttempt = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", COLUMNS)
                + " FROM answer_history WHERE attempt_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Link last = new Link(new Entry(rs.getLong(3), Kind.valueOf(rs.getString(5)), rs.getInt(6),
                            rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11)),
                            rs.getString(4), rs.getString(2));
                    List<Link> run;
                    try {
                        run = unpack(rs.getString(12), last);
                    } catch (IllegalArgumentException e) {
                        LOG.error("a stored run of the answer history of attempt {} is unreadable ({}); only its last"
                                + " entry is read", id, e.getMessage());
                        run = List.of(last);
                    }
                    byAttempt.computeIfAbsent(id, k -> new ArrayList<>()).addAll(run);
                }
            }
        }
        return byAttempt;
    }

    private record Row(String hash, String prev, Entry entry) {
    }

    private static Loaded chain(String attemptId, Map<String, Row> rows) {
        Row tip = null;
        for (Row r : rows.values()) {
            if (tip == null || r.entry().seq() > tip.entry().seq()
                    || r.entry().seq() == tip.entry().seq() && r.hash().compareTo(tip.hash()) < 0) {
                tip = r;
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Row r = tip; r != null; r = rows.get(r.prev())) {
            entries.add(r.entry());
            if (r.entry().seq() == 1) {
                break;
            }
        }
        Collections.reverse(entries);
        try {
            if (entries.isEmpty() || entries.get(0).seq() != 1) {
                throw new IllegalStateException("entry " + (entries.isEmpty() ? 1 : entries.get(0).seq() - 1)
                        + " is missing");
            }
            AnswerHistory h = AnswerHistory.restore(attemptId, entries, tip.hash());
            return new Loaded(h, Mark.of(h));
        } catch (RuntimeException e) {
            // Never lose the attempt over its history: it starts a new chain, which adopts the stored answers.
            LOG.error("the stored answer history of attempt {} does not verify ({}); a new chain starts from its "
                    + "stored answers", attemptId, e.getMessage());
            return new Loaded(AnswerHistory.empty(), Mark.NONE);
        }
    }

    /**
     * {@code a} with its loaded history, extended by ADOPTED entries wherever the stored answers differ from what the
     * chain replays to (an attempt stored before the history existed; answers of the other side of a split brain the
     * database took before the merged chain was written), so the answers stay derivable from the history.
     */
    static Attempt withHistory(Attempt a, Loaded loaded) {
        AnswerHistory h = loaded == null ? AnswerHistory.empty() : loaded.history();
        Map<Integer, Answer> answers = a.answers();
        if (!h.differences(answers).isEmpty()) {
            try {
                h = h.adopt(a.id(), answers, FROM_DATABASE);
            } catch (IllegalStateException e) {
                LOG.error("the stored answer history of attempt {} does not fit its answers ({}); a new chain starts "
                        + "from its stored answers", a.id(), e.getMessage());
                h = AnswerHistory.empty().adopt(a.id(), answers, FROM_DATABASE);
            }
        }
        return a.withHistory(h);
    }

    /** Deletes an attempt's history rows (the attempt is deleted). */
    static void delete(Connection c, String attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM answer_history WHERE attempt_id = ?")) {
            ps.setString(1, attemptId);
            ps.executeUpdate();
        }
    }
}
