package cn.examcore.server.conduct.domain;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.LocalDate;

/**
 * 禁考: a period in which a person may not apply for or sit any evaluation, in any occupation. Keyed by the
 * identity number because it binds the person, not one application.
 *
 * @param decisionId the confirmed decision it comes from
 * @param idNumber   the person's identity number, normalised
 * @param category   the category decided on
 * @param severity   the tier-C severity, null for tier B
 * @param from       first day of the ban (the sitting date), inclusive
 * @param until      last day of the ban, inclusive (Shanghai calendar)
 */
public record Ban(String decisionId, String idNumber, MisconductCode category, Severity severity, LocalDate from,
                  LocalDate until) {

    public Ban {
        decisionId = DecisionException.requireText("ban.decisionId", decisionId);
        idNumber = CandidateIdentity.validIdNumber("ban.idNumber", idNumber);
        DecisionException.require("ban.category", category);
        DecisionException.require("ban.from", from);
        DecisionException.require("ban.until", until);
        if (until.isBefore(from)) {
            throw new DecisionException("ban.until", "last day " + until + " is before the first day " + from);
        }
    }

    /** Whether the ban runs on {@code day}: from and until both count as banned days. */
    public boolean activeOn(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }

    /** A sentence naming the ban, for refusals and reports (the identity number is left out on purpose). */
    public String describe() {
        return "barred until " + until + " (inclusive) by decision " + decisionId + " for " + category + " "
                + category.noticeText() + (severity == null ? "" : ", severity " + severity);
    }
}
