package cn.examcore.bank.io.xlsx;

import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.SourceMap;
import cn.examcore.bank.report.Location;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;

/**
 * Points validation findings at cells: "sheet 题库 row 7 column 答案 (F)", with Excel's 1-based row numbers and
 * column letters.
 *
 * @param fileName    the workbook's file name
 * @param columns     where each known column is (0-based index)
 * @param rows        the Excel row number of each parsed item
 * @param tagsColumns per item, the tag column a tag finding should point at (the first empty one, else 职业)
 */
record XlsxSourceMap(String fileName, Map<XlsxColumn, Integer> columns, List<Integer> rows,
                     List<XlsxColumn> tagsColumns) implements SourceMap {

    XlsxSourceMap {
        columns = Map.copyOf(columns);
        rows = List.copyOf(rows);
        tagsColumns = List.copyOf(tagsColumns);
    }

    @Override
    public Location locate(int itemIndex, ItemField field, int subIndex) {
        if (itemIndex < 0 || itemIndex >= rows.size()) {
            return file();
        }
        int row = rows.get(itemIndex);
        XlsxColumn column = switch (field) {
            case ITEM -> null;
            case ID -> XlsxColumn.ID;
            case TYPE -> XlsxColumn.TYPE;
            case STEM -> XlsxColumn.STEM;
            case OPTIONS -> XlsxColumn.OPTION_A;
            case OPTION -> subIndex >= 0 && subIndex < XlsxColumn.OPTIONS.size()
                    ? XlsxColumn.OPTIONS.get(subIndex) : XlsxColumn.OPTION_A;
            case KEY, BLANK -> XlsxColumn.ANSWER;
            case SCORE -> XlsxColumn.SCORE;
            case MULTIPLE_RULE -> XlsxColumn.MULTIPLE_RULE;
            case KNOWLEDGE_POINT -> XlsxColumn.KNOWLEDGE_POINT;
            case DIFFICULTY -> XlsxColumn.DIFFICULTY;
            case TAGS -> tagsColumns.get(itemIndex);
            case RUBRIC -> XlsxColumn.RUBRIC;
            case OPERATION -> XlsxColumn.DELIVERABLES;
            case EXPLANATION -> XlsxColumn.EXPLANATION;
        };
        if (column == null) {
            return new Location(fileName, row(XlsxTemplate.ITEMS_SHEET, row));
        }
        String place = cell(row, column, columns.get(column));
        if (field == ItemField.BLANK && subIndex >= 0) {
            place += " blank " + (subIndex + 1);
        }
        return new Location(fileName, place);
    }

    @Override
    public Location file() {
        return Location.file(fileName);
    }

    static String row(String sheet, int row) {
        return "sheet " + sheet + " row " + row;
    }

    /** A cell of the 题库 sheet; a column the sheet lacks is named as such. */
    static String cell(int row, XlsxColumn column, Integer index) {
        return row(XlsxTemplate.ITEMS_SHEET, row) + " column " + column.header() + " ("
                + (index == null ? "not in the sheet" : CellReference.convertNumToColString(index)) + ")";
    }

    /** A cell of a sheet without named columns. */
    static String cell(String sheet, int row, int index) {
        return row(sheet, row) + " column " + CellReference.convertNumToColString(index);
    }
}
