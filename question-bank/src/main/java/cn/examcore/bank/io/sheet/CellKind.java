package cn.examcore.bank.io.sheet;

/** What a worksheet cell held, as far as an import cares. */
public enum CellKind {
    /** A shared or inline string (and an ISO date cell when dates are not read as such). */
    TEXT,
    /** A number, including a date-formatted one when dates are not read as such. */
    NUMBER,
    /** A date: a date-formatted number or an ISO date cell, when {@link SheetReader.DateCells#AS_DATES}. */
    DATE,
    /** TRUE or FALSE. */
    BOOLEAN,
    /** An Excel error value (#N/A …), or a value that cannot be what its cell type says. */
    ERROR,
    /** A formula, reported as such and never evaluated (its cached result is not even read). */
    FORMULA
}
