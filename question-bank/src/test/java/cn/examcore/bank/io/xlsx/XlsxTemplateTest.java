package cn.examcore.bank.io.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The generated Excel template")
class XlsxTemplateTest {

    private static XSSFWorkbook open(byte[] bytes) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    @Test
    @DisplayName("has the Chinese headers in template order on a bold, frozen header row with set widths")
    void headersInOrder() throws Exception {
        try (XSSFWorkbook workbook = open(XlsxTemplate.bytes())) {
            XSSFSheet sheet = workbook.getSheet("题库");
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));

            assertThat(headers).containsExactly("题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E",
                    "选项F", "选项G", "选项H", "答案", "数值容差", "分值", "多选规则", "知识点", "难度", "职业", "等级",
                    "科目", "评分要点", "交付文件类型", "附件", "解析", "选项乱序");
            XSSFCell first = sheet.getRow(0).getCell(0);
            assertThat(first.getCellStyle().getFont().getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getColumnWidth(2)).isGreaterThan(sheet.getColumnWidth(1));
        }
    }

    @Test
    @DisplayName("offers drop-down lists for 题型, 科目 and 难度 (and 多选规则, 选项乱序, 等级) over all data rows")
    void dataValidationLists() throws Exception {
        try (XSSFWorkbook workbook = open(XlsxTemplate.bytes())) {
            XSSFSheet sheet = workbook.getSheet("题库");
            Map<String, List<String>> lists = new HashMap<>();
            for (DataValidation validation : sheet.getDataValidations()) {
                var range = validation.getRegions().getCellRangeAddress(0);
                assertThat(range.getFirstRow()).isEqualTo(1);
                assertThat(range.getLastRow()).isGreaterThanOrEqualTo(200_000);
                String header = sheet.getRow(0).getCell(range.getFirstColumn()).getStringCellValue();
                lists.put(header, Arrays.asList(validation.getValidationConstraint().getExplicitListValues()));
            }

            assertThat(lists.get("题型")).containsExactly("单选", "多选", "判断", "填空", "简答", "论述", "操作");
            assertThat(lists.get("科目")).containsExactly("理论知识", "操作技能");
            assertThat(lists.get("难度")).contains("1", "5", "易", "难");
            assertThat(lists.get("多选规则")).containsExactly("全对得分", "按比例", "少选得分");
            assertThat(lists.get("选项乱序")).containsExactly("是", "否");
            assertThat(lists).containsKey("等级");
        }
    }

    @Test
    @DisplayName("explains every column on the 说明 sheet and shows an example row for each item type")
    void guideExplainsEveryColumn() throws Exception {
        try (XSSFWorkbook workbook = open(XlsxTemplate.bytes())) {
            Sheet guide = workbook.getSheet("说明");
            Map<String, String> explained = new HashMap<>();
            List<String> exampleTypes = new ArrayList<>();
            boolean examples = false;
            for (Row row : guide) {
                Cell a = row.getCell(0);
                Cell b = row.getCell(1);
                Cell c = row.getCell(2);
                if (examples && b != null) {
                    exampleTypes.add(b.getStringCellValue());
                } else if (a != null && c != null && !examples) {
                    explained.put(a.getStringCellValue(), c.getStringCellValue());
                }
                examples |= b != null && b.getStringCellValue().equals("题型");
            }

            for (XlsxColumn column : XlsxColumn.values()) {
                assertThat(explained.get(column.header())).as(column.header()).isNotBlank();
            }
            assertThat(exampleTypes).containsExactly("单选", "多选", "判断", "填空", "简答", "论述", "操作");
        }
    }

    @Test
    @DisplayName("holds bank id, title and default 多选规则 rows on the 题库信息 sheet")
    void infoSheet() throws Exception {
        try (XSSFWorkbook workbook = open(XlsxTemplate.bytes())) {
            Sheet info = workbook.getSheet("题库信息");
            List<String> labels = new ArrayList<>();
            info.forEach(row -> labels.add(row.getCell(0).getStringCellValue()));

            assertThat(labels).containsExactly("项目", "题库编号", "题库名称", "默认多选规则");
            assertThat(info.getRow(3).getCell(1).getStringCellValue()).isEqualTo("全对得分");
            assertThat(new CellReference(info.getRow(3).getCell(1)).formatAsString(false)).isEqualTo("B4");
        }
    }

    @Test
    @DisplayName("writes the same workbook to a file as to memory")
    void writesToFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("OUT.xlsx");

        XlsxTemplate.write(out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(out))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheet("题库").getRow(0).getLastCellNum()).isEqualTo((short) 25);
        }
    }
}
