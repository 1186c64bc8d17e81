package cn.examcore.server.attempt.domain;

/** A change an attempt's state does not allow; nothing was changed. */
public final class AttemptRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the change was refused. */
    public enum Reason {
        /** The sitting has not started for this seat (the paper is still locked). */
        NOT_STARTED,
        /** A proctor paused this seat. */
        PAUSED,
        /** The attempt is frozen. */
        SUBMITTED,
        /** The transition makes no sense from the current state (e.g. resume while answering). */
        ILLEGAL_TRANSITION
    }

    private final Reason reason;

    public AttemptRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
