package cn.examcore.server.events.store;

import cn.examcore.contract.AuditRecord;
import io.vertx.core.Future;
import java.util.List;

/** The audit trail (操作记录) of staff actions, append-only. */
public interface AuditStore {

    Future<Void> audit(AuditRecord record);

    /** The sitting's records in the order they happened. */
    Future<List<AuditRecord>> auditOf(String sittingId);
}
