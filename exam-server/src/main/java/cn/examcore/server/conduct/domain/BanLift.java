package cn.examcore.server.conduct.domain;

import java.time.Instant;

/**
 * 解除禁考: the audited end of a ban before its time, when the decision behind it was revised (e.g. dismissed on
 * appeal). The ban itself stays on record; the lift is a second record beside it.
 *
 * @param decisionId the decision whose ban no longer applies
 * @param by         staff username
 * @param at         server time
 * @param why        the reason, typically the revision's
 */
public record BanLift(String decisionId, String by, Instant at, String why) {

    public BanLift {
        decisionId = DecisionException.requireText("lift.decisionId", decisionId);
        by = DecisionException.requireText("lift.by", by);
        DecisionException.require("lift.at", at);
        why = DecisionException.requireText("lift.why", why);
    }
}
