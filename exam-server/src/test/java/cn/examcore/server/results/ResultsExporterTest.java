package cn.examcore.server.results;

import cn.examcore.bank.model.Subject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ResultsExporter")
class ResultsExporterTest {

    private static final Instant SUBMITTED = Instant.parse("2025-06-14T02:35:10Z"); // 10:35:10 in Shanghai

    private final ResultsExporter exporter = new ResultsExporter();

    private static List<ResultRow> rows() {
        return List.of(
                new ResultRow("2025310001", "张三", "电工", "四级/中级工", Subject.THEORY, "第1考场", "01",
                        ResultStatus.SUBMITTED, new BigDecimal("87.5"), false, new BigDecimal("87.5"),
                        new BigDecimal("100"), true, SUBMITTED, null, "310101199001011234",
                        java.time.LocalDate.of(2027, 6, 13), "CERT-0001", "PASSED"),
                new ResultRow("2025310002", "=HYPERLINK(\"http://evil/\",\"x\")", "电工", "四级/中级工",
                        Subject.OPERATION, "第1考场", "02", ResultStatus.AUTO_SUBMITTED, new BigDecimal("20"), true,
                        null, new BigDecimal("100"), null, SUBMITTED.plusSeconds(60), null),
                new ResultRow("2025310003", "李四", "电工", "四级/中级工", Subject.THEORY, "第2考场", "01",
                        ResultStatus.ABSENT, null, false, null, new BigDecimal("100"), false, null, null),
                new ResultRow("2025310004", "王五", "电工", "四级/中级工", Subject.THEORY, "第2考场", "02",
                        ResultStatus.CANCELLED, new BigDecimal("95"), false, new BigDecimal("0"),
                        new BigDecimal("100"), false, SUBMITTED, "B1 使用手机 (decision 12)"));
    }

    @Test
    @DisplayName("the CSV starts with a UTF-8 byte-order mark so Excel shows Chinese correctly")
    void csvBom() {
        byte[] csv = exporter.csv(rows());

        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    }

    @Test
    @DisplayName("the CSV reads back with Chinese headers and every value of every row")
    void csvValues() throws IOException {
        List<CSVRecord> records = parseCsv(exporter.csv(rows()));

        assertThat(records).hasSize(5);
        assertThat(records.get(0).toList()).isEqualTo(ResultsExporter.HEADERS);
        assertThat(records.get(1).toList()).containsExactly("2025310001", "张三", "310101199001011234", "电工",
                "四级/中级工", "理论知识", "第1考场", "01", "已交卷", "87.5", "否", "87.5", "100", "合格",
                "2025-06-14 10:35:10", "", "合格", "2027-06-13", "CERT-0001");
        assertThat(records.get(2).toList()).containsExactly("2025310002", "'=HYPERLINK(\"http://evil/\",\"x\")", "",
                "电工", "四级/中级工", "操作技能", "第1考场", "02", "到时自动交卷", "20", "是", "", "100", "",
                "2025-06-14 10:36:10", "", "", "", "");
        assertThat(records.get(3).get(8)).isEqualTo("缺考");
        assertThat(records.get(3).get(9)).isEmpty();
        assertThat(records.get(3).get(14)).isEmpty();
        assertThat(records.get(4).get(8)).isEqualTo("成绩取消");
        assertThat(records.get(4).get(15)).isEqualTo("B1 使用手机 (decision 12)");
    }

    @Test
    @DisplayName("text cells starting with = + - @ or a tab are neutralised, other text is untouched")
    void csvInjection() {
        assertThat(ResultsExporter.safe("=1+1")).isEqualTo("'=1+1");
        assertThat(ResultsExporter.safe("+86 138")).isEqualTo("'+86 138");
        assertThat(ResultsExporter.safe("-2")).isEqualTo("'-2");
        assertThat(ResultsExporter.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ResultsExporter.safe("\tcmd")).isEqualTo("'\tcmd");
        assertThat(ResultsExporter.safe("张=三")).isEqualTo("张=三");
        assertThat(ResultsExporter.safe(null)).isEmpty();
    }

    @Test
    @DisplayName("an empty export still has the header row")
    void emptyCsv() throws IOException {
        assertThat(parseCsv(exporter.csv(List.of()))).singleElement()
                .satisfies(r -> assertThat(r.toList()).isEqualTo(ResultsExporter.HEADERS));
    }

    @Test
    @DisplayName("the workbook has a bold, frozen header row with the Chinese headers")
    void xlsxHeader() throws IOException {
        try (XSSFWorkbook workbook = open(exporter.xlsx(rows(), "2025年第3期 电工"))) {
            Sheet sheet = workbook.getSheetAt(0);

            assertThat(sheet.getSheetName()).isEqualTo("2025年第3期 电工");
            Row header = sheet.getRow(0);
            assertThat(header.getLastCellNum()).isEqualTo((short) ResultsExporter.HEADERS.size());
            for (int c = 0; c < ResultsExporter.HEADERS.size(); c++) {
                assertThat(header.getCell(c).getStringCellValue()).isEqualTo(ResultsExporter.HEADERS.get(c));
                assertThat(workbook.getFontAt(header.getCell(c).getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        }
    }

    @Test
    @DisplayName("scores are numeric cells and submission times are date cells in Shanghai time")
    void xlsxTypes() throws IOException {
        try (XSSFWorkbook workbook = open(exporter.xlsx(rows(), "成绩"))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row first = sheet.getRow(1);

            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("2025310001");
            assertThat(first.getCell(9).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(9).getNumericCellValue()).isEqualTo(87.5);
            assertThat(first.getCell(11).getNumericCellValue()).isEqualTo(87.5);
            assertThat(first.getCell(12).getNumericCellValue()).isEqualTo(100.0);
            assertThat(first.getCell(13).getStringCellValue()).isEqualTo("合格");
            assertThat(DateUtil.isCellDateFormatted(first.getCell(14))).isTrue();
            assertThat(first.getCell(14).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2025, 6, 14, 10, 35, 10));
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("310101199001011234");
            assertThat(first.getCell(16).getStringCellValue()).isEqualTo("合格");
            assertThat(DateUtil.isCellDateFormatted(first.getCell(17))).isTrue();
            assertThat(first.getCell(17).getLocalDateTimeCellValue().toLocalDate())
                    .isEqualTo(java.time.LocalDate.of(2027, 6, 13));
            assertThat(first.getCell(18).getStringCellValue()).isEqualTo("CERT-0001");

            Row pending = sheet.getRow(2);
            assertThat(pending.getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil/\",\"x\")");
            assertThat(pending.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(pending.getCell(10).getStringCellValue()).isEqualTo("是");
            assertThat(pending.getCell(11)).as("total while pending").isNull();

            Row absent = sheet.getRow(3);
            assertThat(absent.getCell(8).getStringCellValue()).isEqualTo("缺考");
            assertThat(absent.getCell(9)).isNull();
            assertThat(absent.getCell(14)).isNull();

            Row cancelled = sheet.getRow(4);
            assertThat(cancelled.getCell(11).getNumericCellValue()).isZero();
            assertThat(cancelled.getCell(15).getStringCellValue()).isEqualTo("B1 使用手机 (decision 12)");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
        }
    }

    @Test
    @DisplayName("a sheet title Excel would refuse is made acceptable, and a blank one becomes 成绩")
    void sheetTitles() {
        assertThat(ResultsExporter.sheetName("2025/06 电工: 四级 [A]")).isEqualTo("2025 06 电工  四级  A");
        assertThat(ResultsExporter.sheetName("x".repeat(40))).hasSize(31);
        assertThat(ResultsExporter.sheetName("  ")).isEqualTo("成绩");
        assertThat(ResultsExporter.sheetName(null)).isEqualTo("成绩");
        assertThat(ResultsExporter.sheetName("'quoted'")).isEqualTo("quoted");
    }

    @Test
    @DisplayName("times follow the exporter's zone")
    void otherZone() throws IOException {
        ResultsExporter utc = new ResultsExporter(java.time.ZoneOffset.UTC);

        assertThat(parseCsv(utc.csv(rows())).get(1).get(14)).isEqualTo("2025-06-14 02:35:10");
    }

    private static List<CSVRecord> parseCsv(byte[] bytes) throws IOException {
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.EXCEL)) {
            return parser.getRecords();
        }
    }

    private static XSSFWorkbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }
}
