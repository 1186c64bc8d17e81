package cn.examcore.server.sitting.domain;

import cn.examcore.bank.model.Subject;
import java.util.Set;

/**
 * 考生: one roster entry of a sitting.
 *
 * @param sittingId the sitting
 * @param ticket    准考证号, unique within the sitting
 * @param idNumber  身份证号 (secret; checked at login)
 * @param name      the candidate's name
 * @param seatCode  the assigned seat
 * @param subjects  the subjects the candidate applied for
 * @param photoRef  a reference to the ID photo, may be empty
 * @param evaluation the evaluation (一次评价) this row belongs to
 */
public record Candidate(String sittingId, String ticket, String idNumber, String name, String seatCode,
                        Set<Subject> subjects, String photoRef, EvaluationRef evaluation) {

    /**
     * Which evaluation a roster row belongs to.
     *
     * @param id          the evaluation id, shared by the rows of every sitting of the evaluation
     * @param body        the evaluation body (评价机构) whose rules apply
     * @param application first attempt, makeup or competition
     */
    public record EvaluationRef(String id, String body, ApplicationKind application) {
    }

    public Candidate {
        subjects = Set.copyOf(subjects);
        photoRef = photoRef == null ? "" : photoRef;
    }

    /** A row of its own first-attempt evaluation, named by the ticket, of the default body. */
    public Candidate(String sittingId, String ticket, String idNumber, String name, String seatCode,
                     Set<Subject> subjects, String photoRef) {
        this(sittingId, ticket, idNumber, name, seatCode, subjects, photoRef,
                new EvaluationRef(ticket, DEFAULT_BODY, ApplicationKind.FIRST));
    }

    /** The body whose rules apply when a roster names none (the body of the first seed notice). */
    public static final String DEFAULT_BODY = "上海市技师协会";
}
