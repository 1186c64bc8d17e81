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
 */
public record RecordedDecision(Decision decision, String attemptId, String seatCode, Optional<Sanction> sanction) {

    public RecordedDecision {
        Objects.requireNonNull(decision, "decision");
        attemptId = DecisionException.requireText("attemptId", attemptId);
        seatCode = DecisionException.requireText("seatCode", seatCode);
        Objects.requireNonNull(sanction, "sanction");
        if (sanction.isPresent() != decision.confirmed()) {
            throw new DecisionException("sanction", "a sanction goes with a confirmed decision, and only with one");
        }
    }
}
