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
 * @param validUntil         the last day a passed, uncancelled subject is valid ({@link ResultValidity}); null otherwise
 * @param certificateNumber  the number of the certificate standing for this result (证书编号); null when none
 */
public record ResultRow(String ticket, String name, String occupation, String level, Subject subject, String room,
                        String seat, ResultStatus status, BigDecimal objectiveScore, boolean pendingMarking,
                        BigDecimal total, BigDecimal maxScore, Boolean passed, Instant submittedAt,
                        String cancellationReason, String idNumber, LocalDate validUntil,
                        String certificateNumber) {

    /** A row without ID number, validity or certificate. */
    public ResultRow(String ticket, String name, String occupation, String level, Subject subject, String room,
                     String seat, ResultStatus status, BigDecimal objectiveScore, boolean pendingMarking,
                     BigDecimal total, BigDecimal maxScore, Boolean passed, Instant submittedAt,
                     String cancellationReason) {
        this(ticket, name, occupation, level, subject, room, seat, status, objectiveScore, pendingMarking, total,
                maxScore, passed, submittedAt, cancellationReason, null, null, null);
    }

    /** The status as its constant's name ({@code SUBMITTED}, {@code ABSENT}, {@code CANCELLED} …), for the wire. */
    public String statusCode() {
        return status.name();
    }

    /** The same row naming the certificate that stands for it. */
    public ResultRow withCertificate(String number) {
        return new ResultRow(ticket, name, occupation, level, subject, room, seat, status, objectiveScore,
                pendingMarking, total, maxScore, passed, submittedAt, cancellationReason, idNumber, validUntil, number);
    }

    public ResultRow {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
    }
}
