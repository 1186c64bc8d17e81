package cn.examcore.server.marking.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * 答卷: one candidate's answer to one marked item. Markers know it only by {@link #scriptNo}; the attempt id stays
 * on the server.
 *
 * @param id         an opaque random id (what the API names)
 * @param sittingId  the sitting
 * @param scriptNo   its number within the sitting, in an order unrelated to tickets or seats
 * @param attemptId  the attempt the answer belongs to (never shown to a marker)
 * @param itemNumber the item's number on that attempt's paper
 * @param itemId     the bank item
 * @param answer     the canonical answer value (JSON text), null when blank
 * @param state      where double marking stands
 * @param finalScore the final score once FINAL, else null
 */
public record Script(String id, String sittingId, int scriptNo, String attemptId, int itemNumber, String itemId,
                     String answer, ScriptState state, BigDecimal finalScore) {

    public Script {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }
}
