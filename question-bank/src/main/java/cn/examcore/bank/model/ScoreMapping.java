package cn.examcore.bank.model;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * 映射计分: partial credit by response value, as QTI's {@code mapping} / {@code mapResponse} defines it. Each
 * distinct value a candidate gives earns the points of the first entry it matches, or {@code defaultValue} when it
 * matches none; the sum is then clamped to the bounds. Values are in the item's own score; a paper that carries the
 * item at another score scales the result.
 *
 * <p>For a choice item the keys are option ids; for a blank they are typed answers (numbers for a numeric blank).
 *
 * @param entries      in authored order; a value matches the first entry whose key it equals
 * @param defaultValue points of a value no entry matches (often 0, may be negative)
 * @param lowerBound   the sum is never below this; null for unbounded
 * @param upperBound   the sum is never above this; null for unbounded
 * @param maxChoices   for a multiple-choice item, the most options a response may hold (QTI's {@code maxChoices}
 *                     on a choice interaction scored by its mapping, "choose three"); a response holding more is
 *                     one QTI delivery never accepts, and earns nothing. Null when any number may be chosen; never
 *                     set on a blank's mapping
 */
public record ScoreMapping(List<Entry> entries, BigDecimal defaultValue, BigDecimal lowerBound,
                           BigDecimal upperBound, Integer maxChoices) {

    /**
     * One mapped value.
     *
     * @param key           an option id or a typed answer
     * @param points        what it earns; negative values penalise a wrong choice
     * @param caseSensitive for typed answers: whether "York" and "york" differ (QTI's {@code caseSensitive})
     */
    public record Entry(String key, BigDecimal points, boolean caseSensitive) {
    }

    public ScoreMapping {
        entries = List.copyOf(entries);
        defaultValue = defaultValue == null ? BigDecimal.ZERO : defaultValue;
    }

    /** A mapping over a response of any number of values. */
    public ScoreMapping(List<Entry> entries, BigDecimal defaultValue, BigDecimal lowerBound, BigDecimal upperBound) {
        this(entries, defaultValue, lowerBound, upperBound, null);
    }

    /** Whether a response of {@code count} distinct values is one the item admits ({@link #maxChoices}). */
    public boolean admits(int count) {
        return maxChoices == null || count <= maxChoices;
    }

    /**
     * The most the mapping can award: the upper bound when set, else the sum of the positive entries when a
     * response may hold several values ({@code multiple}) — of the {@code maxChoices} best ones when the response
     * is limited — else the largest entry; never below zero.
     */
    public BigDecimal maximum(boolean multiple) {
        if (upperBound != null) {
            return upperBound;
        }
        BigDecimal best = BigDecimal.ZERO;
        List<BigDecimal> positive = entries.stream().map(Entry::points).filter(p -> p.signum() > 0)
                .sorted(Comparator.reverseOrder()).toList();
        int counted = multiple && maxChoices != null ? Math.min(maxChoices, positive.size()) : positive.size();
        for (BigDecimal points : positive.subList(0, counted)) {
            best = multiple ? best.add(points) : best.max(points);
        }
        if (!multiple && defaultValue.compareTo(best) > 0) {
            best = defaultValue;
        }
        return lowerBound != null && lowerBound.compareTo(best) > 0 ? lowerBound : best;
    }

    /** The sum clamped to the bounds, as QTI's mapResponse does. */
    public BigDecimal clamp(BigDecimal sum) {
        BigDecimal out = sum;
        if (lowerBound != null && out.compareTo(lowerBound) < 0) {
            out = lowerBound;
        }
        if (upperBound != null && out.compareTo(upperBound) > 0) {
            out = upperBound;
        }
        return out;
    }
}
