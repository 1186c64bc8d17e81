package cn.examcore.server.proctoring;

import java.util.Set;
import java.util.function.Predicate;

/**
 * The seats of a sitting a staff member may see: the whole sitting (an administrator), or the seats of the rooms
 * assigned to them. A room proctor's reads ask the stores for those seats only, so a console following one room of
 * 40 seats does not have every attempt and event of a 10,000-seat sitting read for it and thrown away.
 */
public final class SeatScope implements Predicate<String> {

    private static final SeatScope WHOLE_SITTING = new SeatScope(null);

    /** null: every seat. */
    private final Set<String> seatCodes;

    private SeatScope(Set<String> seatCodes) {
        this.seatCodes = seatCodes;
    }

    public static SeatScope wholeSitting() {
        return WHOLE_SITTING;
    }

    public static SeatScope seats(Set<String> seatCodes) {
        return new SeatScope(Set.copyOf(seatCodes));
    }

    public boolean whole() {
        return seatCodes == null;
    }

    /** The seat codes in scope; only for a scope that is not the whole sitting. */
    public Set<String> seatCodes() {
        if (seatCodes == null) {
            throw new IllegalStateException("the whole sitting is in scope; it has no list of seats");
        }
        return seatCodes;
    }

    /** Whether the seat is in scope; a seatless record (null) is only in the whole sitting's. */
    @Override
    public boolean test(String seatCode) {
        // An immutable set throws on contains(null); a record without a seat is simply not a room's.
        return seatCodes == null || seatCode != null && seatCodes.contains(seatCode);
    }

    @Override
    public String toString() {
        return seatCodes == null ? "whole sitting" : seatCodes.size() + " seat(s)";
    }
}
