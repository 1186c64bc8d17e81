package cn.examcore.server.conduct.domain;

import java.time.LocalDate;

/**
 * 评价场次与科目: the sitting and subject a decision was taken in.
 *
 * @param sittingId   the sitting
 * @param subject     the subject the behaviour was observed in, e.g. 理论知识; a tier-A sanction cancels only it
 * @param sittingDate the evaluation day of that subject (Shanghai calendar); ban lengths count from it
 */
public record SittingSubject(String sittingId, String subject, LocalDate sittingDate) {

    public SittingSubject {
        sittingId = DecisionException.requireText("sitting.sittingId", sittingId);
        subject = DecisionException.requireText("sitting.subject", subject);
        DecisionException.require("sitting.sittingDate", sittingDate);
    }
}
