package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * 交卷回执: what the candidate gets back when the attempt is frozen.
 *
 * @param attemptId     the attempt
 * @param submittedAt   server time of the submission (epoch ms)
 * @param answered      how many items hold an answer
 * @param digest        the server's digest of the frozen answers
 * @param digestMatches whether the page's digest equalled the server's after the merge; absent when the page sent
 *                      none (an auto-submit, a forced one, a receipt rebuilt for a later hello): a page that had a
 *                      match must not be told "mismatch" by a reload
 * @param code          a short code the candidate can quote; derived from attempt, time and digest
 */
public record Receipt(String attemptId, long submittedAt, int answered, String digest,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean digestMatches,
                      String code) {
}
