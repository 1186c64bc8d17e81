package cn.examcore.bank.io.format;

/** The parts of an item a validation finding can point at; each format maps them to its own places. */
public enum ItemField {
    ITEM, ID, TYPE, STEM, OPTIONS, OPTION, KEY, BLANK, SCORE, MULTIPLE_RULE, KNOWLEDGE_POINT, DIFFICULTY, TAGS,
    RUBRIC, OPERATION, EXPLANATION
}
