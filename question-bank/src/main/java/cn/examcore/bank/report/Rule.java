package cn.examcore.bank.report;

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
    /** A field the format does not define (usually a misspelt one). */
    UNKNOWN_FIELD,
    INVALID_VALUE,
    FORMULA_IN_CELL,
    UNSUPPORTED_INTERACTION,
    TOO_MANY_ITEMS,
    /** Two resources of one bank with the same name. */
    DUPLICATE_RESOURCE,
    /**
     * A resource of a type a browser runs as a page or script (HTML, SVG, XML, JavaScript), or an image a stem
     * shows that is not a raster image: the page serves resources on its own origin.
     */
    UNSAFE_RESOURCE,
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
    /** An operation task (操作题) that names no accepted deliverable file type. */
    MISSING_DELIVERABLE,
    // warnings
    DUPLICATE_STEM,
    DUPLICATE_OPTION_TEXT,
    MISSING_KNOWLEDGE_POINT,
    // added with the xlsx and QTI readers
    /** A cell or text longer than {@code ImportLimits.maxTextChars}. */
    TEXT_TOO_LONG,
    /** An archive entry or package reference that would leave the archive ("../", absolute path). */
    UNSAFE_PATH,
    /** Warning: a value the item's type does not use, e.g. options on a 判断 row; it is ignored. */
    UNUSED_VALUE,
    // added with QTI response processing and import context
    /** QTI response processing whose scoring the item model cannot reproduce (a template or rule it lacks). */
    UNSUPPORTED_RESPONSE_PROCESSING,
    /** A QTI template item (templateDeclaration, templateProcessing): its values are generated per delivery. */
    UNSUPPORTED_TEMPLATE,
    /** Content the bank cannot hold faithfully: XInclude, MathML, objects that are not package images. */
    UNSUPPORTED_CONTENT,
    /** Warning: a value the item did not give was taken from the import's defaults (occupation, level …). */
    DEFAULTED_VALUE,
    /** A mapping (partial credit) the item's type or options cannot use, e.g. a key that is no option. */
    INVALID_MAPPING,
    /**
     * Warning: QTI scoring the item model reproduces except at an edge it names, e.g. equalRounded read as a
     * tolerance that also accepts the one value exactly halfway.
     */
    APPROXIMATED_SCORING;

    /** e.g. KEY_NOT_AN_OPTION → key-not-an-option. */
    public String code() {
        return name().toLowerCase().replace('_', '-');
    }
}
