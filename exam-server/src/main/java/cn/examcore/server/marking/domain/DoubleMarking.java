package cn.examcore.server.marking.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 双评: what two independent marks of one script make. Within the tolerance (a difference not greater than it) the
 * final score is their mean; beyond it the script goes to arbitration.
 */
public final class DoubleMarking {

    private DoubleMarking() {
    }

    /**
     * The outcome of two marks.
     *
     * @param state      FINAL or ARBITRATION
     * @param finalScore the mean when FINAL, else null
     */
    public record Outcome(ScriptState state, BigDecimal finalScore) {
    }

    /** The outcome of marks {@code first} and {@code second} against a tolerance in points. */
    public static Outcome of(BigDecimal first, BigDecimal second, BigDecimal tolerancePoints) {
        if (first.subtract(second).abs().compareTo(tolerancePoints) > 0) {
            return new Outcome(ScriptState.ARBITRATION, null);
        }
        return new Outcome(ScriptState.FINAL, mean(first, second));
    }

    /** The mean of two scores, to two decimals, half up. */
    public static BigDecimal mean(BigDecimal a, BigDecimal b) {
        return ArbitrationRule.round(a.add(b).divide(BigDecimal.valueOf(2), 3, RoundingMode.HALF_UP));
    }

    /**
     * The tolerance in points of an item worth {@code maxPoints} at {@code percent} per cent, to two decimals (half
     * up).
     */
    public static BigDecimal tolerancePoints(BigDecimal maxPoints, BigDecimal percent) {
        return maxPoints.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}
