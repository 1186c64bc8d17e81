package cn.examcore.bank.model;

/** How a multiple-choice (多选) answer earns points; declared per bank, overridable per blueprint section. */
public enum MultipleChoiceRule {
    /** Full score only for exactly the key; anything else scores zero. */
    ALL_OR_NOTHING,
    /**
     * Proportional: each correct option chosen earns score / |key|, each wrong option chosen takes the same
     * amount away; never below zero.
     */
    PROPORTIONAL,
    /**
     * Partial credit for a correct subset: choosing only correct options earns score × chosen / |key|;
     * choosing any wrong option scores zero.
     */
    PARTIAL_SUBSET
}
