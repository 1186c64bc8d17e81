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
 */
public record Candidate(String sittingId, String ticket, String idNumber, String name, String seatCode,
                        Set<Subject> subjects, String photoRef) {

    public Candidate {
        subjects = Set.copyOf(subjects);
        photoRef = photoRef == null ? "" : photoRef;
    }
}
