package cn.examcore.proctor.rules;

import cn.examcore.contract.SeatEvent;
import java.util.Comparator;
import java.util.Objects;

/**
 * One stored seat event that supports a suggestion or a flag.
 *
 * @param eventId the {@link SeatEvent#id()}
 * @param kind    the event's kind, so a reader need not look the event up to see what it was
 * @param at      the event's server time (epoch ms)
 */
public record Evidence(String eventId, String kind, long at) {

    /** Chronological, then by id: the order evidence is listed in, which makes "the first evidence" well defined. */
    public static final Comparator<Evidence> CHRONOLOGICAL =
            Comparator.comparingLong(Evidence::at).thenComparing(Evidence::eventId);

    public Evidence {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
    }

    public static Evidence of(SeatEvent event) {
        return new Evidence(event.id(), event.kind().name(), event.at());
    }
}
