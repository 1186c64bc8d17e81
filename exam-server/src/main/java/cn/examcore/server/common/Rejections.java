package cn.examcore.server.common;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.attempt.domain.AttemptRejected;

/**
 * The one mapping from a refused attempt change to the error code every transport reports (HTTP replies, seat
 * socket errors, proctor command outcomes), so a client sees the same code for the same refusal on every path.
 */
public final class Rejections {

    private Rejections() {
    }

    /** The error code of a refusal. */
    public static ErrorType errorType(AttemptRejected rejected) {
        return switch (rejected.reason()) {
            case NOT_STARTED -> ErrorType.NOT_STARTED;
            case PAUSED -> ErrorType.PAUSED;
            case SUBMITTED -> ErrorType.ATTEMPT_SUBMITTED;
            case ILLEGAL_TRANSITION -> ErrorType.ILLEGAL_TRANSITION;
        };
    }
}
