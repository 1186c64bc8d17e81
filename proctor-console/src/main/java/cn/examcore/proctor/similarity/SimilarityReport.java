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
 */
public record SimilarityReport(int candidates, long pairsCompared, long neighbourPairs, double neighbourThreshold,
                               double distantThreshold, List<Suspicion> suspicions) {

    public SimilarityReport {
        suspicions = List.copyOf(suspicions);
    }

    /** Every flagged pair, whether it ended in a B2 or inside a C5 proposal. */
    public List<PairEvidence> flaggedPairs() {
        return suspicions.stream().flatMap(s -> s.pairs().stream()).toList();
    }
}
