package cn.examcore.server.events.store;

import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.WriteBehindStats;
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
import java.util.function.LongSupplier;

/**
 * Write-behind persistence of the {@code events} map (values are {@link SeatEvent}s, Compact in memory). Events are
 * append-only; an update of the same id simply rewrites the row.
 */
public final class EventMapStore implements MapStore<String, SeatEvent> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventMapStore.class);

    private static final List<String> COLUMNS = List.of("id", "sitting_id", "attempt_id", "seat_code", "source",
            "kind", "detail", "observed_at", "server_at");

    private final Database db;
    private final LongSupplier clock;
    private final WriteBehindStats stats;
    private final String upsert;
    private volatile boolean bulkLoadOpen = true;

    public EventMapStore(Database db, LongSupplier clock) {
        this(db, clock, new WriteBehindStats(clock.getAsLong()));
    }

    /** @param stats where each batch written or failed is counted, for the node's write-behind meters */
    public EventMapStore(Database db, LongSupplier clock, WriteBehindStats stats) {
        this.db = db;
        this.clock = clock;
        this.stats = stats;
        this.upsert = db.dialect().upsert("events", List.of("id"), COLUMNS);
    }

    @Override
    public void store(String key, SeatEvent value) {
        storeAll(Map.of(key, value));
    }

    @Override
    public void storeAll(Map<String, SeatEvent> map) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(upsert)) {
            c.setAutoCommit(false);
            for (SeatEvent e : map.values()) {
                ps.setString(1, e.id());
                ps.setString(2, e.sittingId());
                ps.setString(3, e.attemptId());
                ps.setString(4, e.seatCode());
                ps.setString(5, e.source().name());
                ps.setString(6, e.kind().name());
                ps.setString(7, Json.encode(e.detail()));
                ps.setLong(8, e.observedAt());
                ps.setLong(9, e.at());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            stats.failed();
            throw new IllegalStateException("storing " + map.size() + " event(s) failed: " + e.getMessage(), e);
        }
        stats.stored(clock.getAsLong());
    }

    @Override
    public void delete(String key) {
        deleteAll(List.of(key));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE id = ?")) {
            for (String k : keys) {
                ps.setString(1, k);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting events failed: " + e.getMessage(), e);
        }
    }

    @Override
    public SeatEvent load(String key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<String, SeatEvent> loadAll(Collection<String> keys) {
        Map<String, SeatEvent> result = new HashMap<>();
        if (keys.isEmpty()) {
            return result;
        }
        List<String> all = new ArrayList<>(keys);
        try (Connection c = db.connection()) {
            for (int from = 0; from < all.size(); from += 500) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", COLUMNS)
                        + " FROM events WHERE id IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            SeatEvent e = row(rs);
                            result.put(e.id(), e);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading events failed: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * Ends the bulk load, as for attempts ({@code AttemptMapStore.closeBulkLoad}): a member re-created after a split
     * brain would otherwise list the sitting's events again, and while that listing runs its partitions refuse the
     * merge's writes as "still loading"; a node stopped in that window left the merge retrying for a minute with the
     * cluster locked against every joining member. An event missing from memory is still read on demand.
     */
    public void closeBulkLoad() {
        bulkLoadOpen = false;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        if (!bulkLoadOpen) {
            LOG.warn("a bulk load of events was asked for after this member started; it lists nothing");
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT e.id FROM events e JOIN sittings s ON s.id = e.sitting_id"
                     + " WHERE s.t0 > ?")) {
            ps.setLong(1, clock.getAsLong() - Database.RECENT_MILLIS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing events failed: " + e.getMessage(), e);
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    static SeatEvent row(ResultSet rs) throws SQLException {
        SeatEvent.Kind kind = SeatEvent.Kind.valueOf(rs.getString(6));
        Map<String, Object> detail = Json.decode(rs.getString(7), Map.class);
        return new SeatEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                SeatEvent.Source.valueOf(rs.getString(5)), kind, kind.read(detail == null ? Map.of() : detail), rs.getLong(8),
                rs.getLong(9));
    }
}
