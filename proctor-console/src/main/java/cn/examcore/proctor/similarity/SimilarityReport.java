package cn.examcore.proctor.similarity;

import java.util.List;

/**
 * What the detector found in one sitting's objective answers.
 *
 * @param candidates         candidates analysed
 * @param pairsCompared      pairs compared (every pair of candidates)
 * @param neighbourPairs     of those, pairs in touching seats
 * @param neighbourThreshold the p-value threshold for a neighbouring pair
 * @param distantThreshold   the p-value threshold for any other pair
 * @param suspicions         the proposals: C5 groups first, then B2 pairs, each by increasing p-value
 * @param power              what this sitting could detect at all
 */
public record SimilarityReport(int candidates, long pairsCompared, long neighbourPairs, double neighbourThreshold,
                               double distantThreshold, List<Suspicion> suspicions, Power power) {

    public SimilarityReport {
        suspicions = List.copyOf(suspicions);
    }

    /** A report without a power figure (too few candidates to analyse). */
    public SimilarityReport(int candidates, long pairsCompared, long neighbourPairs, double neighbourThreshold,
                            double distantThreshold, List<Suspicion> suspicions) {
        this(candidates, pairsCompared, neighbourPairs, neighbourThreshold, distantThreshold, suspicions,
                Power.NONE);
    }

    /** Every flagged pair, whether it ended in a B2 or inside a C5 proposal. */
    public List<PairEvidence> flaggedPairs() {
        return suspicions.stream().flatMap(s -> s.pairs().stream()).toList();
    }

    /**
     * The sitting's power figure for the chief proctor: how much copying between neighbours the answers alone could
     * show here (the timing test only adds to it).
     *
     * @param pairsSampled           neighbouring pairs the figure was computed on
     * @param medianSharedItems      the median number of objective items such a pair both answered
     * @param minimumDetectableCopy  the median smallest share of copied items at which a copier's expected score
     *                               reaches its flag threshold (about even odds of a flag); NaN when no share up to
     *                               all items would, or nothing was sampled
     */
    public record Power(int pairsSampled, int medianSharedItems, double minimumDetectableCopy) {

        /** Nothing sampled. */
        public static final Power NONE = new Power(0, 0, Double.NaN);
    }
}
