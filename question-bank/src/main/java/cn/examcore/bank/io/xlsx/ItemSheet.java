package cn.examcore.bank.io.xlsx;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.sheet.CellKind;
import cn.examcore.bank.io.sheet.SheetCell;
import cn.examcore.bank.io.sheet.SheetReader;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the 题库 sheet row by row: the first non-empty row is the header, matched by name in any column order;
 * every later non-empty row is one item.
 */
final class ItemSheet implements SheetReader.RowSink {

    private final String file;
    private final ImportLimits limits;
    private final List<Issue> issues;
    private final Map<XlsxColumn, Integer> columns = new EnumMap<>(XlsxColumn.class);
    private final Map<Integer, XlsxColumn> byIndex = new HashMap<>();
    /** Columns whose header was unknown (already reported) or that have values without a header (reported once). */
    private final Set<Integer> reportedColumns = new HashSet<>();
    private final List<Item> items = new ArrayList<>();
    private final List<Integer> rows = new ArrayList<>();
    private final List<XlsxColumn> tagsColumns = new ArrayList<>();
    private boolean headerSeen;
    private int itemRows;

    ItemSheet(String file, ImportLimits limits, List<Issue> issues) {
        this.file = file;
        this.limits = limits;
        this.issues = issues;
    }

    @Override
    public boolean row(int rowNumber, List<SheetCell> cells) {
        if (cells.stream().allMatch(c -> c.kind() != CellKind.FORMULA && c.text().isBlank())) {
            return true;
        }
        if (!headerSeen) {
            headerSeen = true;
            return header(rowNumber, cells);
        }
        if (++itemRows > limits.maxItems()) {
            issues.add(Issue.error(new Location(file, XlsxSourceMap.row(XlsxTemplate.ITEMS_SHEET, rowNumber)),
                    Rule.TOO_MANY_ITEMS, "the sheet holds more than " + limits.maxItems() + " items"));
            return false;
        }
        Map<XlsxColumn, SheetCell> known = new EnumMap<>(XlsxColumn.class);
        for (SheetCell cell : cells) {
            XlsxColumn column = byIndex.get(cell.column());
            if (column != null) {
                known.put(column, cell);
            } else if (reportedColumns.add(cell.column())) {
                issues.add(Issue.error(new Location(file, XlsxSourceMap.cell(XlsxTemplate.ITEMS_SHEET, rowNumber,
                        cell.column())), Rule.MALFORMED, "this column has values but no header; give it one of the "
                        + "template's headers or delete it"));
            }
        }
        ItemRow.Result result = ItemRow.parse(file, rowNumber, known, columns, limits, issues);
        result.item().ifPresent(item -> {
            items.add(item);
            rows.add(rowNumber);
            tagsColumns.add(result.tagsColumn());
        });
        return true;
    }

    private boolean header(int rowNumber, List<SheetCell> cells) {
        for (SheetCell cell : cells) {
            Location at = new Location(file, XlsxSourceMap.cell(XlsxTemplate.ITEMS_SHEET, rowNumber, cell.column()));
            if (cell.kind() == CellKind.FORMULA) {
                issues.add(Issue.error(at, Rule.FORMULA_IN_CELL, "a header cell holds a formula"));
                reportedColumns.add(cell.column());
                continue;
            }
            Optional<XlsxColumn> column = XlsxColumn.byHeader(cell.text());
            if (column.isEmpty()) {
                issues.add(Issue.error(at, Rule.MALFORMED, "unknown column header \"" + cell.text().strip()
                        + "\"; the headers are listed on the " + XlsxTemplate.GUIDE_SHEET + " sheet"));
                reportedColumns.add(cell.column());
            } else if (columns.containsKey(column.get())) {
                issues.add(Issue.error(at, Rule.MALFORMED, "the header " + column.get().header()
                        + " appears twice (also in " + XlsxSourceMap.cell(rowNumber, column.get(),
                        columns.get(column.get())) + ")"));
                reportedColumns.add(cell.column());
            } else {
                columns.put(column.get(), cell.column());
                byIndex.put(cell.column(), column.get());
            }
        }
        List<String> missing = Arrays.stream(XlsxColumn.values())
                .filter(c -> c.required() && !columns.containsKey(c)).map(XlsxColumn::header).toList();
        if (!missing.isEmpty()) {
            issues.add(Issue.error(new Location(file, XlsxSourceMap.row(XlsxTemplate.ITEMS_SHEET, rowNumber)),
                    Rule.MISSING_FIELD, "the header row lacks the required column" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing)));
            return false;
        }
        return true;
    }

    boolean headerSeen() {
        return headerSeen;
    }

    List<Item> items() {
        return items;
    }

    XlsxSourceMap sourceMap() {
        return new XlsxSourceMap(file, columns, rows, tagsColumns);
    }
}
