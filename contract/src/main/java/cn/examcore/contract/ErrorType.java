package cn.examcore.contract;

/**
 * Every error the node reports, with its HTTP status. The name is the {@code code} of the error body
 * {@code {code, message, details}} over HTTP and of the {@code error} message on the seat socket.
 */
public enum ErrorType {
    BAD_REQUEST(400),
    BAD_MESSAGE(400),
    BAD_VALUE(400),
    /** An offline answer file (离线答卷) that is not one: unreadable, of another format, or missing a field. */
    OFFLINE_FILE_INVALID(400),
    UNKNOWN_ITEM(400),
    MESSAGE_TOO_LARGE(413),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    UNAUTHORIZED(401),
    BAD_TOKEN(401),
    STALE_TOKEN(401),
    WRONG_KIND(401),
    BAD_CREDENTIALS(401),
    BAD_AGENT_KEY(401),
    FORBIDDEN(403),
    BAD_PIN(403),
    WRONG_SEAT(403),
    CHECK_IN_NOT_OPEN(403),
    LATE_ENTRY_CLOSED(403),
    NOT_FOUND(404),
    UNKNOWN_SEAT(404),
    UNKNOWN_SITTING(404),
    CONFLICT(409),
    ALREADY_SUBMITTED(409),
    ATTEMPT_SUBMITTED(409),
    NOT_STARTED(409),
    PAUSED(409),
    ILLEGAL_TRANSITION(409),
    NOT_READY(409),
    TOO_EARLY(409),
    /** An offline answer file uploaded outside its sitting's window after the deadline, or for an attempt that takes none. */
    OFFLINE_WINDOW_CLOSED(409),
    SEAT_CHANGED(409),
    BANK_REJECTED(422),
    ROSTER_REJECTED(422),
    PHOTOS_REJECTED(422),
    BLUEPRINT_REJECTED(422),
    ASSEMBLY_FAILED(422),
    /** An offline answer file whose seal does not verify: changed, forged, or made for another attempt or seat. */
    OFFLINE_FILE_FORGED(422),
    RATE_LIMITED(429),
    RETRY(503),
    INTERNAL(500);

    private final int status;

    ErrorType(int status) {
        this.status = status;
    }

    /** The HTTP status this error is answered with. */
    public int status() {
        return status;
    }
}
