package cn.examcore.bank.io.sheet;

import java.math.BigDecimal;

/**
 * One non-empty worksheet cell (a formula counts as non-empty whatever it shows).
 *
 * @param column  0-based column index
 * @param text    strings as stored (OOXML's {@code _xHHHH_} escapes undone, phonetic guides left out); numbers in
 *                plain notation, or as their number format shows them with {@link SheetReader.NumberText#AS_SHOWN};
 *                dates as ISO date-time with {@link SheetReader.DateCells#AS_DATES}; booleans as TRUE/FALSE; errors
 *                as stored (#N/A …); a formula as {@code =} and its text (about 100 characters at most), or "" for
 *                a cell that shares another cell's formula
 * @param kind    the kind of cell
 * @param number  for a number or date-serial cell, the stored value whatever its format shows; otherwise null
 * @param tooLong whether the text was cut at {@link SheetReader.Options#maxTextChars()} (it then holds one character
 *                more than the limit, enough to tell it is too long)
 */
public record SheetCell(int column, String text, CellKind kind, BigDecimal number, boolean tooLong) {

    public SheetCell(int column, String text, CellKind kind) {
        this(column, text, kind, null, false);
    }
}
