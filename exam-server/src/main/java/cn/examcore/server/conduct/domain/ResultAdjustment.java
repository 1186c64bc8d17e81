package cn.examcore.server.conduct.domain;

import cn.examcore.contract.MisconductCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * 成绩处理: applies sanctions to one candidate's subject results of one sitting. A cancelled subject keeps its
 * original score and verdict for the record; what changes is its status and the cited decision.
 */
public final class ResultAdjustment {

    /**
     * A subject's result as scored.
     *
     * @param subject the subject, e.g. 理论知识
     * @param score   the score (never negative)
     * @param passed  the verdict as scored
     */
    public record SubjectResult(String subject, BigDecimal score, boolean passed) {
    }

    /** Whether a result stands. */
    public enum Status {
        VALID, CANCELLED
    }

    /**
     * Why a subject was cancelled.
     *
     * @param decisionId     the decision
     * @param category       its category
     * @param reason         the category code and the notice's wording, as shown to the candidate
     * @param declaredInvalid the decision was taken after the sitting (成绩无效 rather than withheld)
     */
    public record Cancellation(String decisionId, MisconductCode category, String reason, boolean declaredInvalid) {
    }

    /**
     * A subject's result after sanctions.
     *
     * @param subject        the subject
     * @param originalScore  the score as scored, kept whatever the status
     * @param originalPassed the verdict as scored, kept whatever the status
     * @param status         VALID, or CANCELLED when any cancellation applies
     * @param cancellations  every sanction that cancels this subject, in the order given
     */
    public record AdjustedResult(String subject, BigDecimal originalScore, boolean originalPassed, Status status,
                                 List<Cancellation> cancellations) {

        public AdjustedResult {
            cancellations = List.copyOf(cancellations);
        }

        /** Whether the subject counts as passed towards a certificate. */
        public boolean countsAsPassed() {
            return status == Status.VALID && originalPassed;
        }
    }

    private ResultAdjustment() {
    }

    /**
     * The adjusted results, in the order of {@code results}.
     *
     * @throws DecisionException naming the element at fault when a result or a sanction is malformed, a subject
     *                           repeats, a sanction is for another person or sitting, or a subject-scoped sanction
     *                           names a subject with no result
     */
    public static List<AdjustedResult> adjust(String idNumber, String sittingId, List<SubjectResult> results,
                                              List<Sanction> sanctions) {
        return adjust(idNumber, sittingId, Set.of(), results, sanctions);
    }

    /**
     * The adjusted results of a sitting whose evaluation (当次评价: one occupation and level on one day) also holds
     * sibling sittings, each with subjects of its own, as exam-server runs one sitting per subject. A sanction of
     * a sibling sitting cancels here only when it cancels all subjects (取消当次全部科目成绩); one scoped to its own
     * subject concerns that sitting alone.
     *
     * @param siblingSittingIds the other sittings of the same evaluation
     * @throws DecisionException as {@link #adjust(String, String, List, List)}; a sanction of a sibling sitting is
     *                           not refused
     */
    public static List<AdjustedResult> adjust(String idNumber, String sittingId, Set<String> siblingSittingIds,
                                              List<SubjectResult> results, List<Sanction> sanctions) {
        String person = CandidateIdentity.validIdNumber("idNumber", idNumber);
        String sitting = DecisionException.requireText("sittingId", sittingId);
        DecisionException.require("siblingSittingIds", siblingSittingIds);
        DecisionException.require("results", results);
        DecisionException.require("sanctions", sanctions);

        Set<String> subjects = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            SubjectResult r = results.get(i);
            String at = "results[" + i + "]";
            DecisionException.require(at, r);
            DecisionException.requireText(at + ".subject", r.subject());
            DecisionException.require(at + ".score", r.score());
            if (r.score().signum() < 0) {
                throw new DecisionException(at + ".score", "must not be negative, got " + r.score());
            }
            if (!subjects.add(r.subject())) {
                throw new DecisionException(at + ".subject", "subject " + r.subject() + " is listed twice");
            }
        }
        for (int i = 0; i < sanctions.size(); i++) {
            Sanction s = sanctions.get(i);
            String at = "sanctions[" + i + "]";
            DecisionException.require(at, s);
            if (!s.idNumber().equals(person)) {
                throw new DecisionException(at + ".idNumber", "sanction of decision " + s.decisionId()
                        + " is for another person");
            }
            boolean own = s.sittingId().equals(sitting);
            if (!own && !siblingSittingIds.contains(s.sittingId())) {
                throw new DecisionException(at + ".sittingId", "sanction of decision " + s.decisionId()
                        + " is for sitting " + s.sittingId() + ", not " + sitting);
            }
            if (own && s.scope() == Sanction.Scope.THIS_SUBJECT && !subjects.contains(s.subject())) {
                throw new DecisionException(at + ".subject", "sanction of decision " + s.decisionId()
                        + " cancels subject " + s.subject() + ", which has no result here");
            }
        }

        List<AdjustedResult> adjusted = new ArrayList<>(results.size());
        for (SubjectResult r : results) {
            List<Cancellation> cancellations = sanctions.stream()
                    .filter(s -> s.sittingId().equals(sitting) ? s.cancels(r.subject())
                            : s.scope() == Sanction.Scope.ALL_SUBJECTS)
                    .map(s -> new Cancellation(s.decisionId(), s.category(),
                            s.category() + " " + s.category().noticeText(), s.scoresInvalid()))
                    .toList();
            adjusted.add(new AdjustedResult(r.subject(), r.score(), r.passed(),
                    cancellations.isEmpty() ? Status.VALID : Status.CANCELLED, cancellations));
        }
        return List.copyOf(adjusted);
    }
}
