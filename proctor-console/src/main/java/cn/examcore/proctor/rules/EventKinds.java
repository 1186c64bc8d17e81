package cn.examcore.proctor.rules;

import cn.examcore.contract.SeatEvent;
import java.util.Set;

/**
 * The seat-event kinds the rules read, as strings: exam-server's kind enums grow while this module is written,
 * and an event kind the rules do not know is simply ignored rather than a compile-time dependency.
 */
final class EventKinds {

    static final String BLUR = "BLUR";
    static final String VISIBILITY_HIDDEN = "VISIBILITY_HIDDEN";
    static final String FULLSCREEN_EXIT = "FULLSCREEN_EXIT";
    static final String PASTE = "PASTE";
    static final String PRESENCE_LOST = "PRESENCE_LOST";
    static final String PRESENCE_REGAINED = "PRESENCE_REGAINED";
    static final String HEARTBEAT_GAP = "HEARTBEAT_GAP";
    static final String DISCONNECT = "DISCONNECT";
    static final String RECONNECT = "RECONNECT";
    static final String LOGIN = "LOGIN";
    static final String SOCKET_OPENED = "SOCKET_OPENED";
    static final String WRONG_SEAT = "WRONG_SEAT";
    static final String PAUSED = "PAUSED";
    static final String RESUMED = "RESUMED";
    static final String REMINDED = "REMINDED";
    static final String REMINDER_ACKNOWLEDGED = "REMINDER_ACKNOWLEDGED";
    static final String LEAVE_PERMITTED = "LEAVE_PERMITTED";
    static final String INCIDENT_RECORDED = "INCIDENT_RECORDED";
    static final String IDENTITY_MISMATCH = "IDENTITY_MISMATCH";
    static final String SUBMITTED = "SUBMITTED";
    static final String AUTO_SUBMITTED = "AUTO_SUBMITTED";
    static final String FORCE_SUBMITTED = "FORCE_SUBMITTED";

    /** The page lost the candidate's attention: another window, another tab, or full screen left. */
    static final Set<String> FOCUS_LOSSES = Set.of(BLUR, VISIBILITY_HIDDEN, FULLSCREEN_EXIT);

    /** Every kind that ends an attempt, as the contract lists them. */
    static final Set<String> SUBMISSIONS = SeatEvent.SUBMISSION_KINDS;

    private EventKinds() {
    }
}
