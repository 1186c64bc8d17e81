package cn.examcore.bank.io.xlsx;

import static cn.examcore.bank.io.xlsx.XlsxRoundTripTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.report.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every reader-level error of the xlsx reader names sheet, row and column, and leaves the item out")
class XlsxReaderErrorsTest {

    private final XlsxBankReader reader = new XlsxBankReader();

    /** A valid 单选 row that each case spoils in one cell. */
    private static Map<String, Object> validRow(String id) {
        return row("题号", id, "题型", "单选", "题干", "题干", "选项A", "甲", "选项B", "乙", "答案", "A", "分值", 1,
                "难度", 3, "职业", "企业人力资源管理师", "等级", 4, "科目", "理论知识");
    }

    static Stream<Arguments> spoiledCells() {
        return Stream.of(
                Arguments.of("题型", "单项", Rule.UNKNOWN_TYPE, "column 题型 (B)", "单项"),
                Arguments.of("题型", "", Rule.MISSING_FIELD, "column 题型 (B)", "题型 is empty"),
                Arguments.of("分值", "两分", Rule.INVALID_VALUE, "column 分值 (N)", "is not a number"),
                Arguments.of("分值", "=1+1", Rule.FORMULA_IN_CELL, "column 分值 (N)", "formula"),
                Arguments.of("难度", "很难", Rule.INVALID_VALUE, "column 难度 (Q)", "很难"),
                Arguments.of("难度", 2.5, Rule.INVALID_VALUE, "column 难度 (Q)", "2.5"),
                Arguments.of("等级", "七级", Rule.INVALID_VALUE, "column 等级 (S)", "七级"),
                Arguments.of("科目", "体育", Rule.INVALID_VALUE, "column 科目 (T)", "体育"),
                Arguments.of("选项乱序", "也许", Rule.INVALID_VALUE, "column 选项乱序 (Y)", "是 or 否"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is {2} at {3}")
    @MethodSource("spoiledCells")
    @DisplayName("a spoiled cell is reported at its cell and only that item is left out")
    void spoiledCellIsReportedAtItsCell(String header, Object value, Rule rule, String column, String mentions)
            throws Exception {
        Map<String, Object> spoiled = new HashMap<>(validRow("Q1"));
        spoiled.put(header, value);

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(spoiled, validRow("Q2"))),
                ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.rule()).isEqualTo(rule);
            assertThat(issue.location().file()).isEqualTo("bank.xlsx");
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 2 " + column);
            assertThat(issue.message()).contains(mentions);
        });
        assertThat(bank.items()).extracting(Item::id).containsExactly("Q2");
        assertThat(bank.sourceMap().locate(0, ItemField.ITEM, -1).place()).isEqualTo("sheet 题库 row 3");
    }

    static Stream<Arguments> spoiledTypeSpecificCells() {
        return Stream.of(
                Arguments.of(row("题型", "判断", "答案", "也许"), "column 答案 (L)", "对 or 错"),
                Arguments.of(row("题型", "多选", "答案", "AB", "多选规则", "随便"), "column 多选规则 (O)", "随便"),
                Arguments.of(row("题型", "填空", "答案", "1||2", "数值容差", "0.1||0.2||0.3"), "column 数值容差 (M)",
                        "3 parts"),
                Arguments.of(row("题型", "填空", "答案", "1", "数值容差", "大约"), "column 数值容差 (M)", "not a number"),
                Arguments.of(row("题型", "简答", "评分要点", "要点一=4\n要点二"), "column 评分要点 (U)",
                        "point 2 \"要点二\""),
                Arguments.of(row("题型", "论述", "评分要点", "要点=很多"), "column 评分要点 (U)", "很多"));
    }

    @ParameterizedTest(name = "{0} is reported at {1}")
    @MethodSource("spoiledTypeSpecificCells")
    @DisplayName("a value a type cannot use is reported at its cell")
    void spoiledTypeSpecificCell(Map<String, Object> changes, String column, String mentions) throws Exception {
        Map<String, Object> spoiled = new HashMap<>(validRow("Q1"));
        spoiled.remove("选项A");
        spoiled.remove("选项B");
        spoiled.remove("答案");
        spoiled.putAll(changes);

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(spoiled)), ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.INVALID_VALUE);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 2 " + column);
            assertThat(issue.message()).contains(mentions);
        });
        assertThat(bank.items()).isEmpty();
    }

    @Test
    @DisplayName("a formula is refused even where its cached result would be valid, and is never evaluated")
    void formulaIsRefused() throws Exception {
        Map<String, Object> row = new HashMap<>(validRow("Q1"));
        row.put("题干", "=CONCATENATE(\"a\",\"b\")");

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(row)), ImportLimits.defaults());

        assertThat(bank.readIssues()).extracting(Issue::rule, i -> i.location().place())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.FORMULA_IN_CELL,
                        "sheet 题库 row 2 column 题干 (C)"));
        assertThat(bank.items()).isEmpty();
    }

    @Test
    @DisplayName("a cell longer than the text limit is refused with TEXT_TOO_LONG")
    void tooLongCell() throws Exception {
        Map<String, Object> row = new HashMap<>(validRow("Q1"));
        row.put("题干", "长".repeat(51));
        ImportLimits limits = new ImportLimits(64L << 20, 512L << 20, 20_000, 200, 200_000, 50);

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(row, validRow("Q2"))), limits);

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.TEXT_TOO_LONG);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 2 column 题干 (C)");
            assertThat(issue.message()).contains("50");
        });
        assertThat(bank.items()).extracting(Item::id).containsExactly("Q2");
    }

    @Test
    @DisplayName("an unknown header is an error naming the header and its column")
    void unknownHeader() throws Exception {
        byte[] file = Workbooks.template(workbook -> {
            Sheet sheet = workbook.getSheet(XlsxTemplate.ITEMS_SHEET);
            sheet.getRow(0).createCell(25).setCellValue("备注");
            Row row = sheet.createRow(1);
            Map<String, Integer> headers = Workbooks.headers(sheet.getRow(0));
            validRow("Q1").forEach((h, v) -> Workbooks.set(row.createCell(headers.get(h)), v));
            row.createCell(25).setCellValue("ignored once reported");
        });

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 1 column Z");
            assertThat(issue.message()).contains("备注");
        });
    }

    @Test
    @DisplayName("a header appearing twice is an error naming both columns")
    void duplicateHeader() throws Exception {
        byte[] file = Workbooks.template(workbook ->
                workbook.getSheet(XlsxTemplate.ITEMS_SHEET).getRow(0).createCell(25).setCellValue("题干"));

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 1 column Z");
            assertThat(issue.message()).contains("题干").contains("column 题干 (C)");
        });
    }

    @Test
    @DisplayName("a missing required column is an error naming it, and no row is read")
    void missingRequiredHeader() throws Exception {
        byte[] file = Workbooks.workbook(workbook -> {
            Sheet sheet = workbook.createSheet(XlsxTemplate.ITEMS_SHEET);
            String[] headers = {"题号", "题型", "题干", "答案", "难度", "职业", "等级", "科目"};
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            sheet.createRow(1).createCell(0).setCellValue("Q1");
        });

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MISSING_FIELD);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 1");
            assertThat(issue.message()).contains("分值");
        });
        assertThat(bank.items()).isEmpty();
    }

    @Test
    @DisplayName("values in a column without a header are reported once, at the first such cell")
    void valuesWithoutHeader() throws Exception {
        byte[] file = Workbooks.template(workbook -> {
            Sheet sheet = workbook.getSheet(XlsxTemplate.ITEMS_SHEET);
            Map<String, Integer> headers = Workbooks.headers(sheet.getRow(0));
            for (int r = 1; r <= 2; r++) {
                Row row = sheet.createRow(r);
                validRow("Q" + r).forEach((h, v) -> Workbooks.set(row.createCell(headers.get(h)), v));
                row.createCell(27).setCellValue("stray");
            }
        });

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 2 column AB");
        });
    }

    @Test
    @DisplayName("a workbook without a 题库 sheet is an error naming the sheets it has")
    void missingItemSheet() throws Exception {
        byte[] file = Workbooks.workbook(workbook -> workbook.createSheet("Sheet1").createRow(0).createCell(0)
                .setCellValue("题号"));

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MISSING_FIELD);
            assertThat(issue.location().place()).isEmpty();
            assertThat(issue.message()).contains("题库").contains("Sheet1");
        });
    }

    @Test
    @DisplayName("an empty 题库 sheet is an error asking for the header row")
    void emptyItemSheet() throws Exception {
        byte[] file = Workbooks.workbook(workbook -> workbook.createSheet(XlsxTemplate.ITEMS_SHEET));

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MISSING_FIELD);
            assertThat(issue.location().place()).isEqualTo("sheet 题库");
        });
    }

    @Test
    @DisplayName("empty rows are skipped and items keep their Excel row numbers")
    void emptyRowsAreSkipped() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(validRow("Q1"));
        rows.add(row("题干", "   "));
        rows.add(row());
        rows.add(validRow("Q4"));

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(rows), ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).extracting(Item::id).containsExactly("Q1", "Q4");
        assertThat(bank.sourceMap().locate(1, ItemField.ID, -1).place()).isEqualTo("sheet 题库 row 5 column 题号 (A)");
    }

    @Test
    @DisplayName("more rows than the item limit stop the read with TOO_MANY_ITEMS at the first row too many")
    void tooManyItems() throws Exception {
        ImportLimits limits = new ImportLimits(64L << 20, 512L << 20, 20_000, 200, 2, 20_000);

        ParsedBank bank = reader.read("bank.xlsx",
                Workbooks.filled(List.of(validRow("Q1"), validRow("Q2"), validRow("Q3"), validRow("Q4"))), limits);

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.TOO_MANY_ITEMS);
            assertThat(issue.location().place()).isEqualTo("sheet 题库 row 4");
        });
        assertThat(bank.items()).hasSize(2);
    }

    @Test
    @DisplayName("a missing tag leaves its part of the tags empty and points tag findings at its column")
    void missingTagPointsAtItsColumn() throws Exception {
        Map<String, Object> row = new HashMap<>(validRow("Q1"));
        row.remove("等级");

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(row)), ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items().get(0).tags()).isEqualTo(new Tags("企业人力资源管理师", 0, Subject.THEORY));
        assertThat(bank.sourceMap().locate(0, ItemField.TAGS, -1).place()).isEqualTo("sheet 题库 row 2 column 等级 (S)");
    }

    @Test
    @DisplayName("an empty 题号 is left to validation, which finds it through the source map")
    void emptyIdIsLeftToValidation() throws Exception {
        Map<String, Object> row = new HashMap<>(validRow("Q1"));
        row.remove("题号");

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(row)), ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).singleElement().extracting(Item::id).isEqualTo("");
        assertThat(bank.sourceMap().locate(0, ItemField.ID, -1).place()).isEqualTo("sheet 题库 row 2 column 题号 (A)");
    }

    @Test
    @DisplayName("a gap between options stays an empty option, so the validator can point at it")
    void optionGapStaysEmpty() throws Exception {
        Map<String, Object> row = new HashMap<>(validRow("Q1"));
        row.remove("选项B");
        row.put("选项C", "丙");

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(row)), ImportLimits.defaults());

        assertThat(bank.items().get(0).options())
                .containsExactly(new Choice("A", "甲"), new Choice("B", ""), new Choice("C", "丙"));
    }

    @Test
    @DisplayName("a value the type does not use is kept out of the item with a warning at its cell")
    void unusedValueWarns() throws Exception {
        Map<String, Object> row = new HashMap<>(validRow("Q1"));
        row.put("题型", "判断");
        row.put("答案", "对");
        row.put("评分要点", "要点=1");

        ParsedBank bank = reader.read("bank.xlsx", Workbooks.filled(List.of(row)), ImportLimits.defaults());

        assertThat(bank.readIssues()).extracting(Issue::severity, Issue::rule, i -> i.location().place())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, Rule.UNUSED_VALUE,
                                "sheet 题库 row 2 column 选项A (D)"),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, Rule.UNUSED_VALUE,
                                "sheet 题库 row 2 column 选项B (E)"),
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, Rule.UNUSED_VALUE,
                                "sheet 题库 row 2 column 评分要点 (U)"));
        assertThat(bank.items()).singleElement().satisfies(item -> {
            assertThat(item.options()).isEmpty();
            assertThat(item.rubric()).isEmpty();
            assertThat(item.correctTrueFalse()).isTrue();
        });
    }

    @Test
    @DisplayName("an unknown 默认多选规则 on the 题库信息 sheet is reported at its cell")
    void badDefaultRule() throws Exception {
        byte[] file = Workbooks.template(workbook ->
                workbook.getSheet(XlsxTemplate.INFO_SHEET).getRow(3).getCell(1).setCellValue("看心情"));

        ParsedBank bank = reader.read("bank.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.INVALID_VALUE);
            assertThat(issue.location().place()).isEqualTo("sheet 题库信息 row 4 column B");
            assertThat(issue.message()).contains("看心情");
        });
    }
}
