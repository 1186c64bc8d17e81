package cn.examcore.server.proctoring;

/**
 * A proctor's action on one seat (监考操作), taken through the HTTP proctor API with a proctor's token and room
 * scope; no event-bus address acts on seats, since the bus has no authentication. Each one is checked, audited and
 * stored as a seat event, and those that concern the candidate (pause, resume, extend, remind) are pushed to the
 * seat's socket.
 *
 * @param action    what to do
 * @param sittingId the sitting
 * @param seatCode  the seat
 * @param seconds   extension length (EXTEND, 1 s to 4 h) or length of the permitted absence (PERMIT_LEAVE, 1 to
 *                  1800 s); ignored otherwise
 * @param reason    why: optional for PAUSE, RESUME and EXTEND (an EXTEND's reason is shown to the candidate),
 *                  required for PERMIT_LEAVE, CHANGE_SEAT, FORCE_SUBMIT and REOPEN; at most 500 characters
 * @param message   reminder text (REMIND only, 1 to 500 characters)
 * @param category  a {@link MisconductCode}: what a REMIND is about (optional, A1–A4 only), or what a
 *                  RECORD_INCIDENT observed (required, any code)
 * @param note      the proctor's observation (RECORD_INCIDENT only, 1 to 500 characters)
 * @param by        the staff member acting (required)
 * @param toSeat    the seat the attempt moves to (CHANGE_SEAT only, required there)
 */
public record ProctorCommand(Action action, String sittingId, String seatCode, long seconds, String reason,
                             String message, String category, String note, String by, String toSeat) {

    /** A command of an action that moves no seat. */
    public ProctorCommand(Action action, String sittingId, String seatCode, long seconds, String reason,
                          String message, String category, String note, String by) {
        this(action, sittingId, seatCode, seconds, reason, message, category, note, by, null);
    }

    /** The actions a proctor can take on a seat. */
    public enum Action {
        /** Stops the attempt's clock. */
        PAUSE,
        /** Restarts a paused clock. */
        RESUME,
        /** Moves this seat's deadline later. */
        EXTEND,
        /** Shows the candidate a reminder (提醒), optionally naming the tier-A category it is about. */
        REMIND,
        /** Lets the candidate leave the seat for a while (准予离座); the clock keeps running. */
        PERMIT_LEAVE,
        /** Records what the proctor observed at the seat, with its category; the candidate is not told. */
        RECORD_INCIDENT,
        /**
         * 调换座位: moves the attempt with its answers, clock and events to {@code toSeat}; the old terminal is told
         * and let go, and the candidate logs in again at the new seat.
         */
        CHANGE_SEAT,
        /** 强制交卷: freezes the attempt now with the answers it holds, and scores it. */
        FORCE_SUBMIT,
        /**
         * 重新开放: a submitted attempt continues with its answers, with the time it had left; its result is
         * withdrawn and scored again at the next submission. Refused once the sitting has ended.
         */
        REOPEN
    }

    /**
     * The reply to a command.
     *
     * @param ok        whether it took effect
     * @param attemptId the attempt it applied to (null for an incident at a seat without a candidate)
     * @param state     the attempt's state after it (null when there is no attempt)
     * @param deadline  the attempt's deadline after it (epoch ms; 0 when there is no attempt)
     * @param eventId   the id of the seat event that records the action (for REMIND also the {@code reminderId}
     *                  the candidate acknowledges)
     * @param code      error code when not ok
     * @param message   error text when not ok
     * @param field     the offending field when not ok because of one, e.g. {@code category}
     */
    public record Outcome(boolean ok, String attemptId, String state, long deadline, String eventId, String code,
                          String message, String field) {

        /** A command that took effect. */
        public static Outcome done(String attemptId, String state, long deadline, String eventId) {
            return new Outcome(true, attemptId, state, deadline, eventId, null, null, null);
        }

        /** A refused command. */
        public static Outcome refused(String code, String message, String field) {
            return new Outcome(false, null, null, 0, null, code, message, field);
        }
    }
}
