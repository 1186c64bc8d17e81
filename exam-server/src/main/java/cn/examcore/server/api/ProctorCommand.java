package cn.examcore.server.api;

/**
 * A proctor's action on one seat (监考操作). Sent as JSON to {@link Addresses#PROCTOR_COMMANDS} or through the
 * HTTP proctor API; each one is audited and pushed to the seat's socket.
 *
 * @param action    what to do
 * @param sittingId the sitting
 * @param seatCode  the seat
 * @param seconds   extension length (EXTEND only)
 * @param reason    why (shown in the audit, and for EXTEND/PAUSE to the candidate)
 * @param message   reminder text (REMIND only)
 * @param by        the staff member acting
 */
public record ProctorCommand(Action action, String sittingId, String seatCode, long seconds, String reason,
                             String message, String by) {

    /** The actions a proctor can take on a seat. */
    public enum Action {
        PAUSE, RESUME, EXTEND, REMIND
    }

    /**
     * The reply to a command.
     *
     * @param ok        whether it took effect
     * @param attemptId the attempt it applied to
     * @param state     the attempt's state after it
     * @param deadline  the attempt's deadline after it (epoch ms)
     * @param code      error code when not ok
     * @param message   error text when not ok
     */
    public record Outcome(boolean ok, String attemptId, String state, long deadline, String code, String message) {
    }
}
