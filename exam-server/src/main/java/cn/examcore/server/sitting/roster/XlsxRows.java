package cn.examcore.server.sitting.roster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** Turns the bytes of an {@code .xlsx} roster into raw rows: archive limits first, then a streamed first sheet. */
final class XlsxRows {

    // Below this an entry cannot hurt whatever its ratio; small XML parts compress extremely well.
    private static final long RATIO_GRACE_BYTES = 1L << 20;

    private final RosterLimits limits;

    private XlsxRows(RosterLimits limits) {
        this.limits = limits;
    }

    static List<RawRow> read(byte[] content, RosterLimits limits) throws RosterFileProblem {
        XlsxRows reader = new XlsxRows(limits);
        reader.checkArchive(content);
        return reader.readSheet(content);
    }

    /**
     * Streams the first sheet with POI's event API: the DOM model ({@code XSSFWorkbook}) needs hundreds of
     * megabytes and tens of seconds for a 50,000-row roster; this reads it in a few megabytes.
     */
    private List<RawRow> readSheet(byte[] content) throws RosterFileProblem {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
            XSSFReader xssf = new XSSFReader(pkg);
            // Without phonetic runs: a cell's text is what the user typed, not its pronunciation guide.
            SharedStrings strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = xssf.getStylesTable();
            Iterator<InputStream> sheets = xssf.getSheetsData();
            if (!sheets.hasNext()) {
                throw new RosterFileProblem("the workbook has no sheet");
            }
            SheetHandler handler = new SheetHandler(strings, styles);
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(handler);
                xml.parse(new InputSource(sheet));
            }
            return handler.rows;
        } catch (StopParsing e) {
            throw e.problem;
        } catch (RosterFileProblem e) {
            throw e;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RosterFileProblem("the workbook cannot be read (" + why + ")");
        }
    }

    /** Collects the cells of one worksheet's XML with their kind ({@code <c t=… s=…><f/><v/></c>}). */
    private final class SheetHandler extends DefaultHandler {
        final List<RawRow> rows = new ArrayList<>();
        private final SharedStrings strings;
        private final StylesTable styles;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();
        private List<RawCell> cells;
        private int rowNumber;
        private int column;
        private String type;
        private int style;
        private boolean formula;
        private boolean inValue;
        private boolean inFormula;
        private final StringBuilder formulaText = new StringBuilder();
        private boolean inInlineText;
        private int phoneticDepth;
        private final StringBuilder value = new StringBuilder();
        private int nonBlank;

        SheetHandler(SharedStrings strings, StylesTable styles) {
            this.strings = strings;
            this.styles = styles;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    cells = new ArrayList<>();
                    column = -1;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? column + 1 : new CellReference(ref).getCol();
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? 0 : Integer.parseInt(s);
                    formula = false;
                    formulaText.setLength(0);
                    value.setLength(0);
                }
                case "f" -> {
                    formula = true;
                    inFormula = true;
                }
                case "v" -> inValue = true;
                case "rPh" -> phoneticDepth++;
                case "t" -> inInlineText = phoneticDepth == 0;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inInlineText) {
                value.append(ch, start, length);
            } else if (inFormula && formulaText.length() < 100) {
                formulaText.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "v" -> inValue = false;
                case "f" -> inFormula = false;
                case "t" -> inInlineText = false;
                case "rPh" -> phoneticDepth--;
                case "c" -> {
                    while (cells.size() < column) {
                        cells.add(RawCell.EMPTY);
                    }
                    cells.add(cell());
                }
                case "row" -> {
                    RawRow row = new RawRow(rowNumber, cells);
                    rows.add(row);
                    if (!row.blank() && ++nonBlank > limits.maxRows() + RosterReader.HEADER_SEARCH_ROWS) {
                        throw new StopParsing(RosterFileProblem.tooManyRows(limits));
                    }
                }
                default -> {
                }
            }
        }

        private RawCell cell() {
            String text = value.toString();
            if (formula) {
                return new RawCell(formulaText.isEmpty() ? "shared formula" : "=" + formulaText, CellKind.FORMULA);
            }
            if (type == null || type.equals("n")) {
                if (text.isEmpty()) {
                    return RawCell.EMPTY;
                }
                if (isDateStyle(style)) {
                    return new RawCell(dateText(text), CellKind.DATE);
                }
                try {
                    return new RawCell(new BigDecimal(text).stripTrailingZeros().toPlainString(), CellKind.NUMBER);
                } catch (NumberFormatException e) {
                    return new RawCell(text, CellKind.ERROR);
                }
            }
            return switch (type) {
                case "s" -> new RawCell(strings.getItemAt(Integer.parseInt(text.strip())).getString(), CellKind.TEXT);
                case "inlineStr", "str" -> new RawCell(text, CellKind.TEXT);
                case "b" -> new RawCell("1".equals(text) ? "TRUE" : "FALSE", CellKind.BOOLEAN);
                case "d" -> new RawCell(text, CellKind.DATE);
                default -> new RawCell(text, CellKind.ERROR);
            };
        }

        private boolean isDateStyle(int index) {
            if (styles == null || index >= styles.getNumCellStyles()) {
                return false;
            }
            return dateStyles.computeIfAbsent(index, i -> {
                XSSFCellStyle cellStyle = styles.getStyleAt(i);
                return cellStyle != null
                        && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
            });
        }

        private String dateText(String serial) {
            try {
                return String.valueOf(DateUtil.getLocalDateTime(Double.parseDouble(serial)));
            } catch (RuntimeException e) {
                return serial;
            }
        }
    }

    /** Carries a limit breach out of the SAX callbacks, which may only throw {@link SAXException}. */
    private static final class StopParsing extends SAXException {
        private static final long serialVersionUID = 1L;
        final transient RosterFileProblem problem;

        StopParsing(RosterFileProblem problem) {
            super(problem.getMessage());
            this.problem = problem;
        }
    }

    /**
     * Walks the archive before POI touches it, counting the bytes actually inflated (entry headers can lie),
     * so a zip bomb is refused after at most {@code maxUncompressedBytes} of work.
     */
    private void checkArchive(byte[] content) throws RosterFileProblem {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        // The same archive reader POI uses: java.util.zip refuses some valid workbooks (data descriptors).
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(content),
                StandardCharsets.UTF_8.name(), true, true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.maxZipEntries()) {
                    throw new RosterFileProblem("the workbook archive has more than " + limits.maxZipEntries()
                            + " parts");
                }
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (total > limits.maxUncompressedBytes()) {
                        throw new RosterFileProblem("the workbook expands to more than " + limits.maxUncompressedBytes()
                                + " bytes (compressed bomb?)");
                    }
                }
                long compressed = zip.getCompressedCount();
                if (size > RATIO_GRACE_BYTES && compressed > 0
                        && (double) size / compressed > limits.maxCompressionRatio()) {
                    throw new RosterFileProblem("workbook part '" + entry.getName() + "' expands " + size / compressed
                            + " times, more than the limit of " + (long) limits.maxCompressionRatio()
                            + " (compressed bomb?)");
                }
            }
        } catch (IOException e) {
            throw new RosterFileProblem("the workbook archive is damaged (" + e.getMessage() + ")");
        }
        if (entries == 0) {
            throw new RosterFileProblem("the workbook archive is empty");
        }
    }
}
