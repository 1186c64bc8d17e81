package cn.examcore.bank.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * 空: one blank of a fill-in item.
 *
 * @param accepted  the accepted answers; a response matches after normalisation (full/half width, case,
 *                  surrounding and repeated spaces)
 * @param tolerance when not null, the blank is numeric: a response within ± tolerance of any accepted number
 *                  matches
 * @param mapping   when not null, the blank earns partial credit by the answer typed (QTI mapResponse) instead of
 *                  an equal share of the item's score for any accepted answer; {@code accepted} then lists the
 *                  answers that earn points, for display and statistics
 */
public record Blank(List<String> accepted, BigDecimal tolerance, ScoreMapping mapping) {

    public Blank {
        accepted = List.copyOf(accepted);
    }

    /** A blank scored by its accepted answers alone. */
    public Blank(List<String> accepted, BigDecimal tolerance) {
        this(accepted, tolerance, null);
    }

    public boolean numeric() {
        return tolerance != null;
    }
}
