package cn.examcore.proctor.similarity;

/**
 * The distribution of a weighted sum Σ k_i·X_i of independent Bernoulli trials X_i with success probabilities p_i and
 * non-negative integer weights k_i: the null distribution of the similarity detector's likelihood-ratio scores. The
 * weights are integers (the detector quantizes its log-likelihood-ratio weights to a fixed step) so that the tail is
 * computed exactly by dynamic programming over the reachable sums, with no normal or saddlepoint approximation.
 */
final class WeightedBernoulli {

    private WeightedBernoulli() {
    }

    /**
     * The exact upper tail P(Σ k_i X_i ≥ observed), over the first {@code n} trials. Sums that reach {@code observed}
     * are lumped into one absorbing state, so the cost is O(n · observed), and the tail is accumulated from positive
     * terms only, so p-values far below 1e-10 keep their precision.
     */
    static double upperTail(double[] p, int[] k, int n, int observed) {
        if (observed <= 0) {
            return 1.0;
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += k[i];
        }
        if (total < observed) {
            return 0.0;
        }
        double[] below = new double[observed];
        below[0] = 1.0;
        double tail = 0.0;
        int reach = 0;
        for (int i = 0; i < n; i++) {
            int ki = k[i];
            double pi = p[i];
            if (ki == 0 || pi == 0) {
                continue;
            }
            double qi = 1.0 - pi;
            // Downwards, so a sum moved up by ki lands on a state already advanced past this trial.
            for (int s = reach; s >= 0; s--) {
                double v = below[s];
                if (v == 0) {
                    continue;
                }
                below[s] = v * qi;
                int up = s + ki;
                if (up >= observed) {
                    tail += v * pi;
                } else {
                    below[up] += v * pi;
                }
            }
            reach = Math.min(reach + ki, observed - 1);
        }
        return Math.min(1.0, tail);
    }

    /**
     * The smallest sum t whose upper tail P(Σ ≥ t) is at most {@code alpha}: the critical value of a test at level
     * {@code alpha}; one more than the largest reachable sum when no sum is that improbable.
     */
    static int criticalValue(double[] p, int[] k, int n, double alpha) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += k[i];
        }
        double[] pmf = new double[total + 1];
        pmf[0] = 1.0;
        int reach = 0;
        for (int i = 0; i < n; i++) {
            int ki = k[i];
            if (ki == 0 || p[i] == 0) {
                continue;
            }
            for (int s = reach; s >= 0; s--) {
                double v = pmf[s];
                pmf[s] = v * (1 - p[i]);
                pmf[s + ki] += v * p[i];
            }
            reach += ki;
        }
        double tail = 0;
        for (int t = total; t >= 0; t--) {
            if (tail + pmf[t] > alpha) {
                return t + 1;
            }
            tail += pmf[t];
        }
        return 0;
    }
}
