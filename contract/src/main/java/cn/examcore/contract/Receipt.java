package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * 交卷回执: what the candidate gets back when the attempt is frozen, signed by the server so that anyone holding its
 * public key can later check it was issued as it reads (for a dispute, without trusting whoever shows it).
 *
 * @param attemptId     the attempt
 * @param submittedAt   server time of the submission (epoch ms)
 * @param answered      how many items hold an answer
 * @param digest        the server's digest of the frozen answers' item numbers and revisions (what the page can
 *                      compute itself and compare)
 * @param digestMatches whether the page's digest equalled the server's after the merge; absent when the page sent
 *                      none (an auto-submit, a forced one, a receipt rebuilt for a later hello): a page that had a
 *                      match must not be told "mismatch" by a reload. Not signed: it is about the page, not the
 *                      answers
 * @param code          a short code the candidate can quote; derived from attempt, time and digest
 * @param ticket        the candidate's ticket number (准考证号)
 * @param valuesDigest  the digest of the frozen answers including their values (each item's number, revision and
 *                      SHA-256 of its canonical value), so a receipt binds what was answered, not only how often
 * @param keyId         the id of the server key that signed it
 * @param signature     Ed25519 signature (base64url, no padding) of {@code ReceiptSigner.payload}
 */
public record Receipt(String attemptId, long submittedAt, int answered, String digest,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean digestMatches,
                      String code, String ticket, String valuesDigest,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String keyId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String signature) {

    /** This receipt signed with {@code signature} by key {@code keyId}. */
    public Receipt signed(String signedBy, String signatureText) {
        return new Receipt(attemptId, submittedAt, answered, digest, digestMatches, code, ticket, valuesDigest,
                signedBy, signatureText);
    }
}
