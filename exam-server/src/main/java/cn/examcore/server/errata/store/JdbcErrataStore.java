package cn.examcore.server.errata.store;

import cn.examcore.bank.errata.Erratum;
import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.store.JdbcCertificateStore;
import cn.examcore.server.errata.domain.ErratumKeys;
import cn.examcore.server.errata.domain.Rescored;
import cn.examcore.server.errata.domain.StoredErratum;
import cn.examcore.server.storage.jdbc.Database;
import cn.examcore.server.storage.jdbc.Jdbc;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ErrataStore} on JDBC (table {@code errata}; it updates {@code results}, {@code certificates}, {@code audit}). */
public final class JdbcErrataStore implements ErrataStore {

    private final Jdbc jdbc;

    public JdbcErrataStore(Database db, WorkerExecutor workers) {
        this.jdbc = new Jdbc(db, workers);
    }

    @Override
    public Future<List<StoredErratum>> errata(String sittingId) {
        return jdbc.list("SELECT id, sitting_id, item_id, kind, key_json, reason, created_by, created_at, seq "
                + "FROM errata WHERE sitting_id = ? ORDER BY seq", rs -> new StoredErratum(rs.getString(1),
                rs.getString(2), ErratumKeys.erratum(rs.getString(3), rs.getString(4), rs.getString(5)), rs.getString(6),
                rs.getString(7), rs.getLong(8), rs.getInt(9)), sittingId);
    }

    @Override
    public Future<Map<String, String>> paperJsons(String sittingId) {
        return jdbc.blocking(() -> {
            Map<String, String> out = new HashMap<>();
            jdbc.query("SELECT attempt_id, paper_json FROM papers WHERE sitting_id = ?", rs -> {
                out.put(rs.getString(1), rs.getString(2));
                return null;
            }, sittingId);
            return out;
        });
    }

    @Override
    public Future<List<String>> apply(StoredErratum e, List<Rescored> rescored, AuditRecord audit) {
        return jdbc.blocking(() -> jdbc.inTransaction(c -> {
            // The sitting row is the lock two errata of one sitting queue on (and a decision's certificate
            // revocation takes the same one), so seq and the results read before are checked against a stable state.
            Jdbc.query(c, "SELECT id FROM sittings WHERE id = ? FOR UPDATE", rs -> rs.getString(1), e.sittingId());
            List<Integer> last = Jdbc.query(c, "SELECT COALESCE(MAX(seq), 0) FROM errata WHERE sitting_id = ?",
                    rs -> rs.getInt(1), e.sittingId());
            if (last.get(0) != e.seq() - 1) {
                throw conflict("another erratum of this sitting was applied meanwhile; read the results and retry");
            }
            Erratum x = e.erratum();
            Jdbc.update(c, "INSERT INTO errata (id, sitting_id, item_id, kind, key_json, reason, created_by, "
                    + "created_at, seq) VALUES (?,?,?,?,?,?,?,?,?)", e.id(), e.sittingId(), x.itemId(),
                    x.kind().name(), ErratumKeys.json(x), e.reason(), e.by(), e.at(), e.seq());
            storeResults(c, rescored);
            List<String> revoked = new ArrayList<>();
            for (Rescored r : rescored) {
                if (r.nowFailing()) {
                    revoked.addAll(JdbcCertificateStore.revokeOfResultNowFailing(c, e.sittingId(), r.after().ticket(),
                            e.at()));
                }
            }
            ObjectNode detail = (ObjectNode) Json.tree(audit.detail());
            detail.set("revokedCertificates", Json.mapper().valueToTree(revoked));
            Jdbc.update(c, "INSERT INTO audit (id, server_at, actor, action_name, sitting_id, target, detail) "
                    + "VALUES (?,?,?,?,?,?,?)", audit.id(), audit.at(), audit.actor(), audit.action(),
                    audit.sittingId(), audit.target(), Json.encode(detail));
            return revoked;
        }));
    }

    private static void storeResults(Connection c, List<Rescored> rescored) throws SQLException {
        // The guard on the old figures makes a result that changed since it was read (a marking completed, a
        // reopening, a review) fail the whole erratum instead of being overwritten with a score computed from stale
        // figures. Two statements because PostgreSQL cannot type a parameter compared only with IS NULL.
        String set = "UPDATE results SET objective_score = ?, passed = ? WHERE attempt_id = ? AND objective_score = ? "
                + "AND pending_marking = ? AND ";
        try (PreparedStatement marked = c.prepareStatement(set + "marked_score = ?");
             PreparedStatement unmarked = c.prepareStatement(set + "marked_score IS NULL")) {
            int n = 0;
            for (Rescored r : rescored) {
                Result b = r.before();
                Result a = r.after();
                if (b.markedScore() == null) {
                    Jdbc.bind(unmarked, a.objectiveScore(), a.passed(), a.attemptId(), b.objectiveScore(),
                            b.pendingMarking());
                    unmarked.addBatch();
                } else {
                    Jdbc.bind(marked, a.objectiveScore(), a.passed(), a.attemptId(), b.objectiveScore(),
                            b.pendingMarking(), b.markedScore());
                    marked.addBatch();
                }
                if (++n % 500 == 0) {
                    checkAll(unmarked.executeBatch());
                    checkAll(marked.executeBatch());
                }
            }
            checkAll(unmarked.executeBatch());
            checkAll(marked.executeBatch());
        }
    }

    private static void checkAll(int[] counts) {
        for (int count : counts) {
            if (count == 0) {
                throw conflict("a result of this sitting changed while the erratum was computed (a marking or a "
                        + "review); nothing was changed, apply the erratum again");
            }
        }
    }

    private static ExamException conflict(String message) {
        return ExamException.field(ErrorType.CONFLICT, "sittingId", message);
    }
}
