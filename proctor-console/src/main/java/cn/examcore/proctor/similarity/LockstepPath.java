package cn.examcore.proctor.similarity;

import java.util.SplittableRandom;

/**
 * 同步作答 on papers in one order: the lockstep path test for two neighbours. Along the items both answered, in
 * paper order, d_j is how much later the second candidate saved item j than the first. Independent candidates drift
 * apart and together as their own times per item add up (d is a random walk whose steps are the differences of two
 * independent response times); a copier who waits for the neighbour's answer and saves it seconds later keeps d
 * pinned within a few seconds, item after item. The statistic counts the items answered alike with |d_j| ≤
 * {@link Lockstep#NARROW}; its null distribution comes from the pair's own steps, shuffled (under independence the
 * steps, scaled by each item's time intensity, are exchangeable), by sequential Monte Carlo (Besag &amp; Clifford,
 * 1991): sampling stops at the {@value #EXCEEDANCES}-th shuffled path that scores as high, so pairs that are plainly
 * not in lockstep cost little, and p = (hits + 1) / (paths + 1) after a cap fixed before sampling otherwise. Seeded
 * from the pair, so deterministic.
 */
final class LockstepPath {

    static final int EXCEEDANCES = 20;
    static final int MAX_PATHS = 200_000;

    private LockstepPath() {
    }

    /**
     * @param order      item indices in paper order
     * @param alike      [item] whether the two answered alike
     * @param ta         [item] the first candidate's save time, negative when unknown
     * @param tb         [item] the second's
     * @param scale      [item] the item's typical time per item (e^β), for scaling the steps
     * @param maxPaths   the most shuffled paths to draw: p is at least 1 / (maxPaths + 1); chosen before sampling
     *                   (from what the answers need), so the p-value stays valid
     * @return {count, items on the path, p-value}
     */
    static double[] test(int[] order, boolean[] alike, long[] ta, long[] tb, double[] scale, long seed,
                         int maxPaths) {
        int n = 0;
        double[] d = new double[order.length];
        double[] s = new double[order.length];
        boolean[] same = new boolean[order.length];
        for (int i : order) {
            if (ta[i] < 0 || tb[i] < 0) {
                continue;
            }
            d[n] = tb[i] - ta[i];
            s[n] = Double.isFinite(scale[i]) && scale[i] > 0 ? scale[i] : 1.0;
            same[n] = alike[i];
            n++;
        }
        if (n < ResponseTimes.MIN_ITEMS) {
            return new double[] {0, n, 1.0};
        }
        int observed = count(d, same, n);
        if (observed == 0) {
            return new double[] {0, n, 1.0};
        }
        // Steps in units of the item's time intensity, so shuffled steps land at items of their own scale.
        double[] step = new double[n - 1];
        for (int j = 1; j < n; j++) {
            step[j - 1] = (d[j] - d[j - 1]) / s[j];
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] path = new double[n];
        int hits = 0;
        int paths = 0;
        while (paths < maxPaths) {
            for (int j = step.length - 1; j > 0; j--) {
                int k = rnd.nextInt(j + 1);
                double x = step[j];
                step[j] = step[k];
                step[k] = x;
            }
            path[0] = d[0];
            for (int j = 1; j < n; j++) {
                path[j] = path[j - 1] + step[j - 1] * s[j];
            }
            paths++;
            if (count(path, same, n) >= observed) {
                hits++;
                if (hits >= EXCEEDANCES) {
                    return new double[] {observed, n, (double) hits / paths};
                }
            }
        }
        return new double[] {observed, n, (hits + 1.0) / (paths + 1.0)};
    }

    private static int count(double[] d, boolean[] same, int n) {
        int c = 0;
        for (int j = 0; j < n; j++) {
            if (same[j] && Math.abs(d[j]) <= Lockstep.NARROW) {
                c++;
            }
        }
        return c;
    }
}
