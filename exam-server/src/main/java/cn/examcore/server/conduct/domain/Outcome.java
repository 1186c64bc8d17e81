package cn.examcore.server.conduct.domain;

/** What a reviewer decided about a flag or a finding. */
public enum Outcome {
    /** The misconduct happened: the sanction of its category applies. */
    CONFIRMED,
    /** The flag does not hold; nothing is applied, and the reason is kept. */
    DISMISSED
}
