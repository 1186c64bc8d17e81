package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * Every message the server sends to a candidate page over its seat socket (docs/candidate-protocol.md), one record
 * per {@code type}. Whoever sends one (the socket itself, the submission service, a proctor's action) builds the
 * record, so a message has one shape wherever it comes from.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SeatMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = SeatMessage.Key.class, name = "key"),
    @JsonSubTypes.Type(value = SeatMessage.State.class, name = "state"),
    @JsonSubTypes.Type(value = SeatMessage.Saved.class, name = "saved"),
    @JsonSubTypes.Type(value = SeatMessage.Submitted.class, name = "submitted"),
    @JsonSubTypes.Type(value = SeatMessage.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = SeatMessage.Reminder.class, name = "reminder"),
    @JsonSubTypes.Type(value = SeatMessage.Announcement.class, name = "announcement"),
    @JsonSubTypes.Type(value = SeatMessage.SeatChanged.class, name = "seat-changed"),
    @JsonSubTypes.Type(value = SeatMessage.Error.class, name = "error")})
public sealed interface SeatMessage {

    /**
     * The reply to {@code hello}, after the merge: the server's answer vector acknowledges the page's.
     *
     * @param serverNow server time (epoch ms)
     * @param state     the attempt's state
     * @param t0        the attempt's start (epoch ms)
     * @param deadline  its deadline now (epoch ms)
     * @param key       the paper key once the attempt has started; absent before
     * @param answers   every answer the server holds
     * @param submitFrom the first moment the candidate may submit (最早交卷; the start when the sitting has no
     *                   such rule), so the page can say when its submit button opens
     */
    record Welcome(long serverNow, String state, long t0, long deadline,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String key, List<HeldAnswer> answers, long submitFrom)
            implements SeatMessage {
    }

    /**
     * One answer as the server holds it.
     *
     * @param item  the item number
     * @param value the canonical value as JSON (null: cleared)
     * @param rev   the page's revision of it
     */
    record HeldAnswer(int item, @JsonRawValue String value, long rev) {
    }

    /**
     * The paper key, at the attempt's start, with the deadline counted from that start. The page opens the paper on
     * the key; carrying the deadline here means its clock never shows, even for a moment, the deadline it knew
     * before the start (the {@link State} with reason {@code start} that follows says the same).
     *
     * @param key      the paper key (base64)
     * @param deadline the deadline (epoch ms)
     */
    record Key(String key, long deadline) implements SeatMessage {
    }

    /**
     * The attempt's state changed: it started, a proctor paused, resumed or extended it, or the deadline froze it.
     *
     * @param state     the new state
     * @param deadline  the deadline now (epoch ms)
     * @param serverNow server time (epoch ms)
     * @param reason    {@code start}, {@code deadline}, or the proctor's action in lower case ({@code pause} …)
     * @param note      only for an extension or a pause: the proctor's reason, shown to the candidate
     */
    record State(String state, long deadline, long serverNow, String reason,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String note) implements SeatMessage {
    }

    /** A save is held by the cluster (two members). */
    record Saved(int item, long rev) implements SeatMessage {
    }

    /** The attempt is frozen; its receipt. */
    record Submitted(Receipt receipt) implements SeatMessage {
    }

    /**
     * The answer to {@code ping}.
     *
     * @param clientTime what the page sent, echoed as JSON (null when it sent none)
     * @param serverNow  server time (epoch ms)
     */
    record Pong(@JsonRawValue String clientTime, long serverNow) implements SeatMessage {
    }

    /**
     * A proctor's reminder (提醒) for the candidate to acknowledge.
     *
     * @param reminderId the id of the {@code REMINDED} event the page acknowledges with
     * @param message    the text shown
     * @param at         server time (epoch ms)
     */
    record Reminder(String reminderId, String message, long at) implements SeatMessage {
    }

    /**
     * An announcement to the seat's room or the whole sitting (考场公告), shown as a banner until acknowledged.
     *
     * @param announcementId what the page acknowledges with
     * @param message        the text
     * @param at             when it was made (epoch ms)
     * @param scope          {@code room} or {@code sitting}
     */
    record Announcement(String announcementId, String message, long at, String scope) implements SeatMessage {
    }

    /** A proctor moved the attempt to another seat: this terminal drains its journal and stops. */
    record SeatChanged(String from, String to) implements SeatMessage {
    }

    /**
     * A refused message or socket; nothing was changed.
     *
     * @param code    the {@link ErrorType} name
     * @param message a human text
     * @param details the offending {@code field}, and {@code item}/{@code rev} for an answer
     */
    record Error(String code, String message, Map<String, Object> details) implements SeatMessage {
    }
}
