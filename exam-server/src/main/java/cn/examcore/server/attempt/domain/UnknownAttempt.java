package cn.examcore.server.attempt.domain;

/** The attempt id names no attempt. */
public final class UnknownAttempt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownAttempt(String attemptId) {
        super("no attempt " + attemptId, null, false, false);
    }
}
