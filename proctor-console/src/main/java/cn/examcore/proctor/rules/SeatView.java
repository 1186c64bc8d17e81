package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode;
import java.util.Optional;

/** The facts about a seat that every rule may read; the engine keeps them up to date. */
public interface SeatView {

    String sittingId();

    String seatCode();

    /** The attempt at this seat, or null while no event has named one. */
    String attemptId();

    /** Whether an attempt is known at this seat and not yet submitted. */
    boolean attemptOpen();

    /** The earliest reminder recorded for this seat that covers {@code category}. */
    Optional<Reminder> reminderFor(MisconductCode category);

    /**
     * Until when (server epoch ms) leaving the seat is excused: the latest leave permission's {@code until} plus
     * the configured grace, {@link Long#MAX_VALUE} while the attempt is paused, {@link Long#MIN_VALUE} when never.
     */
    long leaveExcusedUntil();
}
