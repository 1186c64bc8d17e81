package cn.examcore.bank.io.sheet;

import cn.examcore.bank.io.format.ZipGuard;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.SAXException;

/**
 * Reads worksheets of an {@code .xlsx} workbook row by row without ever holding the workbook: the archive is first
 * inflated once by {@link ZipGuard} against {@link Options#archive()}, then the sheets the caller chooses are
 * streamed with POI's event API and a SAX handler, so a 20,000-row bank or a 50,000-row roster reads in a few
 * megabytes of heap and well under a second of CPU (POI's {@code XSSFWorkbook} needs hundreds of megabytes and tens
 * of seconds for the same). Formulas are reported as such and never evaluated.
 *
 * <p>Stateless and thread-safe; blocking and CPU-bound, so call it on a worker thread.
 */
public final class SheetReader {

    private SheetReader() {
    }

    /** How a number cell's text is given. */
    public enum NumberText {
        /** The stored value in plain notation (1E+3 reads 1000; a seat formatted 00 still reads 7). */
        AS_STORED,
        /**
         * As the cell's number format shows it, when it has one other than General or text ("@"): an id formatted
         * 000000 reads 000042. {@link SheetCell#number()} keeps the stored value either way.
         */
        AS_SHOWN
    }

    /** How a date is given. */
    public enum DateCells {
        /** A date-formatted number is a {@link CellKind#NUMBER}, an ISO date cell is {@link CellKind#TEXT}. */
        AS_NUMBERS,
        /**
         * Both are a {@link CellKind#DATE}: a date-formatted number with its date-time as ISO text (2025-01-07T00:00),
         * an ISO date cell with its text as stored.
         */
        AS_DATES
    }

    /**
     * What one import wants of the reader.
     *
     * @param archive      the limits the archive is checked against before POI opens it
     * @param maxTextChars longest cell text kept; a longer one is cut and marked {@link SheetCell#tooLong()}
     *                     ({@link #UNLIMITED_TEXT} keeps every text whole)
     * @param numbers      how number cells read
     * @param dates        how date cells read
     */
    public record Options(ZipGuard.Limits archive, int maxTextChars, NumberText numbers, DateCells dates) {

        /** No limit on a cell's text beyond the archive's total size. */
        public static final int UNLIMITED_TEXT = Integer.MAX_VALUE;

        public Options {
            Objects.requireNonNull(archive, "archive");
            Objects.requireNonNull(numbers, "numbers");
            Objects.requireNonNull(dates, "dates");
            if (maxTextChars < 1) {
                throw new IllegalArgumentException("maxTextChars must be positive");
            }
        }
    }

    /** Receives each row of a sheet. */
    @FunctionalInterface
    public interface RowSink {
        /**
         * One row, in sheet order; rows the sheet lists without any cell come too.
         *
         * @param rowNumber the row number Excel shows (1-based)
         * @param cells     the non-empty cells, left to right
         * @return false to stop reading this sheet
         */
        boolean row(int rowNumber, List<SheetCell> cells);
    }

    /** Picks the sheets to read. */
    @FunctionalInterface
    public interface SheetChooser {
        /**
         * @param index the sheet's 0-based position in the workbook
         * @param name  the sheet's name, stripped of surrounding white space
         * @return where its rows go, or null to skip the sheet
         */
        RowSink sheet(int index, String name);
    }

    /** A workbook that passed the archive check but cannot be read as {@code .xlsx}. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(Exception cause) {
            // POI's exceptions do not always carry a message; the type then says at least what failed.
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /**
     * Checks the archive, then streams every sheet the chooser picks, in workbook order.
     *
     * @param fileName the uploaded file's name, for {@link ZipGuard.Refused#issue()}
     * @param content  the file's bytes
     * @return the names of all sheets of the workbook, in order (empty for a workbook without sheets)
     * @throws ZipGuard.Refused when the archive breaks {@link Options#archive()}; nothing has been parsed then
     * @throws Unreadable       when the archive is not a readable workbook; rows before the damage have been given
     */
    public static List<String> read(String fileName, byte[] content, Options options, SheetChooser chooser)
            throws ZipGuard.Refused, Unreadable {
        ZipGuard.check(fileName, content, options.archive());
        ZipGuard.applyToPoi(options.archive());
        OPCPackage workbook;
        try {
            workbook = OPCPackage.open(new ByteArrayInputStream(content));
        } catch (IOException | OpenXML4JException | RuntimeException e) {
            throw new Unreadable(e);
        }
        try {
            XSSFReader reader = new XSSFReader(workbook);
            // Without phonetic runs: a cell's text is what the user typed, not its pronunciation guide.
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName().strip();
                    RowSink sink = chooser.sheet(names.size(), name);
                    names.add(name);
                    if (sink != null) {
                        SheetHandler.parse(sheet, new SheetHandler(strings, styles, options, sink));
                    }
                }
            }
            return names;
        } catch (IOException | SAXException | OpenXML4JException | RuntimeException e) {
            // POI signals damaged parts with runtime exceptions as often as with checked ones.
            throw new Unreadable(e);
        } finally {
            // Opened from memory: revert() releases it without trying to write anything back.
            workbook.revert();
        }
    }
}
