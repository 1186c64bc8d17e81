package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.AnswerHistory.Entry;
import cn.examcore.server.attempt.domain.AnswerHistory.Kind;
import cn.examcore.server.attempt.domain.AnswerHistory.Link;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.storage.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
 * <p>Rows are keyed by (attempt, hash) and inserted if absent: writing an entry twice (a retried batch, a new owner
 * after a failover writing the whole chain) changes nothing, and two sides of a split brain that appended different
 * entries under the same sequence number both keep theirs (the merged chain names the other head).
 */
final class HistoryRows {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRows.class);
    static final List<String> COLUMNS = List.of("attempt_id", "hash", "seq", "prev_hash", "kind", "item", "rev",
            "at_millis", "node", "answer_value", "value_digest");
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

    /** The insert-if-absent statement for the database's dialect. */
    static String insertSql(Database.Dialect dialect) {
        String cols = String.join(", ", COLUMNS);
        String marks = String.join(", ", Collections.nCopies(COLUMNS.size(), "?"));
        if (dialect == Database.Dialect.H2) {
            // Same key, same hash: the row can only be rewritten with the values it already holds.
            return "MERGE INTO answer_history (" + cols + ") KEY (attempt_id, hash) VALUES (" + marks + ")";
        }
        return "INSERT INTO answer_history (" + cols + ") VALUES (" + marks + ") ON CONFLICT (attempt_id, hash) "
                + "DO NOTHING";
    }

    /**
     * Adds to {@code insert}'s batch the entries of {@code a}'s history beyond {@code stored}: when the history
     * extends what was stored, only the new entries are hashed; otherwise (a merge took the other side's chain, or
     * this member never wrote the attempt) every entry is written again, which the key makes harmless.
     *
     * @return the number of rows added; 0 as well when the chain in memory does not reach its recorded head, which
     *         is logged and left out rather than stored as if it verified (the answers are still written)
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
        for (Link l : links) {
            Entry e = l.entry();
            insert.setString(1, a.id());
            insert.setString(2, l.hash());
            insert.setLong(3, e.seq());
            insert.setString(4, l.prev());
            insert.setString(5, e.kind().name());
            insert.setInt(6, e.item());
            insert.setLong(7, e.rev());
            insert.setLong(8, e.at());
            insert.setString(9, e.node() == null ? "" : e.node());
            insert.setString(10, e.value());
            insert.setString(11, e.valueDigest());
            insert.addBatch();
        }
        return links.size();
    }

    /** A chain read back: the history and how much of it the database holds. */
    record Loaded(AnswerHistory history, Mark stored) {
    }

    /**
     * The chain of each attempt of {@code ids}: from its highest sequence number back to the genesis by
     * {@code prev_hash} (so entries of another split-brain side, named by a MERGE entry, are left out).
     */
    static Map<String, Loaded> load(Connection c, List<String> ids) throws SQLException {
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, Map<String, Row>> byAttempt = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", COLUMNS)
                + " FROM answer_history WHERE attempt_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row r = new Row(rs.getString(2), rs.getString(4), new Entry(rs.getLong(3),
                            Kind.valueOf(rs.getString(5)), rs.getInt(6), rs.getLong(7), rs.getLong(8),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                    byAttempt.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(r.hash(), r);
                }
            }
        }
        Map<String, Loaded> result = new HashMap<>();
        byAttempt.forEach((id, rows) -> result.put(id, chain(id, rows)));
        return result;
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
