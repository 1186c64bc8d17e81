package cn.examcore.bank.io.format;

import cn.examcore.bank.model.MultipleChoiceRule;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The words administrators write for levels, difficulties, scoring rules and yes/no, as the Excel template
 * documents them. The QTI reader accepts the same words in its metadata attributes, so both formats read alike.
 */
public final class Vocabulary {

    /** 五级/初级工 is level 5, the lowest; 一级/高级技师 is level 1, the highest. */
    private static final Map<String, Integer> LEVEL_WORDS = Map.ofEntries(
            Map.entry("五级", 5), Map.entry("初级工", 5), Map.entry("初级", 5),
            Map.entry("四级", 4), Map.entry("中级工", 4), Map.entry("中级", 4),
            Map.entry("三级", 3), Map.entry("高级工", 3), Map.entry("高级", 3),
            Map.entry("二级", 2), Map.entry("技师", 2),
            Map.entry("一级", 1), Map.entry("高级技师", 1));

    /** In template order, easiest first. */
    public static final List<String> DIFFICULTY_WORDS = List.of("易", "较易", "中", "较难", "难");

    private static final Map<String, Boolean> TRUTH_WORDS = Map.ofEntries(
            Map.entry("对", true), Map.entry("正确", true), Map.entry("是", true), Map.entry("T", true),
            Map.entry("TRUE", true), Map.entry("Y", true), Map.entry("YES", true), Map.entry("√", true),
            Map.entry("✓", true), Map.entry("✔", true), Map.entry("1", true),
            Map.entry("错", false), Map.entry("错误", false), Map.entry("否", false), Map.entry("F", false),
            Map.entry("FALSE", false), Map.entry("N", false), Map.entry("NO", false), Map.entry("×", false),
            Map.entry("✗", false), Map.entry("✘", false), Map.entry("0", false));

    private Vocabulary() {
    }

    /**
     * Folds full-width letters, digits and punctuation to their ASCII forms and strips white space, so that text
     * typed with a Chinese input method matches the ASCII spellings.
     */
    public static String fold(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    /** 等级: "1".."5", "4级", 四级, 中级工 … */
    public static OptionalInt level(String text) {
        String t = fold(text);
        if (t.endsWith("级") && t.length() == 2 && Character.isDigit(t.charAt(0))) {
            t = t.substring(0, 1);
        }
        Integer word = LEVEL_WORDS.get(t);
        if (word != null) {
            return OptionalInt.of(word);
        }
        return integer(t);
    }

    /** 难度: an integer (the validator checks the 1–5 range) or one of 易/较易/中/较难/难. */
    public static OptionalInt difficulty(String text) {
        String t = fold(text);
        if (t.equals("中等")) {
            t = "中";
        }
        int index = DIFFICULTY_WORDS.indexOf(t);
        return index >= 0 ? OptionalInt.of(index + 1) : integer(t);
    }

    /** 多选规则: 全对得分 / 按比例 / 少选得分, or the enum name. */
    public static Optional<MultipleChoiceRule> multipleRule(String text) {
        String t = fold(text);
        for (MultipleChoiceRule rule : MultipleChoiceRule.values()) {
            if (rule.name().equalsIgnoreCase(t) || chineseName(rule).equals(t)) {
                return Optional.of(rule);
            }
        }
        return switch (t) {
            case "全对", "全部正确得分" -> Optional.of(MultipleChoiceRule.ALL_OR_NOTHING);
            case "按比例得分" -> Optional.of(MultipleChoiceRule.PROPORTIONAL);
            case "少选按比例得分" -> Optional.of(MultipleChoiceRule.PARTIAL_SUBSET);
            default -> Optional.empty();
        };
    }

    /** The template's name of a rule. */
    public static String chineseName(MultipleChoiceRule rule) {
        return switch (rule) {
            case ALL_OR_NOTHING -> "全对得分";
            case PROPORTIONAL -> "按比例";
            case PARTIAL_SUBSET -> "少选得分";
        };
    }

    /** True/false answers and yes/no switches: 对/错, 正确/错误, 是/否, T/F, √/×, TRUE/FALSE, Y/N, 1/0. */
    public static Optional<Boolean> truth(String text) {
        return Optional.ofNullable(TRUTH_WORDS.get(fold(text).toUpperCase(Locale.ROOT)));
    }

    /**
     * A number as typed ("2.5", "１０", "1e3"), in one canonical form: no trailing zeros and no negative scale, so
     * that 2, 2.0 and 2.00 are the same value whether a cell stored a number or text.
     */
    public static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(canonical(new BigDecimal(fold(text))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** 2.50 → 2.5, 10 stays 10 (not 1E+1). */
    public static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static OptionalInt integer(String t) {
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(t));
    }
}
