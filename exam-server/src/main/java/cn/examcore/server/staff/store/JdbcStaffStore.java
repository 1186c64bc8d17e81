package cn.examcore.server.staff.store;

import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.Arrays;
import java.util.List;
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
        return jdbc.write(jdbc.dialect().upsert("staff", List.of("username"),
                        List.of("username", "password_hash", "staff_role", "room_ids")),
                a.username(), a.passwordHash(), a.role().name(), String.join(",", a.roomIds()));
    }

    @Override
    public Future<Optional<StaffAccount>> staff(String username) {
        return jdbc.first("SELECT username, password_hash, staff_role, room_ids FROM staff WHERE username = ?",
                rs -> new StaffAccount(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Arrays.stream(rs.getString(4).split(",")).filter(s -> !s.isBlank())
                                .collect(Collectors.toSet())), username);
    }
}
