package cn.examcore.proctor.rules;

import cn.examcore.contract.SeatEvent;
import java.util.Objects;

/**
 * One input of the {@link RulesEngine}, in server-time order: a stored seat event, or a clock tick that lets the
 * time-based rules ("away for more than 120 s") fire without the engine ever reading the wall clock, so a replay
 * of the same inputs gives the same outputs.
 */
public sealed interface RuleInput {

    /** Server time of this input (epoch ms). */
    long at();

    /** Wraps a seat event. */
    static RuleInput of(SeatEvent event) {
        return new Event(event);
    }

    /** A clock tick at server time {@code at}. */
    static RuleInput tick(long at) {
        return new Tick(at);
    }

    /** A seat event as stored by exam-server; its {@link SeatEvent#at()} is the server time. */
    record Event(SeatEvent event) implements RuleInput {
        public Event {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public long at() {
            return event.at();
        }
    }

    /** The server clock reached {@code at}; nothing happened at any seat. */
    record Tick(long at) implements RuleInput {
    }
}
