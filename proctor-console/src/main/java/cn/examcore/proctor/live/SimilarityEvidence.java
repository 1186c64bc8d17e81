package cn.examcore.proctor.live;

import cn.examcore.proctor.similarity.GroupMember;
import java.util.List;

/**
 * What a B2 / C5 flag of the answer-similarity detector rests on (docs/similarity.md), in the form the console page
 * shows the chief proctor: the proposal's statistic and p-value, the candidates and where they sat (for the seat
 * map), every flagged pair behind it with its answers and timing statistics and, item by item, whether the two
 * answered alike and when each saved it; members that joined a group through the group statistic; and what this
 * sitting could detect at all.
 *
 * <p>Flags reach every viewer of the seat, room proctors included, while the sitting runs, so no option and no
 * right/wrong per item is carried: a bank option id marked right is the key of a bank item that later sittings reuse,
 * and a proctor who sees a candidate's screen could read it off. The counts (identical wrong, identical right) say
 * how strong the answers evidence is without naming an item's key.
 *
 * @param reference   the detector's deterministic reference of the proposal, {@code "<category>:<attempt>+…"}
 * @param statistic   what {@code observed} and {@code expected} count
 * @param observed    the observed count (B2: items with the same wrong answer; C5: items on which every member did)
 * @param expected    its expectation under independent answering
 * @param pValue      B2: the pair's p-value; C5: the strongest link's
 * @param neighbours  B2: the two sat in touching seats; C5: every linking pair did
 * @param members     the candidates of the proposal with their seats, by attempt id
 * @param pairs       the flagged pairs, strongest first
 * @param candidates  candidates analysed in the run that proposed it
 * @param joined      C5: members that joined through the group statistic
 * @param medianSharedItems     the sitting's power figure: items a neighbouring pair typically both answered
 * @param minimumDetectableCopy the sitting's power figure: the copied share a neighbour copier needs to be flagged
 *                              about half the time (answers alone); null when none would be
 */
public record SimilarityEvidence(String reference, String statistic, int observed, double expected, double pValue,
                                 boolean neighbours, List<Member> members, List<Pair> pairs, int candidates,
                                 List<GroupMember> joined, int medianSharedItems, Double minimumDetectableCopy) {

    public SimilarityEvidence {
        members = List.copyOf(members);
        pairs = List.copyOf(pairs);
        joined = List.copyOf(joined);
    }

    /** One candidate of the proposal, with the seat's place in its room for the seat map. */
    public record Member(String attemptId, String seatCode, String room, int row, int col) {
    }

    /**
     * One flagged pair (see {@code PairEvidence}).
     *
     * @param identicalWrong the items both answered with the same wrong answer
     * @param threshold      the p-value the pair had to reach (weighted Bonferroni)
     * @param changesFollowed answer changes one made to what the other had just changed the item to (0: none, or
     *                        no answer histories)
     * @param changesPValue  the answer-change test's p-value (1 when none was followed)
     * @param items          item by item: alike or not, and both save times
     */
    public record Pair(String attemptA, String seatA, String attemptB, String seatB, boolean neighbours,
                       int itemsBothAnswered, int bothWrong, int identicalWrong, double expectedIdenticalWrong,
                       double pValue, double threshold, int identicalCorrect, int identicalCorrectHard,
                       double answersPValue, String timingTest, int timedItems, Double timingCorrelation,
                       int lockstepItems, double timingPValue, int changesFollowed, double changesPValue,
                       List<ItemTiming> items) {

        public Pair {
            items = List.copyOf(items);
        }
    }

    /**
     * One item both answered: whether the answers were the same, and when each was saved (epoch ms, −1 unknown).
     */
    public record ItemTiming(String itemId, boolean identical, long savedAtA, long savedAtB) {
    }
}
