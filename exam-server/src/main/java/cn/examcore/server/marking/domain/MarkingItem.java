package cn.examcore.server.marking.domain;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * 评阅题目: a bank item of a sitting that people mark, as the marker sees it beside each answer.
 *
 * @param itemId          the bank item
 * @param sectionId       the blueprint section it was drawn into
 * @param type            short answer, essay or operation
 * @param stem            the item's text (safe HTML from the bank)
 * @param maxPoints       its points on the paper
 * @param rubric          评分要点 scaled to {@code maxPoints}; empty when the bank gives none
 * @param tolerancePoints the largest difference of two marks that needs no arbitration
 */
public record MarkingItem(String itemId, String sectionId, ItemType type, String stem, BigDecimal maxPoints,
                          List<RubricPoint> rubric, BigDecimal tolerancePoints) {

    /** Longest marker's comment. */
    public static final int MAX_COMMENT = 2000;

    public MarkingItem {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(maxPoints, "maxPoints");
        rubric = List.copyOf(rubric);
    }

    /**
     * The points a mark scores, one per rubric point; an item without a rubric is scored as one whole point worth
     * {@link #maxPoints}.
     */
    public List<RubricPoint> scoredPoints() {
        return rubric.isEmpty() ? List.of(new RubricPoint("", maxPoints)) : rubric;
    }

    /**
     * Checks a mark of this item and answers its total.
     *
     * @param points  one score per {@link #scoredPoints() point}, each between 0 and the point's maximum, at most two
     *                decimals
     * @param comment the marker's comment, at most {@value #MAX_COMMENT} characters (may be empty)
     * @throws ExamException BAD_VALUE naming {@code points}, {@code points[i]} or {@code comment}
     */
    public BigDecimal check(List<BigDecimal> points, String comment) {
        List<RubricPoint> expected = scoredPoints();
        if (points == null) {
            throw ExamException.field(ErrorType.BAD_VALUE, "points", "points is required: one score per rubric point",
                    "须为每个评分要点给分");
        }
        if (points.size() != expected.size()) {
            throw ExamException.field(ErrorType.BAD_VALUE, "points", "points needs " + expected.size()
                    + " score(s), one per rubric point of this item, got " + points.size(),
                    "本题有 " + expected.size() + " 个评分要点，收到 " + points.size() + " 个分数");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < points.size(); i++) {
            BigDecimal p = points.get(i);
            BigDecimal max = expected.get(i).points();
            String field = "points[" + i + "]";
            if (p == null) {
                throw ExamException.field(ErrorType.BAD_VALUE, field, field + " must be a number from 0 to " + plain(max),
                        "第 " + (i + 1) + " 个要点须给 0 到 " + plain(max) + " 分");
            }
            if (p.signum() < 0 || p.compareTo(max) > 0) {
                throw ExamException.field(ErrorType.BAD_VALUE, field, field + " is " + plain(p)
                        + ", outside 0 … " + plain(max) + (rubric.isEmpty() ? " (the item's points)"
                        : " (rubric point " + (i + 1) + ")"), (rubric.isEmpty() ? "得分 " : "第 " + (i + 1)
                        + " 个要点得分 ") + plain(p) + " 超出 0 … " + plain(max) + " 分");
            }
            if (p.stripTrailingZeros().scale() > 2) {
                throw ExamException.field(ErrorType.BAD_VALUE, field, field + " has more than two decimals",
                        "第 " + (i + 1) + " 个分数最多两位小数");
            }
            total = total.add(p);
        }
        if (total.compareTo(maxPoints) > 0) {
            throw ExamException.field(ErrorType.BAD_VALUE, "points", "the scores add up to " + plain(total)
                    + ", more than the item's " + plain(maxPoints) + " points",
                    "各要点合计 " + plain(total) + " 分，超过本题 " + plain(maxPoints) + " 分");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ExamException.field(ErrorType.BAD_VALUE, "comment", "comment must be at most " + MAX_COMMENT
                    + " characters", "评语不能超过 " + MAX_COMMENT + " 个字符");
        }
        return total.stripTrailingZeros();
    }

    /** The rubric's maxima, for a view. */
    public List<BigDecimal> maxima() {
        List<BigDecimal> out = new ArrayList<>();
        scoredPoints().forEach(p -> out.add(p.points()));
        return out;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
