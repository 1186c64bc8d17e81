package cn.examcore.server.sitting.roster;

import cn.examcore.bank.io.format.ZipGuard;
import cn.examcore.bank.io.sheet.CellKind;
import cn.examcore.bank.io.sheet.SheetCell;
import cn.examcore.bank.io.sheet.SheetReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of an {@code .xlsx} roster into raw rows with the shared {@link SheetReader}: archive limits
 * first, then the first sheet streamed. What a roster wants of the reader: numbers as stored (a seat formatted 00
 * is still 7), dates as dates (a date where text belongs earns its own message), every cell text whole (the
 * length check reports the real length), and the roster's own archive limits and wording.
 */
final class XlsxRows {

    /**
     * Below this an entry is not held to the compression ratio: small XML parts compress extremely well. Larger than
     * the bank's grace because a roster's parts are plain, repetitive tables.
     */
    private static final long RATIO_GRACE_BYTES = 1L << 20;

    private XlsxRows() {
    }

    static List<RawRow> read(String fileName, byte[] content, RosterLimits limits) throws RosterFileProblem {
        SheetReader.Options options = new SheetReader.Options(
                new ZipGuard.Limits(limits.maxUncompressedBytes(), limits.maxZipEntries(), limits.maxCompressionRatio(),
                        RATIO_GRACE_BYTES),
                SheetReader.Options.UNLIMITED_TEXT, SheetReader.NumberText.AS_STORED, SheetReader.DateCells.AS_DATES);
        FirstSheet sheet = new FirstSheet(limits);
        List<String> sheets;
        try {
            sheets = SheetReader.read(fileName, content, options, (index, name) -> index == 0 ? sheet : null);
        } catch (ZipGuard.Refused refused) {
            throw new RosterFileProblem(refusal(refused));
        } catch (SheetReader.Unreadable e) {
            throw new RosterFileProblem("the workbook cannot be read (" + e.getMessage() + ")");
        }
        if (sheets.isEmpty()) {
            throw new RosterFileProblem("the workbook has no sheet");
        }
        if (sheet.tooManyRows) {
            throw RosterFileProblem.tooManyRows(limits);
        }
        return sheet.rows;
    }

    /** Collects the rows of the first sheet, dense from column A, and stops once there are more than allowed. */
    private static final class FirstSheet implements SheetReader.RowSink {
        final List<RawRow> rows = new ArrayList<>();
        private final RosterLimits limits;
        private int nonBlank;
        boolean tooManyRows;

        FirstSheet(RosterLimits limits) {
            this.limits = limits;
        }

        @Override
        public boolean row(int rowNumber, List<SheetCell> cells) {
            List<RawCell> raw = new ArrayList<>();
            for (SheetCell cell : cells) {
                while (raw.size() < cell.column()) {
                    raw.add(RawCell.EMPTY);
                }
                raw.add(rawCell(cell));
            }
            RawRow row = new RawRow(rowNumber, raw);
            rows.add(row);
            if (!row.blank() && ++nonBlank > limits.maxRows() + RosterReader.HEADER_SEARCH_ROWS) {
                tooManyRows = true;
                return false;
            }
            return true;
        }

        private static RawCell rawCell(SheetCell cell) {
            // A cell sharing another cell's formula has no text of its own; it still must read as a formula.
            if (cell.kind() == CellKind.FORMULA && cell.text().isEmpty()) {
                return new RawCell("shared formula", CellKind.FORMULA);
            }
            return new RawCell(cell.text(), cell.kind());
        }
    }

    /** The roster's words for an archive the guard refused. */
    private static String refusal(ZipGuard.Refused refused) {
        return switch (refused.reason()) {
            case TOO_MANY_ENTRIES -> "the workbook archive has more than " + refused.limit() + " parts";
            case TOO_LARGE -> "the workbook expands to more than " + refused.limit()
                    + " bytes (compressed bomb?)";
            case TOO_COMPRESSED -> "workbook part '" + refused.entry() + "' expands " + refused.observed()
                    + " times, more than the limit of " + refused.limit() + " (compressed bomb?)";
            case DAMAGED -> "the workbook archive is damaged (" + refused.getCause().getMessage() + ")";
            case EMPTY -> "the workbook archive is empty";
            case UNSAFE_NAME, DUPLICATE_NAME, UNREADABLE_ENTRY -> "the workbook archive is refused: "
                    + refused.getMessage();
        };
    }
}
