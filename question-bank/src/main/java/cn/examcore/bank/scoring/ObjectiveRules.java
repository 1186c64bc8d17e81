package cn.examcore.bank.scoring;

import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.ScoreMapping;
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

    /**
     * Partial credit of a choice item by its mapping (QTI mapResponse over option ids): each distinct chosen option
     * earns its entry's points, or the mapping's default when no entry names it; the sum is clamped to the bounds.
     * Choosing nothing scores zero (QTI's templates set SCORE to 0 for a NULL response before mapping), whatever
     * the bounds. Choosing more options than the mapping's {@code maxChoices} scores zero too: QTI delivery never
     * accepts such a response, so no mapped points can stand for it. The result is in the item's own score
     * {@code itemScore} and is scaled to {@code score}, the item's score on the paper; it may be negative when the
     * mapping penalises and sets no lower bound.
     */
    public static BigDecimal mappedChoices(ScoreMapping mapping, Set<String> chosen, BigDecimal itemScore,
                                           BigDecimal score) {
        if (chosen.isEmpty() || !mapping.admits(chosen.size())) {
            return zero();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (String option : chosen) {
            sum = sum.add(mapping.entries().stream().filter(e -> e.key().equals(option)).findFirst()
                    .map(ScoreMapping.Entry::points).orElse(mapping.defaultValue()));
        }
        return scaled(mapping.clamp(sum), itemScore, score);
    }

    /**
     * Fill-in whose blanks carry mappings (QTI: the sum of mapResponse over the text entries): each blank earns
     * what its mapping gives the typed value ({@link #mappedBlank}). The total, in the item's own score, is scaled
     * to the paper's {@code score}.
     *
     * @throws IllegalArgumentException when a blank has no mapping (validation keeps an item's blanks all mapped or
     *                                  all unmapped, since a share of the score and mapped points do not add up)
     */
    public static BigDecimal mappedFillIn(List<Blank> blanks, List<String> values, BigDecimal itemScore,
                                          BigDecimal score) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < blanks.size(); i++) {
            String value = i < values.size() ? values.get(i) : "";
            Blank blank = blanks.get(i);
            if (blank.mapping() == null) {
                throw new IllegalArgumentException("blank " + (i + 1) + " has no mapping while others have");
            }
            sum = sum.add(mappedBlank(blank, value));
        }
        return scaled(sum, itemScore, score);
    }

    /**
     * What a blank's mapping gives one typed value, unscaled. An empty value gives zero (QTI: a NULL response).
     * Text compares after {@link TextNormalizer#normalize normalisation}, except that an entry marked
     * case-sensitive keeps the case of both sides; a numeric blank compares numbers, within its tolerance. The first
     * matching entry counts; none matching gives the default value; the result is clamped to the bounds.
     */
    public static BigDecimal mappedBlank(Blank blank, String value) {
        ScoreMapping mapping = blank.mapping();
        if (TextNormalizer.normalize(value).isEmpty()) {
            return BigDecimal.ZERO;
        }
        for (ScoreMapping.Entry entry : mapping.entries()) {
            if (entryMatches(blank, entry, value)) {
                return mapping.clamp(entry.points());
            }
        }
        return mapping.clamp(mapping.defaultValue());
    }

    private static boolean entryMatches(Blank blank, ScoreMapping.Entry entry, String value) {
        if (blank.numeric()) {
            return blankMatches(new Blank(List.of(entry.key()), blank.tolerance()), value);
        }
        if (entry.caseSensitive()) {
            return TextNormalizer.normalizeKeepingCase(value).equals(TextNormalizer.normalizeKeepingCase(entry.key()));
        }
        return TextNormalizer.normalize(value).equals(TextNormalizer.normalize(entry.key()));
    }

    private static BigDecimal scaled(BigDecimal points, BigDecimal itemScore, BigDecimal score) {
        if (itemScore == null || itemScore.signum() <= 0 || itemScore.compareTo(score) == 0) {
            return points.setScale(SCALE, ROUNDING);
        }
        return points.multiply(score).divide(itemScore, SCALE, ROUNDING);
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
