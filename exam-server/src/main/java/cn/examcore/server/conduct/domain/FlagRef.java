package cn.examcore.server.conduct.domain;

/**
 * Which proposal a decision answers: a rules-engine flag or a similarity suspicion (both produced by
 * proctor-console, which derives these references from them).
 *
 * @param source what produced the proposal
 * @param id     its id; for a suspicion, which carries none, {@code "<category>:<attempt>+<attempt>…"}
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
}
