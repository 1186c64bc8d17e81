package cn.examcore.server.conduct;

import java.util.List;

/**
 * A reviewer's decision as asked for over the wire, before any check: texts as sent, enums as text.
 *
 * @param sittingId    the sitting (from the path)
 * @param attemptId    the attempt the decision concerns
 * @param category     A1…C7
 * @param severity     MINOR or SERIOUS for tier C, null otherwise
 * @param outcome      CONFIRMED or DISMISSED
 * @param flagId       the proposal decided on (rules flag id, or a similarity reference
 *                     {@code "<category>:<attempt>+<attempt>…"}); null for a direct finding
 * @param evidence     seat-event ids of the attempt, as cited
 * @param reason       the reviewer's account
 * @param afterSitting found after the sitting ended (评价活动结束后发现)
 * @param by           the staff member deciding
 */
public record DecisionRequest(String sittingId, String attemptId, String category, String severity, String outcome,
                              String flagId, List<String> evidence, String reason, boolean afterSitting, String by) {
}
