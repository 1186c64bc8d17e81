package cn.examcore.server.publication.domain;

import java.math.BigDecimal;

/**
 * 复核: a candidate's request for a review of one subject's score, recorded by an administrator on their behalf,
 * and the chief marker's decision on it.
 *
 * @param id          the review
 * @param sittingId   the sitting
 * @param attemptId   the attempt whose score is reviewed
 * @param ticket      the candidate's admission ticket
 * @param reason      what the candidate asks to be checked
 * @param requestedBy the administrator who recorded the request
 * @param requestedAt when (server time, epoch ms)
 * @param outcome     null while open
 * @param comment     the chief marker's comment; null while open
 * @param decidedBy   the chief marker; null while open
 * @param decidedAt   when decided; null while open
 * @param totalBefore the subject score when decided; null while open
 * @param totalAfter  the subject score after the decision; null while open
 */
public record Review(String id, String sittingId, String attemptId, String ticket, String reason, String requestedBy,
                     long requestedAt, Outcome outcome, String comment, String decidedBy, Long decidedAt,
                     BigDecimal totalBefore, BigDecimal totalAfter) {

    /** The chief marker's decision. */
    public enum Outcome {
        /** The score stands as marked. */
        CONFIRMED,
        /** The marked items were marked again and the marked score replaced. */
        REMARKED
    }

    /** Whether the chief marker has yet to decide. */
    public boolean open() {
        return outcome == null;
    }
}
