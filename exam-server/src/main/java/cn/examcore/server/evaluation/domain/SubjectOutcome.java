package cn.examcore.server.evaluation.domain;

import cn.examcore.bank.model.Subject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * 科目成绩: how one subject of an evaluation came out, as it counts (a cancelled score does not count).
 *
 * @param subject     the subject
 * @param sittingDate the Shanghai day it was sat
 * @param outcome     passed, failed, absent, cancelled or still pending
 * @param score       objective + marked score; null when absent or pending
 * @param sittingId   the sitting it was sat in
 */
public record SubjectOutcome(Subject subject, LocalDate sittingDate, Outcome outcome, BigDecimal score,
                             String sittingId) {

    /** The outcomes a subject can have. */
    public enum Outcome {
        PASSED, FAILED, ABSENT, CANCELLED, PENDING;

        /** Whether the subject is decided and not passed. */
        public boolean failed() {
            return this == FAILED || this == ABSENT || this == CANCELLED;
        }
    }

    public SubjectOutcome {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sittingDate, "sittingDate");
        Objects.requireNonNull(outcome, "outcome");
    }
}
