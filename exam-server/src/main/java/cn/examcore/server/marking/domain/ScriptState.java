package cn.examcore.server.marking.domain;

/** Where a script stands in double marking. */
public enum ScriptState {
    /** Fewer than two marks are in. */
    MARKING,
    /** The two marks differ by more than the tolerance (or the chief reopened it): the chief marker decides. */
    ARBITRATION,
    /** The final score is set. */
    FINAL
}
