package cn.examcore.server.sitting;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.sitting.domain.SittingRules;
import cn.examcore.server.sitting.store.SittingRulesStore;
import cn.examcore.server.sitting.store.SittingStore;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * 考场规则: reads and sets a sitting's late-entry cutoff, earliest submission, candidate-rules version and offline
 * answer window. A change
 * is checked whole before it is stored, and audited with the values before and after.
 */
public final class RoomRules {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private final LongSupplier clock;
    private final SittingStore sittingStore;
    private final SittingRulesStore rulesStore;
    private final AuditLog audit;

    public RoomRules(LongSupplier clock, SittingStore sittingStore, SittingRulesStore rulesStore, AuditLog audit) {
        this.clock = clock;
        this.sittingStore = sittingStore;
        this.rulesStore = rulesStore;
        this.audit = audit;
    }

    /** The sitting's rules; UNKNOWN_SITTING when there is no such sitting. */
    public Future<SittingRules> rules(String sittingId) {
        return sittingStore.existingSitting(sittingId).compose(s -> rulesStore.rules(sittingId));
    }

    /**
     * Sets the sitting's rules. A null field keeps its current value.
     *
     * @throws ExamException (as a failed future) {@code BAD_REQUEST} naming the field that is out of range
     */
    public Future<SittingRules> update(String sittingId, Integer lateEntryMinutes, Integer earliestSubmitMinutes,
                                       String rulesVersion, Integer offlineWindowMinutes, String actor) {
        try {
            minutes(lateEntryMinutes, "lateEntryMinutes");
            minutes(earliestSubmitMinutes, "earliestSubmitMinutes");
            minutes(offlineWindowMinutes, "offlineWindowMinutes");
            if (rulesVersion != null && !VERSION.matcher(rulesVersion).matches()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "rulesVersion",
                        "rulesVersion must be 1 to 40 letters, digits, '.', '_' or '-'");
            }
            if (rulesVersion != null && !SittingRules.TEXT_VERSIONS.contains(rulesVersion)) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "rulesVersion", "the candidate page has no rules "
                        + "text of version " + rulesVersion + "; it holds " + String.join(", ",
                        new java.util.TreeSet<>(SittingRules.TEXT_VERSIONS)));
            }
        } catch (ExamException e) {
            return Future.failedFuture(e);
        }
        return rules(sittingId).compose(before -> {
            SittingRules after = new SittingRules(sittingId,
                    lateEntryMinutes == null ? before.lateEntryMinutes() : lateEntryMinutes,
                    earliestSubmitMinutes == null ? before.earliestSubmitMinutes() : earliestSubmitMinutes,
                    rulesVersion == null ? before.rulesVersion() : rulesVersion,
                    offlineWindowMinutes == null ? before.offlineWindowMinutes() : offlineWindowMinutes, actor,
                    clock.getAsLong());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("lateEntryMinutes", after.lateEntryMinutes());
            detail.put("earliestSubmitMinutes", after.earliestSubmitMinutes());
            detail.put("rulesVersion", after.rulesVersion());
            detail.put("offlineWindowMinutes", after.offlineWindowMinutes());
            detail.put("before", Map.of("lateEntryMinutes", before.lateEntryMinutes(),
                    "earliestSubmitMinutes", before.earliestSubmitMinutes(), "rulesVersion", before.rulesVersion(),
                    "offlineWindowMinutes", before.offlineWindowMinutes()));
            return rulesStore.save(after)
                    .compose(v -> audit.record(actor, "sitting.rules", sittingId, sittingId, detail))
                    .map(after);
        });
    }

    private static void minutes(Integer value, String field) {
        if (value != null && (value < 0 || value > SittingRules.MAX_MINUTES)) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be 0 (no rule) to "
                    + SittingRules.MAX_MINUTES + " minutes, was " + value);
        }
    }
}
