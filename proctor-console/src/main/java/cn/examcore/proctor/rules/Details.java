package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads and checks the parts of seat events the rules depend on. {@link #check} runs before the engine changes
 * anything, so the readers below can assume well-formed input.
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
        require(e, "kind", e.kind());
        if (e.source() == null) {
            throw new RuleInputException(where(e, "source"), "is missing");
        }
        if (e.at() <= 0) {
            throw new RuleInputException(where(e, "at"), "must be the server time in epoch milliseconds, got "
                    + e.at());
        }
        switch (e.kind()) {
            case EventKinds.REMINDED -> reminderCategory(e);
            case EventKinds.LEAVE_PERMITTED -> {
                long until = number(e, "until");
                if (until < e.at()) {
                    throw new RuleInputException(where(e, "detail.until"), "is " + until
                            + ", earlier than the permission itself (" + e.at() + ")");
                }
            }
            case EventKinds.INCIDENT_RECORDED -> incidentCategory(e);
            case EventKinds.REMINDER_ACKNOWLEDGED -> text(e, "reminderId")
                    .orElseThrow(() -> new RuleInputException(where(e, "detail.reminderId"), "is missing"));
            default -> {
                // kinds without detail the rules depend on
            }
        }
    }

    /** The category a reminder was about: empty when it names none (then it covers every tier-A category). */
    static Optional<MisconductCode> reminderCategory(SeatEvent e) {
        Optional<String> code = text(e, "category");
        if (code.isEmpty()) {
            return Optional.empty();
        }
        MisconductCode c = MisconductCode.parse(code.get()).filter(x -> x.tier() == Tier.A).orElseThrow(() ->
                new RuleInputException(where(e, "detail.category"), "must be one of A1, A2, A3, A4 (a reminder is"
                        + " about a tier-A category), got '" + code.get() + "'"));
        return Optional.of(c);
    }

    static MisconductCode incidentCategory(SeatEvent e) {
        String code = text(e, "category").orElseThrow(() ->
                new RuleInputException(where(e, "detail.category"), "is missing: an incident needs its category"));
        return MisconductCode.parse(code).orElseThrow(() -> new RuleInputException(where(e, "detail.category"),
                "must be a category code A1..A4, B1..B5 or C1..C7, got '" + code + "'"));
    }

    static long number(SeatEvent e, String key) {
        Object v = e.detail().get(key);
        if (v == null) {
            throw new RuleInputException(where(e, "detail." + key), "is missing");
        }
        try {
            BigDecimal d = v instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(v.toString().strip());
            return d.longValueExact();
        } catch (NumberFormatException | ArithmeticException ex) {
            throw new RuleInputException(where(e, "detail." + key), "must be a whole number (epoch ms), got '"
                    + v + "'");
        }
    }

    /** A non-blank text detail, stripped. */
    static Optional<String> text(SeatEvent e, String key) {
        Object v = e.detail().get(key);
        if (v == null || v.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(v.toString().strip());
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
