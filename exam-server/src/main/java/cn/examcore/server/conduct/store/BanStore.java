package cn.examcore.server.conduct.store;

import cn.examcore.server.conduct.domain.BanLift;
import cn.examcore.server.conduct.domain.BanOnRecord;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;

/**
 * The ban registry (禁考名册), durable and append-only: a ban is written with its decision by
 * {@link DecisionStore#record}, in the decision's transaction, and is never edited or deleted; a lift (解除禁考) is a
 * second record beside it.
 */
public interface BanStore {

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
}
