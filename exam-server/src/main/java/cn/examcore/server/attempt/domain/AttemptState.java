package cn.examcore.server.attempt.domain;

/** Where an attempt stands: WAITING → ANSWERING ⇄ PAUSED → SUBMITTED. */
public enum AttemptState {
    /** Logged in or not, before T0 (or before the room was released): the paper is locked. */
    WAITING,
    /** The clock runs and answers are accepted. */
    ANSWERING,
    /** A proctor stopped this seat's clock; answers are refused until resumed. */
    PAUSED,
    /** Frozen: by the candidate, at the deadline, or by a proctor. */
    SUBMITTED;

    /** True while the candidate may still change something (before or during the sitting). */
    public boolean open() {
        return this != SUBMITTED;
    }
}
