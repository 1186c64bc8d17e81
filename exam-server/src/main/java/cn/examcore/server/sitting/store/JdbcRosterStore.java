package cn.examcore.server.sitting.store;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.ApplicationKind;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link RosterStore} on JDBC (table {@code candidates}). */
public final class JdbcRosterStore implements RosterStore {

    private static final String SELECT = "SELECT sitting_id, ticket, id_number, name, seat_code, subjects, photo_ref, evaluation_id, "
            + "evaluation_body, application "
            + "FROM candidates WHERE sitting_id = ?";

    private final Jdbc jdbc;

    public JdbcRosterStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<Void> replaceRoster(String sittingId, List<Candidate> candidates,
                                      List<Accommodation> accommodations) {
        return jdbc.transaction(c -> {
            try (PreparedStatement delExtra = c.prepareStatement("DELETE FROM accommodations WHERE sitting_id = ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM candidates WHERE sitting_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO candidates (sitting_id, ticket, "
                         + "id_number, name, seat_code, subjects, photo_ref, evaluation_id, evaluation_body, application) "
                         + "VALUES (?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement insExtra = c.prepareStatement("INSERT INTO accommodations (sitting_id, ticket, "
                         + "extra_percent, extra_minutes, approved_by) VALUES (?,?,?,?,?)")) {
                Jdbc.bind(delExtra, sittingId);
                delExtra.executeUpdate();
                Jdbc.bind(del, sittingId);
                del.executeUpdate();
                Jdbc.batch(ins, candidates.stream().map(k -> new Object[] {sittingId, k.ticket(), k.idNumber(),
                        k.name(), k.seatCode(), k.subjects().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")), k.photoRef(), k.evaluation().id(), k.evaluation().body(),
                        k.evaluation().application().name()}).toList());
                if (!accommodations.isEmpty()) {
                    Jdbc.batch(insExtra, accommodations.stream().map(a -> new Object[] {sittingId, a.ticket(),
                            a.extraPercent(), a.extraMinutes(), a.approvedBy()}).toList());
                }
            }
            return null;
        });
    }

    @Override
    public Future<List<Accommodation>> accommodations(String sittingId) {
        return jdbc.list("SELECT sitting_id, ticket, extra_percent, extra_minutes, approved_by FROM accommodations "
                + "WHERE sitting_id = ? ORDER BY ticket", rs -> new Accommodation(rs.getString(1), rs.getString(2),
                rs.getInt(3), rs.getInt(4), rs.getString(5)), sittingId);
    }

    @Override
    public Future<Optional<Candidate>> candidate(String sittingId, String ticket) {
        return jdbc.first(SELECT + " AND ticket = ?", JdbcRosterStore::candidateRow, sittingId, ticket);
    }

    @Override
    public Future<Map<String, Candidate>> candidates(String sittingId, Collection<String> tickets) {
        if (tickets.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return jdbc.blocking(() -> {
            Map<String, Candidate> byTicket = new HashMap<>();
            for (Candidate c : jdbc.queryIn(SELECT + " AND ticket IN ", JdbcRosterStore::candidateRow, tickets,
                    sittingId)) {
                byTicket.put(c.ticket(), c);
            }
            return byTicket;
        });
    }

    @Override
    public Future<Void> moveCandidate(String sittingId, String ticket, String seatCode) {
        return jdbc.blocking(() -> {
            if (jdbc.update("UPDATE candidates SET seat_code = ? WHERE sitting_id = ? AND ticket = ?", seatCode,
                    sittingId, ticket) != 1) {
                throw new IllegalStateException("no candidate " + ticket + " in sitting " + sittingId);
            }
            return null;
        });
    }

    @Override
    public Future<List<Candidate>> candidates(String sittingId) {
        return jdbc.list(SELECT + " ORDER BY ticket", JdbcRosterStore::candidateRow, sittingId);
    }

    @Override
    public Future<Map<String, Set<String>>> evaluationSittings(String sittingId) {
        return jdbc.list("SELECT a.ticket, b.sitting_id FROM candidates a JOIN candidates b "
                + "ON b.evaluation_id = a.evaluation_id AND b.id_number = a.id_number AND b.sitting_id <> a.sitting_id "
                + "WHERE a.sitting_id = ?", rs -> Map.entry(rs.getString(1), rs.getString(2)), sittingId).map(rows -> {
                    Map<String, Set<String>> out = new HashMap<>();
                    rows.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>()).add(e.getValue()));
                    return out;
                });
    }

    private static Candidate candidateRow(ResultSet rs) throws SQLException {
        Set<Subject> subjects = Arrays.stream(rs.getString(6).split(",")).filter(s -> !s.isBlank())
                .map(Subject::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
        return new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                subjects, rs.getString(7), new Candidate.EvaluationRef(rs.getString(8), rs.getString(9),
                        ApplicationKind.valueOf(rs.getString(10))));
    }
}
