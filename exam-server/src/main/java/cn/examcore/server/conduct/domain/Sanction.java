package cn.examcore.server.conduct.domain;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.util.Optional;

/**
 * 处理结果: what a confirmed decision does to the candidate's results, certificates and future applications.
 *
 * @param decisionId           the decision it follows from
 * @param idNumber             the person
 * @param sittingId            the sitting whose scores it cancels
 * @param category             the category decided on
 * @param severity             the tier-C severity, null otherwise
 * @param scope                which subjects of the sitting are cancelled
 * @param subject              the decision's subject (the only one cancelled when the scope is THIS_SUBJECT)
 * @param ban                  the ban to record, if the tier carries one
 * @param referral             移送有关部门: refer to the authorities
 * @param scoresInvalid        found after the sitting: the scores are declared invalid rather than withheld
 * @param revokeCertificates   any certificate already issued from the sitting (paper or electronic record) is
 *                             revoked
 * @param eligibilityCancelled C1: the eligibility itself was obtained improperly and is cancelled
 * @param feesForfeited        C1: fees already paid are not refunded
 */
public record Sanction(String decisionId, String idNumber, String sittingId, MisconductCode category,
                       Severity severity, Scope scope, String subject, Optional<Ban> ban, boolean referral,
                       boolean scoresInvalid, boolean revokeCertificates, boolean eligibilityCancelled,
                       boolean feesForfeited) {

    /** Which scores of the sitting a sanction cancels. */
    public enum Scope {
        /** 取消当次该科目成绩. */
        THIS_SUBJECT,
        /** 取消当次全部科目成绩. */
        ALL_SUBJECTS
    }

    public Sanction {
        DecisionException.requireText("sanction.decisionId", decisionId);
        DecisionException.requireText("sanction.idNumber", idNumber);
        DecisionException.requireText("sanction.sittingId", sittingId);
        DecisionException.require("sanction.category", category);
        DecisionException.require("sanction.scope", scope);
        DecisionException.requireText("sanction.subject", subject);
        DecisionException.require("sanction.ban", ban);
    }

    /** Whether this sanction cancels {@code otherSubject}'s score of the sitting. */
    public boolean cancels(String otherSubject) {
        return scope == Scope.ALL_SUBJECTS || subject.equals(otherSubject);
    }
}
