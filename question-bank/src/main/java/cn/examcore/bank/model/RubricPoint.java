package cn.examcore.bank.model;

import java.math.BigDecimal;

/**
 * 评分要点: one point a human marker looks for in a short answer, essay or operation deliverable.
 *
 * @param description what earns the points
 * @param points      how many points it is worth
 */
public record RubricPoint(String description, BigDecimal points) {
}
