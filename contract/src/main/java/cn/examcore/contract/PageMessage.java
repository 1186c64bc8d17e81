package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Every message a candidate page sends the server over its seat socket (docs/candidate-protocol.md §4), one record
 * per {@code type}; the other direction is {@link SeatMessage}. exam-server reads a frame into one of these in one
 * place, which refuses an unknown {@code type} or a field of the wrong shape before anything acts on it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PageMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = PageMessage.Save.class, name = "save"),
    @JsonSubTypes.Type(value = PageMessage.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = PageMessage.Event.class, name = "event"),
    @JsonSubTypes.Type(value = PageMessage.AckReminder.class, name = "ack-reminder"),
    @JsonSubTypes.Type(value = PageMessage.AckAnnouncement.class, name = "ack-announcement"),
    @JsonSubTypes.Type(value = PageMessage.AckRules.class, name = "ack-rules"),
    @JsonSubTypes.Type(value = PageMessage.Submit.class, name = "submit"),
    @JsonSubTypes.Type(value = PageMessage.Drained.class, name = "drained")})
public sealed interface PageMessage {

    /**
     * One answer of the page's journal, as the page sends it.
     *
     * @param item  the item number
     * @param value the value shape as JSON text; {@code null} (the JSON literal) clears the answer
     * @param rev   the page's revision of it, not negative
     */
    record AnswerEntry(int item, @JsonRawValue String value, long rev) {
    }

    /** The first message after every (re)connect: the page's whole answer vector. */
    record Hello(List<AnswerEntry> answers) implements PageMessage {
        public Hello {
            answers = answers == null ? List.of() : List.copyOf(answers);
        }
    }

    /** One change of one answer. */
    record Save(int item, @JsonRawValue String value, long rev) implements PageMessage {

        /** The change as a journal entry. */
        public AnswerEntry entry() {
            return new AnswerEntry(item, value, rev);
        }
    }

    /**
     * Time sync and heartbeat.
     *
     * @param clientTime whatever the page sent, as JSON text, echoed in the {@code pong}; null when it sent none
     */
    record Ping(@JsonRawValue String clientTime) implements PageMessage {
    }

    /**
     * Something the page saw.
     *
     * @param kind       one of the kinds a {@link SeatEvent.Source#BROWSER} reports
     * @param detail     what the page sent along (an object as it is; any other value as {@code {value: …}})
     * @param clientTime the page's clock (epoch ms), 0 when it sent none
     */
    record Event(SeatEvent.Kind kind, EventDetail.Reported detail, long clientTime) implements PageMessage {
    }

    /** The candidate acknowledged the reminder with this id. */
    record AckReminder(String reminderId) implements PageMessage {
    }

    /** The candidate acknowledged the announcement with this id. */
    record AckAnnouncement(String announcementId) implements PageMessage {
    }

    /** The candidate acknowledged the candidate rules (考生承诺) in the version of the text the page showed. */
    record AckRules(String version) implements PageMessage {
    }

    /**
     * The candidate's own submission.
     *
     * @param answers the final vector, merged before the attempt freezes
     * @param digest  the page's digest of its vector (64 hex characters)
     */
    record Submit(List<AnswerEntry> answers, String digest) implements PageMessage {
        public Submit {
            answers = answers == null ? List.of() : List.copyOf(answers);
        }
    }

    /** After {@code seat-changed}: every unacknowledged save was re-sent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Drained() implements PageMessage {
    }
}
