package cn.examcore.server.conduct;

/**
 * An appeal's outcome (复议) as asked for over the wire, before any check: texts as sent, enums as text.
 *
 * @param sittingId  the sitting of the decision (from the path)
 * @param decisionId the decision revised (from the path): the latest of its line, as a revised one is final
 * @param outcome    CONFIRMED (the misconduct stands, possibly in another category) or DISMISSED (lifted)
 * @param category   A1…C7 for a confirmation; null keeps the revised decision's category
 * @param severity   MINOR or SERIOUS for tier C; null keeps the revised decision's when the category is kept
 * @param reason     why the appeal decided so; required
 * @param by         the staff member revising
 */
public record RevisionRequest(String sittingId, String decisionId, String outcome, String category, String severity,
                              String reason, String by) {
}
