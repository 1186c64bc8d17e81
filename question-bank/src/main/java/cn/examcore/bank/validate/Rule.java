package cn.examcore.bank.validate;

/** Every rule a bank can break, with a stable kebab-case code printed by the CLI and returned by the server. */
public enum Rule {
    // file level
    UNREADABLE_FILE,
    UNSUPPORTED_FORMAT,
    FILE_TOO_LARGE,
    ARCHIVE_TOO_LARGE,
    UNSAFE_XML,
    MALFORMED,
    MISSING_FIELD,
    INVALID_VALUE,
    FORMULA_IN_CELL,
    UNSUPPORTED_INTERACTION,
    TOO_MANY_ITEMS,
    // item level
    UNKNOWN_TYPE,
    EMPTY_STEM,
    UNSAFE_HTML,
    BROKEN_RESOURCE,
    DUPLICATE_ID,
    MISSING_SCORE,
    NON_POSITIVE_SCORE,
    TOO_FEW_OPTIONS,
    DUPLICATE_OPTION_ID,
    EMPTY_OPTION,
    MISSING_KEY,
    KEY_NOT_AN_OPTION,
    SINGLE_CHOICE_KEY_COUNT,
    TOO_FEW_CORRECT,
    EMPTY_BLANK,
    INVALID_TOLERANCE,
    INVALID_DIFFICULTY,
    INVALID_TAGS,
    MISSING_RUBRIC,
    RUBRIC_SCORE_MISMATCH,
    // warnings
    DUPLICATE_STEM,
    DUPLICATE_OPTION_TEXT,
    MISSING_KNOWLEDGE_POINT;

    /** e.g. KEY_NOT_AN_OPTION → key-not-an-option. */
    public String code() {
        return name().toLowerCase().replace('_', '-');
    }
}
