package cn.examcore.proctor.live;

import java.util.List;

/**
 * What a B2 / C5 flag of the answer-similarity detector rests on (docs/similarity.md): the proposal's statistic and
 * p-value, the candidates and their seats, and every flagged pair behind it. No answers are carried: counts only.
 *
 * @param reference   the detector's deterministic reference of the proposal, {@code "<category>:<attempt>+…"}
 * @param statistic   what {@code observed} and {@code expected} count
 * @param observed    the observed count (B2: items with the same wrong answer; C5: items on which every member did)
 * @param expected    its expectation under independent answering
 * @param pValue      P(count ≥ observed) under independence
 * @param neighbours  B2: the two sat in touching seats; C5: every linking pair did
 * @param members     the candidates of the proposal with their seats, by attempt id
 * @param pairs       the flagged pairs, strongest first
 * @param candidates  candidates analysed in the run that proposed it
 */
public record SimilarityEvidence(String reference, String statistic, int observed, double expected, double pValue,
                                 boolean neighbours, List<Member> members, List<Pair> pairs, int candidates) {

    public SimilarityEvidence {
        members = List.copyOf(members);
        pairs = List.copyOf(pairs);
    }

    /** One candidate of the proposal. */
    public record Member(String attemptId, String seatCode) {
    }

    /**
     * One flagged pair (see {@code PairEvidence}).
     *
     * @param identicalWrong the pair statistic: items both answered with the same wrong answer
     * @param threshold      the p-value the pair had to reach (weighted Bonferroni)
     */
    public record Pair(String attemptA, String seatA, String attemptB, String seatB, boolean neighbours,
                       int itemsBothAnswered, int bothWrong, int identicalWrong, double expectedIdenticalWrong,
                       double pValue, double threshold, int identicalCorrect) {
    }
}
