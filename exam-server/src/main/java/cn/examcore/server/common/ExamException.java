package cn.examcore.server.common;

import cn.examcore.contract.ErrorType;
import java.util.Map;

/**
 * The one exception type that becomes an error answer: an {@link ErrorType}, a message a person can act on, and
 * details (e.g. {@code field}) naming what was wrong. Raised before anything was changed.
 */
public final class ExamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final Map<String, Object> details;

    public ExamException(ErrorType type, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.type = type;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ExamException(ErrorType type, String message) {
        this(type, message, Map.of());
    }

    /** A bad-request error naming the offending field. */
    public static ExamException field(ErrorType type, String field, String message) {
        return new ExamException(type, message, Map.of("field", field));
    }

    /**
     * The same error naming the offending field, with its text in Chinese as well ({@code details.messageZh}): the
     * staff pages are Chinese by default, and an English sentence inside a Chinese one reads as a fault.
     */
    public static ExamException field(ErrorType type, String field, String message, String messageZh) {
        return new ExamException(type, message, Map.of("field", field, "messageZh", messageZh));
    }

    public ErrorType type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }
}
