package cn.examcore.server.admission.domain;

/**
 * 身份核验: a candidate's identity confirmed at the seat (photo against person and ID card).
 *
 * @param sittingId   the sitting
 * @param ticket      the candidate
 * @param seatCode    the seat it was confirmed at
 * @param method      how: PROCTOR (one seat), ROOM (a proctor's bulk confirmation of a room) or READER (an ID-card
 *                    or face reader through the seat agent)
 * @param confirmedBy the proctor's user name, or the reader's label
 * @param confirmedAt server time (epoch ms)
 */
public record IdentityCheck(String sittingId, String ticket, String seatCode, String method, String confirmedBy,
                            long confirmedAt) {
}
