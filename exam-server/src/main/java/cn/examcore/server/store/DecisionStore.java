package cn.examcore.server.store;

import cn.examcore.server.decision.Ban;
import cn.examcore.server.decision.RecordedDecision;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * Decisions (决定) and the ban registry (禁考名册), durable and append-only: nothing recorded here is updated or
 * deleted.
 */
public interface DecisionStore {

    /**
     * Stores the decision and, in the same transaction, the ban of its sanction if it has one.
     *
     * @return a failed future with {@link DecisionConflict} when the decision's flag already has a decision;
     *         nothing is stored then
     */
    Future<Void> record(RecordedDecision decision);

    /** The sitting's decisions in the order they were taken. */
    Future<List<RecordedDecision>> decisions(String sittingId);

    /** Every decision about this person (identity number), in any sitting, in the order taken. */
    Future<List<RecordedDecision>> decisionsAbout(String idNumber);

    /** Every ban on record, or only this person's when {@code idNumber} is not null, in the order recorded. */
    Future<List<Ban>> bans(String idNumber);

    /** The bans on record for any of these identity numbers (normalised), in the order recorded. */
    Future<List<Ban>> bansOf(Collection<String> idNumbers);

    /** A flag already decided: who decided it and when. */
    final class DecisionConflict extends RuntimeException {

        private final RecordedDecision existing;

        public DecisionConflict(RecordedDecision existing) {
            super("flag " + existing.decision().flag().id() + " was already decided by " + existing.decision().by()
                    + " at " + existing.decision().at() + " (decision " + existing.decision().id() + ")");
            this.existing = existing;
        }

        public RecordedDecision existing() {
            return existing;
        }
    }
}
