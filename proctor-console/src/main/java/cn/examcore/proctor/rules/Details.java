package cn.examcore.proctor.rules;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.SeatEvent;

/**
 * Checks what the rules rely on beyond the shape the contract already guarantees (a detail of its kind's record):
 * the ids, the server time, and the facts whose meaning a rule depends on. {@link #check} runs before the engine
 * changes anything.
 */
final class Details {

    private Details() {
    }

    /** Throws a {@link RuleInputException} naming the event and field when the event cannot be used. */
    static void check(SeatEvent e) {
        if (e.id() == null || e.id().isBlank()) {
            throw new RuleInputException("event at " + e.at() + " (" + e.kind() + " at seat " + e.seatCode()
                    + ") id", "is missing");
        }
        require(e, "sittingId", e.sittingId());
        require(e, "seatCode", e.seatCode());
        if (e.at() <= 0) {
            throw new RuleInputException(where(e, "at"), "must be the server time in epoch milliseconds, got "
                    + e.at());
        }
        if (e.detail() instanceof EventDetail.Reminded r && r.category() != null && r.category().tier() != Tier.A) {
            throw new RuleInputException(where(e, "detail.category"), "must be one of A1, A2, A3, A4 (a reminder is"
                    + " about a tier-A category), got '" + r.category() + "'");
        }
        if (e.detail() instanceof EventDetail.LeavePermitted p && p.until() < e.at()) {
            throw new RuleInputException(where(e, "detail.until"), "is " + p.until()
                    + ", earlier than the permission itself (" + e.at() + ")");
        }
    }

    static String where(SeatEvent e, String field) {
        return "event " + e.id() + " (" + e.kind() + " at seat " + e.seatCode() + ") " + field;
    }

    private static void require(SeatEvent e, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RuleInputException(where(e, field), "is missing");
        }
    }
}
