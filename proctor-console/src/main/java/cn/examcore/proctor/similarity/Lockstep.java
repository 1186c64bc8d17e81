package cn.examcore.proctor.similarity;

import org.apache.commons.math3.special.Beta;

/**
 * 同步作答: the lockstep window test for two candidates whose papers list their shared items in different orders
 * (papers drawn and shuffled per candidate). A copier saves the answer the neighbour has just saved, seconds later;
 * independent candidates reach a shared item at unrelated moments of their own paper. Among the items both answered
 * alike and saved within {@link #WIDE} of each other, the test counts those saved within {@link #NARROW}, in either
 * order, and compares the count with a binomial null: if the difference of the two save times has a locally flat
 * density over ±{@link #WIDE} (true when the item sits at unrelated places of the two papers), a share
 * NARROW / WIDE of them falls within ±NARROW. The null share is raised by {@link #SLACK} for the gentle peak of that
 * density at zero (two candidates starting together). Conditional on which items were answered alike, so it can be
 * combined with the answers test (Fisher's method).
 */
final class Lockstep {

    static final long NARROW = 30_000;
    static final long WIDE = 300_000;
    static final double SLACK = 1.25;
    static final double NULL_SHARE = SLACK * NARROW / WIDE;

    private Lockstep() {
    }

    /** {within NARROW, within WIDE}, over items answered alike with both save times known. */
    static double[] window(int[] ra, int[] rb, long[] ta, long[] tb) {
        int near = 0;
        int wide = 0;
        for (int i = 0; i < ra.length; i++) {
            if (ra[i] == 0 || ra[i] != rb[i] || ta[i] < 0 || tb[i] < 0) {
                continue;
            }
            long d = Math.abs(tb[i] - ta[i]);
            if (d <= WIDE) {
                wide++;
                if (d <= NARROW) {
                    near++;
                }
            }
        }
        return new double[] {near, wide};
    }

    /** P(Binomial(wide, NULL_SHARE) ≥ near) = I_share(near, wide − near + 1); 1 when nothing to test. */
    static double pValue(double[] window) {
        int near = (int) window[0];
        int wide = (int) window[1];
        if (near == 0 || wide < 1) {
            return 1.0;
        }
        return Beta.regularizedBeta(NULL_SHARE, near, wide - near + 1.0);
    }
}
