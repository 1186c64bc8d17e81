package cn.examcore.contract;

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
}
