package cn.examcore.bank.io.sheet;

import cn.examcore.bank.io.format.Zips;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an .xlsx from hand-written parts, so a test controls the exact XML a cell is written in (phonetic runs,
 * escapes, shared formulas, ISO date cells) where POI's writer would choose for it.
 */
final class RawWorkbook {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /** Custom format 164 is 000000; style 1 uses it, style 2 is the built-in date format 14 (m/d/yy). */
    static final String STYLES = "<styleSheet xmlns=\"" + MAIN + "\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"000000\"/></numFmts>"
            + "<fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills>"
            + "<borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";

    private final Map<String, String> sheets = new LinkedHashMap<>();
    private final List<String> sharedStrings = new ArrayList<>();
    private String styles;

    /** A sheet whose sheetData holds {@code rows} ({@code <row>…</row>} elements). */
    RawWorkbook sheet(String name, String rows) {
        sheets.put(name, rows);
        return this;
    }

    /** A shared string as its {@code <si>} content, e.g. {@code <t>text</t>}. */
    RawWorkbook sharedString(String si) {
        sharedStrings.add(si);
        return this;
    }

    RawWorkbook styles(String stylesXml) {
        this.styles = stylesXml;
        return this;
    }

    byte[] bytes() {
        StringBuilder types = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + TYPES + "sheet.main+xml\"/>");
        StringBuilder workbook = new StringBuilder("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + DOC_RELS
                + "\"><sheets>");
        StringBuilder workbookRels = new StringBuilder("<Relationships xmlns=\"" + RELS + "\">");
        Map<String, String> parts = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> sheet : sheets.entrySet()) {
            n++;
            String part = "xl/worksheets/sheet" + n + ".xml";
            types.append("<Override PartName=\"/").append(part).append("\" ContentType=\"").append(TYPES)
                    .append("worksheet+xml\"/>");
            workbook.append("<sheet name=\"").append(sheet.getKey()).append("\" sheetId=\"").append(n)
                    .append("\" r:id=\"rId").append(n).append("\"/>");
            workbookRels.append("<Relationship Id=\"rId").append(n).append("\" Type=\"").append(DOC_RELS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(n).append(".xml\"/>");
            parts.put(part, "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + sheet.getValue()
                    + "</sheetData></worksheet>");
        }
        if (!sharedStrings.isEmpty()) {
            types.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"").append(TYPES)
                    .append("sharedStrings+xml\"/>");
            workbookRels.append("<Relationship Id=\"rIdS\" Type=\"").append(DOC_RELS)
                    .append("/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            StringBuilder sst = new StringBuilder("<sst xmlns=\"" + MAIN + "\" count=\"" + sharedStrings.size()
                    + "\" uniqueCount=\"" + sharedStrings.size() + "\">");
            sharedStrings.forEach(si -> sst.append("<si>").append(si).append("</si>"));
            parts.put("xl/sharedStrings.xml", sst.append("</sst>").toString());
        }
        if (styles != null) {
            types.append("<Override PartName=\"/xl/styles.xml\" ContentType=\"").append(TYPES)
                    .append("styles+xml\"/>");
            workbookRels.append("<Relationship Id=\"rIdT\" Type=\"").append(DOC_RELS)
                    .append("/styles\" Target=\"styles.xml\"/>");
            parts.put("xl/styles.xml", styles);
        }
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("[Content_Types].xml", utf8(types.append("</Types>")));
        all.put("_rels/.rels", utf8("<Relationships xmlns=\"" + RELS + "\"><Relationship Id=\"rId1\" Type=\""
                + DOC_RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
        all.put("xl/workbook.xml", utf8(workbook.append("</sheets></workbook>")));
        all.put("xl/_rels/workbook.xml.rels", utf8(workbookRels.append("</Relationships>")));
        parts.forEach((name, xml) -> all.put(name, utf8(xml)));
        return Zips.zip(all);
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
