package cn.examcore.server.sitting.roster;

import cn.examcore.bank.io.sheet.CellKind;

/**
 * One cell as a file holds it, before validation: its text and what kind of value it was, because a number or a
 * formula where text belongs is a mistake worth its own message.
 */
record RawCell(String text, CellKind kind) {

    static final RawCell EMPTY = new RawCell("", CellKind.TEXT);

    boolean blank() {
        return kind == CellKind.TEXT && clean(text).isEmpty();
    }

    /** Trimmed text; a no-break space (common in pasted data) counts as a space. */
    static String clean(String text) {
        return text == null ? "" : text.replace('\u00a0', ' ').strip();
    }
}
