package cn.examcore.server.conduct.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Decision} as the system of record keeps it: with the attempt and seat it concerns, and the sanction
 * computed when it was taken (empty for a dismissal). The sanction is stored rather than recomputed so that a
 * later change of the {@link SanctionTable} never rewrites what was decided.
 *
 * @param decision  the decision
 * @param attemptId the attempt it concerns
 * @param seatCode  the seat the attempt was taken at when decided
 * @param sanction  the sanction of a confirmed decision; empty for a dismissal
 * @param revises   复议: the decision this one revises on appeal (the revised one stays on record unchanged and no
 *                  longer applies); null for a first decision
 */
public record RecordedDecision(Decision decision, String attemptId, String seatCode, Optional<Sanction> sanction,
                               String revises) {

    /** A first decision, revising none. */
    public RecordedDecision(Decision decision, String attemptId, String seatCode, Optional<Sanction> sanction) {
        this(decision, attemptId, seatCode, sanction, null);
    }

    public RecordedDecision {
        Objects.requireNonNull(decision, "decision");
        attemptId = DecisionException.requireText("attemptId", attemptId);
        seatCode = DecisionException.requireText("seatCode", seatCode);
        Objects.requireNonNull(sanction, "sanction");
        if (sanction.isPresent() != decision.confirmed()) {
            throw new DecisionException("sanction", "a sanction goes with a confirmed decision, and only with one");
        }
        if (revises != null && decision.flag() != null) {
            throw new DecisionException("revises", "a revision answers an appeal against a decision, not a flag");
        }
        if (revises != null && revises.equals(decision.id())) {
            throw new DecisionException("revises", "decision " + revises + " cannot revise itself");
        }
    }
}
