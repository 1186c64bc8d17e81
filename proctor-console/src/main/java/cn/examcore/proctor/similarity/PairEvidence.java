package cn.examcore.proctor.similarity;

import java.util.List;

/**
 * The comparison of two candidates' answers, and of the times they saved them, on the objective items both answered.
 *
 * @param attemptA               the first attempt (the smaller id; the order says nothing about who copied)
 * @param attemptB               the second attempt
 * @param neighbours             whether they sat in touching seats of one room
 * @param itemsBothAnswered      items both saw and both answered
 * @param bothWrong              of those, the items both answered wrongly
 * @param identicalWrong         of those, the items with the very same wrong answer
 * @param expectedIdenticalWrong that count's mean if the two had answered independently
 * @param pValue                 the pair's p-value after the split between the answers test and the combined
 *                               answers-and-timing test (each p-value divided by its share of the pair's alpha, the
 *                               smaller kept, at most 1): flagged when at or below {@code threshold}
 * @param threshold              the pair's share of the sitting's alpha (depends on the neighbour flag)
 * @param identicalCorrect       items both answered correctly
 * @param identicalCorrectHard   of those, items each of the two was more likely to get wrong than right (the model's
 *                               estimate): the identical correct answers that weigh (ω index)
 * @param score                  the answers statistic: the summed likelihood-ratio weights of the identical answers
 *                               (in units of {@link SimilarityAnalysis#WEIGHT_STEP})
 * @param expectedScore          its mean under independent answering
 * @param answersPValue          P(score ≥ observed) under independence, exact; NaN when the screen found the pair
 *                               far from any threshold and it was not computed
 * @param timedItems             items with a save time for both (below 10: no timing test)
 * @param timingTest             which timing test applied: {@code lockstep-path} (neighbours, papers in one order),
 *                               {@code time-correlation} (other pairs, one order), {@code lockstep-window} (papers
 *                               ordering the shared items differently)
 * @param timingCorrelation      papers in one order: the correlation of their response-time residuals; NaN when
 *                               the papers order the items differently and the lockstep window test was used
 * @param lockstepItems          lockstep tests: items answered alike and saved within 30 s of each other
 * @param lockstepWindowItems    lockstep window test: items answered alike and saved within 300 s of each other;
 *                               path test: items on the path (both saved)
 * @param timingPValue           the timing test's p-value under independence; 1 without a timing test
 * @param changesFollowed        answer changes one of the two made to what the other had just changed the same item
 *                               to (within a minute), in the direction with more of them; 0 without answer histories
 * @param changesPValue          the answer-change test's p-value under independence (both directions, Bonferroni);
 *                               1 when neither followed a change of the other
 * @param items                  item by item: answers and save times (flagged pairs and single-pair queries only)
 */
public record PairEvidence(String attemptA, String attemptB, boolean neighbours, int itemsBothAnswered,
                           int bothWrong, int identicalWrong, double expectedIdenticalWrong, double pValue,
                           double threshold, int identicalCorrect, int identicalCorrectHard, int score,
                           double expectedScore, double answersPValue, int timedItems, String timingTest,
                           double timingCorrelation,
                           int lockstepItems, int lockstepWindowItems, double timingPValue, int changesFollowed,
                           double changesPValue, List<ItemComparison> items) {

    public PairEvidence {
        items = List.copyOf(items);
    }

    /** True when the p-value is at or below the pair's threshold. */
    public boolean flagged() {
        return pValue <= threshold;
    }

    /**
     * One item both answered.
     *
     * @param itemId   the bank item
     * @param answerA  the first candidate's bank option ids, joined by {@code +}
     * @param answerB  the second candidate's
     * @param correct  whether the answers were right (both right or both wrong when identical)
     * @param identical whether the two gave the same answer
     * @param savedAtA when the first candidate saved it (epoch ms), −1 when unknown
     * @param savedAtB when the second did
     */
    public record ItemComparison(String itemId, String answerA, String answerB, boolean correctA, boolean correctB,
                                 boolean identical, long savedAtA, long savedAtB) {
    }
}
