package cn.examcore.server.sitting.store;

import cn.examcore.bank.model.Subject;
import cn.examcore.contract.AuditRecord;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Room;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.storage.jdbc.Database;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@link SetupStore} on JDBC; every call runs on the bounded database worker pool, never on an event loop. */
public final class JdbcSetupStore implements SetupStore {

    private static final String SITTING_COLUMNS = "id, title, occupation, level_no, subject, t0, duration_minutes, "
            + "check_in_minutes, pass_mark, enrolment_pin, released_at, bank_id, blueprint_json, assembled_at";

    /** The most parameters one {@code IN (…)} list binds. */
    private static final int IN_LIST_MAX = 500;

    private final Database db;
    private final WorkerExecutor workers;

    public JdbcSetupStore(Database db, WorkerExecutor workers) {
        this.db = db;
        this.workers = workers;
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** Runs {@code work} in one transaction on a worker: all of it is committed, or nothing. */
    private Future<Void> transaction(Database.SqlWork<Void> work) {
        return blocking(() -> db.transaction(work));
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Rows<T> mapper, Object... params) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.read(rs));
                }
            }
            return out;
        }
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                // Untyped: PostgreSQL refuses a VARCHAR null for a BOOLEAN column (a result's passed while marking
                // is pending); both drivers take the column's type for Types.NULL.
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    // sittings

    @Override
    public Future<Void> createSitting(Sitting s) {
        return blocking(() -> {
            update("INSERT INTO sittings (" + SITTING_COLUMNS + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    s.id(), s.title(), s.occupation(), s.level(), s.subject().name(), s.t0(), s.durationMinutes(),
                    s.checkInMinutes(), s.passMark(), s.enrolmentPin(), s.releasedAt(), s.bankId(),
                    s.blueprintJson(), s.assembledAt(), System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public Future<Void> updateSitting(Sitting s) {
        return blocking(() -> {
            update("UPDATE sittings SET title = ?, occupation = ?, level_no = ?, subject = ?, t0 = ?, "
                            + "duration_minutes = ?, check_in_minutes = ?, pass_mark = ?, enrolment_pin = ?, "
                            + "released_at = ?, bank_id = ?, blueprint_json = ?, assembled_at = ? WHERE id = ?",
                    s.title(), s.occupation(), s.level(), s.subject().name(), s.t0(), s.durationMinutes(),
                    s.checkInMinutes(), s.passMark(), s.enrolmentPin(), s.releasedAt(), s.bankId(),
                    s.blueprintJson(), s.assembledAt(), s.id());
            return null;
        });
    }

    @Override
    public Future<Optional<Sitting>> sitting(String id) {
        return blocking(() -> first(query("SELECT " + SITTING_COLUMNS + " FROM sittings WHERE id = ?",
                JdbcSetupStore::sittingRow, id)));
    }

    @Override
    public Future<List<Sitting>> sittings() {
        return blocking(() -> query("SELECT " + SITTING_COLUMNS + " FROM sittings ORDER BY t0",
                JdbcSetupStore::sittingRow));
    }

    private static Sitting sittingRow(ResultSet rs) throws SQLException {
        return new Sitting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                Subject.valueOf(rs.getString(5)), rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                rs.getString(10), rs.getLong(11), rs.getString(12), rs.getString(13), rs.getLong(14));
    }

    // rooms and seats

    @Override
    public Future<Void> createRoom(Room room, List<Seat> seats) {
        return transaction(c -> {
            try (PreparedStatement r = c.prepareStatement(
                    "INSERT INTO rooms (id, sitting_id, name, row_count, col_count) VALUES (?,?,?,?,?)");
                 PreparedStatement s = c.prepareStatement(
                         "INSERT INTO seats (sitting_id, code, room_id, row_no, col_no) VALUES (?,?,?,?,?)")) {
                bind(r, room.id(), room.sittingId(), room.name(), room.rows(), room.cols());
                r.executeUpdate();
                for (Seat seat : seats) {
                    bind(s, seat.sittingId(), seat.code(), seat.roomId(), seat.row(), seat.col());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Future<List<Room>> rooms(String sittingId) {
        return blocking(() -> query("SELECT id, sitting_id, name, row_count, col_count FROM rooms WHERE sitting_id = ? "
                        + "ORDER BY name",
                rs -> new Room(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)),
                sittingId));
    }

    @Override
    public Future<List<Seat>> seats(String sittingId) {
        return blocking(() -> query("SELECT sitting_id, code, room_id, row_no, col_no FROM seats WHERE sitting_id = ? "
                + "ORDER BY room_id, row_no, col_no", JdbcSetupStore::seatRow, sittingId));
    }

    private static Seat seatRow(ResultSet rs) throws SQLException {
        return new Seat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5));
    }

    @Override
    public Future<List<SeatInSitting>> seatsByCode(String code, long since) {
        return blocking(() -> {
            List<Seat> seats = query("SELECT s.sitting_id, s.code, s.room_id, s.row_no, s.col_no FROM seats s "
                    + "JOIN sittings t ON t.id = s.sitting_id WHERE s.code = ? AND t.t0 > ? ORDER BY t.t0",
                    JdbcSetupStore::seatRow, code, since);
            List<SeatInSitting> out = new ArrayList<>();
            for (Seat seat : seats) {
                Sitting sitting = first(query("SELECT " + SITTING_COLUMNS + " FROM sittings WHERE id = ?",
                        JdbcSetupStore::sittingRow, seat.sittingId())).orElseThrow();
                out.add(new SeatInSitting(seat, sitting));
            }
            return out;
        });
    }

    // roster

    @Override
    public Future<Void> replaceRoster(String sittingId, List<Candidate> candidates) {
        return transaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM candidates WHERE sitting_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO candidates (sitting_id, ticket, "
                         + "id_number, name, seat_code, subjects, photo_ref) VALUES (?,?,?,?,?,?,?)")) {
                bind(del, sittingId);
                del.executeUpdate();
                for (Candidate k : candidates) {
                    bind(ins, sittingId, k.ticket(), k.idNumber(), k.name(), k.seatCode(),
                            k.subjects().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                            k.photoRef());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Future<Optional<Candidate>> candidate(String sittingId, String ticket) {
        return blocking(() -> first(query("SELECT sitting_id, ticket, id_number, name, seat_code, subjects, photo_ref "
                + "FROM candidates WHERE sitting_id = ? AND ticket = ?", JdbcSetupStore::candidateRow, sittingId,
                ticket)));
    }

    @Override
    public Future<Map<String, Candidate>> candidates(String sittingId, Collection<String> tickets) {
        if (tickets.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return blocking(() -> {
            Map<String, Candidate> byTicket = new HashMap<>();
            List<String> all = List.copyOf(new LinkedHashSet<>(tickets));
            // Bounded IN lists: databases cap the number of parameters of one statement.
            for (int from = 0; from < all.size(); from += IN_LIST_MAX) {
                List<String> part = all.subList(from, Math.min(all.size(), from + IN_LIST_MAX));
                Object[] params = new Object[part.size() + 1];
                params[0] = sittingId;
                for (int i = 0; i < part.size(); i++) {
                    params[i + 1] = part.get(i);
                }
                String marks = String.join(",", Collections.nCopies(part.size(), "?"));
                for (Candidate c : query("SELECT sitting_id, ticket, id_number, name, seat_code, subjects, photo_ref "
                        + "FROM candidates WHERE sitting_id = ? AND ticket IN (" + marks + ")",
                        JdbcSetupStore::candidateRow, params)) {
                    byTicket.put(c.ticket(), c);
                }
            }
            return byTicket;
        });
    }

    @Override
    public Future<Void> moveCandidate(String sittingId, String ticket, String seatCode) {
        return blocking(() -> {
            if (update("UPDATE candidates SET seat_code = ? WHERE sitting_id = ? AND ticket = ?", seatCode, sittingId,
                    ticket) != 1) {
                throw new IllegalStateException("no candidate " + ticket + " in sitting " + sittingId);
            }
            return null;
        });
    }

    @Override
    public Future<List<Candidate>> candidates(String sittingId) {
        return blocking(() -> query("SELECT sitting_id, ticket, id_number, name, seat_code, subjects, photo_ref "
                + "FROM candidates WHERE sitting_id = ? ORDER BY ticket", JdbcSetupStore::candidateRow, sittingId));
    }

    private static Candidate candidateRow(ResultSet rs) throws SQLException {
        Set<Subject> subjects = Arrays.stream(rs.getString(6).split(",")).filter(s -> !s.isBlank())
                .map(Subject::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
        return new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                subjects, rs.getString(7));
    }

    // banks and papers

    @Override
    public Future<Void> saveBank(StoredBank b) {
        return blocking(() -> {
            update(db.dialect().upsert("banks", List.of("id"),
                            List.of("id", "title", "file_name", "content", "item_count", "imported_at")),
                    b.id(), b.title(), b.fileName(), b.content(), b.itemCount(), b.importedAt());
            return null;
        });
    }

    @Override
    public Future<Optional<StoredBank>> bank(String id) {
        return blocking(() -> first(query("SELECT id, title, file_name, content, item_count, imported_at FROM banks "
                        + "WHERE id = ?",
                rs -> new StoredBank(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getInt(5),
                        rs.getLong(6)), id)));
    }

    @Override
    public Future<Void> savePapers(List<StoredPaper> papers) {
        return transaction(c -> {
            String sql = db.dialect().upsert("papers", List.of("attempt_id"),
                    List.of("attempt_id", "sitting_id", "paper_json", "aes_key", "iv", "ciphertext"));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (StoredPaper p : papers) {
                    bind(ps, p.attemptId(), p.sittingId(), p.paperJson(), p.key(), p.iv(), p.ciphertext());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Future<Optional<StoredPaper>> paper(String attemptId) {
        return blocking(() -> first(query("SELECT attempt_id, sitting_id, paper_json, aes_key, iv, ciphertext "
                        + "FROM papers WHERE attempt_id = ?",
                rs -> new StoredPaper(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getBytes(5), rs.getBytes(6)), attemptId)));
    }

    // results

    @Override
    public Future<Void> saveResult(Result r) {
        return blocking(() -> {
            update(resultUpsert(), resultParams(r));
            return null;
        });
    }

    @Override
    public Future<Void> saveResults(List<Result> results) {
        if (results.isEmpty()) {
            return Future.succeededFuture();
        }
        // One statement batch in one transaction: the deadline storm writes thousands of results at once.
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(resultUpsert())) {
                for (Result r : results) {
                    bind(ps, resultParams(r));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private String resultUpsert() {
        return db.dialect().upsert("results", List.of("attempt_id"), List.of("attempt_id", "sitting_id", "ticket",
                "name", "subject", "objective_score", "max_score", "pending_marking", "passed", "submitted_at",
                "submit_kind"));
    }

    private static Object[] resultParams(Result r) {
        return new Object[] {r.attemptId(), r.sittingId(), r.ticket(), r.name(), r.subject(), r.objectiveScore(),
                r.maxScore(), r.pendingMarking(), r.passed(), r.submittedAt(), r.submitKind()};
    }

    @Override
    public Future<List<Result>> results(String sittingId) {
        return blocking(() -> query("SELECT attempt_id, sitting_id, ticket, name, subject, objective_score, max_score, "
                        + "pending_marking, passed, submitted_at, submit_kind FROM results WHERE sitting_id = ? "
                        + "ORDER BY ticket",
                rs -> {
                    boolean passed = rs.getBoolean(9);
                    Boolean verdict = rs.wasNull() ? null : passed;
                    return new Result(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBigDecimal(6).stripTrailingZeros(),
                            rs.getBigDecimal(7).stripTrailingZeros(), rs.getBoolean(8), verdict, rs.getLong(10),
                            rs.getString(11));
                }, sittingId));
    }

    // uploads

    @Override
    public Future<Void> saveUpload(StoredUpload u) {
        return blocking(() -> {
            update("INSERT INTO uploads (id, attempt_id, name, media_type, content, created_at) VALUES (?,?,?,?,?,?)",
                    u.id(), u.attemptId(), u.name(), u.mediaType(), u.content(), u.createdAt());
            return null;
        });
    }

    @Override
    public Future<Optional<StoredUpload>> upload(String id) {
        return blocking(() -> first(query("SELECT id, attempt_id, name, media_type, content, created_at FROM uploads "
                        + "WHERE id = ?",
                rs -> new StoredUpload(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getLong(6)), id)));
    }

    @Override
    public Future<Map<String, String>> uploadOwners(Collection<String> ids) {
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        if (all.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return blocking(() -> {
            Map<String, String> owners = new HashMap<>();
            for (int from = 0; from < all.size(); from += 500) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
                String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
                for (String[] row : query("SELECT id, attempt_id FROM uploads WHERE id IN (" + marks + ")",
                        rs -> new String[] {rs.getString(1), rs.getString(2)}, chunk.toArray())) {
                    owners.put(row[0], row[1]);
                }
            }
            return owners;
        });
    }

    // staff, audit, agent keys

    @Override
    public Future<Void> saveStaff(StaffAccount a) {
        return blocking(() -> {
            update(db.dialect().upsert("staff", List.of("username"),
                            List.of("username", "password_hash", "staff_role", "room_ids")),
                    a.username(), a.passwordHash(), a.role().name(), String.join(",", a.roomIds()));
            return null;
        });
    }

    @Override
    public Future<Optional<StaffAccount>> staff(String username) {
        return blocking(() -> first(query("SELECT username, password_hash, staff_role, room_ids FROM staff "
                        + "WHERE username = ?",
                rs -> new StaffAccount(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Arrays.stream(rs.getString(4).split(",")).filter(s -> !s.isBlank())
                                .collect(Collectors.toSet())), username)));
    }

    @Override
    public Future<Void> audit(AuditRecord r) {
        return blocking(() -> {
            update("INSERT INTO audit (id, server_at, actor, action_name, sitting_id, target, detail) "
                    + "VALUES (?,?,?,?,?,?,?)", r.id(), r.at(), r.actor(), r.action(), r.sittingId(), r.target(),
                    r.detail());
            return null;
        });
    }

    @Override
    public Future<List<AuditRecord>> auditOf(String sittingId) {
        return blocking(() -> query("SELECT id, server_at, actor, action_name, sitting_id, target, detail FROM audit "
                        + "WHERE sitting_id = ? ORDER BY server_at, id",
                rs -> new AuditRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), sittingId));
    }

    @Override
    public Future<Void> saveAgentKey(String keyHash, String sittingId, String createdBy, long at) {
        return blocking(() -> {
            update("INSERT INTO agent_keys (key_hash, sitting_id, created_at, created_by) VALUES (?,?,?,?)",
                    keyHash, sittingId, at, createdBy);
            return null;
        });
    }

    @Override
    public Future<Optional<String>> agentKeySitting(String keyHash) {
        return blocking(() -> first(query("SELECT sitting_id FROM agent_keys WHERE key_hash = ?",
                rs -> rs.getString(1), keyHash)));
    }
}
