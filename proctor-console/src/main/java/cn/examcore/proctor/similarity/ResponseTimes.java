package cn.examcore.proctor.similarity;

import java.util.Arrays;
import org.apache.commons.math3.special.Beta;

/**
 * 作答时间: the response-time side of the similarity detector. From the time each answer was saved it derives each
 * candidate's time per item (the time since the candidate's previous save), fits the lognormal response-time model
 * of van der Linden (2006), log T_ci = β_i − τ_c + ε_ci (item time intensity β, candidate speed τ), to the sitting's
 * own times, and keeps the standardized residuals. Copiers who answer in lockstep with their source take their time
 * per item from the source, so their residuals correlate; independent candidates' residuals do not (the bivariate
 * lognormal model of van der Linden, 2009). Unknown times are NaN.
 */
final class ResponseTimes {

    /** Fewer timed items in common than this give no timing test. */
    static final int MIN_ITEMS = 10;
    /** Standardized residuals are clipped here, so that one stalled save cannot carry the correlation. */
    private static final double CLIP = 3.0;
    private static final int ITERATIONS = 20;

    private ResponseTimes() {
    }

    /**
     * @param savedAt [candidate][item] epoch ms of the saved answer, negative when unknown or unanswered
     * @return [candidate][item] standardized, clipped residual of log time per item (NaN when unknown), and per item
     *         the fitted typical time per item e^β in ms
     */
    static Fit fit(long[][] savedAt, int items) {
        int n = savedAt.length;
        double[][] y = new double[n][items];
        for (int c = 0; c < n; c++) {
            Arrays.fill(y[c], Double.NaN);
            long[] t = savedAt[c];
            Integer[] order = new Integer[items];
            int known = 0;
            for (int i = 0; i < items; i++) {
                if (t[i] >= 0) {
                    order[known++] = i;
                }
            }
            Arrays.sort(order, 0, known, (x, z) -> Long.compare(t[x], t[z]));
            for (int j = 1; j < known; j++) {
                long dt = t[order[j]] - t[order[j - 1]];
                if (dt > 0) {
                    y[c][order[j]] = Math.log(dt / 1000.0);
                }
            }
        }
        double[] speed = new double[n];
        double[] intensity = new double[items];
        for (int iter = 0; iter < ITERATIONS; iter++) {
            for (int i = 0; i < items; i++) {
                double sum = 0;
                int count = 0;
                for (int c = 0; c < n; c++) {
                    if (!Double.isNaN(y[c][i])) {
                        sum += y[c][i] + speed[c];
                        count++;
                    }
                }
                intensity[i] = count == 0 ? Double.NaN : sum / count;
            }
            double mean = 0;
            int counted = 0;
            for (int c = 0; c < n; c++) {
                double sum = 0;
                int count = 0;
                for (int i = 0; i < items; i++) {
                    if (!Double.isNaN(y[c][i])) {
                        sum += intensity[i] - y[c][i];
                        count++;
                    }
                }
                speed[c] = count == 0 ? 0 : sum / count;
                if (count > 0) {
                    mean += speed[c];
                    counted++;
                }
            }
            // τ and β are identified up to a common shift; centring τ keeps them from drifting.
            if (counted > 0) {
                mean /= counted;
                for (int c = 0; c < n; c++) {
                    speed[c] -= mean;
                }
            }
        }
        double[][] z = new double[n][items];
        for (int i = 0; i < items; i++) {
            double ss = 0;
            int count = 0;
            for (int c = 0; c < n; c++) {
                if (!Double.isNaN(y[c][i])) {
                    double e = y[c][i] - intensity[i] + speed[c];
                    ss += e * e;
                    count++;
                }
            }
            double sd = count >= 3 ? Math.sqrt(ss / (count - 1)) : Double.NaN;
            for (int c = 0; c < n; c++) {
                if (Double.isNaN(y[c][i]) || !(sd > 0)) {
                    z[c][i] = Double.NaN;
                } else {
                    double e = (y[c][i] - intensity[i] + speed[c]) / sd;
                    z[c][i] = Math.max(-CLIP, Math.min(CLIP, e));
                }
            }
        }
        double[] typical = new double[items];
        for (int i = 0; i < items; i++) {
            typical[i] = Double.isNaN(intensity[i]) ? Double.NaN : 1000 * Math.exp(intensity[i]);
        }
        return new Fit(z, typical);
    }

    /** The fitted model: residuals [candidate][item] and typical times [item]. */
    record Fit(double[][] residuals, double[] typicalMillis) {
    }

    /** Pearson's r from running sums over n pairs; 0 when either side has no spread or n is below MIN_ITEMS. */
    static double pearson(double sa, double sb, double saa, double sbb, double sab, int n) {
        if (n < MIN_ITEMS) {
            return 0;
        }
        double cov = sab - sa * sb / n;
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        double r = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
        return Math.max(-1, Math.min(1, r));
    }

    /** t = r·√(n−2)/√(1−r²), the statistic of {@link #pValue}. */
    static double tStatistic(double r, int n) {
        if (n < MIN_ITEMS) {
            return 0;
        }
        return r >= 1 ? Double.POSITIVE_INFINITY : r * Math.sqrt((n - 2) / (1 - r * r));
    }

    /** The correlation of two candidates' residuals over the items both have: {r, n}; n below MIN_ITEMS: no test. */
    static double[] correlation(double[] a, double[] b) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            if (Double.isNaN(x) || Double.isNaN(y)) {
                continue;
            }
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
            n++;
        }
        if (n < MIN_ITEMS) {
            return new double[] {0, n};
        }
        double cov = sab - sa * sb / n;
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        double r = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
        return new double[] {Math.max(-1, Math.min(1, r)), n};
    }

    /**
     * One-sided p-value of a correlation r over n pairs of independent normal residuals: P(T ≥ t) for
     * t = r·√(n−2)/√(1−r²) with n−2 degrees of freedom, the exact null of Pearson's r when the residuals are normal,
     * computed as ½·I_{ν/(ν+t²)}(ν/2, ½) so it keeps its precision far in the tail. 1 when there is no test.
     */
    static double pValue(double r, int n) {
        if (n < MIN_ITEMS) {
            return 1.0;
        }
        double df = n - 2;
        if (r >= 1) {
            return 0.0;
        }
        double t2 = r * r * df / (1 - r * r);
        double half = 0.5 * Beta.regularizedBeta(df / (df + t2), df / 2, 0.5);
        return r > 0 ? half : 1 - half;
    }
}
