package cn.examcore.server.evaluation.domain;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.util.Set;

/**
 * One roster row seen from its evaluation: the candidate of one sitting, with what that sitting is.
 *
 * @param evaluationId the evaluation (一次评价) the row belongs to
 * @param body         the evaluation body whose rules apply
 * @param application  first attempt, makeup or competition
 * @param sittingId    the sitting
 * @param subject      the subject sat in that sitting
 * @param t0           the sitting's scheduled start, epoch ms
 * @param ticket       the admission ticket of the row
 * @param idNumber     the candidate's normalised identity number
 * @param name         the candidate's name
 * @param occupation   the occupation (职业)
 * @param level        the level, 5 (lowest) to 1
 * @param toSit        the subjects the row says the candidate sits in this evaluation
 */
public record Enrolment(String evaluationId, String body, ApplicationKind application, String sittingId,
                        Subject subject, long t0, String ticket, String idNumber, String name, String occupation,
                        int level, Set<Subject> toSit) {

    public Enrolment {
        toSit = Set.copyOf(toSit);
    }
}
