package cn.examcore.server.conduct;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.BanOnRecord;
import cn.examcore.server.conduct.store.BanStore;
import cn.examcore.server.events.AuditLog;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * 禁考名册: the bans on record, as the administrators see them, and their lifting (解除禁考). A ban is imposed by its
 * decision ({@link DecisionService}) and refuses a roster entry through {@link EligibilityService}.
 */
public final class BanService {

    private final BanStore store;
    private final AuditLog audit;
    private final LongSupplier clock;

    public BanService(BanStore store, AuditLog audit, LongSupplier clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every ban on record, or one person's, each with its lift once lifted. */
    public Future<List<BanOnRecord>> bans(String idNumber) {
        return store.bans(idNumber);
    }

    /**
     * 解除禁考: lifts the ban of decision {@code decisionId} (the ban stays on record beside its lift), audited as
     * {@code ban.lift} in the decision's sitting.
     *
     * @return the ban with its lift; a failed future naming the field at fault: {@code reason} missing or too
     *         long (400), no ban of that decision (404, {@code decisionId}), already lifted (409 with who lifted
     *         it, when and why); nothing is stored then
     */
    public Future<BanOnRecord> liftBan(String decisionId, String reason, String by) {
        BanLift lift;
        try {
            String why = Fields.text(reason, "reason", Fields.MAX_REASON_CHARS, true);
            String id = Fields.text(decisionId, "decisionId", 64, true);
            lift = new BanLift(id, by, Instant.ofEpochMilli(clock.getAsLong()), why);
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        return store.liftBan(lift)
                .recover(e -> Future.failedFuture(e instanceof BanStore.NoSuchBan
                        ? ExamException.field(ErrorType.NOT_FOUND, "decisionId", e.getMessage())
                        : e instanceof BanStore.AlreadyLifted a ? alreadyLifted(a.existing()) : e))
                .compose(lifted -> audit.record(by, "ban.lift", lifted.sittingId(), lift.decisionId(),
                        Map.of("decisionId", lift.decisionId(), "reason", lift.why())).map(lifted.ban()));
    }

    private static ExamException alreadyLifted(BanLift earlier) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "decisionId");
        details.put("decisionId", earlier.decisionId());
        details.put("liftedBy", earlier.by());
        details.put("liftedAt", earlier.at().toEpochMilli());
        details.put("reason", earlier.why());
        return new ExamException(ErrorType.CONFLICT, "the ban of decision " + earlier.decisionId()
                + " was already lifted by " + earlier.by() + " at " + earlier.at() + " (" + earlier.why() + ")",
                details);
    }
}
