package cn.examcore.server.auth;

import java.util.Objects;

/**
 * A token or credential was refused. Every reason maps to HTTP 401; the reason code goes into the error body so
 * a page can tell "log in again" ({@link Reason#STALE_TOKEN}) from "this is not a token of ours".
 */
public final class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        /** Malformed, forged (bad signature), unsigned, or not issued by this service. */
        BAD_TOKEN,
        /** Genuine but expired, not yet valid, or superseded (e.g. the candidate was moved to another seat). */
        STALE_TOKEN,
        /** Genuine and current, but of another kind than the endpoint accepts (a terminal token at a staff API). */
        WRONG_KIND
    }

    private final Reason reason;

    public AuthException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The machine-readable reason; also the error body's {@code code}. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status the failure handler should answer with. */
    public int httpStatus() {
        return 401;
    }
}
