package cn.examcore.bank.scoring;

import java.math.BigDecimal;

/**
 * The machine's score of one item.
 *
 * @param points       earned points (zero for items that await marking)
 * @param max          the item's score on this paper
 * @param needsMarking true for human-marked types: {@code points} is then not final
 */
public record ItemScore(BigDecimal points, BigDecimal max, boolean needsMarking) {
}
