package cn.examcore.contract;

import java.util.Map;
import java.util.Set;

/**
 * 考位事件: one thing observed at a seat, from the candidate page, the seat's agent or the server itself; stored
 * per attempt and published to the proctor consoles.
 *
 * @param id         unique id
 * @param sittingId  the sitting
 * @param attemptId  the attempt open at the seat, or null when none was (agent events before login)
 * @param seatCode   the seat
 * @param source     who reported it
 * @param kind       what happened, e.g. {@code BLUR}, {@code USB_STORAGE_INSERTED}, {@code WRONG_SEAT}
 * @param detail     kind-specific facts (small; strings, numbers, booleans)
 * @param observedAt the reporter's own time (epoch ms), 0 when it sent none; never trusted for ordering
 * @param at         the server time it was stored (epoch ms)
 */
public record SeatEvent(String id, String sittingId, String attemptId, String seatCode, Source source, String kind,
                        Map<String, Object> detail, long observedAt, long at) {

    /** The kinds that end an attempt: the candidate's own submission, the deadline's, and a proctor's. */
    public static final Set<String> SUBMISSION_KINDS = Set.of(ServerKind.SUBMITTED.name(),
            ServerKind.AUTO_SUBMITTED.name(), ServerKind.FORCE_SUBMITTED.name());

    public SeatEvent {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** Who reported an event. */
    public enum Source {
        BROWSER, AGENT, SERVER
    }

    /** Kinds the candidate page may report. */
    public enum BrowserKind {
        VISIBILITY_HIDDEN, VISIBILITY_VISIBLE, BLUR, FOCUS, FULLSCREEN_EXIT, FULLSCREEN_ENTER, PASTE, OFFLINE, ONLINE
    }

    /** Kinds a seat agent may report (docs/candidate-protocol.md §6). */
    public enum AgentKind {
        USB_STORAGE_INSERTED, USB_STORAGE_REMOVED, DISPLAY_ATTACHED, DISPLAY_DETACHED, PHONE_DETECTED,
        BLUETOOTH_DEVICE_SEEN, EARPHONE_DETECTED, PRESENCE_LOST, PRESENCE_REGAINED
    }

    /**
     * Kinds the server records itself. The proctor's actions are {@code PAUSED}, {@code RESUMED}, {@code EXTENDED},
     * {@code REMINDED} (detail {@code message}, optional {@code category}), {@code LEAVE_PERMITTED} (detail
     * {@code until} in epoch ms, {@code reason}) and {@code INCIDENT_RECORDED} (detail {@code category},
     * {@code note}); each detail also names the proctor as {@code by}. {@code REMINDER_ACKNOWLEDGED} (detail
     * {@code reminderId}, the id of the {@code REMINDED} event) is the candidate's acknowledgement on the page. {@code DECISION_RECORDED} (detail {@code decisionId},
     * {@code category}, {@code outcome}, {@code flagId} when it answers a flag, {@code by}) is a reviewer's decision. {@code SEAT_CHANGED} (detail {@code from}, {@code to}, {@code reason}) and
     * {@code FORCE_SUBMITTED} (detail {@code reason}) are proctor actions too. {@code SOCKET_OPENED} marks the
     * first seat socket of an attempt on this cluster (the page loaded its paper and is connected; a later socket is
     * a {@code RECONNECT}), so a console can tell "logged in" from "waiting / answering".
     */
    public enum ServerKind {
        LOGIN, SOCKET_OPENED, WRONG_SEAT, RECONNECT, DISCONNECT, HEARTBEAT_GAP, PAUSED, RESUMED, EXTENDED, REMINDED,
        REMINDER_ACKNOWLEDGED, LEAVE_PERMITTED, INCIDENT_RECORDED, SUBMITTED, AUTO_SUBMITTED, DECISION_RECORDED,
        SEAT_CHANGED, FORCE_SUBMITTED
    }
}
