package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
import com.hazelcast.map.MapStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind persistence of the {@code attempts} map: the attempt row and one row per answer. Hazelcast calls
 * it from its own threads, never from an event loop. At start the map eagerly loads the attempts of sittings
 * that are still recent, so a restarted node serves them from memory.
 *
 * <p>Hazelcast hands the store the whole attempt, but a save changes one answer: writing every answer row at every
 * flush made the database work per save grow with the answers given. So the store remembers, per attempt, what
 * it last wrote or read (the attempt row and each answer's revision and save time) and writes only what differs.
 * This stays correct when another member takes over (after a failover or a merge that member sees the whole
 * attempt for the first time and writes all of it) because an answer row is only ever replaced by one whose
 * revision is not lower ({@link Database.Dialect#upsertIfNotOlder}): what this store remembers having written is
 * therefore still in the database, or something newer is. A submitted attempt is forgotten once written (nothing
 * changes it any more), which keeps the memory to the attempts still open on this member.
 *
 * <p>The attempt's answer history is written by {@link HistoryRows} in the same transaction: the entries beyond
 * those this member last wrote or read (all of them when it has no record, or when the chain is not an extension of
 * what it wrote), one row per run of entries. An acknowledged save thus reaches the database with its history entry
 * or not at all.
 */
public final class AttemptMapStore implements MapStore<String, Attempt> {

    private static final int CHUNK = 500;
    private static final Logger LOG = LoggerFactory.getLogger(AttemptMapStore.class);

    private static final List<String> ATTEMPT_COLUMNS = List.of("id", "sitting_id", "ticket", "subject", "seat_code",
            "state", "start_at", "duration_seconds", "extension_seconds", "paused_millis", "paused_since",
            "submitted_at", "submit_kind");
    private static final List<String> ANSWER_COLUMNS = List.of("attempt_id", "item", "answer_value", "rev",
            "saved_at");

    private final Database db;
    private final LongSupplier clock;
    private final WriteBehindStats stats;
    private final String upsertAttempt;
    private final String upsertAnswer;
    /** The frozen answers replace whatever an answer row holds, whatever its revision (see {@link #storeAll}). */
    private final String replaceAnswer;
    private final String insertHistory;
    /** Attempt id → what this member last wrote or read of it. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    /**
     * How long after a change of the cluster (or a stall of this member) a submission's write is made exact even for
     * an attempt this member has written before: a member that lost the attempt in that change may flush its copy
     * after this one's writes. Outside it, and for an attempt this member has written without a change since, the
     * database holds what this member wrote or newer, and an unconfirmed save another member flushed earlier has long
     * been sent again by its page (a refused save is re-sent within seconds while the attempt is open).
     */
    static final long EXACT_AFTER_CHANGE_MILLIS = 10 * 60_000L;

    private final LongSupplier lastClusterChangeAt;
    /**
     * Whether this member is the only process that can write the database: the embedded H2 file, which H2 locks to
     * the process that opened it. Then no other member's flush can land between this member's writes, and the rules
     * against one ({@link #storeAll}) would only read rows back for nothing.
     */
    private final boolean soleWriter;
    /** Rows read back under their lock to check a batch against stored submissions, since the start. */
    private final AtomicLong rowsChecked = new AtomicLong();
    /** Stalls of this member already counted as a change, and when the last one was first seen. */
    private final AtomicLong stallsSeen = new AtomicLong();
    private final AtomicLong lastStallSeenAt = new AtomicLong(Long.MIN_VALUE / 2);
    /** Copies refused because a newer submission or reopening of their attempt was stored. */
    private final AtomicLong staleCopies = new AtomicLong();
    /** Whether a bulk load may still list keys: only until this member has finished starting. */
    private volatile boolean bulkLoadOpen = true;

    public AttemptMapStore(Database db, LongSupplier clock) {
        this(db, clock, new WriteBehindStats(clock.getAsLong()));
    }

    /** @param stats where each batch written or failed is counted, for the node's write-behind meters */
    public AttemptMapStore(Database db, LongSupplier clock, WriteBehindStats stats) {
        this(db, clock, stats, clock);
    }

    /**
     * @param stats               where each batch written or failed is counted, for the node's write-behind meters
     * @param lastClusterChangeAt server time of the last change of the cluster this member saw (a member joining or
     *                            leaving, a merge); the clock itself, as for a store without a cluster to watch,
     *                            makes every submission's write exact
     */
    public AttemptMapStore(Database db, LongSupplier clock, WriteBehindStats stats, LongSupplier lastClusterChangeAt) {
        this(db, clock, stats, lastClusterChangeAt, false);
    }

    /**
     * @param soleWriter whether no other process can write {@code db} (the embedded H2 file): then a batch is never
     *                   checked against rows another member wrote, since none can have
     */
    public AttemptMapStore(Database db, LongSupplier clock, WriteBehindStats stats, LongSupplier lastClusterChangeAt,
                           boolean soleWriter) {
        this.soleWriter = soleWriter;
        this.db = db;
        this.clock = clock;
        this.stats = stats;
        this.lastClusterChangeAt = lastClusterChangeAt;
        this.upsertAttempt = db.dialect().upsert("attempts", List.of("id"), ATTEMPT_COLUMNS);
        this.upsertAnswer = db.dialect().upsertIfNotOlder("answers", List.of("attempt_id", "item"), ANSWER_COLUMNS,
                List.of("VARCHAR(64)", "INTEGER", db.dialect().textType(), "BIGINT", "BIGINT"), "rev");
        this.replaceAnswer = db.dialect().upsert("answers", List.of("attempt_id", "item"), ANSWER_COLUMNS);
        this.insertHistory = HistoryRows.insertSql();
    }

    @Override
    public void store(String key, Attempt value) {
        storeAll(Map.of(key, value));
    }

    /**
     * Writes a batch in one transaction. It first locks the batch's attempt rows and reads their state, because the
     * database is shared by every member and not every member writing is the attempt's owner: a member that was
     * stalled (a long pause) or cut off still flushes the copies it queued, which may hold a save its backup never
     * confirmed (so never acknowledged, and absent from the copy the others went on with). Two rules keep such a
     * flush from changing what a candidate's receipt names:
     * <ul>
     *   <li>a copy that is not submitted is not written over a stored submission (a 交卷 is final), unless it is
     *       that submission reopened ({@link #reopens}); nor is a submitted copy written over the stored reopening of
     *       it;</li>
     *   <li>a submitted copy is written exactly: each answer row is made equal to its frozen answer whatever its
     *       revision, rows of items it does not hold are deleted, and history rows that cannot be on its chain
     *       (at or beyond its head's sequence number, other than its head) are deleted, so a later load reads its
     *       chain and not a stale member's longer one. That reads the attempt's stored answers, so it is done only
     *       where another member can have written since this one: for an attempt this member has no record of
     *       writing, and for every attempt while the cluster changes and for a while after ({@link
     *       #EXACT_AFTER_CHANGE_MILLIS}); otherwise a submission is written like any change.</li>
     * </ul>
     * The lock orders this transaction with any other member's flush of the same attempts: a stale flush either
     * commits first (and the submitted copy's write then repairs what it wrote) or waits and then sees the stored
     * submission.
     *
     * <p>Reading the rows back costs (the lock and state read alone about 50 µs per attempt on the embedded H2,
     * {@code FreezeWriteCost}), and only a member that lost attempts in a change of the cluster can flush a stale
     * copy, so both rules apply while this member's own view is changing or has lately changed ({@link
     * #changedLately}): a member cut off or stalled sees the change too, within the failure detector's time, which is
     * before the others can have frozen and written what it lost (they remove it after the same time, then write
     * behind). A member that has seen no change for ten minutes writes as it did without the rules, and so does a
     * member that is its database's only writer (the embedded H2 file, {@link #soleWriter()}): no other member can
     * have written what it reads back. A submission of an attempt it has no record of writing is still written
     * exactly (once per attempt, after a start).
     */
    @Override
    public void storeAll(Map<String, Attempt> map) {
        Map<String, Written> done = new HashMap<>();
        List<String> stale = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement attempt = c.prepareStatement(upsertAttempt);
                 PreparedStatement answer = c.prepareStatement(upsertAnswer);
                 PreparedStatement history = c.prepareStatement(insertHistory)) {
                boolean exact = !soleWriter && changedLately();
                Map<String, StoredRow> rows = exact ? lockRows(c, map.keySet()) : Map.of();
                List<Attempt> frozen = new ArrayList<>();
                int attempts = 0;
                int answers = 0;
                int entries = 0;
                for (Attempt a : map.values()) {
                    StoredRow row = rows.get(a.id());
                    boolean submitted = a.state() == AttemptState.SUBMITTED;
                    if (row != null && (row.submitted() && !submitted && !reopens(a, row)
                            || submitted && !row.submitted() && a.pausedMillis() < row.pausedMillis())) {
                        stale.add(a.id());
                        continue;
                    }
                    Written before = written.get(a.id());
                    Written now = Written.of(a);
                    if (before == null || !before.row().equals(now.row())) {
                        bindAttempt(attempt, a);
                        attempt.addBatch();
                        attempts++;
                    }
                    if (submitted && (before == null || exact)) {
                        frozen.add(a);
                    } else {
                        for (Answer ans : a.answers().values()) {
                            if (before != null && before.holds(ans)) {
                                continue;
                            }
                            bindAnswer(answer, a.id(), ans);
                            answer.addBatch();
                            answers++;
                        }
                    }
                    entries += HistoryRows.addNew(history, a, before == null ? HistoryRows.Mark.NONE : before.history());
                    done.put(a.id(), now);
                }
                if (attempts > 0) {
                    attempt.executeBatch();
                }
                if (answers > 0) {
                    answer.executeBatch();
                }
                if (!frozen.isEmpty()) {
                    writeExactly(c, frozen);
                }
                if (entries > 0) {
                    history.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // Hazelcast keeps the entries queued and retries the write-behind store; nothing is remembered as
            // written, so the retry writes the same rows again.
            stats.failed();
            throw new IllegalStateException("storing " + map.size() + " attempt(s) failed: " + e.getMessage(), e);
        }
        done.forEach(this::remember);
        if (!stale.isEmpty()) {
            staleCopies.addAndGet(stale.size());
            LOG.warn("{} attempt copies older than their stored row were not written (first {}): this member held "
                    + "them while stalled or cut off, and the stored submission (or its reopening) stands",
                    stale.size(), stale.get(0));
        }
        stats.stored(clock.getAsLong());
    }

    /**
     * Whether the cluster changed, or this member stalled, within {@link #EXACT_AFTER_CHANGE_MILLIS}, or is waking
     * from a stall right now (the write-behind may flush before the fence's watch has ticked).
     */
    private boolean changedLately() {
        if (StallFence.fencedNow()) {
            return true;
        }
        long now = clock.getAsLong();
        long stalls = StallFence.stallsNow();
        if (stalls != stallsSeen.get()) {
            stallsSeen.set(stalls);
            lastStallSeenAt.set(now);
        }
        long last = Math.max(lastClusterChangeAt.getAsLong(), lastStallSeenAt.get());
        return now - last < EXACT_AFTER_CHANGE_MILLIS;
    }

    /**
     * Whether {@code copy}, not submitted, is the stored submission reopened (重新开放) rather than a copy from before
     * it: a reopen credits the time the attempt stood frozen to its paused time, at least a millisecond
     * ({@link Attempt#reopen}), so its paused time exceeds the stored submission's, which no copy taken before the
     * submission has (paused time only grows, and a submission keeps it).
     */
    static boolean reopens(Attempt copy, StoredRow row) {
        return copy.pausedMillis() > row.pausedMillis();
    }

    /** Whether this store is the database's only writer (see the constructor). */
    public boolean soleWriter() {
        return soleWriter;
    }

    /** Stored rows read back under their lock to check a batch against stored submissions, since the start. */
    long rowsChecked() {
        return rowsChecked.get();
    }

    /** Copies not written because a newer submission or reopening was stored (see {@link #storeAll}), since the start. */
    public long staleCopiesRefused() {
        return staleCopies.get();
    }

    /** The stored state of an attempt row, read under its lock. */
    record StoredRow(boolean submitted, long pausedMillis) {
    }

    /**
     * Locks the stored rows of {@code ids} for this transaction and reads their state. In id order, chunk after
     * chunk and row after row, so two members flushing overlapping batches wait for each other instead of deadlocking.
     */
    private Map<String, StoredRow> lockRows(Connection c, Collection<String> ids) throws SQLException {
        rowsChecked.addAndGet(ids.size());
        Map<String, StoredRow> rows = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        Collections.sort(all);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, state, paused_millis FROM attempts WHERE id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY id FOR UPDATE")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new StoredRow(AttemptState.SUBMITTED.name().equals(rs.getString(2)),
                                rs.getLong(3)));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Makes the stored answers and history of submitted attempts exactly theirs (see {@link #storeAll}): reads the
     * stored answers' revisions and save times (a revision names its value: a page never sends two values under one
     * revision of an item), then replaces the rows that differ, inserts the missing ones, deletes the extra ones, and
     * deletes the history rows that cannot be on the attempt's chain.
     */
    private void writeExactly(Connection c, List<Attempt> frozen) throws SQLException {
        Map<String, Map<Integer, long[]>> stored = new HashMap<>();
        for (int from = 0; from < frozen.size(); from += CHUNK) {
            List<Attempt> chunk = frozen.subList(from, Math.min(frozen.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT attempt_id, item, rev, saved_at FROM answers WHERE "
                    + "attempt_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).id());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getInt(2), new long[] {rs.getLong(3), rs.getLong(4)});
                    }
                }
            }
        }
        int replaced = 0;
        int deleted = 0;
        try (PreparedStatement replace = c.prepareStatement(replaceAnswer);
             PreparedStatement delete = c.prepareStatement("DELETE FROM answers WHERE attempt_id = ? AND item = ?");
             PreparedStatement history = c.prepareStatement("DELETE FROM answer_history WHERE attempt_id = ? AND "
                     + "seq >= ? AND hash <> ?")) {
            for (Attempt a : frozen) {
                Map<Integer, long[]> held = stored.getOrDefault(a.id(), Map.of());
                for (Answer ans : a.answers().values()) {
                    long[] h = held.get(ans.item());
                    if (h == null || h[0] != ans.rev() || h[1] != ans.savedAt()) {
                        bindAnswer(replace, a.id(), ans);
                        replace.addBatch();
                        replaced++;
                    }
                }
                for (Integer item : held.keySet()) {
                    if (!a.answers().containsKey(item)) {
                        delete.setString(1, a.id());
                        delete.setInt(2, item);
                        delete.addBatch();
                        deleted++;
                    }
                }
                history.setString(1, a.id());
                history.setLong(2, a.history().size());
                history.setString(3, a.history().isEmpty() ? "" : a.history().recordedHead());
                history.addBatch();
            }
            if (replaced > 0) {
                replace.executeBatch();
            }
            if (deleted > 0) {
                delete.executeBatch();
            }
            history.executeBatch();
        }
    }

    /**
     * Every answer-history entry the database holds for {@code attemptId}, unpacked from its rows, once each, by
     * sequence number: what an audit of the stored rows reads (whether or not they form one chain).
     */
    public static List<AnswerHistory.Link> storedHistory(Connection c, String attemptId) throws SQLException {
        return HistoryRows.stored(c, attemptId);
    }

    private static void bindAnswer(PreparedStatement ps, String attemptId, Answer ans) throws SQLException {
        ps.setString(1, attemptId);
        ps.setInt(2, ans.item());
        ps.setString(3, ans.value());
        ps.setLong(4, ans.rev());
        ps.setLong(5, ans.savedAt());
    }

    private void remember(String id, Written w) {
        if (w.submitted()) {
            written.remove(id);
        } else {
            written.put(id, w);
        }
    }

    @Override
    public void delete(String key) {
        deleteAll(List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        try (Connection c = db.connection();
             PreparedStatement answers = c.prepareStatement("DELETE FROM answers WHERE attempt_id = ?");
             PreparedStatement attempts = c.prepareStatement("DELETE FROM attempts WHERE id = ?")) {
            for (String k : keys) {
                written.remove(k);
                HistoryRows.delete(c, k);
                answers.setString(1, k);
                answers.executeUpdate();
                attempts.setString(1, k);
                attempts.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting attempts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Attempt load(String key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<String, Attempt> loadAll(Collection<String> keys) {
        Map<String, Attempt> result = new HashMap<>();
        Map<String, HistoryRows.Mark> stored = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        try (Connection c = db.connection()) {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                result.putAll(loadChunk(c, chunk, stored));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading attempts failed: " + e.getMessage(), e);
        }
        if (keys.size() > 1) {
            LOG.info("bulk load of {} attempt(s) read {} from the database", keys.size(), result.size());
        }
        // What was just read is in the database: the first flush after a (re)start writes only what changes.
        result.forEach((id, a) -> remember(id, Written.of(a, stored.getOrDefault(id, HistoryRows.Mark.NONE))));
        return result;
    }

    /**
     * Ends the bulk load: from now on {@link #loadAllKeys()} lists nothing. Hazelcast's bulk load is not atomic
     * with the writes around it: it drops the keys a partition holds at one moment, reads the others from the
     * database (which lags memory by the write delay), and later puts what it read over whatever the partition
     * holds by then, even a newer save. On a running cluster its machinery can start again (a member back from a
     * split brain is re-created with its maps, and the loader roles move with the partitions), and a stale copy
     * put over an acknowledged save loses it. Once this member's maps are loaded, an attempt missing from memory
     * is read on demand instead (Hazelcast loads one key on the partition's own thread, where nothing can slip in
     * between the read and the put), so nothing needs the bulk load any more.
     */
    public void closeBulkLoad() {
        bulkLoadOpen = false;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        if (!bulkLoadOpen) {
            LOG.warn("a bulk load of attempts was asked for after this member started; it lists nothing, so a"
                    + " database copy cannot replace newer answers in memory (attempts still load one by one)");
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT a.id FROM attempts a JOIN sittings s ON s.id = a.sitting_id WHERE s.t0 > ?")) {
            ps.setLong(1, clock.getAsLong() - Database.RECENT_MILLIS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing attempts failed: " + e.getMessage(), e);
        }
        LOG.info("listing attempts to load: {} key(s)", keys.size());
        return keys;
    }

    private Map<String, Attempt> loadChunk(Connection c, List<String> ids, Map<String, HistoryRows.Mark> stored)
            throws SQLException {
        Map<String, HistoryRows.Loaded> histories = HistoryRows.load(c, ids);
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, Map<Integer, Answer>> answers = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attempt_id, item, answer_value, rev, saved_at "
                + "FROM answers WHERE attempt_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Answer a = new Answer(rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
                    answers.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(a.item(), a);
                }
            }
        }
        Map<String, Attempt> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", ATTEMPT_COLUMNS)
                + " FROM attempts WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String kind = rs.getString(13);
                    Attempt a = new Attempt(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), AttemptState.valueOf(rs.getString(6)), rs.getLong(7), rs.getLong(8),
                            rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            kind == null ? null : Attempt.SubmitKind.valueOf(kind),
                            answers.getOrDefault(id, Map.of()));
                    HistoryRows.Loaded h = histories.get(id);
                    stored.put(id, h == null ? HistoryRows.Mark.NONE : h.stored());
                    result.put(id, HistoryRows.withHistory(a, h));
                }
            }
        }
        return result;
    }

    /**
     * What was written of one attempt: the values of its row, and per item number the revision and save time of
     * the answer (an equal revision never replaces an answer, so the pair names the answer), and how much of its
     * answer history.
     */
    record Written(List<Object> row, long[] revAndSavedAt, boolean submitted, HistoryRows.Mark history) {

        static Written of(Attempt a) {
            return of(a, HistoryRows.Mark.of(a.history()));
        }

        static Written of(Attempt a, HistoryRows.Mark history) {
            int max = a.answers().isEmpty() ? 0 : Collections.max(a.answers().keySet());
            long[] revs = new long[2 * (max + 1)];
            java.util.Arrays.fill(revs, -1);
            for (Answer ans : a.answers().values()) {
                revs[2 * ans.item()] = ans.rev();
                revs[2 * ans.item() + 1] = ans.savedAt();
            }
            List<Object> row = java.util.Arrays.asList(a.sittingId(), a.ticket(), a.subject(), a.seatCode(),
                    a.state(), a.startAt(), a.durationSeconds(), a.extensionSeconds(), a.pausedMillis(),
                    a.pausedSince(), a.submittedAt(), a.submitKind());
            return new Written(row, revs, a.state() == AttemptState.SUBMITTED, history);
        }

        /** True when this very answer was written or read (so the database holds it, or a newer one). */
        boolean holds(Answer ans) {
            int i = 2 * ans.item();
            return i + 1 < revAndSavedAt.length && revAndSavedAt[i] == ans.rev() && revAndSavedAt[i + 1] == ans.savedAt();
        }
    }

    private static void bindAttempt(PreparedStatement ps, Attempt a) throws SQLException {
        ps.setString(1, a.id());
        ps.setString(2, a.sittingId());
        ps.setString(3, a.ticket());
        ps.setString(4, a.subject());
        ps.setString(5, a.seatCode());
        ps.setString(6, a.state().name());
        ps.setLong(7, a.startAt());
        ps.setLong(8, a.durationSeconds());
        ps.setLong(9, a.extensionSeconds());
        ps.setLong(10, a.pausedMillis());
        ps.setLong(11, a.pausedSince());
        ps.setLong(12, a.submittedAt());
        ps.setString(13, a.submitKind() == null ? null : a.submitKind().name());
    }
}
