package cn.examcore.proctor.similarity;

/**
 * The comparison of two candidates' answer vectors on the objective items both answered.
 *
 * @param attemptA               the first attempt (the smaller id; the order says nothing about who copied)
 * @param attemptB               the second attempt
 * @param neighbours             whether they sat in touching seats of one room
 * @param itemsBothAnswered      items both saw and both answered
 * @param bothWrong              of those, the items both answered wrongly
 * @param identicalWrong         of those, the items with the very same wrong answer: the statistic
 * @param expectedIdenticalWrong the statistic's mean if the two had answered independently
 * @param pValue                 P(statistic ≥ observed) under independence (exact Poisson-binomial tail)
 * @param threshold              the p-value below which this pair is flagged (depends on the neighbour flag)
 * @param identicalCorrect       items both answered correctly: context only, not evidence
 */
public record PairEvidence(String attemptA, String attemptB, boolean neighbours, int itemsBothAnswered,
                           int bothWrong, int identicalWrong, double expectedIdenticalWrong, double pValue,
                           double threshold, int identicalCorrect) {

    /** True when the p-value is at or below the pair's threshold. */
    public boolean flagged() {
        return pValue <= threshold;
    }
}
