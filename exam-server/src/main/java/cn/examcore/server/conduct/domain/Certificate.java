package cn.examcore.server.conduct.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * 证书: the record of a certificate issued for an evaluation (一次评价) whose level result passed, every subject valid
 * and none cancelled. A later decision revokes it; the record stays, with the decision.
 *
 * @param number      the certificate number, unique
 * @param sittingId   the sitting whose issuing run issued it (one of the evaluation's sittings)
 * @param ticket      the admission ticket number (准考证号) of that sitting
 * @param idNumber    the holder's normalised identity number (身份证号)
 * @param name        the holder's name
 * @param occupation  the occupation (职业)
 * @param level       the level (等级), 5 (lowest) to 1
 * @param subject     the subjects of the level, e.g. THEORY+OPERATION
 * @param sittingDate the Shanghai day the level was passed (its last subject's day)
 * @param issuedBy    the administrator who issued it
 * @param issuedAt    when, epoch milliseconds
 * @param status      ISSUED or REVOKED
 * @param revokedBy   the decision that revoked it; null while issued, and when a rescoring (an erratum, a score review)
 *                    failed the result
 * @param revokedAt   when it was revoked, epoch milliseconds; null while issued
 * @param evaluationId the evaluation certified
 * @param body        the evaluation body (评价机构) that issues it
 * @param verificationHash the stored hash of the code printed on it ({@link VerificationCode}); the code itself is
 *                         known only when the certificate is issued
 */
public record Certificate(String number, String sittingId, String ticket, String idNumber, String name,
                          String occupation, int level, String subject, LocalDate sittingDate, String issuedBy,
                          long issuedAt, Status status, String revokedBy, Long revokedAt, String evaluationId,
                          String body, String verificationHash) {

    /** Whether a certificate stands. */
    public enum Status {
        ISSUED, REVOKED
    }

    public Certificate {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(sittingId, "sittingId");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(status, "status");
        // A decision names itself in revokedBy; a rescoring (an erratum, a score review) that fails the result
        // revokes without one and is named by its own audit record. Either way a revoked certificate says when.
        if ((status == Status.REVOKED) != (revokedAt != null)) {
            throw new IllegalArgumentException("a revoked certificate says when it was revoked, and only a revoked one");
        }
        if (revokedBy != null && status != Status.REVOKED) {
            throw new IllegalArgumentException("only a revoked certificate names the decision that revoked it");
        }
    }

    /** The number of an evaluation's first certificate: derived, so it is the same on every node. */
    public static String numberOf(String evaluationId) {
        return "EC-" + evaluationId;
    }

    /**
     * The number of an evaluation's {@code nth} certificate (1 for the first): a certificate issued again after an
     * earlier one was revoked (the level failed, then passed after an erratum or a revised decision) gets a number
     * of its own, {@code EC-<evaluation>-<n>}, so the revoked one stays verifiable as revoked.
     */
    public static String numberOf(String evaluationId, int nth) {
        return nth <= 1 ? numberOf(evaluationId) : numberOf(evaluationId) + "-" + nth;
    }

    /** The same certificate under another number. */
    public Certificate withNumber(String other) {
        return new Certificate(other, sittingId, ticket, idNumber, name, occupation, level, subject, sittingDate,
                issuedBy, issuedAt, status, revokedBy, revokedAt, evaluationId, body, verificationHash);
    }

    /** The same certificate with this code hash. */
    public Certificate withHash(String hash) {
        return new Certificate(number, sittingId, ticket, idNumber, name, occupation, level, subject, sittingDate,
                issuedBy, issuedAt, status, revokedBy, revokedAt, evaluationId, body, hash);
    }

    /** The holder's name as the public verification shows it: the first character, the rest masked (王*). */
    public static String maskedName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String n = name.strip();
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
    }
}
