package cn.examcore.proctor.similarity;

/**
 * How a candidate joined a C5 group through the group statistic: its answers compared with the group's consensus
 * (the answer most members gave, item by item), or, for a ring found by the ring statistic, with the answers of the
 * ring's anchor, against independent answering.
 *
 * @param attemptId     the candidate who joined
 * @param itemsCompared items with a consensus that the candidate answered
 * @param agreeing      of those, the items where it gave the consensus answer
 * @param score         the likelihood-ratio score of the agreement
 * @param expectedScore its mean under independence
 * @param pValue        P(score ≥ observed), exact
 * @param threshold     the p-value it had to reach (ring statistic: the level at which every one of the ring's
 *                      partners would have made the ring pass)
 * @param comparedWith  the anchor whose answers it was compared with (ring statistic); null when compared with the
 *                      group's consensus
 */
public record GroupMember(String attemptId, int itemsCompared, int agreeing, int score, double expectedScore,
                          double pValue, double threshold, String comparedWith) {

    GroupMember withThreshold(double newThreshold) {
        return new GroupMember(attemptId, itemsCompared, agreeing, score, expectedScore, pValue, newThreshold,
                comparedWith);
    }
}
