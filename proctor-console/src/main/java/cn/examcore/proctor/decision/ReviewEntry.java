package cn.examcore.proctor.decision;

import cn.examcore.server.conduct.domain.Decision;
import java.time.Instant;

/**
 * One line of a {@link FlagReview}'s audit trail: who did what, when and why. Entries are only ever appended.
 *
 * @param sequence position in the trail, from 0
 * @param action   what happened
 * @param by       who: a staff username, or the producing rule / detector for {@link Action#PROPOSED}
 * @param at       server time
 * @param why      the stated reason (for a proposal: the producer's explanation)
 * @param previous the decision superseded by a {@link Action#REVISED} entry, null otherwise
 * @param decision the decision taken, null for {@link Action#PROPOSED}
 */
public record ReviewEntry(int sequence, Action action, String by, Instant at, String why, Decision previous,
                          Decision decision) {

    /** What an entry records. */
    public enum Action {
        PROPOSED, CONFIRMED, DISMISSED, REVISED
    }
}
