package cn.examcore.proctor.decision;

import cn.examcore.proctor.rules.ProposedFlag;
import cn.examcore.proctor.similarity.Suspicion;

/**
 * Which proposal a decision answers: a rules-engine {@link ProposedFlag} or a similarity {@link Suspicion}.
 *
 * @param source what produced the proposal
 * @param id     its id; for a suspicion, which carries none, {@link #of(Suspicion)} derives one
 */
public record FlagRef(Source source, String id) {

    /** The producer of a proposal. */
    public enum Source {
        RULES, SIMILARITY
    }

    public FlagRef {
        DecisionException.require("flag.source", source);
        id = DecisionException.requireText("flag.id", id);
    }

    public static FlagRef of(ProposedFlag flag) {
        return new FlagRef(Source.RULES, flag.id());
    }

    /**
     * A suspicion is identified by its category and its (sorted) attempts, because the detector is deterministic:
     * a re-run over the same answers names the same candidates and so finds the same reference.
     */
    public static FlagRef of(Suspicion suspicion) {
        return new FlagRef(Source.SIMILARITY,
                suspicion.category() + ":" + String.join("+", suspicion.attemptIds()));
    }
}
