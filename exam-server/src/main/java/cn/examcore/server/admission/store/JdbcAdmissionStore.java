package cn.examcore.server.admission.store;

import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.admission.domain.IdentityCheck;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AdmissionStore} on JDBC (tables {@code admission_settings} and {@code identity_checks}). */
public final class JdbcAdmissionStore implements AdmissionStore {

    private static final String CHECK = "SELECT sitting_id, ticket, seat_code, method, confirmed_by, confirmed_at "
            + "FROM identity_checks WHERE sitting_id = ?";

    private final Jdbc jdbc;

    public JdbcAdmissionStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Optional<AdmissionSettings>> settings(String sittingId) {
        return jdbc.first("SELECT sitting_id, site_name, site_address, tickets_open_at, identity_required, "
                + "charge_identity_delay FROM admission_settings WHERE sitting_id = ?", rs -> new AdmissionSettings(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5),
                rs.getBoolean(6)), sittingId);
    }

    @Override
    public Future<Void> saveSettings(AdmissionSettings s, String actor, long at) {
        return jdbc.transaction(c -> {
            Jdbc.update(c, "DELETE FROM admission_settings WHERE sitting_id = ?", s.sittingId());
            Jdbc.update(c, "INSERT INTO admission_settings (sitting_id, site_name, site_address, tickets_open_at, "
                    + "identity_required, charge_identity_delay, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                    s.sittingId(), s.siteName(), s.siteAddress(), s.ticketsOpenAt(), s.identityRequired(),
                    s.chargeIdentityDelay(), actor, at);
            return null;
        });
    }

    @Override
    public Future<List<IdentityCheck>> confirm(List<IdentityCheck> checks) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            List<IdentityCheck> fresh = new ArrayList<>();
            for (IdentityCheck k : checks) {
                // Inserted only where absent: a second confirmation (a reader after the proctor) keeps the first.
                if (Jdbc.update(c, "INSERT INTO identity_checks (sitting_id, ticket, seat_code, method, confirmed_by, "
                        + "confirmed_at) SELECT ?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM identity_checks "
                        + "WHERE sitting_id = ? AND ticket = ?)", k.sittingId(), k.ticket(), k.seatCode(), k.method(),
                        k.confirmedBy(), k.confirmedAt(), k.sittingId(), k.ticket()) == 1) {
                    fresh.add(k);
                }
            }
            return fresh;
        }));
    }

    @Override
    public Future<List<IdentityCheck>> checks(String sittingId) {
        return jdbc.list(CHECK + " ORDER BY ticket", JdbcAdmissionStore::row, sittingId);
    }

    @Override
    public Future<Optional<IdentityCheck>> check(String sittingId, String ticket) {
        return jdbc.first(CHECK + " AND ticket = ?", JdbcAdmissionStore::row, sittingId, ticket);
    }

    private static IdentityCheck row(ResultSet rs) throws SQLException {
        return new IdentityCheck(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getLong(6));
    }
}
