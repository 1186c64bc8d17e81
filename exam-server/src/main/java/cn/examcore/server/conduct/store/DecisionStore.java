package cn.examcore.server.conduct.store;

import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.RecordedDecision;
import io.vertx.core.Future;
import java.util.List;

/**
 * Decisions (决定), durable and append-only: nothing recorded here is updated or deleted. The bans they impose are
 * written with them and read through {@link BanStore}.
 */
public interface DecisionStore {

    /**
     * Stores the decision and, in the same transaction, the ban of its sanction if it has one. Recording the
     * same decision again is harmless (a retry stores nothing twice). A revision ({@link RecordedDecision#revises()})
     * also lifts the revised decision's ban, if it has one still running, in the same transaction: the revision's own
     * sanction (if any) replaces it.
     *
     * @return a failed future with {@link DecisionConflict} when the decision's flag already has a decision, or
     *         with a {@link DecisionException} naming {@code ban.decisionId} (or {@code decision.id}) when a
     *         different decision or ban is on record under the same decision id; a failed future with
     *         {@link AlreadyRevised} when the revised decision has a revision already, or with {@link NoSuchDecision}
     *         when it is not on record; nothing is stored then
     */
    Future<Void> record(RecordedDecision decision);

    /** The sitting's decisions in the order they were taken. */
    Future<List<RecordedDecision>> decisions(String sittingId);

    /** Every decision about this person (identity number), in any sitting, in the order taken. */
    Future<List<RecordedDecision>> decisionsAbout(String idNumber);

    /** A decision revised already: the revision on record, which a further appeal revises instead. */
    final class AlreadyRevised extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final RecordedDecision revision;

        public AlreadyRevised(RecordedDecision revision) {
            super("decision " + revision.revises() + " was already revised by decision " + revision.decision().id());
            this.revision = revision;
        }

        public RecordedDecision revision() {
            return revision;
        }
    }

    /** The decision a revision names is not on record. */
    final class NoSuchDecision extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoSuchDecision(String id) {
            super("no decision " + id);
        }
    }

    /** A flag already decided: who decided it and when. */
    final class DecisionConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

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
