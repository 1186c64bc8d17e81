/**
 * The one streamed reader of {@code .xlsx} worksheets, shared by the bank's Excel import ({@code io.xlsx}) and
 * exam-server's roster (考生名单) import: {@code SheetReader} runs the archive through {@code ZipGuard}, then
 * streams the chosen sheets with POI's event API and a SAX handler of its own, handing each row's cells
 * ({@code SheetCell}: text plus {@code CellKind}) to the caller. Where the two imports want different readings
 * (a number as stored or as its format shows it, a date cell as a date or as a number, how long a text may be, which
 * archive limits apply) that is a {@code SheetReader.Options} value, not a second reader. It depends on
 * {@code io.format} (the zip guard) and on nothing of the bank's model or formats.
 */
package cn.examcore.bank.io.sheet;
