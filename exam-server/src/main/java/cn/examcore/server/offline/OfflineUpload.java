package cn.examcore.server.offline;

import java.math.BigDecimal;

/**
 * What an uploaded offline answer file did, as the console shows it beside its button.
 *
 * @param attemptId      the attempt it answered
 * @param ticket         the candidate's admission ticket number
 * @param seatCode       the seat
 * @param merged         how many of the file's answers won by revision (0: the attempt held them all already)
 * @param answered       answered items after the merge
 * @param digest         the answers' digest after the merge
 * @param receipt        the attempt's receipt code after the merge (what a later hello or dispute export shows)
 * @param objectiveScore the objective score after the new scoring
 * @param maxScore       the paper's total
 * @param pendingMarking true while subjective items await marking
 * @param passed         the verdict, null while marking is pending
 * @param eventId        the {@code OFFLINE_ANSWERS_MERGED} seat event
 */
public record OfflineUpload(String attemptId, String ticket, String seatCode, int merged, int answered,
                            String digest, String receipt, BigDecimal objectiveScore, BigDecimal maxScore,
                            boolean pendingMarking, Boolean passed, String eventId) {
}
