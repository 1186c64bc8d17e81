package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * 考位事件: one thing observed at a seat, from the candidate page, the seat's agent or the server itself; stored
 * per attempt and published to the proctor consoles.
 *
 * <p>On the wire the kind is its name ({@code "kind": "BLUR"}) and the detail a flat object of the facts its kind
 * carries ({@code "detail": {"message": …, "by": …}}); which record the detail is follows from the kind, so an event
 * whose detail does not fit its kind cannot be built, nor read from JSON.
 *
 * @param id         unique id
 * @param sittingId  the sitting
 * @param attemptId  the attempt open at the seat, or null when none was (agent events before login)
 * @param seatCode   the seat
 * @param source     who reported it: always the kind's {@link Kind#source()}
 * @param kind       what happened
 * @param detail     the facts of its kind, an instance of {@link Kind#detailType()}
 * @param observedAt the reporter's own time (epoch ms), 0 when it sent none; never trusted for ordering
 * @param at         the server time it was stored (epoch ms)
 */
public record SeatEvent(String id, String sittingId, String attemptId, String seatCode, Source source, Kind kind,
                        EventDetail detail, long observedAt, long at) {

    /** A kind without facts may be given no detail; every other mismatch of kind, source and detail is refused. */
    public SeatEvent {
        Objects.requireNonNull(kind, "kind");
        if (source != kind.source()) {
            throw new IllegalArgumentException("a " + kind + " event is reported by " + kind.source() + ", not "
                    + source);
        }
        if (detail == null) {
            detail = kind.read(Map.of());
        }
        if (!kind.detailType().isInstance(detail)) {
            throw new IllegalArgumentException("detail of a " + kind + " event must be "
                    + kind.detailType().getSimpleName() + ", not " + detail.getClass().getSimpleName());
        }
    }

    /** Reads an event from JSON: the detail is read as the record its kind names. */
    @JsonCreator
    static SeatEvent fromJson(@JsonProperty("id") String id, @JsonProperty("sittingId") String sittingId,
                              @JsonProperty("attemptId") String attemptId, @JsonProperty("seatCode") String seatCode,
                              @JsonProperty("source") Source source, @JsonProperty("kind") Kind kind,
                              @JsonProperty("detail") Map<String, Object> detail,
                              @JsonProperty("observedAt") long observedAt, @JsonProperty("at") long at) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is missing");
        }
        return new SeatEvent(id, sittingId, attemptId, seatCode, source, kind,
                kind.read(detail == null ? Map.of() : detail), observedAt, at);
    }

    /** Who reported an event. */
    public enum Source {
        BROWSER, AGENT, SERVER
    }

    /**
     * Every kind of seat event, with who reports it, the record its detail is, and whether it ends the attempt.
     * The page may report the {@code BROWSER} kinds (docs/candidate-protocol.md §4) and a seat agent the
     * {@code AGENT} kinds (§6); the server records the rest itself.
     */
    public enum Kind {
        /** The page's tab or window was hidden. */
        VISIBILITY_HIDDEN(Source.BROWSER),
        /** It was shown again. */
        VISIBILITY_VISIBLE(Source.BROWSER),
        /** The page lost the focus (another window). */
        BLUR(Source.BROWSER),
        /** It has the focus again. */
        FOCUS(Source.BROWSER),
        /** Full screen was left. */
        FULLSCREEN_EXIT(Source.BROWSER),
        /** Full screen was entered again. */
        FULLSCREEN_ENTER(Source.BROWSER),
        /** Something was pasted into an answer. */
        PASTE(Source.BROWSER),
        /** The browser went offline. */
        OFFLINE(Source.BROWSER),
        /** It is online again. */
        ONLINE(Source.BROWSER),

        /** USB mass storage plugged in. */
        USB_STORAGE_INSERTED(Source.AGENT),
        /** It was removed. */
        USB_STORAGE_REMOVED(Source.AGENT),
        /** An extra display attached. */
        DISPLAY_ATTACHED(Source.AGENT),
        /** It was detached. */
        DISPLAY_DETACHED(Source.AGENT),
        /** A phone detected near the seat. */
        PHONE_DETECTED(Source.AGENT),
        /** A Bluetooth device seen near the seat. */
        BLUETOOTH_DEVICE_SEEN(Source.AGENT),
        /** An earphone detected. */
        EARPHONE_DETECTED(Source.AGENT),
        /** Nobody at the seat. */
        PRESENCE_LOST(Source.AGENT),
        /** Somebody at the seat again. */
        PRESENCE_REGAINED(Source.AGENT),

        /** The candidate logged in at the seat. */
        LOGIN(EventDetail.NoFacts.class, EventDetail.NoFacts::read, false),
        /**
         * The first seat socket of an attempt on this cluster (the page loaded its paper and is connected; a later
         * socket is a {@code RECONNECT}), so a console can tell "logged in" from "waiting / answering".
         */
        SOCKET_OPENED(EventDetail.NoFacts.class, EventDetail.NoFacts::read, false),
        /** A candidate tried to log in at another seat than theirs, and was refused. */
        WRONG_SEAT(EventDetail.WrongSeat.class, EventDetail.WrongSeat::read, false),
        /** A later socket of the attempt. */
        RECONNECT(EventDetail.NoFacts.class, EventDetail.NoFacts::read, false),
        /** The attempt's socket on this node closed. */
        DISCONNECT(EventDetail.NoFacts.class, EventDetail.NoFacts::read, false),
        /** The seat was silent (or disconnected) longer than the heartbeat gap while answering. */
        HEARTBEAT_GAP(EventDetail.HeartbeatGap.class, EventDetail.HeartbeatGap::read, false),
        /** A proctor paused the attempt. */
        PAUSED(EventDetail.ProctorAction.class, EventDetail.ProctorAction::read, false),
        /** A proctor resumed it. */
        RESUMED(EventDetail.ProctorAction.class, EventDetail.ProctorAction::read, false),
        /**
         * A proctor reopened the submitted attempt (重新开放) before the sitting ended; its result is withdrawn until
         * the next submission.
         */
        REOPENED(EventDetail.ProctorAction.class, EventDetail.ProctorAction::read, false),
        /** A proctor extended its time. */
        EXTENDED(EventDetail.Extended.class, EventDetail.Extended::read, false),
        /** A proctor reminded the candidate (提醒). */
        REMINDED(EventDetail.Reminded.class, EventDetail.Reminded::read, false),
        /** The candidate acknowledged a reminder on the page. */
        REMINDER_ACKNOWLEDGED(EventDetail.ReminderAcknowledged.class, EventDetail.ReminderAcknowledged::read, false),
        /** The candidate acknowledged an announcement to the room or the sitting (考场公告) on the page. */
        ANNOUNCEMENT_ACKNOWLEDGED(EventDetail.AnnouncementAcknowledged.class, EventDetail.AnnouncementAcknowledged::read,
                false),
        /** The candidate acknowledged the candidate rules (考生承诺) on the page, with the version of the text shown. */
        RULES_ACKNOWLEDGED(EventDetail.RulesAcknowledged.class, EventDetail.RulesAcknowledged::read, false),
        /** A proctor permitted the candidate to leave the seat for a while. */
        LEAVE_PERMITTED(EventDetail.LeavePermitted.class, EventDetail.LeavePermitted::read, false),
        /** A proctor recorded an incident at the seat. */
        INCIDENT_RECORDED(EventDetail.IncidentRecorded.class, EventDetail.IncidentRecorded::read, false),
        /** The candidate submitted. */
        SUBMITTED(EventDetail.Submission.class, EventDetail.Submission::read, true),
        /** The deadline submitted the attempt. */
        AUTO_SUBMITTED(EventDetail.Submission.class, EventDetail.Submission::read, true),
        /** A reviewer recorded a decision about the attempt. */
        DECISION_RECORDED(EventDetail.DecisionRecorded.class, EventDetail.DecisionRecorded::read, false),
        /** A proctor moved the attempt to another seat (调换座位). */
        SEAT_CHANGED(EventDetail.SeatChanged.class, EventDetail.SeatChanged::read, false),
        /**
         * A proctor uploaded the seat's offline answer file after the deadline; its answers were merged by revision
         * into the frozen attempt and the result scored again. The attempt stays frozen at its deadline.
         */
        OFFLINE_ANSWERS_MERGED(EventDetail.OfflineAnswersMerged.class, EventDetail.OfflineAnswersMerged::read, false),
        /** A proctor submitted the attempt. */
        FORCE_SUBMITTED(EventDetail.ForceSubmitted.class, EventDetail.ForceSubmitted::read, true),
        /**
         * An ID-card or face reader at the seat found that photo or ID number does not match the candidate: C4
         * (冒名顶替) evidence for the console's rules. Reported by the seat agent.
         */
        IDENTITY_MISMATCH(Source.AGENT, EventDetail.IdentityMismatch.class, EventDetail.IdentityMismatch::read, false),
        /** An ID-card or face reader at the seat confirmed the candidate's identity. Reported by the seat agent. */
        IDENTITY_CONFIRMED(Source.AGENT, EventDetail.IdentityConfirmed.class, EventDetail.IdentityConfirmed::read,
                false),
        /** A proctor confirmed the candidate's identity at the seat (身份核验): photo against person and ID card. */
        IDENTITY_VERIFIED(EventDetail.IdentityVerified.class, EventDetail.IdentityVerified::read, false),
                /**
         * A candidate who had never logged in came after the sitting's late-entry cutoff (迟到): refused, and the
         * seat recorded absent (缺考).
         */
        LATE_ENTRY_REFUSED(EventDetail.LateEntryRefused.class, EventDetail.LateEntryRefused::read, false),
        /** Events of one kind that came too fast, counted rather than stored one by one. */
        EVENTS_FOLDED(EventDetail.Folded.class, EventDetail.Folded::read, false);

        private final Source source;
        private final Class<? extends EventDetail> detailType;
        private final Function<DetailFacts, EventDetail> reader;
        private final boolean endsAttempt;

        /** A kind the page or an agent reports: its facts are the reporter's own, kept as sent. */
        Kind(Source reporter) {
            this(reporter, reporter == Source.AGENT ? EventDetail.AgentReport.class : EventDetail.Reported.class,
                    reporter == Source.AGENT ? EventDetail.AgentReport::read : EventDetail.Reported::read, false);
        }

        /** A kind the server records. */
        Kind(Class<? extends EventDetail> detailType, Function<DetailFacts, EventDetail> reader, boolean endsAttempt) {
            this(Source.SERVER, detailType, reader, endsAttempt);
        }

        Kind(Source source, Class<? extends EventDetail> detailType, Function<DetailFacts, EventDetail> reader,
             boolean endsAttempt) {
            this.source = source;
            this.detailType = detailType;
            this.reader = reader;
            this.endsAttempt = endsAttempt;
        }

        /** Who reports this kind. */
        public Source source() {
            return source;
        }

        /** The record every detail of this kind is. */
        public Class<? extends EventDetail> detailType() {
            return detailType;
        }

        /** True for the kinds that end an attempt: the candidate's own submission, the deadline's, and a proctor's. */
        public boolean endsAttempt() {
            return endsAttempt;
        }

        /**
         * The detail of this kind from its JSON object (as a generic JSON reader gives it).
         *
         * @throws IllegalArgumentException naming the field ({@code detail.until}) that is missing, of the wrong
         *                                  type, or not one of this kind's facts
         */
        public EventDetail read(Map<String, ?> json) {
            DetailFacts facts = new DetailFacts(this, json);
            EventDetail detail = reader.apply(facts);
            facts.requireAllRead();
            return detail;
        }

        /** Every kind {@code source} reports, in declaration order. */
        public static Set<Kind> reportedBy(Source source) {
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            for (Kind k : values()) {
                if (k.source == source) {
                    kinds.add(k);
                }
            }
            return Collections.unmodifiableSet(kinds);
        }

        /** The kind of this name, reported by {@code source}; empty when there is none. */
        public static Optional<Kind> reportedBy(Source source, String name) {
            for (Kind k : values()) {
                if (k.source == source && k.name().equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
