package cn.examcore.server.conduct.store;

import cn.examcore.server.conduct.domain.Ban;
import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.RecordedDecision;
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

    /**
     * Every ban on record with its lift if it was lifted, or only this person's when {@code idNumber} is not null,
     * in the order recorded.
     */
    Future<List<BanOnRecord>> bans(String idNumber);

    /** The bans on record for any of these identity numbers (normalised), with their lifts, in the order recorded. */
    Future<List<BanOnRecord>> bansOf(Collection<String> idNumbers);

    /**
     * 解除禁考: records the lift of the ban of {@code lift.decisionId()}; the ban itself is left as it was.
     *
     * @return the ban with its lift and the sitting of the decision behind it; a failed future with
     *         {@link NoSuchBan} or {@link AlreadyLifted}, nothing stored then
     */
    Future<Lifted> liftBan(BanLift lift);

    /** A ban just lifted, and the sitting of the decision that imposed it. */
    record Lifted(BanOnRecord ban, String sittingId) {
    }

    /**
     * A ban and, once lifted, its lift.
     *
     * @param lift null while the ban runs its course
     */
    record BanOnRecord(Ban ban, BanLift lift) {

        public boolean lifted() {
            return lift != null;
        }
    }

    /** No ban of that decision is on record. */
    final class NoSuchBan extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoSuchBan(String decisionId) {
            super("no ban of decision " + decisionId + " is on record");
        }
    }

    /** The ban was lifted before: by whom, when and why. */
    final class AlreadyLifted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final BanLift existing;

        public AlreadyLifted(BanLift existing) {
            super("the ban of decision " + existing.decisionId() + " was already lifted by " + existing.by() + " at "
                    + existing.at());
            this.existing = existing;
        }

        public BanLift existing() {
            return existing;
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
