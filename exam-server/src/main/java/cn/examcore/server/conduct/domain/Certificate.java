package cn.examcore.server.conduct.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * 证书: the record of a certificate issued from a passed, uncancelled result of one sitting (one subject of an
 * occupation and level). A decision taken after the sitting revokes it; the record stays, with the decision.
 *
 * @param number      the certificate number, unique
 * @param sittingId   the sitting it was issued from
 * @param ticket      the admission ticket number (准考证号) of that sitting
 * @param idNumber    the holder's normalised identity number (身份证号)
 * @param name        the holder's name
 * @param occupation  the occupation (职业)
 * @param level       the level (等级), 5 (lowest) to 1
 * @param subject     the subject passed, e.g. THEORY
 * @param sittingDate the Shanghai evaluation day of the sitting
 * @param issuedBy    the administrator who issued it
 * @param issuedAt    when, epoch milliseconds
 * @param status      ISSUED or REVOKED
 * @param revokedBy   the decision that revoked it; null while issued
 * @param revokedAt   when it was revoked, epoch milliseconds; null while issued
 */
public record Certificate(String number, String sittingId, String ticket, String idNumber, String name,
                          String occupation, int level, String subject, LocalDate sittingDate, String issuedBy,
                          long issuedAt, Status status, String revokedBy, Long revokedAt) {

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
        if ((status == Status.REVOKED) != (revokedBy != null)) {
            throw new IllegalArgumentException("a revoked certificate names its decision, and only a revoked one");
        }
    }

    /** The certificate number of a candidate's certificate from a sitting: derived, so it is the same on every node. */
    public static String numberOf(String sittingId, String ticket) {
        return "EC-" + sittingId + "-" + ticket;
    }
}
