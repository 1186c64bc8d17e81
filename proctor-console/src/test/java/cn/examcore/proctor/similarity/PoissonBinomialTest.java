package cn.examcore.proctor.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoissonBinomialTest {

    private static double binomialTail(int n, double p, int k) {
        double sum = 0;
        for (int j = k; j <= n; j++) {
            double c = 1;
            for (int t = 0; t < j; t++) {
                c = c * (n - t) / (t + 1);
            }
            sum += c * Math.pow(p, j) * Math.pow(1 - p, n - j);
        }
        return sum;
    }

    @Test
    @DisplayName("With equal probabilities the tail equals the binomial tail")
    void equalProbabilitiesGiveTheBinomialTail() {
        double[] p = new double[20];
        Arrays.fill(p, 0.3);
        for (int k = 0; k <= 20; k++) {
            assertThat(PoissonBinomial.upperTail(p, k)).isCloseTo(binomialTail(20, 0.3, k), within(1e-12));
        }
    }

    @Test
    @DisplayName("Unequal probabilities give the tail worked out by hand")
    void unequalProbabilitiesMatchAHandCalculation() {
        double[] p = {0.5, 0.2, 0.1};
        // P(X ≥ 2) = P(all three) + each pair without the third.
        double expected = 0.5 * 0.2 * 0.1 + 0.5 * 0.2 * 0.9 + 0.5 * 0.8 * 0.1 + 0.5 * 0.2 * 0.1;
        assertThat(PoissonBinomial.upperTail(p, 2)).isCloseTo(expected, within(1e-15));
        assertThat(PoissonBinomial.upperTail(p, 3)).isCloseTo(0.01, within(1e-15));
        assertThat(PoissonBinomial.upperTail(p, 4)).isZero();
        assertThat(PoissonBinomial.upperTail(p, 0)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("Tiny tails keep their precision instead of cancelling to zero")
    void tinyTailsKeepPrecision() {
        double[] p = new double[40];
        Arrays.fill(p, 0.1);
        assertThat(PoissonBinomial.upperTail(p, 40)).isCloseTo(1e-40, within(1e-52));
    }

    @Test
    @DisplayName("A probability outside [0, 1] is rejected naming its position")
    void badProbabilityIsRejected() {
        assertThatThrownBy(() -> PoissonBinomial.upperTail(new double[] {0.2, 1.5}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability 1");
    }
}
