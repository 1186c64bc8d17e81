package cn.examcore.bank.io.sheet;

import cn.examcore.bank.io.format.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
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
 * Turns one worksheet part ({@code <row><c r= t= s=><f/><v/><is/></c></row>}) into rows of {@link SheetCell}s as
 * {@link SheetReader.Options} asks. One instance per sheet read; not thread-safe.
 */
final class SheetHandler extends DefaultHandler {

    private static final Pattern ESCAPED_CHAR = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    /** Enough of a formula to show the user which one it is. */
    private static final int FORMULA_CHARS = 100;

    private final SharedStrings strings;
    private final StylesTable styles;
    private final SheetReader.Options options;
    private final SheetReader.RowSink sink;
    private final DataFormatter formatter = new DataFormatter();
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();

    private int rowNumber;
    private List<SheetCell> cells = new ArrayList<>();
    private int column;
    private String cellType;
    private int cellStyle;
    private boolean formula;
    private boolean inValue;
    private boolean inFormula;
    private boolean inInlineText;
    private int phoneticDepth;
    private final StringBuilder value = new StringBuilder();
    private final StringBuilder formulaText = new StringBuilder();
    private boolean truncated;

    SheetHandler(SharedStrings strings, StylesTable styles, SheetReader.Options options, SheetReader.RowSink sink) {
        this.strings = strings;
        this.styles = styles;
        this.options = options;
        this.sink = sink;
    }

    /** Parses the sheet part, calling the sink per row until the part ends or the sink says stop. */
    static void parse(InputStream sheet, SheetHandler handler) throws IOException, SAXException {
        XMLReader reader;
        try {
            // POI's reader is hardened: no DOCTYPE, no external entities.
            reader = XMLHelper.newXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no SAX parser available", e);
        }
        reader.setContentHandler(handler);
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
                String s = attributes.getValue("s");
                // Without s a cell has the workbook's default style, the first one.
                cellStyle = s == null ? 0 : Integer.parseInt(s);
                formula = false;
                value.setLength(0);
                formulaText.setLength(0);
                truncated = false;
            }
            case "f" -> {
                formula = true;
                inFormula = true;
            }
            case "v" -> inValue = true;
            case "t" -> inInlineText = phoneticDepth == 0;
            case "rPh" -> phoneticDepth++;
            default -> {
                // other elements (sheet properties, merged cells, validations …) carry nothing the reader needs
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (inValue || inInlineText) {
            // Keep one character beyond the limit: enough to know the text is too long without holding all of it.
            long room = (long) options.maxTextChars() + 1 - value.length();
            if (length > room) {
                truncated = true;
                length = (int) Math.max(room, 0);
            }
            value.append(ch, start, length);
        } else if (inFormula && formulaText.length() < FORMULA_CHARS) {
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
                SheetCell cell = cell();
                if (cell != null && (cell.kind() == CellKind.FORMULA || !cell.text().isEmpty())) {
                    cells.add(cell);
                }
            }
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

    private SheetCell cell() {
        if (formula) {
            // A cell that shares the formula of another one holds no formula text of its own.
            return new SheetCell(column, formulaText.isEmpty() ? "" : "=" + formulaText, CellKind.FORMULA);
        }
        String raw = value.toString();
        String type = cellType == null ? "n" : cellType;
        return switch (type) {
            case "n" -> raw.isBlank() ? null : number(raw.strip());
            case "s" -> sharedString(raw);
            case "inlineStr", "str" -> text(unescape(raw));
            case "b" -> new SheetCell(column, "1".equals(raw.strip()) ? "TRUE" : "FALSE", CellKind.BOOLEAN);
            case "d" -> options.dates() == SheetReader.DateCells.AS_DATES
                    ? new SheetCell(column, raw, CellKind.DATE, null, truncated) : text(raw);
            // "e", and any type OOXML does not define: the value cannot be taken for what it claims to be.
            default -> new SheetCell(column, raw, CellKind.ERROR);
        };
    }

    private SheetCell sharedString(String raw) {
        int index;
        try {
            index = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return new SheetCell(column, raw, CellKind.ERROR);
        }
        if (index < 0 || index >= strings.getCount()) {
            return new SheetCell(column, "#REF!", CellKind.ERROR);
        }
        String s = strings.getItemAt(index).getString();
        if (s.length() > options.maxTextChars()) {
            return new SheetCell(column, s.substring(0, options.maxTextChars() + 1), CellKind.TEXT, null, true);
        }
        return new SheetCell(column, s, CellKind.TEXT);
    }

    private SheetCell text(String s) {
        return new SheetCell(column, s, CellKind.TEXT, null, truncated);
    }

    private SheetCell number(String raw) {
        BigDecimal exact;
        try {
            exact = Vocabulary.canonical(new BigDecimal(raw));
        } catch (NumberFormatException e) {
            return new SheetCell(column, raw, CellKind.ERROR);
        }
        XSSFCellStyle style = styles == null ? null : styles.getStyleAt(cellStyle);
        if (style == null) {
            return new SheetCell(column, exact.toPlainString(), CellKind.NUMBER, exact, false);
        }
        if (options.dates() == SheetReader.DateCells.AS_DATES && isDateStyle(style)) {
            return new SheetCell(column, dateText(raw), CellKind.DATE, exact, false);
        }
        int formatIndex = style.getDataFormat();
        String format = style.getDataFormatString();
        // General (and text "@") show the stored value; a real Excel General would switch large ids to 1.2E+11.
        if (options.numbers() == SheetReader.NumberText.AS_STORED || format == null || formatIndex == 0
                || format.equals("General") || format.equals("@")) {
            return new SheetCell(column, exact.toPlainString(), CellKind.NUMBER, exact, false);
        }
        String shown = formatter.formatRawCellContents(exact.doubleValue(), formatIndex, format);
        return new SheetCell(column, shown, CellKind.NUMBER, exact, false);
    }

    private boolean isDateStyle(XSSFCellStyle style) {
        return dateStyles.computeIfAbsent(cellStyle,
                i -> DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString()));
    }

    /** The date-time a serial stands for; the serial itself when it is none (negative, or beyond year 9999). */
    private static String dateText(String serial) {
        try {
            LocalDateTime dateTime = DateUtil.getLocalDateTime(Double.parseDouble(serial));
            return dateTime == null ? serial : dateTime.toString();
        } catch (RuntimeException e) {
            return serial;
        }
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
