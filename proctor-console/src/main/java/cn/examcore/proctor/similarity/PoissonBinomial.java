package cn.examcore.proctor.similarity;

/**
 * The distribution of a sum of independent Bernoulli trials with unequal success probabilities (Poisson-binomial),
 * which is the number of identical wrong answers two independent candidates produce when each item has its own
 * chance of a coincidence.
 */
public final class PoissonBinomial {

    private PoissonBinomial() {
    }

    /**
     * The exact upper tail P(X ≥ observed).
     *
     * <p>The recursion keeps the probabilities of 0 … observed−1 successes and lumps everything at or above
     * {@code observed} into one absorbing state. That costs O(n · observed) instead of O(n²), which keeps the
     * exact tail affordable for every pair of a large sitting, and the tail is accumulated from positive terms
     * only, so p-values far below 1e-10 keep their precision (1 − CDF would cancel to zero).
     *
     * @param probabilities each trial's success probability, each in [0, 1]
     * @param observed      the observed number of successes
     * @return P(X ≥ observed); 1 when {@code observed} ≤ 0
     */
    public static double upperTail(double[] probabilities, int observed) {
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + i + " must be in [0, 1], was " + p);
            }
        }
        if (observed <= 0) {
            return 1.0;
        }
        if (observed > probabilities.length) {
            return 0.0;
        }
        // below[k] = P(exactly k successes so far) for k < observed; tail = P(at least observed so far).
        double[] below = new double[observed];
        below[0] = 1.0;
        double tail = 0.0;
        int reachable = 0;
        for (double p : probabilities) {
            double q = 1.0 - p;
            tail += below[observed - 1] * p;
            int top = Math.min(reachable + 1, observed - 1);
            for (int k = top; k >= 1; k--) {
                below[k] = below[k] * q + below[k - 1] * p;
            }
            below[0] *= q;
            reachable = top;
        }
        return Math.min(1.0, tail);
    }

    /** The mean, Σ p. */
    public static double mean(double[] probabilities) {
        double sum = 0;
        for (double p : probabilities) {
            sum += p;
        }
        return sum;
    }
}
