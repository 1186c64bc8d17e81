package cn.examcore.server.marking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Double marking, tolerance and arbitration")
class DoubleMarkingTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    @DisplayName("the default tolerance is 15 % of the item's points")
    void tolerance() {
        assertThat(DoubleMarking.tolerancePoints(d("30"), MarkingPlan.DEFAULT_TOLERANCE_PERCENT))
                .isEqualByComparingTo("4.5");
        assertThat(DoubleMarking.tolerancePoints(d("35"), d("10"))).isEqualByComparingTo("3.5");
    }

    @Test
    @DisplayName("two marks within the tolerance (the boundary included) end on their mean, rounded half up")
    void withinTolerance() {
        DoubleMarking.Outcome o = DoubleMarking.of(d("30"), d("27"), d("4.5"));
        assertThat(o.state()).isEqualTo(ScriptState.FINAL);
        assertThat(o.finalScore()).isEqualByComparingTo("28.5");
        assertThat(DoubleMarking.of(d("20"), d("24.5"), d("4.5")).state()).isEqualTo(ScriptState.FINAL);
        assertThat(DoubleMarking.of(d("7.25"), d("7.5"), d("1")).finalScore()).isEqualByComparingTo("7.38");
    }

    @Test
    @DisplayName("two marks further apart than the tolerance go to arbitration, without a final score")
    void beyondTolerance() {
        DoubleMarking.Outcome o = DoubleMarking.of(d("20"), d("24.51"), d("4.5"));
        assertThat(o.state()).isEqualTo(ScriptState.ARBITRATION);
        assertThat(o.finalScore()).isNull();
    }

    @Test
    @DisplayName("ARBITER: the chief marker's score is final")
    void arbiter() {
        assertThat(ArbitrationRule.ARBITER.finalScore(d("30"), d("0"), d("20"))).isEqualByComparingTo("20");
    }

    @Test
    @DisplayName("CLOSER_MEAN: the mean of the chief's score and the closer mark; the higher one when equally close")
    void closerMean() {
        assertThat(ArbitrationRule.CLOSER_MEAN.finalScore(d("30"), d("0"), d("20"))).isEqualByComparingTo("25");
        assertThat(ArbitrationRule.CLOSER_MEAN.finalScore(d("5"), d("29"), d("10"))).isEqualByComparingTo("7.5");
        assertThat(ArbitrationRule.CLOSER_MEAN.finalScore(d("10"), d("20"), d("15"))).isEqualByComparingTo("17.5");
    }
}
