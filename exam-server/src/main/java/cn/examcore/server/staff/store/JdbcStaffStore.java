package cn.examcore.server.staff.store;

import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link StaffStore} on JDBC (table {@code staff}; room ids comma-separated). */
public final class JdbcStaffStore implements StaffStore {

    private final Jdbc jdbc;

    public JdbcStaffStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> saveStaff(StaffAccount a) {
        // Nodes of a site started together each write the bootstrap administrator: two may both find no row and
        // insert. The loser's second try finds the winner's row and updates it.
        return write(a).recover(e -> e instanceof SQLException x && Jdbc.UNIQUE_VIOLATION.equals(x.getSQLState())
                ? write(a) : Future.failedFuture(e));
    }

    private Future<Void> write(StaffAccount a) {
        String rooms = String.join(",", a.roomIds());
        return jdbc.transaction(c -> {
            int changed = Jdbc.update(c, "UPDATE staff SET password_hash = ?, staff_role = ?, room_ids = ?, "
                    + "token_generation = token_generation + 1 WHERE username = ?", a.passwordHash(), a.role().name(),
                    rooms, a.username());
            if (changed == 0) {
                Jdbc.update(c, "INSERT INTO staff (username, password_hash, staff_role, room_ids, token_generation) "
                        + "VALUES (?,?,?,?,0)", a.username(), a.passwordHash(), a.role().name(), rooms);
            }
            return null;
        });
    }

    @Override
    public Future<Boolean> revokeTokens(String username) {
        return jdbc.blocking(() -> jdbc.update("UPDATE staff SET token_generation = token_generation + 1 "
                + "WHERE username = ?", username) == 1);
    }

    @Override
    public Future<Optional<StaffAccount>> staff(String username) {
        return jdbc.first("SELECT username, password_hash, staff_role, room_ids, token_generation FROM staff "
                        + "WHERE username = ?",
                rs -> new StaffAccount(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Arrays.stream(rs.getString(4).split(",")).filter(s -> !s.isBlank())
                                .collect(Collectors.toSet()), rs.getLong(5)), username);
    }
}
