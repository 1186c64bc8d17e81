package cn.examcore.server.conduct;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;

/** Checks of the text fields of staff requests, shared by the services of this package. */
final class Fields {

    /** Longest reason accepted, for a decision as for the lift of a ban. */
    static final int MAX_REASON_CHARS = 2000;

    private Fields() {
    }

    /** The stripped text; a 400 naming {@code field} when it is too long, or blank and required; null when blank. */
    static String text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required", "必须填写");
            }
            return null;
        }
        String s = value.strip();
        if (s.length() > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be at most " + max + " characters",
                    "不能超过 " + max + " 个字符");
        }
        return s;
    }
}
