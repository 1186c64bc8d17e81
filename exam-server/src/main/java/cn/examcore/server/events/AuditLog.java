package cn.examcore.server.events;

import cn.examcore.contract.AuditRecord;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.Addresses;
import cn.examcore.server.events.store.AuditStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/** 操作记录: every state change a person makes, stored (who, when, what) and published on {@link Addresses#AUDIT}. */
public final class AuditLog {

    private final Vertx vertx;
    private final AuditStore store;
    private final LongSupplier clock;

    public AuditLog(Vertx vertx, AuditStore store, LongSupplier clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    public Future<AuditRecord> record(String actor, String action, String sittingId, String target,
                                      Map<String, ?> detail) {
        AuditRecord r = new AuditRecord(UUID.randomUUID().toString(), clock.getAsLong(), actor, action, sittingId,
                target, Json.encode(detail == null ? Map.of() : detail));
        return store.audit(r).map(v -> {
            vertx.eventBus().publish(Addresses.AUDIT, Json.encode(r));
            return r;
        });
    }

    /** The sitting's records in the order they happened. */
    public Future<List<AuditRecord>> of(String sittingId) {
        return store.auditOf(sittingId);
    }
}
