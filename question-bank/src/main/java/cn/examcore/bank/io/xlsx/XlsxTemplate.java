package cn.examcore.bank.io.xlsx;

import cn.examcore.bank.io.format.Vocabulary;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Subject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the blank Excel template (题库模板) administrators fill in: the 题库 sheet with one column per
 * {@link XlsxColumn}, a 说明 sheet explaining each column with an example row per item type, and a 题库信息
 * sheet for the bank's id, title and default multiple-choice rule. {@link XlsxBankReader} reads it back.
 */
public final class XlsxTemplate {

    /** The sheet holding one item per row. */
    public static final String ITEMS_SHEET = "题库";
    /** The sheet explaining the columns; the reader ignores it. */
    public static final String GUIDE_SHEET = "说明";
    /** The sheet holding bank-level settings as label / value rows. */
    public static final String INFO_SHEET = "题库信息";

    static final String INFO_LABEL_HEADER = "项目";
    static final String INFO_ID = "题库编号";
    static final String INFO_TITLE = "题库名称";
    static final String INFO_DEFAULT_RULE = "默认多选规则";

    /** Enough rows for any bank the limits allow; a validation range costs nothing per row. */
    private static final int LAST_ROW = SpreadsheetVersion.EXCEL2007.getLastRowIndex();

    private XlsxTemplate() {
    }

    /** Writes the template to a file, replacing it. */
    public static void write(Path out) throws IOException {
        try (OutputStream stream = Files.newOutputStream(out)) {
            write(stream);
        }
    }

    /** Writes the template to a stream (left open). */
    public static void write(OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            itemsSheet(workbook.createSheet(ITEMS_SHEET), styles);
            guideSheet(workbook.createSheet(GUIDE_SHEET), styles);
            infoSheet(workbook.createSheet(INFO_SHEET), styles);
            workbook.write(out);
        }
    }

    /** The template as bytes. */
    public static byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** One example row per item type, shown on the 说明 sheet and in docs/xlsx-template.md. */
    static List<Map<XlsxColumn, String>> examples() {
        List<Map<XlsxColumn, String>> rows = new ArrayList<>();
        rows.add(example("HR4-T-0001", "单选", "劳动合同期限三个月以上不满一年的，试用期不得超过（  ）。",
                "A=七日", "B=一个月", "C=二个月", "D=六个月", "ANSWER=B", "SCORE=1", "KNOWLEDGE_POINT=HR4-03-01",
                "DIFFICULTY=2", "EXPLANATION=《劳动合同法》第十九条。"));
        rows.add(example("HR4-T-0002", "多选", "下列属于劳动合同必备条款的有（  ）。",
                "A=劳动合同期限", "B=工作内容和工作地点", "C=试用期", "D=劳动报酬", "E=社会保险",
                "ANSWER=A,B,D,E", "SCORE=2", "MULTIPLE_RULE=少选得分", "KNOWLEDGE_POINT=HR4-03-02",
                "DIFFICULTY=较难"));
        rows.add(example("HR4-T-0003", "判断", "用人单位自用工之日起即与劳动者建立劳动关系。",
                "ANSWER=对", "SCORE=1", "KNOWLEDGE_POINT=HR4-03-01", "DIFFICULTY=易"));
        rows.add(example("HR4-T-0004", "填空", "劳动者提前（  ）日以书面形式通知用人单位，可以解除（  ）。",
                "ANSWER=30||劳动合同|劳动协议", "TOLERANCE=0", "SCORE=2", "KNOWLEDGE_POINT=HR4-03-04",
                "DIFFICULTY=中"));
        rows.add(example("HR4-T-0005", "简答", "简述员工招聘的主要渠道及其优缺点。",
                "RUBRIC=内部招聘及其优缺点=4\n外部招聘及其优缺点=4\n结合实际举例=2", "SCORE=10",
                "KNOWLEDGE_POINT=HR4-02-01", "DIFFICULTY=3"));
        rows.add(example("HR4-T-0006", "论述", "论述绩效考核结果在人力资源管理各环节中的应用。",
                "RUBRIC=薪酬调整=5;培训开发=5;晋升与调配=5;论证完整、条理清楚=5", "SCORE=20",
                "KNOWLEDGE_POINT=HR4-04-03", "DIFFICULTY=4"));
        Map<XlsxColumn, String> operation = example("HR4-O-0001", "操作",
                "用电子表格设计一份部门月度考勤汇总表（含出勤、请假、加班统计）并提交。",
                "RUBRIC=表格结构完整=8;公式计算正确=8;格式规范=4", "SCORE=20", "KNOWLEDGE_POINT=HR4-O-02",
                "DIFFICULTY=3", "DELIVERABLES=xlsx");
        operation.put(XlsxColumn.SUBJECT, Subject.OPERATION.chineseName());
        rows.add(operation);
        return rows;
    }

    private static Map<XlsxColumn, String> example(String id, String type, String stem, String... fields) {
        Map<XlsxColumn, String> row = new EnumMap<>(XlsxColumn.class);
        row.put(XlsxColumn.ID, id);
        row.put(XlsxColumn.TYPE, type);
        row.put(XlsxColumn.STEM, stem);
        row.put(XlsxColumn.OCCUPATION, "企业人力资源管理师");
        row.put(XlsxColumn.LEVEL, "四级");
        row.put(XlsxColumn.SUBJECT, Subject.THEORY.chineseName());
        for (String field : fields) {
            int eq = field.indexOf('=');
            String name = field.substring(0, eq);
            XlsxColumn column = name.length() == 1 ? XlsxColumn.valueOf("OPTION_" + name) : XlsxColumn.valueOf(name);
            row.put(column, field.substring(eq + 1));
        }
        return row;
    }

    private static void itemsSheet(Sheet sheet, Styles styles) {
        Row header = sheet.createRow(0);
        for (XlsxColumn column : XlsxColumn.values()) {
            int i = column.ordinal();
            header.createCell(i).setCellValue(column.header());
            header.getCell(i).setCellStyle(styles.header);
            sheet.setColumnWidth(i, column.width() * 256 * 2);
        }
        // Text-formatted columns keep what is typed: an id 001 stays 001, an answer 1,3 is not read as a number.
        for (XlsxColumn column : List.of(XlsxColumn.ID, XlsxColumn.ANSWER, XlsxColumn.KNOWLEDGE_POINT)) {
            sheet.setDefaultColumnStyle(column.ordinal(), styles.text);
        }
        sheet.createFreezePane(0, 1);
        DataValidationHelper helper = sheet.getDataValidationHelper();
        list(sheet, helper, XlsxColumn.TYPE, true,
                Arrays.stream(ItemType.values()).map(ItemType::chineseName).toArray(String[]::new));
        list(sheet, helper, XlsxColumn.SUBJECT, true,
                Arrays.stream(Subject.values()).map(Subject::chineseName).toArray(String[]::new));
        List<String> difficulties = new ArrayList<>(List.of("1", "2", "3", "4", "5"));
        difficulties.addAll(Vocabulary.DIFFICULTY_WORDS);
        list(sheet, helper, XlsxColumn.DIFFICULTY, true, difficulties.toArray(String[]::new));
        // Levels have more spellings than a list shows (中级工, 4 …): the list helps, but only warns.
        list(sheet, helper, XlsxColumn.LEVEL, false, "五级", "四级", "三级", "二级", "一级");
        list(sheet, helper, XlsxColumn.MULTIPLE_RULE, true, ruleNames());
        list(sheet, helper, XlsxColumn.SHUFFLE, true, "是", "否");
    }

    private static void guideSheet(Sheet sheet, Styles styles) {
        Row title = sheet.createRow(0);
        String[] headers = {"列", "必填", "说明与可填写的值"};
        for (int i = 0; i < headers.length; i++) {
            title.createCell(i).setCellValue(headers[i]);
            title.getCell(i).setCellStyle(styles.header);
        }
        int r = 1;
        for (XlsxColumn column : XlsxColumn.values()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(column.header());
            row.createCell(1).setCellValue(column.required() ? "是" : "否");
            row.createCell(2).setCellValue(column.description());
            row.getCell(2).setCellStyle(styles.wrapped);
        }
        r++;
        sheet.createRow(r++).createCell(0).setCellValue(
                "示例：每种题型一行（可复制到“" + ITEMS_SHEET + "”工作表后修改）：");
        Row exampleHeader = sheet.createRow(r++);
        for (XlsxColumn column : XlsxColumn.values()) {
            exampleHeader.createCell(column.ordinal()).setCellValue(column.header());
            exampleHeader.getCell(column.ordinal()).setCellStyle(styles.header);
        }
        for (Map<XlsxColumn, String> example : examples()) {
            Row row = sheet.createRow(r++);
            example.forEach((column, value) -> {
                row.createCell(column.ordinal()).setCellValue(value);
                row.getCell(column.ordinal()).setCellStyle(styles.wrapped);
            });
        }
        sheet.setColumnWidth(0, 16 * 256);
        sheet.setColumnWidth(1, 14 * 256);
        sheet.setColumnWidth(2, 90 * 256);
        sheet.createFreezePane(0, 1);
    }

    private static void infoSheet(Sheet sheet, Styles styles) {
        String[][] rows = {
            {INFO_LABEL_HEADER, "内容", "说明"},
            {INFO_ID, "", "题库编号；留空则取文件名（不含 .xlsx）。"},
            {INFO_TITLE, "", "题库名称；留空则取文件名（不含 .xlsx）。"},
            {INFO_DEFAULT_RULE, Vocabulary.chineseName(MultipleChoiceRule.ALL_OR_NOTHING),
                "多选题的默认计分规则（某行填写“多选规则”时以该行为准）：" + String.join("、", ruleNames())
                        + "；留空即 全对得分。"},
        };
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                row.createCell(c).setCellValue(rows[r][c]);
                row.getCell(c).setCellStyle(r == 0 ? styles.header : styles.wrapped);
            }
        }
        sheet.setColumnWidth(0, 16 * 256);
        sheet.setColumnWidth(1, 36 * 256);
        sheet.setColumnWidth(2, 70 * 256);
        DataValidationHelper helper = sheet.getDataValidationHelper();
        DataValidation rule = helper.createValidation(helper.createExplicitListConstraint(ruleNames()),
                new CellRangeAddressList(3, 3, 1, 1));
        rule.setShowErrorBox(true);
        rule.setSuppressDropDownArrow(true);
        sheet.addValidationData(rule);
    }

    private static String[] ruleNames() {
        return Arrays.stream(MultipleChoiceRule.values()).map(Vocabulary::chineseName).toArray(String[]::new);
    }

    private static void list(Sheet sheet, DataValidationHelper helper, XlsxColumn column, boolean strict,
                             String... values) {
        DataValidationConstraint constraint = helper.createExplicitListConstraint(values);
        DataValidation validation = helper.createValidation(constraint,
                new CellRangeAddressList(1, LAST_ROW, column.ordinal(), column.ordinal()));
        validation.setErrorStyle(strict ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.WARNING);
        validation.setShowErrorBox(true);
        validation.createErrorBox(column.header(), "可选值：" + String.join("、", values));
        // In XSSF, true here means the arrow is shown (the flag's meaning is inverted from HSSF).
        validation.setSuppressDropDownArrow(true);
        sheet.addValidationData(validation);
    }

    /** The few cell styles the template uses. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle text;
        final CellStyle wrapped;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
            wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        }
    }
}
