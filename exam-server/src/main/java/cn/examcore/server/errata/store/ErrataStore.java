package cn.examcore.server.errata.store;

import cn.examcore.contract.AuditRecord;
import cn.examcore.server.errata.domain.Rescored;
import cn.examcore.server.errata.domain.StoredErratum;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** Errata (勘误), durable, with the rescored results they change. */
public interface ErrataStore {

    /** The sitting's errata in the order they were applied. */
    Future<List<StoredErratum>> errata(String sittingId);

    /** The sitting's assembled papers as stored (JSON, keys included), by attempt id: read once for a rescoring. */
    Future<Map<String, String>> paperJsons(String sittingId);

    /**
     * Records the erratum, stores every rescored result, revokes the certificates of results that fail now and
     * writes the audit record, all in one transaction. The erratum's {@code seq} must be the next of its sitting
     * and each result must still be as {@link Rescored#before} says; otherwise (another erratum or a marking got
     * there first) nothing is stored and the future fails with {@code CONFLICT}.
     *
     * @return the numbers of the certificates revoked
     */
    Future<List<String>> apply(StoredErratum erratum, List<Rescored> rescored, AuditRecord audit);
}
