package cn.examcore.server.marking.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Checking a mark against the item's rubric, and a marking plan")
class MarkingItemTest {

    private static final MarkingItem ESSAY = new MarkingItem("E1", "s2", ItemType.ESSAY, "<p>案例</p>",
            new BigDecimal("30"), List.of(new RubricPoint("原因", new BigDecimal("12")),
            new RubricPoint("措施", new BigDecimal("12")), new RubricPoint("表达", new BigDecimal("6"))),
            new BigDecimal("4.5"));

    private static List<BigDecimal> p(String... v) {
        return new ArrayList<>(Arrays.stream(v).map(x -> x == null ? null : new BigDecimal(x)).toList());
    }

    private static void refused(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ExamException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.BAD_VALUE);
            assertThat(e.details()).containsEntry("field", field);
        });
    }

    @Test
    @DisplayName("a mark is one score per rubric point, each within 0 … the point's maximum; it answers their sum")
    void accepted() {
        assertThat(ESSAY.check(p("12", "7.5", "0"), "好")).isEqualByComparingTo("19.5");
        assertThat(ESSAY.check(p("0", "0", "0"), null)).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("refuses marks outside a point's range, of the wrong count, too precise, or with a long comment,"
            + " naming the field")
    void refusals() {
        refused(() -> ESSAY.check(null, ""), "points");
        refused(() -> ESSAY.check(p("12", "12"), ""), "points");
        refused(() -> ESSAY.check(p("12.5", "0", "0"), ""), "points[0]");
        refused(() -> ESSAY.check(p("1", "-0.5", "0"), ""), "points[1]");
        refused(() -> ESSAY.check(p("1", "1", null), ""), "points[2]");
        refused(() -> ESSAY.check(p("1", "1.125", "0"), ""), "points[1]");
        refused(() -> ESSAY.check(p("1", "1", "1"), "x".repeat(MarkingItem.MAX_COMMENT + 1)), "comment");
    }

    @Test
    @DisplayName("a refused mark says in Chinese too which rubric point is out of range, for the Chinese marking page")
    void refusalInChinese() {
        assertThatThrownBy(() -> ESSAY.check(p("12.5", "0", "0"), "")).isInstanceOfSatisfying(ExamException.class,
                e -> assertThat(e.details()).containsEntry("messageZh", "第 1 个要点得分 12.5 超出 0 … 12 分"));
        assertThatThrownBy(() -> ESSAY.check(p("12", "12"), "")).isInstanceOfSatisfying(ExamException.class,
                e -> assertThat((String) e.details().get("messageZh")).startsWith("本题有 3 个评分要点"));
    }

    @Test
    @DisplayName("an item without a rubric is scored as one whole point within 0 … its points")
    void withoutRubric() {
        MarkingItem bare = new MarkingItem("S1", "s1", ItemType.SHORT_ANSWER, "stem", new BigDecimal("10"),
                List.of(), BigDecimal.ONE);
        assertThat(bare.scoredPoints()).hasSize(1);
        assertThat(bare.check(p("10"), "")).isEqualByComparingTo("10");
        refused(() -> bare.check(p("10.5"), ""), "points[0]");
    }

    @Test
    @DisplayName("a plan's tolerance is the item's own, else its section's, else the default; bad plans are refused")
    void plan() {
        MarkingPlan plan = new MarkingPlan("st", List.of("a", "b"), MarkingPlan.DEFAULT_TOLERANCE_PERCENT,
                Map.of("s2", new BigDecimal("10")), Map.of("E1", new BigDecimal("5")), ArbitrationRule.ARBITER,
                "chief", 0);
        assertThat(plan.percentFor("E1", "s2")).isEqualByComparingTo("5");
        assertThat(plan.percentFor("E2", "s2")).isEqualByComparingTo("10");
        assertThat(plan.percentFor("O1", "s1")).isEqualByComparingTo("15");
        refused(() -> new MarkingPlan("st", List.of("a"), BigDecimal.TEN, Map.of(), Map.of(),
                ArbitrationRule.ARBITER, "c", 0), "markers");
        refused(() -> new MarkingPlan("st", List.of("a", "a"), BigDecimal.TEN, Map.of(), Map.of(),
                ArbitrationRule.ARBITER, "c", 0), "markers");
        refused(() -> new MarkingPlan("st", List.of("a", "b"), new BigDecimal("101"), Map.of(), Map.of(),
                ArbitrationRule.ARBITER, "c", 0), "tolerancePercent");
        refused(() -> new MarkingPlan("st", List.of("a", "b"), BigDecimal.TEN, Map.of(), Map.of("E1",
                new BigDecimal("-1")), ArbitrationRule.ARBITER, "c", 0), "itemTolerances.E1");
    }
}
