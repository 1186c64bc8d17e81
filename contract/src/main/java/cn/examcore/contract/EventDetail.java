package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts of a {@link SeatEvent}, one record per kind that has facts of its own ({@link SeatEvent.Kind#detailType()}
 * says which); written as a flat JSON object of its fields, optional ones left out when absent. Each record's
 * {@code read} is how {@link SeatEvent.Kind#read} builds it from JSON.
 */
public sealed interface EventDetail {

    /** The detail of a kind without facts ({@code LOGIN}, {@code SOCKET_OPENED}, {@code RECONNECT} …): {@code {}}. */
    record NoFacts() implements EventDetail {

        /** The one value there is. */
        public static final NoFacts NONE = new NoFacts();

        static NoFacts read(DetailFacts f) {
            return NONE;
        }

        @JsonValue
        Map<String, Object> json() {
            return Map.of();
        }
    }

    /**
     * What the page sent along with a kind it reports: its own small object, kept as sent; nothing reads a fact of
     * it, it is shown as it is.
     *
     * @param facts the object's fields in their order
     */
    record Reported(Map<String, Object> facts) implements EventDetail {

        public Reported {
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
        }

        static Reported read(DetailFacts f) {
            return new Reported(f.rest());
        }

        @JsonValue
        @Override
        public Map<String, Object> facts() {
            return facts;
        }
    }

    /**
     * What a seat agent sent along with a kind it reports (docs/candidate-protocol.md §6): a small object whose
     * {@code label} names the device when the agent knows it ({@code {"label": "KINGSTON 32GB"}}); any other field
     * is the agent's own ({@code {"rssi": "-48"}}) and kept as sent.
     *
     * @param label the device's name, or null
     * @param other the agent's other fields, in their order
     */
    record AgentReport(String label, Map<String, Object> other) implements EventDetail {

        public AgentReport {
            other = Collections.unmodifiableMap(new LinkedHashMap<>(other == null ? Map.of() : other));
        }

        static AgentReport read(DetailFacts f) {
            return new AgentReport(f.optionalText("label"), f.rest());
        }

        @JsonValue
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            if (label != null) {
                json.put("label", label);
            }
            json.putAll(other);
            return json;
        }
    }

    /**
     * {@code WRONG_SEAT}: a candidate tried to log in at another seat than theirs.
     *
     * @param ticket       the candidate's ticket
     * @param assignedSeat their own seat
     * @param terminalSeat the seat of the terminal they tried
     */
    record WrongSeat(String ticket, String assignedSeat, String terminalSeat) implements EventDetail {
        static WrongSeat read(DetailFacts f) {
            return new WrongSeat(f.text("ticket"), f.text("assignedSeat"), f.text("terminalSeat"));
        }
    }

    /**
     * {@code HEARTBEAT_GAP}: the seat was silent too long while answering.
     *
     * @param silentSeconds how long, in whole seconds
     * @param connected     whether its socket was still open (false: it closed and none came back)
     */
    record HeartbeatGap(long silentSeconds, boolean connected) implements EventDetail {
        static HeartbeatGap read(DetailFacts f) {
            return new HeartbeatGap(f.number("silentSeconds"), f.bool("connected"));
        }
    }

    /**
     * {@code PAUSED}, {@code RESUMED}: a proctor's action on the attempt's clock.
     *
     * @param by     the proctor
     * @param reason why, when they said (never shown to the candidate)
     */
    record ProctorAction(String by, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements EventDetail {
        static ProctorAction read(DetailFacts f) {
            return new ProctorAction(f.text("by"), f.optionalText("reason"));
        }
    }

    /**
     * {@code EXTENDED}: a proctor gave the attempt more time.
     *
     * @param by      the proctor
     * @param reason  why, when they said (shown to the candidate)
     * @param seconds how much more
     */
    record Extended(String by, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, long seconds) implements EventDetail {
        static Extended read(DetailFacts f) {
            return new Extended(f.text("by"), f.optionalText("reason"), f.number("seconds"));
        }
    }

    /**
     * {@code REMINDED}: a proctor's reminder (提醒), which the page shows until the candidate acknowledges it.
     *
     * @param by       the proctor
     * @param reason   why, when they said
     * @param message  the text shown to the candidate
     * @param category the tier-A category it is about; absent: it covers every tier-A category
     */
    record Reminded(String by, @JsonInclude(JsonInclude.Include.NON_NULL) String reason, String message,
                    @JsonInclude(JsonInclude.Include.NON_NULL) MisconductCode category) implements EventDetail {
        static Reminded read(DetailFacts f) {
            return new Reminded(f.text("by"), f.optionalText("reason"), f.text("message"),
                    f.optionalCode("category"));
        }
    }

    /**
     * {@code REMINDER_ACKNOWLEDGED}: the candidate acknowledged a reminder on the page.
     *
     * @param reminderId the id of the {@code REMINDED} event
     */
    record ReminderAcknowledged(String reminderId) implements EventDetail {
        static ReminderAcknowledged read(DetailFacts f) {
            return new ReminderAcknowledged(f.text("reminderId"));
        }
    }

    /**
     * {@code LEAVE_PERMITTED}: a proctor let the candidate leave the seat for a while.
     *
     * @param by     the proctor
     * @param reason why
     * @param until  until when (epoch ms)
     */
    record LeavePermitted(String by, String reason, long until) implements EventDetail {
        static LeavePermitted read(DetailFacts f) {
            return new LeavePermitted(f.text("by"), f.text("reason"), f.number("until"));
        }
    }

    /**
     * {@code INCIDENT_RECORDED}: a proctor recorded what they saw at the seat.
     *
     * @param category the misconduct category
     * @param note     the proctor's observation
     * @param by       the proctor
     */
    record IncidentRecorded(MisconductCode category, String note, String by) implements EventDetail {
        static IncidentRecorded read(DetailFacts f) {
            return new IncidentRecorded(f.code("category"), f.text("note"), f.text("by"));
        }
    }

    /**
     * {@code SUBMITTED}, {@code AUTO_SUBMITTED}: the attempt was frozen; its receipt's figures.
     *
     * @param answered the items holding an answer
     * @param digest   the server's digest of the frozen answers
     * @param receipt  the receipt code the candidate quotes
     */
    record Submission(long answered, String digest, String receipt) implements EventDetail {
        static Submission read(DetailFacts f) {
            return new Submission(f.number("answered"), f.text("digest"), f.text("receipt"));
        }
    }

    /**
     * {@code DECISION_RECORDED}: a reviewer's decision about the attempt.
     *
     * @param decisionId the decision
     * @param category   its misconduct category
     * @param outcome    its outcome
     * @param flagId     the flag it answers, when it answers one
     * @param by         the reviewer
     */
    record DecisionRecorded(String decisionId, MisconductCode category, String outcome,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String flagId, String by)
            implements EventDetail {
        static DecisionRecorded read(DetailFacts f) {
            return new DecisionRecorded(f.text("decisionId"), f.code("category"), f.text("outcome"),
                    f.optionalText("flagId"), f.text("by"));
        }
    }

    /**
     * {@code SEAT_CHANGED}: a proctor moved the attempt to another seat (调换座位).
     *
     * @param by     the proctor
     * @param reason why
     * @param from   the seat it left
     * @param to     the seat it moved to
     */
    record SeatChanged(String by, String reason, String from, String to) implements EventDetail {
        static SeatChanged read(DetailFacts f) {
            return new SeatChanged(f.text("by"), f.text("reason"), f.text("from"), f.text("to"));
        }
    }

    /**
     * {@code OFFLINE_ANSWERS_MERGED}: a proctor uploaded the seat's offline answer file (离线答卷) after the deadline
     * and its answers were merged by revision into the frozen attempt, whose result was scored again.
     *
     * @param by            the proctor who uploaded it
     * @param merged        how many of the file's answers won (0 when the attempt held them all already)
     * @param answered      answered items after the merge
     * @param digest        the server's digest of the answers after the merge
     * @param receipt       the receipt code of the attempt after the merge (the one a later hello shows)
     * @param fileCreatedAt when the page wrote the file, by its server-synchronised clock (epoch ms)
     */
    record OfflineAnswersMerged(String by, long merged, long answered, String digest, String receipt,
                                long fileCreatedAt) implements EventDetail {
        static OfflineAnswersMerged read(DetailFacts f) {
            return new OfflineAnswersMerged(f.text("by"), f.number("merged"), f.number("answered"),
                    f.text("digest"), f.text("receipt"), f.number("fileCreatedAt"));
        }
    }

    /**
     * {@code FORCE_SUBMITTED}: a proctor submitted the attempt.
     *
     * @param by     the proctor
     * @param reason why
     */
    record ForceSubmitted(String by, String reason) implements EventDetail {
        static ForceSubmitted read(DetailFacts f) {
            return new ForceSubmitted(f.text("by"), f.text("reason"));
        }
    }

    /**
     * {@code IDENTITY_MISMATCH}: an identity check at the seat failed.
     *
     * @param reason what did not match (photo, ID number), when the check said
     */
    record IdentityMismatch(@JsonInclude(JsonInclude.Include.NON_NULL) String reason) implements EventDetail {
        static IdentityMismatch read(DetailFacts f) {
            return new IdentityMismatch(f.optionalText("reason"));
        }
    }

    /**
     * {@code IDENTITY_CONFIRMED}: a reader at the seat confirmed the candidate's identity.
     *
     * @param reader the reader's own name for itself (model, serial), when it said
     */
    record IdentityConfirmed(@JsonInclude(JsonInclude.Include.NON_NULL) String reader) implements EventDetail {
        static IdentityConfirmed read(DetailFacts f) {
            return new IdentityConfirmed(f.optionalText("reader"));
        }
    }

    /**
     * {@code ANNOUNCEMENT_ACKNOWLEDGED}: the candidate acknowledged an announcement on the page.
     *
     * @param announcementId the announcement
     */
    record AnnouncementAcknowledged(String announcementId) implements EventDetail {
        static AnnouncementAcknowledged read(DetailFacts f) {
            return new AnnouncementAcknowledged(f.text("announcementId"));
        }
    }

    /**
     * {@code IDENTITY_VERIFIED}: a proctor confirmed the candidate's identity at the seat.
     *
     * @param by     the proctor
     * @param method SEAT (this seat) or ROOM (the proctor confirmed the whole room at once)
     */
    record IdentityVerified(String by, String method) implements EventDetail {
        static IdentityVerified read(DetailFacts f) {
            return new IdentityVerified(f.text("by"), f.text("method"));
        }
    }

    /**
     * {@code RULES_ACKNOWLEDGED}: the candidate acknowledged the candidate rules (考生承诺); the event's time is when.
     *
     * @param version the version of the rules text the page showed
     */
    record RulesAcknowledged(String version) implements EventDetail {
        static RulesAcknowledged read(DetailFacts f) {
            return new RulesAcknowledged(f.text("version"));
        }
    }

    /**
     * {@code LATE_ENTRY_REFUSED}: a first login after the late-entry cutoff; the seat is recorded absent.
     *
     * @param ticket   the candidate's ticket
     * @param closedAt when late entry closed (epoch ms)
     */
    record LateEntryRefused(String ticket, long closedAt) implements EventDetail {
        static LateEntryRefused read(DetailFacts f) {
            return new LateEntryRefused(f.text("ticket"), f.number("closedAt"));
        }
    }

    /**
     * {@code EVENTS_FOLDED}: events of one kind that came faster than a page or a reconnecting terminal can
     * legitimately send them, counted instead of stored one by one (a page sending thousands of focus changes, fifty
     * sockets opened for one seat). The count stays evidence; the flood does not reach the store or the consoles.
     *
     * @param kind  the kind that was folded
     * @param count how many of it were not stored
     * @param from  when the first of them arrived (epoch ms)
     * @param to    when the last of them arrived (epoch ms)
     */
    record Folded(String kind, long count, long from, long to) implements EventDetail {
        static Folded read(DetailFacts f) {
            return new Folded(f.text("kind"), f.number("count"), f.number("from"), f.number("to"));
        }
    }
}
