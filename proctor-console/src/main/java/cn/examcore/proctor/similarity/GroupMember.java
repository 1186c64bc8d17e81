package cn.examcore.proctor.similarity;

/**
 * How a candidate joined a C5 group through the group statistic: its answers compared with the group's consensus
 * (the answer most members gave, item by item), against independent answering.
 *
 * @param attemptId     the candidate who joined
 * @param itemsCompared items with a consensus that the candidate answered
 * @param agreeing      of those, the items where it gave the consensus answer
 * @param score         the likelihood-ratio score of the agreement
 * @param expectedScore its mean under independence
 * @param pValue        P(score ≥ observed), exact
 * @param threshold     the p-value it had to reach
 */
public record GroupMember(String attemptId, int itemsCompared, int agreeing, int score, double expectedScore,
                          double pValue, double threshold) {
}
