package cn.examcore.server.conduct.domain;

import java.time.LocalDate;

/**
 * 报名: an application to sit an evaluation, as far as the ban check needs it.
 *
 * @param idNumber        the applicant's identity number
 * @param occupation      职业, e.g. 企业人力资源管理师
 * @param level           职业技能等级 1 (一级/高级技师) to 5 (五级/初级工)
 * @param applicationDate the Shanghai calendar date of the application
 */
public record Application(String idNumber, String occupation, int level, LocalDate applicationDate) {

    public Application {
        idNumber = CandidateIdentity.validIdNumber("application.idNumber", idNumber);
        occupation = DecisionException.requireText("application.occupation", occupation);
        if (level < 1 || level > 5) {
            throw new DecisionException("application.level", "must be 1 to 5, got " + level);
        }
        DecisionException.require("application.applicationDate", applicationDate);
    }
}
