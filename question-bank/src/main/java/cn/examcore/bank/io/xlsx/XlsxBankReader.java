package cn.examcore.bank.io.xlsx;

import static cn.examcore.bank.io.format.FileNames.baseName;

import cn.examcore.bank.io.format.BankReader;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.io.format.ZipGuard;
import cn.examcore.bank.io.sheet.CellKind;
import cn.examcore.bank.io.sheet.SheetCell;
import cn.examcore.bank.io.sheet.SheetReader;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a bank from the Excel template ({@link XlsxTemplate}): items from the 题库 sheet, bank id, title and
 * default multiple-choice rule from the optional 题库信息 sheet. The workbook is streamed by {@link SheetReader}
 * rather than loaded as a whole, so a 20,000-row bank reads in well under the 5 s target (about half a second of
 * CPU) and memory stays bounded; formulas are refused and never evaluated. Before POI sees the bytes,
 * {@link ZipGuard} inflates the archive once against the limits. Numbers read as their number format shows them
 * (an id formatted 000000 is 000042, as the administrator sees it), with the stored value kept for scores.
 *
 * <p>Locations read "sheet 题库 row 7 column 答案 (F)", with rows and column letters as Excel shows them.
 */
public final class XlsxBankReader implements BankReader {

    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1};

    public XlsxBankReader() {
        // stateless: one instance may read any number of files, also concurrently
    }

    @Override
    public ParsedBank read(String fileName, byte[] content, ImportLimits limits) throws IOException {
        String baseName = baseName(fileName);
        List<Issue> issues = new ArrayList<>();
        Location whole = Location.file(fileName);
        if (ZipGuard.startsWith(content, OLE2_MAGIC)) {
            return failed(fileName, baseName, Issue.error(whole, Rule.UNSUPPORTED_FORMAT, "this is a legacy Excel "
                    + "97-2003 workbook (.xls) or a password-protected workbook; open it in Excel and save it as "
                    + ".xlsx (Excel Workbook) without a password"));
        }
        if (!ZipGuard.looksLikeZip(content)) {
            return failed(fileName, baseName, Issue.error(whole, Rule.UNSUPPORTED_FORMAT, "this is not an .xlsx "
                    + "workbook (an .xlsx file is a zip archive; this file is not); save it from Excel as .xlsx"));
        }
        ItemSheet items = new ItemSheet(fileName, limits, issues);
        InfoSheet info = new InfoSheet(fileName, new Settings(baseName, baseName, MultipleChoiceRule.ALL_OR_NOTHING),
                issues);
        SheetReader.Options options = new SheetReader.Options(ZipGuard.Limits.of(limits), limits.maxTextChars(),
                SheetReader.NumberText.AS_SHOWN, SheetReader.DateCells.AS_NUMBERS);
        List<String> sheetNames;
        try {
            sheetNames = SheetReader.read(fileName, content, options, (index, name) -> switch (name) {
                case XlsxTemplate.ITEMS_SHEET -> items;
                case XlsxTemplate.INFO_SHEET -> info;
                default -> null;
            });
        } catch (ZipGuard.Refused refused) {
            return failed(fileName, baseName, refused.issue());
        } catch (SheetReader.Unreadable e) {
            // A workbook that could not be read to the end yields no items; the findings so far are kept.
            issues.add(unreadable(whole, e));
            return failed(fileName, baseName, issues);
        }
        boolean itemSheetFound = sheetNames.contains(XlsxTemplate.ITEMS_SHEET);
        Settings settings = info.settings();
        if (!itemSheetFound) {
            issues.add(Issue.error(whole, Rule.MISSING_FIELD, "the workbook has no sheet named "
                    + XlsxTemplate.ITEMS_SHEET + " (its sheets: " + String.join(", ", sheetNames)
                    + "); start from the template"));
        } else if (!items.headerSeen()) {
            issues.add(Issue.error(new Location(fileName, "sheet " + XlsxTemplate.ITEMS_SHEET), Rule.MISSING_FIELD,
                    "the sheet is empty; its first row must hold the column headers"));
        }
        return new ParsedBank(settings.id(), settings.title(), settings.defaultRule(), items.items(), Map.of(),
                issues, items.sourceMap());
    }

    /** Bank-level values, from the file name unless 题库信息 says otherwise. */
    record Settings(String id, String title, MultipleChoiceRule defaultRule) {
    }

    /** Reads label / value rows of the 题库信息 sheet. */
    private static final class InfoSheet implements SheetReader.RowSink {
        private final String file;
        private final List<Issue> issues;
        private Settings settings;

        InfoSheet(String file, Settings defaults, List<Issue> issues) {
            this.file = file;
            this.settings = defaults;
            this.issues = issues;
        }

        @Override
        public boolean row(int rowNumber, List<SheetCell> cells) {
            Optional<SheetCell> label = cells.stream().filter(c -> c.column() == 0).findFirst();
            Optional<SheetCell> value = cells.stream().filter(c -> c.column() == 1).findFirst();
            for (SheetCell cell : cells) {
                if (cell.column() <= 1 && cell.kind() == CellKind.FORMULA) {
                    issues.add(Issue.error(at(rowNumber, cell.column()), Rule.FORMULA_IN_CELL,
                            "the cell holds a formula; formulas are not evaluated, so type the value"));
                    return true;
                }
            }
            String name = label.map(c -> Vocabulary.fold(c.text())).orElse("");
            String text = value.map(c -> c.text().strip()).orElse("");
            switch (name) {
                case "", XlsxTemplate.INFO_LABEL_HEADER -> {
                    // an empty row, or the header row of the template
                }
                case XlsxTemplate.INFO_ID -> settings = text.isEmpty() ? settings
                        : new Settings(text, settings.title(), settings.defaultRule());
                case XlsxTemplate.INFO_TITLE -> settings = text.isEmpty() ? settings
                        : new Settings(settings.id(), text, settings.defaultRule());
                case XlsxTemplate.INFO_DEFAULT_RULE -> {
                    if (!text.isEmpty()) {
                        Optional<MultipleChoiceRule> rule = Vocabulary.multipleRule(text);
                        if (rule.isPresent()) {
                            settings = new Settings(settings.id(), settings.title(), rule.get());
                        } else {
                            issues.add(Issue.error(at(rowNumber, 1), Rule.INVALID_VALUE, XlsxTemplate.INFO_DEFAULT_RULE
                                    + " \"" + text + "\" is not one of 全对得分, 按比例, 少选得分"));
                        }
                    }
                }
                default -> issues.add(Issue.error(at(rowNumber, 0), Rule.MALFORMED, "unknown setting \"" + name
                        + "\"; expected " + XlsxTemplate.INFO_ID + ", " + XlsxTemplate.INFO_TITLE + " or "
                        + XlsxTemplate.INFO_DEFAULT_RULE));
            }
            return true;
        }

        Settings settings() {
            return settings;
        }

        private Location at(int row, int column) {
            return new Location(file, XlsxSourceMap.cell(XlsxTemplate.INFO_SHEET, row, column));
        }
    }

    private static Issue unreadable(Location whole, Exception e) {
        return Issue.error(whole, Rule.UNREADABLE_FILE, "the workbook cannot be read as .xlsx: " + e.getMessage());
    }

    private static ParsedBank failed(String fileName, String baseName, Issue issue) {
        return failed(fileName, baseName, List.of(issue));
    }

    /** A workbook that could not be read to the end yields no items, only the findings. */
    private static ParsedBank failed(String fileName, String baseName, List<Issue> issues) {
        return new ParsedBank(baseName, baseName, MultipleChoiceRule.ALL_OR_NOTHING, List.of(), Map.of(),
                List.copyOf(issues), new XlsxSourceMap(fileName, Map.of(), List.of(), List.of()));
    }
}
