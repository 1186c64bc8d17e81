package cn.examcore.server.attempt.domain;

import java.util.Locale;

/**
 * 交卷回执: what the candidate gets back when the attempt is frozen.
 *
 * @param attemptId     the attempt
 * @param submittedAt   server time of the submission (epoch ms)
 * @param answered      how many items hold an answer
 * @param digest        the server's digest of the frozen answers
 * @param digestMatches whether the page's digest equalled the server's after the merge (false also when the page
 *                      sent none, as with an auto-submit)
 * @param code          a short code the candidate can quote; derived from attempt, time and digest
 */
public record Receipt(String attemptId, long submittedAt, int answered, String digest, boolean digestMatches,
                      String code) {

    /** Builds the receipt of a frozen attempt; {@code pageDigest} may be null. */
    public static Receipt of(Attempt attempt, String pageDigest) {
        String digest = attempt.digest();
        int answered = (int) attempt.answers().values().stream().filter(Answer::answered).count();
        String hash = Digest.sha256Hex(attempt.id() + "|" + attempt.submittedAt() + "|" + digest);
        String code = (hash.substring(0, 4) + "-" + hash.substring(4, 8) + "-" + hash.substring(8, 12))
                .toUpperCase(Locale.ROOT);
        return new Receipt(attempt.id(), attempt.submittedAt(), answered, digest,
                pageDigest != null && pageDigest.equalsIgnoreCase(digest), code);
    }
}
