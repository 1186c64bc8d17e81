package cn.examcore.bank.scoring;

import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.MultipleChoiceRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scoring rules of the machine-scored item types (客观题), as pure functions of key, answer and the item's
 * score on the paper.
 *
 * <p>Arithmetic is {@link BigDecimal}; a fraction of the score is computed exactly and rounded once, to
 * {@value #SCALE} decimals {@link RoundingMode#HALF_UP} (so 1 point over 3 blanks with 2 right is 0.67, and all 3
 * right is exactly 1.00, never 0.99 from adding rounded thirds).
 */
public final class ObjectiveRules {

    /** Decimals of every earned-points figure. */
    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private ObjectiveRules() {
    }

    /** Single choice (单选): full score when exactly the key's one option is chosen, else zero. */
    public static BigDecimal singleChoice(Set<String> key, Set<String> chosen, BigDecimal score) {
        return points(!chosen.isEmpty() && chosen.equals(key), score);
    }

    /** True/false (判断): full score when the answer equals the key. */
    public static BigDecimal trueFalse(boolean key, boolean answer, BigDecimal score) {
        return points(key == answer, score);
    }

    /**
     * Multiple choice (多选) under {@code rule}. With k = |key|, c = correct options chosen, w = wrong options
     * chosen (a label that is no option at all counts as wrong):
     * <ul>
     *   <li>{@code ALL_OR_NOTHING}: score when the chosen set is the key, else 0;</li>
     *   <li>{@code PROPORTIONAL}: score × max(0, c − w) / k;</li>
     *   <li>{@code PARTIAL_SUBSET}: 0 when w &gt; 0, else score × c / k.</li>
     * </ul>
     * Choosing nothing scores zero under every rule.
     *
     * @throws IllegalArgumentException when the key is empty (a validated bank never has one)
     */
    public static BigDecimal multipleChoice(MultipleChoiceRule rule, Set<String> key, Set<String> chosen,
                                            BigDecimal score) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a multiple-choice key must not be empty");
        }
        long correct = chosen.stream().filter(key::contains).count();
        long wrong = chosen.size() - correct;
        return switch (rule) {
            case ALL_OR_NOTHING -> points(wrong == 0 && correct == key.size(), score);
            case PROPORTIONAL -> fraction(score, Math.max(0, correct - wrong), key.size());
            case PARTIAL_SUBSET -> wrong > 0 ? zero() : fraction(score, correct, key.size());
        };
    }

    /**
     * Fill-in (填空): each blank is worth score / number of blanks; a blank earns its share when its value
     * {@link #blankMatches matches}. Values beyond the blanks are ignored, missing values count as empty.
     *
     * @throws IllegalArgumentException when there are no blanks (a validated bank never has such an item)
     */
    public static BigDecimal fillIn(List<Blank> blanks, List<String> values, BigDecimal score) {
        if (blanks.isEmpty()) {
            throw new IllegalArgumentException("a fill-in item must have at least one blank");
        }
        int matched = 0;
        for (int i = 0; i < blanks.size(); i++) {
            if (i < values.size() && blankMatches(blanks.get(i), values.get(i))) {
                matched++;
            }
        }
        return fraction(score, matched, blanks.size());
    }

    /**
     * Whether one typed value fills a blank. A text blank matches when the {@link TextNormalizer#normalize
     * normalised} value equals a normalised accepted answer. A numeric blank (one with a tolerance) matches when
     * the value {@link TextNormalizer#parseNumber reads as a number} within ± tolerance (inclusive) of an accepted
     * answer that reads as a number. An empty value never matches.
     */
    public static boolean blankMatches(Blank blank, String value) {
        String typed = TextNormalizer.normalize(value);
        if (typed.isEmpty()) {
            return false;
        }
        if (!blank.numeric()) {
            return blank.accepted().stream().map(TextNormalizer::normalize).anyMatch(typed::equals);
        }
        Optional<BigDecimal> number = TextNormalizer.parseNumber(typed);
        if (number.isEmpty()) {
            return false;
        }
        BigDecimal tolerance = blank.tolerance();
        return blank.accepted().stream()
                .map(TextNormalizer::parseNumber)
                .flatMap(Optional::stream)
                .anyMatch(accepted -> accepted.subtract(number.get()).abs().compareTo(tolerance) <= 0);
    }

    /** Zero at the scale every score uses. */
    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE, ROUNDING);
    }

    private static BigDecimal points(boolean right, BigDecimal score) {
        return right ? score.setScale(SCALE, ROUNDING) : zero();
    }

    private static BigDecimal fraction(BigDecimal score, long numerator, long denominator) {
        return score.multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), SCALE, ROUNDING);
    }
}
