package cn.examcore.server.results;

import cn.examcore.bank.model.Subject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of the results (成绩) export: one candidate, one subject.
 *
 * @param ticket             admission-ticket number (准考证号)
 * @param name               candidate name
 * @param occupation         occupation (职业) evaluated
 * @param level              level (等级), e.g. 四级/中级工
 * @param subject            subject (科目)
 * @param room               room (考场)
 * @param seat               seat (座位号)
 * @param status             how the attempt ended
 * @param objectiveScore     machine-scored points; null when there is no attempt (absent)
 * @param pendingMarking     true while subjective or operation items await human marking
 * @param total              final score; null while marking is pending or when absent
 * @param maxScore           the paper's full score; null when not known (no candidate of the sitting has a result)
 * @param passed             pass (合格) or not; null while undecided
 * @param submittedAt        when the attempt was frozen; null when absent
 * @param cancellationReason why the score was cancelled (misconduct category and decision); null otherwise
 * @param idNumber           the candidate's ID number (身份证号); null where the caller has none
 * @param validUntil         the last day a passed, uncancelled subject is valid, by the rules of the evaluation body of
 *                           the candidate's evaluation (评价机构: 2 years at levels 5–3, 3 years at levels 2–1 in 2026);
 *                           null otherwise
 * @param certificateNumber  the number of the certificate standing for this result (证书编号); null when none
 * @param levelResult        等级结果: the level result of the candidate's evaluation, PASSED, FAILED or PENDING;
 *                           null where the caller has none
 */
public record ResultRow(String ticket, String name, String occupation, String level, Subject subject, String room,
                        String seat, ResultStatus status, BigDecimal objectiveScore, boolean pendingMarking,
                        BigDecimal total, BigDecimal maxScore, Boolean passed, Instant submittedAt,
                        String cancellationReason, String idNumber, LocalDate validUntil,
                        String certificateNumber, String levelResult) {

    /** A row without level result. */
    public ResultRow(String ticket, String name, String occupation, String level, Subject subject, String room,
                     String seat, ResultStatus status, BigDecimal objectiveScore, boolean pendingMarking,
                     BigDecimal total, BigDecimal maxScore, Boolean passed, Instant submittedAt,
                     String cancellationReason, String idNumber, LocalDate validUntil, String certificateNumber) {
        this(ticket, name, occupation, level, subject, room, seat, status, objectiveScore, pendingMarking, total,
                maxScore, passed, submittedAt, cancellationReason, idNumber, validUntil, certificateNumber, null);
    }

    /** A row without ID number, validity or certificate. */
    public ResultRow(String ticket, String name, String occupation, String level, Subject subject, String room,
                     String seat, ResultStatus status, BigDecimal objectiveScore, boolean pendingMarking,
                     BigDecimal total, BigDecimal maxScore, Boolean passed, Instant submittedAt,
                     String cancellationReason) {
        this(ticket, name, occupation, level, subject, room, seat, status, objectiveScore, pendingMarking, total,
                maxScore, passed, submittedAt, cancellationReason, null, null, null, null);
    }

    /** The status as its constant's name ({@code SUBMITTED}, {@code ABSENT}, {@code CANCELLED} …), for the wire. */
    public String statusCode() {
        return status.name();
    }

    /** The same row naming the certificate that stands for it. */
    public ResultRow withCertificate(String number) {
        return new ResultRow(ticket, name, occupation, level, subject, room, seat, status, objectiveScore,
                pendingMarking, total, maxScore, passed, submittedAt, cancellationReason, idNumber, validUntil, number,
                levelResult);
    }

    /** The same row with its evaluation's level result and this subject's validity under the body's rules. */
    public ResultRow withLevel(String level, LocalDate valid) {
        return new ResultRow(ticket, name, occupation, this.level, subject, room, seat, status, objectiveScore,
                pendingMarking, total, maxScore, passed, submittedAt, cancellationReason, idNumber, valid,
                certificateNumber, level);
    }

    public ResultRow {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
    }
}
