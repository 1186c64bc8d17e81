package cn.examcore.server.common;

/**
 * Event-bus addresses shared by exam-server nodes and the proctor console. Payloads are JSON text produced by
 * {@link Json}; every node and the console encode and decode them with the records of this package.
 */
public final class Addresses {

    /** Every stored {@link SeatEvent}, published as it is stored. */
    public static final String SEAT_EVENTS = "examcore.events";

    /** Every proctor action after it took effect ({@link AuditRecord}). */
    public static final String AUDIT = "examcore.audit";

    /**
     * A seat's answer count after saves ({@link SeatProgress}), at most about once a second per seat: saves are
     * coalesced by the seat's socket, so a console sees progress move within two seconds without one message per save.
     * Not stored: the attempt itself is the record, and {@code GET /api/proctor/sittings/{id}/attempts} gives the same
     * counts to a console that starts late.
     */
    public static final String SEAT_PROGRESS = "examcore.progress";

    private Addresses() {
    }

    /** Messages for the socket of one attempt, whichever node holds it: server→page messages as JSON. */
    public static String seat(String attemptId) {
        return "examcore.seat." + attemptId;
    }

    /**
     * Published once when a sitting's key is released early by an administrator; the body is the sitting id. One
     * address for every sitting, so each node registers its one consumer when it starts, long before any seat of any
     * sitting connects: a per-sitting registration made when the first seat arrived could still be on its way to
     * the releasing node when the release was published.
     */
    public static final String SITTING_RELEASED = "examcore.sitting.released";
}
