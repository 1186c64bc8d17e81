package cn.examcore.bank.io.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.validate.ImportResult;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The generated template, filled through POI, reads back into the expected items")
class XlsxRoundTripTest {

    private static final String HR = "企业人力资源管理师";
    private static final Tags THEORY_4 = new Tags(HR, 4, Subject.THEORY);

    private final XlsxBankReader reader = new XlsxBankReader();

    static Map<String, Object> row(Object... headerValuePairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < headerValuePairs.length; i += 2) {
            row.put((String) headerValuePairs[i], headerValuePairs[i + 1]);
        }
        return row;
    }

    static List<Map<String, Object>> onePerType() {
        return List.of(
                row("题号", 1001, "题型", "单选", "题干", "若 a < b & b < c，则（  ）\n（第二行）",
                        "选项A", "a > c", "选项B", "a < c", "选项C", "a = c", "选项D", "无法确定",
                        "答案", "b", "分值", 1.5, "知识点", "HR4-01-01", "难度", 2, "职业", HR, "等级", 4,
                        "科目", "理论知识", "解析", "传递性。", "选项乱序", "否"),
                row("题号", "HR-0002", "题型", "多选题", "题干", "下列属于劳动合同必备条款的有（  ）。",
                        "选项A", "劳动合同期限", "选项B", "工作内容和工作地点", "选项C", "试用期", "选项D", "劳动报酬",
                        "选项E", "社会保险", "答案", "A，B、D e", "多选规则", "按比例", "分值", "2",
                        "知识点", "HR4-03-02", "难度", "较难", "职业", HR, "等级", "中级工", "科目", "理论知识"),
                row("题号", "HR-0003", "题型", "判断", "题干", "用人单位自用工之日起即与劳动者建立劳动关系。",
                        "答案", "×", "分值", 1, "知识点", "HR4-03-01", "难度", "易", "职业", HR, "等级", "三级",
                        "科目", "理论知识"),
                row("题号", "HR-0004", "题型", "填空", "题干", "劳动者提前（  ）日以书面形式通知用人单位，可以解除（  ）。",
                        "答案", "劳动合同 | 劳动协议||30", "数值容差", 0.5, "分值", 2, "难度", 3, "职业", HR,
                        "等级", "四级", "科目", "理论知识"),
                row("题号", "HR-0005", "题型", "简答", "题干", "简述员工招聘的主要渠道。",
                        "评分要点", "内部招聘=4\n外部招聘=3；结合实际=3", "分值", 10, "知识点", "HR4-02-01",
                        "难度", 3, "职业", HR, "等级", 4, "科目", "理论知识"),
                row("题号", "HR-0006", "题型", "论述", "题干", "论述绩效考核结果的应用。",
                        "评分要点", "论点明确=10;论据充分=10", "分值", 20, "难度", 5, "职业", HR, "等级", 4,
                        "科目", "理论知识"),
                row("题号", "HR-O-0007", "题型", "操作", "题干", "根据附件制作考勤汇总表。",
                        "评分要点", "结构完整=12;计算正确=8", "分值", 20, "难度", 3, "职业", HR, "等级", 4,
                        "科目", "操作技能", "交付文件类型", ".DOCX，xlsx", "附件", "roster.xlsx, 模板 说明.docx"));
    }

    static List<Item> expectedItems() {
        return List.of(
                new Item("1001", ItemType.SINGLE_CHOICE, "若 a &lt; b &amp; b &lt; c，则（  ）<br>（第二行）",
                        List.of(new Choice("A", "a &gt; c"), new Choice("B", "a &lt; c"), new Choice("C", "a = c"),
                                new Choice("D", "无法确定")),
                        Set.of("B"), null, List.of(), new BigDecimal("1.5"), null, false, "HR4-01-01", 2, THEORY_4,
                        List.of(), null, "传递性。"),
                new Item("HR-0002", ItemType.MULTIPLE_CHOICE, "下列属于劳动合同必备条款的有（  ）。",
                        List.of(new Choice("A", "劳动合同期限"), new Choice("B", "工作内容和工作地点"),
                                new Choice("C", "试用期"), new Choice("D", "劳动报酬"), new Choice("E", "社会保险")),
                        Set.of("A", "B", "D", "E"), null, List.of(), new BigDecimal("2"),
                        MultipleChoiceRule.PROPORTIONAL, true, "HR4-03-02", 4, THEORY_4, List.of(), null, ""),
                new Item("HR-0003", ItemType.TRUE_FALSE, "用人单位自用工之日起即与劳动者建立劳动关系。", List.of(),
                        Set.of(), false, List.of(), BigDecimal.ONE, null, false, "HR4-03-01", 1,
                        new Tags(HR, 3, Subject.THEORY), List.of(), null, ""),
                new Item("HR-0004", ItemType.FILL_IN, "劳动者提前（  ）日以书面形式通知用人单位，可以解除（  ）。",
                        List.of(), Set.of(), null,
                        List.of(new Blank(List.of("劳动合同", "劳动协议"), null),
                                new Blank(List.of("30"), new BigDecimal("0.5"))),
                        new BigDecimal("2"), null, false, "", 3, THEORY_4, List.of(), null, ""),
                new Item("HR-0005", ItemType.SHORT_ANSWER, "简述员工招聘的主要渠道。", List.of(), Set.of(), null,
                        List.of(), BigDecimal.TEN, null, false, "HR4-02-01", 3, THEORY_4,
                        List.of(new RubricPoint("内部招聘", new BigDecimal("4")),
                                new RubricPoint("外部招聘", new BigDecimal("3")),
                                new RubricPoint("结合实际", new BigDecimal("3"))), null, ""),
                new Item("HR-0006", ItemType.ESSAY, "论述绩效考核结果的应用。", List.of(), Set.of(), null, List.of(),
                        new BigDecimal("20"), null, false, "", 5, THEORY_4,
                        List.of(new RubricPoint("论点明确", BigDecimal.TEN), new RubricPoint("论据充分", BigDecimal.TEN)),
                        null, ""),
                new Item("HR-O-0007", ItemType.OPERATION, "根据附件制作考勤汇总表。", List.of(), Set.of(), null,
                        List.of(), new BigDecimal("20"), null, false, "", 3, new Tags(HR, 4, Subject.OPERATION),
                        List.of(new RubricPoint("结构完整", new BigDecimal("12")),
                                new RubricPoint("计算正确", new BigDecimal("8"))),
                        new OperationSpec(List.of("roster.xlsx", "模板 说明.docx"), List.of("docx", "xlsx"), 0), ""));
    }

    @Test
    @DisplayName("one row per item type reads back into exactly the expected items, every field included")
    void everyTypeRoundTrips() throws Exception {
        byte[] file = Workbooks.filled(onePerType());

        ParsedBank bank = reader.read("hr4-theory.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).containsExactlyElementsOf(expectedItems());
        assertThat(bank.resources()).isEmpty();
    }

    @Test
    @DisplayName("without a filled 题库信息 sheet the bank is named after the file and scores 多选 all-or-nothing")
    void bankDefaultsComeFromTheFileName() throws Exception {
        ParsedBank bank = reader.read("uploads/hr4-theory.xlsx", Workbooks.filled(onePerType()),
                ImportLimits.defaults());

        assertThat(bank.id()).isEqualTo("hr4-theory");
        assertThat(bank.title()).isEqualTo("hr4-theory");
        assertThat(bank.defaultMultipleRule()).isEqualTo(MultipleChoiceRule.ALL_OR_NOTHING);
    }

    @Test
    @DisplayName("the 题库信息 sheet sets the bank's id, title and default multiple-choice rule")
    void infoSheetSetsBankValues() throws Exception {
        byte[] file = Workbooks.template(workbook -> {
            Sheet info = workbook.getSheet(XlsxTemplate.INFO_SHEET);
            info.getRow(1).getCell(1).setCellValue("HR4-2026");
            info.getRow(2).getCell(1).setCellValue("企业人力资源管理师四级理论题库");
            info.getRow(3).getCell(1).setCellValue("少选得分");
        });

        ParsedBank bank = reader.read("x.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.id()).isEqualTo("HR4-2026");
        assertThat(bank.title()).isEqualTo("企业人力资源管理师四级理论题库");
        assertThat(bank.defaultMultipleRule()).isEqualTo(MultipleChoiceRule.PARTIAL_SUBSET);
    }

    @Test
    @DisplayName("the source map points each part of a read item at its cell")
    void sourceMapPointsAtCells() throws Exception {
        ParsedBank bank = reader.read("hr.xlsx", Workbooks.filled(onePerType()), ImportLimits.defaults());

        assertThat(bank.sourceMap().locate(0, ItemField.ITEM, -1).toString()).isEqualTo("hr.xlsx: sheet 题库 row 2");
        assertThat(bank.sourceMap().locate(0, ItemField.OPTION, 1).place())
                .isEqualTo("sheet 题库 row 2 column 选项B (E)");
        assertThat(bank.sourceMap().locate(1, ItemField.KEY, -1).place())
                .isEqualTo("sheet 题库 row 3 column 答案 (L)");
        assertThat(bank.sourceMap().locate(3, ItemField.BLANK, 1).place())
                .isEqualTo("sheet 题库 row 5 column 答案 (L) blank 2");
        assertThat(bank.sourceMap().locate(6, ItemField.SCORE, -1).place())
                .isEqualTo("sheet 题库 row 8 column 分值 (N)");
        assertThat(bank.sourceMap().locate(6, ItemField.OPERATION, -1).place())
                .isEqualTo("sheet 题库 row 8 column 交付文件类型 (V)");
        assertThat(bank.sourceMap().file().file()).isEqualTo("hr.xlsx");
    }

    /** The template with the example rows of its 说明 sheet copied into the 题库 sheet. */
    private static byte[] guideExamples() {
        return Workbooks.template(workbook -> {
            Sheet guide = workbook.getSheet(XlsxTemplate.GUIDE_SHEET);
            Sheet items = workbook.getSheet(XlsxTemplate.ITEMS_SHEET);
            List<Row> examples = new ArrayList<>();
            boolean afterHeader = false;
            for (Row row : guide) {
                if (afterHeader) {
                    examples.add(row);
                }
                afterHeader |= row.getCell(1) != null && row.getCell(1).getStringCellValue().equals("题型")
                        && row.getCell(0).getStringCellValue().equals("题号");
            }
            int r = 1;
            for (Row example : examples) {
                Row copy = items.createRow(r++);
                example.forEach(cell -> copy.createCell(cell.getColumnIndex())
                        .setCellValue(cell.getStringCellValue()));
            }
        });
    }

    @Test
    @DisplayName("the example rows of the 说明 sheet, copied into 题库, read without a finding")
    void guideExamplesReadCleanly() throws Exception {
        ParsedBank bank = reader.read("examples.xlsx", guideExamples(), ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).extracting(Item::type).containsExactly(ItemType.values());
        assertThat(bank.items()).allSatisfy(item -> {
            assertThat(item.tags()).isNotNull();
            assertThat(item.score()).isPositive();
            assertThat(item.difficulty()).isBetween(1, 5);
        });
    }

    @Test
    @DisplayName("the example rows of the 说明 sheet make a bank the importer accepts, validation included")
    void guideExamplesAreAccepted() {
        ImportResult result = new BankImporter().importBytes("examples.xlsx", guideExamples());

        assertThat(result.issues()).isEmpty();
        assertThat(result.bank()).hasValueSatisfying(bank -> assertThat(bank.items()).hasSize(7));
    }

    @Test
    @DisplayName("columns are found by header in any order, and numbers typed as text read like number cells")
    void columnsInAnyOrder() throws Exception {
        byte[] file = Workbooks.workbook(workbook -> {
            Sheet sheet = workbook.createSheet(XlsxTemplate.ITEMS_SHEET);
            String[] headers = {"科目", "分值", "答案", "选项B", "选项A", "题干", "题型", "题号", "难度", "等级", "职业"};
            Object[] values = {"理论知识", "3", "A", "错的", "对的", "哪个对？", "单选", "Q1", "2", "4", HR};
            Row header = sheet.createRow(0);
            Row row = sheet.createRow(1);
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
                Workbooks.set(row.createCell(i), values[i]);
            }
        });

        ParsedBank bank = reader.read("reordered.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).containsExactly(new Item("Q1", ItemType.SINGLE_CHOICE, "哪个对？",
                List.of(new Choice("A", "对的"), new Choice("B", "错的")), Set.of("A"), null, List.of(),
                new BigDecimal("3"), null, true, "", 2, THEORY_4, List.of(), null, ""));
        assertThat(bank.sourceMap().locate(0, ItemField.OPTION, 0).place())
                .isEqualTo("sheet 题库 row 2 column 选项A (E)");
        assertThat(bank.sourceMap().locate(0, ItemField.RUBRIC, -1).place())
                .isEqualTo("sheet 题库 row 2 column 评分要点 (not in the sheet)");
    }

    @Test
    @DisplayName("a template saved by Excel with its own number formats still yields the stored values")
    void numberFormatsDoNotChangeValues() throws Exception {
        byte[] file = Workbooks.template(workbook -> {
            Sheet sheet = workbook.getSheet(XlsxTemplate.ITEMS_SHEET);
            Map<String, Integer> headers = Workbooks.headers(sheet.getRow(0));
            var padded = workbook.createCellStyle();
            padded.setDataFormat(workbook.createDataFormat().getFormat("000000"));
            var rounded = workbook.createCellStyle();
            rounded.setDataFormat(workbook.createDataFormat().getFormat("0"));
            Row row = sheet.createRow(1);
            Map<String, Object> values = onePerType().get(2);
            values.forEach((h, v) -> Workbooks.set(row.createCell(headers.get(h)), v));
            row.getCell(headers.get("题号")).setCellValue(42);
            row.getCell(headers.get("题号")).setCellStyle(padded);
            row.getCell(headers.get("分值")).setCellValue(1.5);
            row.getCell(headers.get("分值")).setCellStyle(rounded);
        });

        ParsedBank bank = reader.read("formats.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        // The id reads as the administrator sees it; the score keeps its stored value, not the rounded display.
        assertThat(bank.items().get(0).id()).isEqualTo("000042");
        assertThat(bank.items().get(0).score()).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    @DisplayName("the generated template opens in POI with the three sheets and no items")
    void blankTemplateReadsAsEmptyBank() throws Exception {
        byte[] template = XlsxTemplate.bytes();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("题库");
            assertThat(workbook.getSheetName(1)).isEqualTo("说明");
            assertThat(workbook.getSheetName(2)).isEqualTo("题库信息");
        }

        ParsedBank bank = reader.read("template.xlsx", template, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).isEmpty();
    }
}
