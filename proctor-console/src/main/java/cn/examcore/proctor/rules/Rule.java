package cn.examcore.proctor.rules;

import cn.examcore.contract.SeatEvent;

/**
 * One misconduct rule. The engine makes one instance per seat (from a {@code Function<RulesConfig, Rule>}), so a
 * rule's fields are that seat's state, and a new rule is a new class added to {@link RulesEngine#standardRules()}.
 * A rule only reports {@link Finding}s; the engine decides what becomes of them (a suggestion, a flag, or more
 * evidence on an open flag), which is where the reminder condition of tier A is enforced for every rule at once.
 */
public interface Rule {

    /**
     * Called for each event at this seat, after the engine recorded the shared facts it carries (reminders,
     * leave permissions, pause, submission) and after {@link #onTime} ran for the event's time.
     */
    void onEvent(SeatEvent event, SeatView seat, Findings findings);

    /** Called with the server time before each event at this seat and on every tick. */
    default void onTime(long now, SeatView seat, Findings findings) {
    }

    /** The name shown on outputs. */
    default String name() {
        return getClass().getSimpleName();
    }
}
