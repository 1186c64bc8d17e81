package cn.examcore.server.marking.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 仲裁规则: how the final score of an arbitrated script is decided, declared per sitting when marking opens. A script
 * whose two marks are within tolerance always ends on their mean.
 */
public enum ArbitrationRule {
    /** The chief marker's score is final. */
    ARBITER,
    /**
     * The mean of the chief marker's score and whichever of the two marks is closer to it (the higher of the two
     * when they are equally close).
     */
    CLOSER_MEAN;

    /** The final score after arbitration of marks {@code first} and {@code second} with the arbiter's {@code chief}. */
    public BigDecimal finalScore(BigDecimal first, BigDecimal second, BigDecimal chief) {
        if (this == ARBITER) {
            return chief;
        }
        BigDecimal d1 = first.subtract(chief).abs();
        BigDecimal d2 = second.subtract(chief).abs();
        int c = d1.compareTo(d2);
        BigDecimal closer = c < 0 ? first : c > 0 ? second : first.max(second);
        return DoubleMarking.mean(closer, chief);
    }

    /** Rounding of every mean: two decimals, half up (scores are kept to two decimals in the database). */
    static BigDecimal round(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
