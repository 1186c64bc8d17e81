package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;

/**
 * 提醒: a reminder recorded for a seat (a {@code REMINDED} event).
 *
 * @param eventId  the REMINDED event
 * @param at       its server time
 * @param category what it was about, or null when the proctor did not say: then it covers every tier-A category
 * @param by       the staff member, when recorded
 * @param message  the text shown to the candidate, when recorded
 */
public record Reminder(String eventId, long at, MisconductCode category, String by, String message) {

    /** Whether this reminder counts as a reminder about {@code c}. */
    public boolean covers(MisconductCode c) {
        return category == null || category == c;
    }

    Evidence evidence() {
        return new Evidence(eventId, SeatEvent.Kind.REMINDED.name(), at);
    }
}
