package cn.examcore.server.store.jdbc;

import cn.examcore.server.domain.Answer;
import cn.examcore.server.domain.Attempt;
import cn.examcore.server.domain.AttemptState;
import com.hazelcast.map.MapStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Write-behind persistence of the {@code attempts} map: the attempt row and one row per answer. Hazelcast calls
 * it from its own threads, never from an event loop. At start the map eagerly loads the attempts of sittings
 * that are still recent, so a restarted node serves them from memory.
 */
public final class AttemptMapStore implements MapStore<String, Attempt> {

    /** Sittings whose T0 is older than this are not loaded at start (they are long over). */
    static final long RECENT_MILLIS = 3L * 24 * 3600 * 1000;
    private static final int CHUNK = 500;

    private static final List<String> ATTEMPT_COLUMNS = List.of("id", "sitting_id", "ticket", "subject", "seat_code",
            "state", "start_at", "duration_seconds", "extension_seconds", "paused_millis", "paused_since",
            "submitted_at", "submit_kind");
    private static final List<String> ANSWER_COLUMNS = List.of("attempt_id", "item", "answer_value", "rev",
            "saved_at");

    private final Database db;
    private final LongSupplier clock;
    private final String upsertAttempt;
    private final String upsertAnswer;

    public AttemptMapStore(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
        this.upsertAttempt = db.dialect().upsert("attempts", List.of("id"), ATTEMPT_COLUMNS);
        this.upsertAnswer = db.dialect().upsert("answers", List.of("attempt_id", "item"), ANSWER_COLUMNS);
    }

    @Override
    public void store(String key, Attempt value) {
        storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<String, Attempt> map) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement attempt = c.prepareStatement(upsertAttempt);
                 PreparedStatement answer = c.prepareStatement(upsertAnswer)) {
                for (Attempt a : map.values()) {
                    bindAttempt(attempt, a);
                    attempt.addBatch();
                    for (Answer ans : a.answers().values()) {
                        answer.setString(1, a.id());
                        answer.setInt(2, ans.item());
                        answer.setString(3, ans.value());
                        answer.setLong(4, ans.rev());
                        answer.setLong(5, ans.savedAt());
                        answer.addBatch();
                    }
                }
                attempt.executeBatch();
                answer.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // Hazelcast keeps the entries queued and retries the write-behind store.
            throw new IllegalStateException("storing " + map.size() + " attempt(s) failed: " + e.getMessage(), e);
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
        List<String> all = new ArrayList<>(keys);
        try (Connection c = db.connection()) {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                result.putAll(loadChunk(c, chunk));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading attempts failed: " + e.getMessage(), e);
        }
        return result;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT a.id FROM attempts a JOIN sittings s ON s.id = a.sitting_id WHERE s.t0 > ?")) {
            ps.setLong(1, clock.getAsLong() - RECENT_MILLIS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing attempts failed: " + e.getMessage(), e);
        }
        return keys;
    }

    private Map<String, Attempt> loadChunk(Connection c, List<String> ids) throws SQLException {
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
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
                    result.put(id, new Attempt(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), AttemptState.valueOf(rs.getString(6)), rs.getLong(7), rs.getLong(8),
                            rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            kind == null ? null : Attempt.SubmitKind.valueOf(kind),
                            answers.getOrDefault(id, Map.of())));
                }
            }
        }
        return result;
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
