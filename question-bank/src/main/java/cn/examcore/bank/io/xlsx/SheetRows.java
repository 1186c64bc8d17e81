package cn.examcore.bank.io.xlsx;

import cn.examcore.bank.io.format.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the rows of one worksheet part with SAX, so a 20,000-row bank never becomes a full in-memory workbook.
 * Cells come out as text plus what kind of cell they were; formulas are reported as such and never evaluated
 * (the cached result is not even read).
 */
final class SheetRows extends DefaultHandler {

    /** What a cell held, as far as the reader cares. */
    enum Kind { TEXT, NUMBER, BOOLEAN, ERROR, FORMULA }

    /**
     * One non-empty cell.
     *
     * @param column  0-based column index
     * @param text    the text: strings as stored, numbers in plain notation (or as their number format shows them,
     *                when the cell has a format other than General), booleans as TRUE/FALSE, errors as #N/A …
     * @param kind    the kind of cell
     * @param number  for a number cell, the stored value whatever its format shows; otherwise null
     * @param tooLong whether the text was cut at the reader's limit
     */
    record Cell(int column, String text, Kind kind, BigDecimal number, boolean tooLong) {

        Cell(int column, String text, Kind kind) {
            this(column, text, kind, null, false);
        }
    }

    /** Receives each row; returns false to stop reading the sheet. */
    interface RowSink {
        boolean row(int rowNumber, List<Cell> cells);
    }

    private static final Pattern ESCAPED_CHAR = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private final SharedStrings strings;
    private final StylesTable styles;
    private final int maxTextChars;
    private final RowSink sink;
    private final DataFormatter formatter = new DataFormatter();

    private int rowNumber;
    private List<Cell> cells = new ArrayList<>();
    private int column;
    private String cellType;
    private String cellStyle;
    private boolean formula;
    private boolean inValue;
    private boolean inInlineText;
    private boolean inPhonetic;
    private final StringBuilder value = new StringBuilder();
    private boolean truncated;

    private SheetRows(SharedStrings strings, StylesTable styles, int maxTextChars, RowSink sink) {
        this.strings = strings;
        this.styles = styles;
        this.maxTextChars = maxTextChars;
        this.sink = sink;
    }

    /** Reads the sheet part, calling the sink per row in sheet order (rows without any cell included). */
    static void read(InputStream sheet, SharedStrings strings, StylesTable styles, int maxTextChars, RowSink sink)
            throws IOException, SAXException {
        XMLReader reader;
        try {
            // POI's reader is hardened: no DOCTYPE, no external entities.
            reader = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no SAX parser available", e);
        }
        reader.setContentHandler(new SheetRows(strings, styles, maxTextChars, sink));
        try {
            reader.parse(new InputSource(sheet));
        } catch (Stop stop) {
            // the sink asked to stop
        }
    }

    /** Ends the parse early without an error. */
    private static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super("stopped by the reader");
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
            case "row" -> {
                String r = attributes.getValue("r");
                rowNumber = r != null ? Integer.parseInt(r) : rowNumber + 1;
                cells = new ArrayList<>();
                column = -1;
            }
            case "c" -> {
                String ref = attributes.getValue("r");
                column = ref != null ? columnOf(ref) : column + 1;
                cellType = attributes.getValue("t");
                cellStyle = attributes.getValue("s");
                formula = false;
                value.setLength(0);
                truncated = false;
            }
            case "f" -> formula = true;
            case "v" -> inValue = true;
            case "t" -> inInlineText = !inPhonetic;
            case "rPh" -> inPhonetic = true;
            default -> {
                // other elements (sheet properties, merged cells, validations …) carry nothing the reader needs
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (!inValue && !inInlineText) {
            return;
        }
        // Keep one character beyond the limit: enough to know the text is too long without holding all of it.
        int room = maxTextChars + 1 - value.length();
        if (length > room) {
            truncated = true;
            length = Math.max(room, 0);
        }
        value.append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        switch (localName) {
            case "v" -> inValue = false;
            case "t" -> inInlineText = false;
            case "rPh" -> inPhonetic = false;
            case "c" -> endCell();
            case "row" -> {
                if (!sink.row(rowNumber, cells)) {
                    throw new Stop();
                }
            }
            default -> {
                // nothing to finish
            }
        }
    }

    private void endCell() {
        if (formula) {
            cells.add(new Cell(column, "", Kind.FORMULA));
            return;
        }
        String raw = value.toString();
        String type = cellType == null ? "n" : cellType;
        Cell cell = switch (type) {
            case "s" -> sharedString(raw);
            case "inlineStr", "str" -> text(unescape(raw));
            case "b" -> new Cell(column, "1".equals(raw.strip()) ? "TRUE" : "FALSE", Kind.BOOLEAN);
            case "e" -> new Cell(column, raw, Kind.ERROR);
            case "d" -> text(raw);
            default -> raw.isBlank() ? null : number(raw.strip());
        };
        if (cell != null && !cell.text().isEmpty()) {
            cells.add(cell);
        }
    }

    private Cell sharedString(String raw) {
        int index;
        try {
            index = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return new Cell(column, raw, Kind.ERROR);
        }
        if (index < 0 || index >= strings.getCount()) {
            return new Cell(column, "#REF!", Kind.ERROR);
        }
        String s = strings.getItemAt(index).getString();
        if (s.length() > maxTextChars) {
            return new Cell(column, s.substring(0, maxTextChars + 1), Kind.TEXT, null, true);
        }
        return new Cell(column, s, Kind.TEXT);
    }

    private Cell text(String s) {
        return new Cell(column, s, Kind.TEXT, null, truncated);
    }

    private Cell number(String raw) {
        BigDecimal exact;
        try {
            exact = Vocabulary.canonical(new BigDecimal(raw));
        } catch (NumberFormatException e) {
            return new Cell(column, raw, Kind.ERROR);
        }
        int formatIndex = 0;
        String formatString = null;
        if (cellStyle != null && styles != null) {
            XSSFCellStyle style = styles.getStyleAt(Integer.parseInt(cellStyle));
            if (style != null) {
                formatIndex = style.getDataFormat();
                formatString = style.getDataFormatString();
            }
        }
        // General (and text "@") show the stored value; a real Excel General would switch large ids to 1.2E+11.
        if (formatString == null || formatIndex == 0 || formatString.equals("General") || formatString.equals("@")) {
            return new Cell(column, exact.toPlainString(), Kind.NUMBER, exact, false);
        }
        // A custom format is what the administrator sees (an id formatted 000123 reads as 000123).
        String shown = formatter.formatRawCellContents(exact.doubleValue(), formatIndex,
                formatString != null ? formatString : BuiltinFormats.getBuiltinFormat(formatIndex));
        return new Cell(column, shown, Kind.NUMBER, exact, false);
    }

    /**
     * The 0-based column of a reference such as "AB12". Hand-rolled because it runs for every cell, where POI's
     * CellReference would run a regular expression each time.
     */
    static int columnOf(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                column = column * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                column = column * 26 + (c - 'a' + 1);
            } else if (c != '$') {
                break;
            }
        }
        if (column == 0) {
            throw new IllegalArgumentException("cell reference without a column: " + ref);
        }
        return column - 1;
    }

    /** OOXML writes characters XML cannot hold (a lone carriage return, control characters) as _xHHHH_. */
    private static String unescape(String s) {
        if (s.indexOf("_x") < 0) {
            return s;
        }
        Matcher m = ESCAPED_CHAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
