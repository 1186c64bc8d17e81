package cn.examcore.server.conduct.domain;

/**
 * Input the decision domain refuses, naming the field at fault (e.g. {@code decision.severity}). Whatever the
 * call was about to change is left unchanged when this is thrown.
 */
public final class DecisionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public DecisionException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The field (or list element) at fault, e.g. {@code decision.evidence[2]} or {@code sanctions[0].sittingId}. */
    public String field() {
        return field;
    }

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new DecisionException(field, "is required and must not be blank");
        }
        return value.strip();
    }

    public static <T> T require(String field, T value) {
        if (value == null) {
            throw new DecisionException(field, "is required");
        }
        return value;
    }
}
