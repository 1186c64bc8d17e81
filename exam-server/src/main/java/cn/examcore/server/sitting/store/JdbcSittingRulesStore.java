package cn.examcore.server.sitting.store;

import cn.examcore.server.sitting.domain.SittingRules;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/** {@link SittingRulesStore} on JDBC (table {@code sitting_rules}). */
public final class JdbcSittingRulesStore implements SittingRulesStore {

    private final Jdbc jdbc;

    public JdbcSittingRulesStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<SittingRules> rules(String sittingId) {
        return jdbc.first("SELECT sitting_id, late_entry_minutes, earliest_submit_minutes, rules_version, updated_by,"
                        + " updated_at, offline_window_minutes FROM sitting_rules WHERE sitting_id = ?",
                rs -> new SittingRules(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(7),
                        rs.getString(5), rs.getLong(6)), sittingId)
                .map(found -> found.orElseGet(() -> SittingRules.none(sittingId)));
    }

    @Override
    public Future<Void> save(SittingRules r) {
        return jdbc.transaction(c -> {
            // Delete and insert: portable between H2 and PostgreSQL, and one transaction keeps it atomic.
            Jdbc.update(c, "DELETE FROM sitting_rules WHERE sitting_id = ?", r.sittingId());
            Jdbc.update(c, "INSERT INTO sitting_rules (sitting_id, late_entry_minutes, earliest_submit_minutes, "
                            + "rules_version, updated_by, updated_at, offline_window_minutes) VALUES (?,?,?,?,?,?,?)",
                    r.sittingId(), r.lateEntryMinutes(), r.earliestSubmitMinutes(), r.rulesVersion(), r.updatedBy(),
                    r.updatedAt(), r.offlineWindowMinutes());
            return null;
        });
    }
}
