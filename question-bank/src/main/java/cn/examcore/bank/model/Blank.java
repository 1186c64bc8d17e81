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
 */
public record Blank(List<String> accepted, BigDecimal tolerance) {

    public Blank {
        accepted = List.copyOf(accepted);
    }

    public boolean numeric() {
        return tolerance != null;
    }
}
