package cn.examcore.server.attempt;

import cn.examcore.server.attempt.domain.Attempt;
import io.vertx.core.Future;

/**
 * Whether a seat may have the paper key now that its attempt has started: a sitting can hold the key until the
 * candidate's identity was confirmed at the seat. The seat socket asks before it sends a key.
 */
@FunctionalInterface
public interface KeyGate {

    /** What the gate says of one seat. */
    enum Verdict {
        /**
         * The key may go out with the attempt as read: the sitting holds no key back, or this seat was confirmed
         * before its attempt started.
         */
        OPEN,
        /**
         * The sitting holds keys until a confirmation, and this seat's came after its attempt started. That
         * confirmation may have extended the attempt by the wait (an uncharged wait) after the caller read it, so the
         * caller reads it again before it sends the clock.
         */
        CONFIRMED,
        /** The key waits for the confirmation. */
        HELD;

        /** Whether the key may go out. */
        public boolean allowed() {
            return this != HELD;
        }
    }

    /** Every seat may have its key at its start. */
    KeyGate OPEN = attempt -> Future.succeededFuture(Verdict.OPEN);

    /** Whether the seat of this attempt may have its key, and whether the gate had to be passed. */
    Future<Verdict> mayHaveKey(Attempt attempt);
}
