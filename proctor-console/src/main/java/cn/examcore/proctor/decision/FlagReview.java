package cn.examcore.proctor.decision;

import cn.examcore.proctor.rules.ProposedFlag;
import cn.examcore.proctor.similarity.Suspicion;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.DecisionException;
import cn.examcore.server.conduct.domain.FlagRef;
import cn.examcore.server.conduct.domain.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 标记审核: the life of one proposal, PROPOSED → CONFIRMED | DISMISSED, kept as an append-only audit trail. A
 * taken decision is never changed in place: replacing it takes an explicit {@link #revise revision} that records
 * the old and the new decision side by side. Refused calls leave the trail untouched.
 */
public final class FlagReview {

    /** Where a review stands. */
    public enum State {
        PROPOSED, CONFIRMED, DISMISSED
    }

    private final FlagRef flag;
    private final List<ReviewEntry> trail = new ArrayList<>();
    private Decision current;

    private FlagReview(FlagRef flag, String by, Instant at, String why) {
        this.flag = flag;
        trail.add(new ReviewEntry(0, ReviewEntry.Action.PROPOSED, DecisionException.requireText("proposal.by", by),
                DecisionException.require("proposal.at", at), why == null ? "" : why.strip(), null, null));
    }

    /** A review of a rules-engine flag, proposed by its rule at the flag's own time. */
    public static FlagReview of(ProposedFlag proposed) {
        return new FlagReview(refOf(proposed), "rule:" + proposed.rule(), Instant.ofEpochMilli(proposed.at()),
                proposed.explanation().text());
    }

    /** A review of a similarity suspicion, which carries no time of its own: {@code at} is when it was raised. */
    public static FlagReview of(Suspicion suspicion, Instant at) {
        return new FlagReview(refOf(suspicion), "similarity", at, suspicion.explanation());
    }

    /** The reference a decision on this rules-engine flag carries. */
    public static FlagRef refOf(ProposedFlag flag) {
        return new FlagRef(FlagRef.Source.RULES, flag.id());
    }

    /**
     * The reference of a suspicion, which carries no id: its category and its (sorted) attempts, because the
     * detector is deterministic, so a re-run over the same answers names the same candidates and the same reference.
     */
    public static FlagRef refOf(Suspicion suspicion) {
        return new FlagRef(FlagRef.Source.SIMILARITY,
                suspicion.category() + ":" + String.join("+", suspicion.attemptIds()));
    }

    /**
     * A review opened by staff for a finding no rule proposed (e.g. 评价活动结束后发现); its decisions carry no
     * flag reference.
     */
    public static FlagReview directFinding(String by, Instant at, String why) {
        return new FlagReview(null, by, at, DecisionException.requireText("proposal.why", why));
    }

    /** The proposal under review, empty for a direct finding. */
    public Optional<FlagRef> flag() {
        return Optional.ofNullable(flag);
    }

    public synchronized State state() {
        if (current == null) {
            return State.PROPOSED;
        }
        return current.confirmed() ? State.CONFIRMED : State.DISMISSED;
    }

    /** The decision in force, empty while the proposal awaits review. */
    public synchronized Optional<Decision> current() {
        return Optional.ofNullable(current);
    }

    /** The whole audit trail, oldest first. */
    public synchronized List<ReviewEntry> history() {
        return List.copyOf(trail);
    }

    /** PROPOSED → CONFIRMED with a confirming decision. */
    public synchronized ReviewEntry confirm(Decision decision) {
        return decide(decision, Outcome.CONFIRMED);
    }

    /** PROPOSED → DISMISSED with a dismissing decision (which carries its reason). */
    public synchronized ReviewEntry dismiss(Decision decision) {
        return decide(decision, Outcome.DISMISSED);
    }

    /**
     * Supersedes the decision in force with {@code replacement}, recording both. The replacement's author and
     * time are the revision's; {@code why} says why the first decision no longer stands (appeal, new evidence…).
     */
    public synchronized ReviewEntry revise(Decision replacement, String why) {
        Objects.requireNonNull(replacement, "replacement");
        if (current == null) {
            throw new DecisionException("review.state", "nothing to revise: the proposal has not been decided;"
                    + " confirm or dismiss it first");
        }
        String reason = DecisionException.requireText("revision.why", why);
        checkBelongs(replacement);
        if (!replacement.candidate().idNumber().equals(current.candidate().idNumber())) {
            throw new DecisionException("decision.candidate.idNumber", "a revision must concern the same person as"
                    + " decision " + current.id() + "; a different person needs a decision of its own");
        }
        return append(ReviewEntry.Action.REVISED, replacement, reason);
    }

    private ReviewEntry decide(Decision decision, Outcome wanted) {
        Objects.requireNonNull(decision, "decision");
        if (current != null) {
            ReviewEntry last = trail.get(trail.size() - 1);
            throw new DecisionException("review.state", "already " + state() + " by " + last.by() + " at "
                    + last.at() + " (decision " + current.id() + "); a change needs an explicit revision");
        }
        if (decision.outcome() != wanted) {
            throw new DecisionException("decision.outcome", "is " + decision.outcome() + " but this step records "
                    + wanted);
        }
        checkBelongs(decision);
        return append(wanted == Outcome.CONFIRMED ? ReviewEntry.Action.CONFIRMED : ReviewEntry.Action.DISMISSED,
                decision, decision.reason());
    }

    private void checkBelongs(Decision decision) {
        if (!Objects.equals(decision.flag(), flag)) {
            throw new DecisionException("decision.flag", "refers to " + decision.flag() + " but this review is of "
                    + (flag == null ? "a direct finding (no flag)" : flag));
        }
        for (ReviewEntry e : trail) {
            if (e.decision() != null && e.decision().id().equals(decision.id())) {
                throw new DecisionException("decision.id", "decision " + decision.id()
                        + " is already in this review's trail; a new decision needs a new id");
            }
        }
        Instant last = trail.get(trail.size() - 1).at();
        if (decision.at().isBefore(last)) {
            throw new DecisionException("decision.at", decision.at() + " is before the last recorded step at "
                    + last + "; the trail only moves forward in time");
        }
    }

    private ReviewEntry append(ReviewEntry.Action action, Decision decision, String why) {
        ReviewEntry entry = new ReviewEntry(trail.size(), action, decision.by(), decision.at(), why, current,
                decision);
        trail.add(entry);
        current = decision;
        return entry;
    }
}
