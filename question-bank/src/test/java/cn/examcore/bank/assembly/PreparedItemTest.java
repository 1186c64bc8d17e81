package cn.examcore.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.RubricPoint;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PreparedItem")
class PreparedItemTest {

    private static List<RubricPoint> rubric(String... points) {
        return java.util.Arrays.stream(points).map(p -> new RubricPoint("p" + p, new BigDecimal(p))).toList();
    }

    private static List<BigDecimal> points(List<RubricPoint> rubric) {
        return rubric.stream().map(RubricPoint::points).toList();
    }

    @Test
    @DisplayName("option labels run A to Z, then AA, AB … like spreadsheet columns")
    void labels() {
        assertThat(PreparedItem.label(0)).isEqualTo("A");
        assertThat(PreparedItem.label(25)).isEqualTo("Z");
        assertThat(PreparedItem.label(26)).isEqualTo("AA");
        assertThat(PreparedItem.label(27)).isEqualTo("AB");
        assertThat(PreparedItem.label(51)).isEqualTo("AZ");
        assertThat(PreparedItem.label(52)).isEqualTo("BA");
        assertThat(PreparedItem.label(701)).isEqualTo("ZZ");
        assertThat(PreparedItem.label(702)).isEqualTo("AAA");
    }

    @Test
    @DisplayName("a rubric that already totals the paper score is kept as is")
    void unchangedRubric() {
        List<RubricPoint> r = rubric("3", "3", "4");
        assertThat(PreparedItem.scaleRubric(r, new BigDecimal("10.0"))).isSameAs(r);
    }

    @Test
    @DisplayName("scaled rubric points round to two decimals and the last takes the remainder, so the total is exact")
    void roundingRemainder() {
        List<RubricPoint> scaled = PreparedItem.scaleRubric(rubric("1", "1", "1"), BigDecimal.ONE);
        assertThat(points(scaled)).containsExactly(new BigDecimal("0.33"), new BigDecimal("0.33"),
                new BigDecimal("0.34"));
        assertThat(scaled).extracting(RubricPoint::description).containsExactly("p1", "p1", "p1");
        List<RubricPoint> up = PreparedItem.scaleRubric(rubric("3", "3", "4"), new BigDecimal("15"));
        assertThat(points(up)).containsExactly(new BigDecimal("4.50"), new BigDecimal("4.50"),
                new BigDecimal("6.00"));
    }

    @Test
    @DisplayName("a paper score with more decimals keeps them in the scaled points")
    void finerScale() {
        List<RubricPoint> scaled = PreparedItem.scaleRubric(rubric("1", "1"), new BigDecimal("0.125"));
        assertThat(points(scaled)).containsExactly(new BigDecimal("0.063"), new BigDecimal("0.062"));
        assertThat(points(scaled).stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.125");
    }

    @Test
    @DisplayName("many small points never leave the last one negative")
    void neverNegative() {
        String[] many = new String[12];
        java.util.Arrays.fill(many, "1");
        many[11] = "0.001";
        List<RubricPoint> scaled = PreparedItem.scaleRubric(rubric(many), new BigDecimal("0.5"));
        assertThat(points(scaled)).allSatisfy(p -> assertThat(p.signum()).isNotNegative());
        assertThat(points(scaled).stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.5");
    }
}
