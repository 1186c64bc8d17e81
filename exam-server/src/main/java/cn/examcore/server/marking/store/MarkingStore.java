package cn.examcore.server.marking.store;

import cn.examcore.server.marking.domain.MarkingItem;
import cn.examcore.server.marking.domain.MarkingPlan;
import cn.examcore.server.marking.domain.Mark;
import cn.examcore.server.marking.domain.Script;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marking's tables: plans, items, scripts with their two markers, and every mark. Each write is one transaction
 * under the script's (or the sitting's) row lock, and a script that becomes final completes its attempt's result in
 * the same transaction: nothing is ever half-applied.
 */
public interface MarkingStore {

    /**
     * A script to create.
     *
     * @param script  the script (state MARKING)
     * @param markers its two markers, slot 1 then slot 2
     */
    record NewScript(Script script, List<String> markers) {
    }

    /**
     * One allocation of a script to a marker.
     *
     * @param scriptId the script
     * @param slot     1 or 2
     * @param marker   the marker
     */
    record Allocated(String scriptId, int slot, String marker) {
    }

    /**
     * What a mark or an arbitration made of its script.
     *
     * @param script the script after the change
     * @param mark   the mark stored
     * @param resultCompleted the attempt's result was completed (every script of it final) by this change
     */
    record Marked(Script script, Mark mark, boolean resultCompleted) {
    }

    Future<Optional<MarkingPlan>> plan(String sittingId);

    /** Every sitting whose marking has opened, with its plan. */
    Future<List<MarkingPlan>> plans();

    /** Attempts of the sitting whose result awaits marking and that have no script yet. */
    Future<List<String>> unscriptedPending(String sittingId);

    /** The highest script number of the sitting, 0 when it has none. */
    Future<Integer> maxScriptNo(String sittingId);

    /** Scripts each marker of the sitting holds. */
    Future<Map<String, Integer>> loads(String sittingId);

    /**
     * Opens the sitting's marking, or adds scripts to it: stores the plan (when the sitting has none), the items not
     * yet stored, the scripts with their allocations, and completes the results of {@code attemptIds} that have no
     * script left to mark (every answer blank: marked 0). One transaction.
     */
    Future<Void> open(MarkingPlan plan, List<MarkingItem> items, List<NewScript> scripts, List<String> attemptIds,
                      long now);

    Future<Optional<Script>> script(String scriptId);

    Future<List<Script>> scripts(String sittingId);

    /** The scripts of the sitting allocated to {@code marker}, by number. */
    Future<List<Script>> scriptsOf(String sittingId, String marker);

    /** The standing marks {@code marker} gave in the sitting (arbitrations included). */
    Future<List<Mark>> marksBy(String sittingId, String marker);

    Future<List<MarkingItem>> items(String sittingId);

    Future<List<Allocated>> allocations(String sittingId);

    /** The script's markers by slot (1, 2). */
    Future<List<Allocated>> allocationsOf(String scriptId);

    /** Every mark of the script, set aside ones included, by slot. */
    Future<List<Mark>> marks(String scriptId);

    /** Every mark of the sitting's scripts. */
    Future<List<Mark>> marksOfSitting(String sittingId);

    /**
     * A marker's mark of a script allocated to them. Refused (nothing stored) for an unknown script (NOT_FOUND,
     * field {@code scriptId}), a script not allocated to the marker (FORBIDDEN, {@code scriptId}), a second mark by
     * the same marker (CONFLICT, {@code scriptId}), or marks the item does not allow (BAD_VALUE, naming the field).
     * The second mark decides: the mean within tolerance, else arbitration.
     */
    Future<Marked> mark(String scriptId, String marker, List<BigDecimal> points, String comment, String markId,
                        long now);

    /** The chief marker's arbitration of a script in ARBITRATION; the plan's rule decides the final score. */
    Future<Marked> arbitrate(String scriptId, String chief, List<BigDecimal> points, String comment, String markId,
                             long now);

    /**
     * Reopens a FINAL script: its final score and any arbitration are set aside with the reason, it goes back to
     * ARBITRATION and its attempt's result back to pending. Answers the script as it was before.
     */
    Future<Script> reopen(String scriptId, String reason, long now);
}
