package cn.examcore.proctor.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An .xlsx read back as the tests need it, straight from its parts (SpreadsheetML, ECMA-376 part 1 §18): sheet
 * names in order, each cell's type, value and style (number format, bold font), and whether a sheet's first row is
 * frozen. No spreadsheet library: the console writes .xlsx and no test should need more on its classpath than a
 * reader of the few parts the report uses.
 */
final class XlsxFile {

    /** The number formats Excel has built in, by id, as far as the report's cells can use them. */
    private static final Map<Integer, String> BUILT_IN_FORMATS = Map.of(0, "General", 1, "0", 14, "m/d/yy",
            22, "m/d/yy h:mm", 49, "@");

    /** One cell's style: its number format code and whether its font is bold. */
    record Style(String format, boolean bold) {
    }

    /**
     * One cell.
     *
     * @param type  {@code n} a number (dates too), {@code s} / {@code inlineStr} / {@code str} text
     * @param value the number as written, or the text
     */
    record Cell(String type, String value, Style style, boolean formula) {

        boolean isNumber() {
            return "n".equals(type);
        }

        boolean isText() {
            return "s".equals(type) || "inlineStr".equals(type) || "str".equals(type);
        }

        double number() {
            return Double.parseDouble(value);
        }

        /** A date cell's value: days since 1899-12-30 (the 1900 date system), the fraction being the time. */
        LocalDateTime dateTime() {
            double serial = number();
            long days = (long) Math.floor(serial);
            long millis = Math.round((serial - days) * 86_400_000d);
            return LocalDate.of(1899, 12, 30).plusDays(days).atStartOfDay().plus(millis, ChronoUnit.MILLIS);
        }

        /** Whether the number format shows a date. */
        boolean isDateFormatted() {
            String f = style.format().toLowerCase();
            return f.contains("yy") || f.contains("d/") || f.contains("-d");
        }
    }

    /** One sheet: its cells by zero-based row, then column. */
    record Sheet(String name, boolean firstRowFrozen, Map<Integer, Map<Integer, Cell>> rows) {

        Cell cell(int row, int col) {
            Cell c = rows.getOrDefault(row, Map.of()).get(col);
            if (c == null) {
                throw new AssertionError("sheet " + name + " has no cell at row " + row + ", column " + col);
            }
            return c;
        }

        /** The zero-based index of the last row with a cell. */
        int lastRow() {
            return rows.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        }
    }

    private final List<Sheet> sheets;

    private XlsxFile(List<Sheet> sheets) {
        this.sheets = sheets;
    }

    List<Sheet> sheets() {
        return sheets;
    }

    Sheet sheet(String name) {
        return sheets.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no sheet " + name));
    }

    static XlsxFile read(byte[] xlsx) throws IOException {
        // Through the central directory, as spreadsheet programs read it: a streaming writer leaves the sizes out of
        // the local headers, which ZipInputStream cannot read past.
        Map<String, byte[]> parts = new HashMap<>();
        Path file = Files.createTempFile("room-report", ".xlsx");
        try {
            Files.write(file, xlsx);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        parts.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder xml = f.newDocumentBuilder();
            List<String> strings = sharedStrings(xml, parts.get("xl/sharedStrings.xml"));
            List<Style> styles = styles(xml.parse(in(parts, "xl/styles.xml")));
            Map<String, String> targets = new HashMap<>();
            for (Element rel : elements(xml.parse(in(parts, "xl/_rels/workbook.xml.rels")), "Relationship")) {
                String target = rel.getAttribute("Target");
                targets.put(rel.getAttribute("Id"), target.startsWith("/") ? target.substring(1) : "xl/" + target);
            }
            List<Sheet> sheets = new ArrayList<>();
            for (Element s : elements(xml.parse(in(parts, "xl/workbook.xml")), "sheet")) {
                String rid = s.getAttributeNS("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                        "id");
                sheets.add(sheet(s.getAttribute("name"), xml.parse(in(parts, targets.get(rid))), strings, styles));
            }
            return new XlsxFile(sheets);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a readable .xlsx: " + e.getMessage(), e);
        }
    }

    private static Sheet sheet(String name, Document doc, List<String> strings, List<Style> styles) {
        boolean frozen = elements(doc, "pane").stream().anyMatch(p -> "frozen".equals(p.getAttribute("state"))
                && "1".equals(p.getAttribute("ySplit")) && p.getAttribute("xSplit").matches("0?"));
        Map<Integer, Map<Integer, Cell>> rows = new LinkedHashMap<>();
        for (Element c : elements(doc, "c")) {
            int[] at = reference(c.getAttribute("r"));
            String type = c.getAttribute("t").isEmpty() ? "n" : c.getAttribute("t");
            String value = switch (type) {
                case "s" -> strings.get(Integer.parseInt(text(c, "v")));
                case "inlineStr" -> text(c, "t");
                default -> text(c, "v");
            };
            Style style = styles.get(c.getAttribute("s").isEmpty() ? 0 : Integer.parseInt(c.getAttribute("s")));
            boolean formula = c.getElementsByTagNameNS("*", "f").getLength() > 0;
            rows.computeIfAbsent(at[0], r -> new LinkedHashMap<>()).put(at[1], new Cell(type, value, style, formula));
        }
        return new Sheet(name, frozen, rows);
    }

    private static List<Style> styles(Document doc) {
        Map<Integer, String> formats = new HashMap<>(BUILT_IN_FORMATS);
        for (Element f : elements(doc, "numFmt")) {
            formats.put(Integer.parseInt(f.getAttribute("numFmtId")), f.getAttribute("formatCode"));
        }
        List<Boolean> bold = new ArrayList<>();
        Element fonts = elements(doc, "fonts").get(0);
        for (Element font : elements(fonts, "font")) {
            bold.add(font.getElementsByTagNameNS("*", "b").getLength() > 0);
        }
        List<Style> styles = new ArrayList<>();
        Element cellXfs = elements(doc, "cellXfs").get(0);
        for (Element xf : elements(cellXfs, "xf")) {
            int format = xf.getAttribute("numFmtId").isEmpty() ? 0 : Integer.parseInt(xf.getAttribute("numFmtId"));
            int font = xf.getAttribute("fontId").isEmpty() ? 0 : Integer.parseInt(xf.getAttribute("fontId"));
            styles.add(new Style(formats.getOrDefault(format, "#" + format), bold.get(font)));
        }
        return styles;
    }

    private static List<String> sharedStrings(DocumentBuilder xml, byte[] part) throws IOException, SAXException {
        List<String> out = new ArrayList<>();
        if (part == null) {
            return out;
        }
        for (Element si : elements(xml.parse(new ByteArrayInputStream(part)), "si")) {
            StringBuilder s = new StringBuilder();
            NodeList ts = si.getElementsByTagNameNS("*", "t");
            for (int i = 0; i < ts.getLength(); i++) {
                s.append(ts.item(i).getTextContent());
            }
            out.add(s.toString());
        }
        return out;
    }

    /** "B12" → {11, 1}. */
    private static int[] reference(String r) {
        int col = 0;
        int i = 0;
        while (Character.isLetter(r.charAt(i))) {
            col = col * 26 + r.charAt(i++) - 'A' + 1;
        }
        return new int[] {Integer.parseInt(r.substring(i)) - 1, col - 1};
    }

    private static String text(Element parent, String tag) {
        NodeList n = parent.getElementsByTagNameNS("*", tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent();
    }

    private static List<Element> elements(Document doc, String tag) {
        return elements(doc.getDocumentElement(), tag);
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList n = parent.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    private static InputStream in(Map<String, byte[]> parts, String name) throws IOException {
        byte[] b = parts.get(name);
        if (b == null) {
            throw new IOException("the .xlsx has no part " + name);
        }
        return new ByteArrayInputStream(b);
    }
}
