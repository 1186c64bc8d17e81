package cn.examcore.server.sitting.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.bank.model.Subject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RosterReader")
class RosterReaderTest {

    static final String ID_1 = "11010519491231002X";
    static final String ID_2 = "440524198001010013";
    static final String ID_3 = "310101199003071230";
    static final String HEADER = "准考证号,身份证号,姓名,考场,座位号,科目,照片\n";

    private final RosterReader reader = new RosterReader();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a UTF-8 CSV with Chinese headers yields every candidate with all fields")
    void utf8Csv() {
        String csv = HEADER
                + "2025310001," + ID_1 + ",张三,第1考场,01,理论知识;操作技能,photos/1.jpg\n"
                + "2025310002," + ID_2 + ",李四,第1考场,02,理论知识,\n"
                + "\n"
                + "2025310003," + ID_3 + ",阿卜杜·热合曼,第2考场,01,OPERATION,\n";

        RosterImport result = reader.read("名单.csv", utf8(csv));

        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.entries()).containsExactly(
                new RosterEntry("2025310001", ID_1, "张三", "第1考场", "01",
                        List.of(Subject.THEORY, Subject.OPERATION), "photos/1.jpg"),
                new RosterEntry("2025310002", ID_2, "李四", "第1考场", "02", List.of(Subject.THEORY), null),
                new RosterEntry("2025310003", ID_3, "阿卜杜·热合曼", "第2考场", "01", List.of(Subject.OPERATION),
                        null));
    }

    @Test
    @DisplayName("a CSV with a byte-order mark, English headers in another order and a lower-case x is read")
    void bomEnglishHeaders() {
        String csv = "\uFEFFname,ticket,idNumber,seat,room,subjects\n"
                + "Zhang San,A-001," + ID_1.toLowerCase() + ",7,R101,\"THEORY,OPERATION\"\n";

        RosterImport result = reader.read("roster.CSV", utf8(csv));

        assertThat(result.errors()).isEmpty();
        RosterEntry entry = result.entries().get(0);
        assertThat(entry.ticket()).isEqualTo("A-001");
        assertThat(entry.idNumber()).isEqualTo(ID_1);
        assertThat(entry.name()).isEqualTo("Zhang San");
        assertThat(entry.subjects()).containsExactly(Subject.THEORY, Subject.OPERATION);
    }

    @Test
    @DisplayName("a CSV saved by Chinese Excel in GBK is decoded correctly")
    void gbkCsv() {
        String csv = HEADER + "2025310001," + ID_1 + ",欧阳娜娜,第一考场,1,理论知识、操作技能,\n";

        RosterImport result = reader.read("名单.csv", csv.getBytes(Charset.forName("GBK")));

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries()).extracting(RosterEntry::name, RosterEntry::room)
                .containsExactly(tuple("欧阳娜娜", "第一考场"));
    }

    @Test
    @DisplayName("the Excel idiom =\"0012\" keeps leading zeros in a CSV cell")
    void excelTextIdiom() {
        String csv = HEADER + "=\"0012\"," + ID_1 + ",张三,R1,=\"007\",理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries().get(0).ticket()).isEqualTo("0012");
        assertThat(result.entries().get(0).seat()).isEqualTo("007");
    }

    @Test
    @DisplayName("a tab-separated export is read like a CSV")
    void tabSeparated() {
        String tsv = "准考证号\t身份证号\t姓名\t考场\t座位号\t科目\n1\t" + ID_1 + "\t张三\tR1\t1\t理论知识\n";

        RosterImport result = reader.read("r.txt", utf8(tsv));

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries()).hasSize(1);
    }

    @Test
    @DisplayName("an .xlsx with a title row, number-typed tickets and seats, and ignored 序号/备注 columns is read")
    void xlsx() throws IOException {
        byte[] file = workbook(sheet -> {
            sheet.createRow(0).createCell(0).setCellValue("2025年第3期 电工 考生名单");
            row(sheet, 1, "序号", "准考证号", "身份证号", "姓名", "考场", "座位号", "科目", "备注");
            Row r = sheet.createRow(2);
            r.createCell(0).setCellValue(1);
            r.createCell(1).setCellValue(2025310001d);
            r.createCell(2).setCellValue(ID_2);
            r.createCell(3).setCellValue("王五");
            r.createCell(4).setCellValue(101);
            r.createCell(5).setCellValue(7);
            r.createCell(6).setCellValue("操作技能");
            r.createCell(7).setCellValue("补考");
        });

        RosterImport result = reader.read("roster.xlsx", file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries()).containsExactly(new RosterEntry("2025310001", ID_2, "王五", "101", "7",
                List.of(Subject.OPERATION), null));
    }

    @Test
    @DisplayName("a workbook written with inline strings, as streaming writers do, is read")
    void inlineStrings() throws IOException {
        byte[] file;
        try (org.apache.poi.xssf.streaming.SXSSFWorkbook workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("名单");
            row(sheet, 0, "ticket", "idNumber", "name", "room", "seat", "subjects", "photo");
            row(sheet, 1, "T-9", ID_1, "钱七", "R3", "4", "理论知识；操作技能", "p/钱七.jpg");
            workbook.write(out);
            file = out.toByteArray();
        }

        RosterImport result = reader.read("stream.xlsx", file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries()).containsExactly(new RosterEntry("T-9", ID_1, "钱七", "R3", "4",
                List.of(Subject.THEORY, Subject.OPERATION), "p/钱七.jpg"));
    }

    @Test
    @DisplayName("the generated template, filled in, reads back")
    void templateRoundTrip() throws IOException {
        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(RosterTemplate.xlsx()))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo(RosterTemplate.SHEET_NAME);
            row(workbook.getSheetAt(0), 1, "2025310009", ID_3, "赵六", "R2", "12", "理论知识", "");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            filled = out.toByteArray();
        }

        RosterImport result = reader.read("template.xlsx", filled);

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries()).extracting(RosterEntry::ticket).containsExactly("2025310009");
    }
    @Test
    @DisplayName("a missing required column is reported on the header row and nothing is imported")
    void missingHeader() {
        String csv = "准考证号,姓名,考场,座位号,科目\n1,张三,R1,1,理论知识\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.entries()).isEmpty();
        assertThat(result.errors()).extracting(RosterError::row, RosterError::field)
                .containsExactly(tuple(1, "idNumber"));
        assertThat(result.errors().get(0).message()).contains("身份证号").contains("missing");
    }

    @Test
    @DisplayName("an unknown or duplicated header is reported at its cell")
    void badHeaders() {
        String csv = "准考证号,身分证号,姓名,考场,座位号,科目,姓名\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column, RosterError::field)
                .contains(tuple(1, "B", ""), tuple(1, "G", "name"), tuple(1, "", "idNumber"));
        assertThat(result.errors()).filteredOn(e -> e.column().equals("B")).first()
                .extracting(RosterError::message).asString().contains("unknown column header '身分证号'");
    }

    @Test
    @DisplayName("a value in a column without a header is reported at its cell")
    void valueWithoutHeader() {
        String csv = "准考证号,身份证号,姓名,,考场,座位号,科目\n"
                + "1," + ID_1 + ",张三,stray,R1,1,理论知识,beyond\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column, RosterError::message)
                .containsExactly(tuple(2, "D", "cell has a value but its column has no header"),
                        tuple(2, "H", "cell has a value but its column has no header"));
    }

    @Test
    @DisplayName("a file without any recognisable header row says which headers are expected")
    void noHeader() {
        RosterImport result = reader.read("r.csv", utf8("a,b,c\n1,2,3\n"));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isZero();
            assertThat(e.message()).contains("no header row").contains("准考证号/ticket");
        });
    }

    @Test
    @DisplayName("empty required cells are reported each at its own cell, all in one pass")
    void emptyCells() {
        String csv = HEADER
                + "1," + ID_1 + ",,R1,1,理论知识,\n"
                + "2,," + "李四,R1,2,,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.entries()).isEmpty();
        assertThat(result.errors()).extracting(RosterError::row, RosterError::column, RosterError::field)
                .containsExactly(tuple(2, "C", "name"), tuple(3, "B", "idNumber"), tuple(3, "F", "subjects"));
        assertThat(result.errors().get(0).message()).isEqualTo("name is empty");
    }

    @Test
    @DisplayName("an identity number with a wrong check character is reported at its cell")
    void badIdNumber() {
        String csv = HEADER + "1,110105194912310021,张三,R1,1,理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("B");
            assertThat(e.field()).isEqualTo("idNumber");
            assertThat(e.message()).contains("check character");
        });
    }

    @Test
    @DisplayName("a ticket used twice is reported on the later row, naming the earlier one")
    void duplicateTicket() {
        String csv = HEADER
                + "A1," + ID_1 + ",张三,R1,1,理论知识,\n"
                + "a1," + ID_2 + ",李四,R1,2,理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("A");
            assertThat(e.message()).contains("already used on row 2");
        });
    }

    @Test
    @DisplayName("two candidates on the same room and seat clash even when written 07 and 7")
    void sameSeat() {
        String csv = HEADER
                + "1," + ID_1 + ",张三,R1,07,理论知识,\n"
                + "2," + ID_2 + ",李四,r1,7,理论知识,\n"
                + "3," + ID_3 + ",王五,R2,7,理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column, RosterError::field)
                .containsExactly(tuple(3, "E", "seat"));
        assertThat(result.errors().get(0).message()).contains("already assigned on row 2");
    }

    @Test
    @DisplayName("the same identity number on two rows is reported")
    void duplicateIdNumber() {
        String csv = HEADER
                + "1," + ID_1 + ",张三,R1,1,理论知识,\n"
                + "2," + ID_1.toLowerCase() + ",张三,R1,2,操作技能,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column)
                .containsExactly(tuple(3, "B"));
    }

    @Test
    @DisplayName("an unknown or repeated subject is reported at the subjects cell")
    void badSubjects() {
        String csv = HEADER
                + "1," + ID_1 + ",张三,R1,1,理论知识;综合评审,\n"
                + "2," + ID_2 + ",李四,R1,2,THEORY;理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column)
                .containsExactly(tuple(2, "F"), tuple(3, "F"));
        assertThat(result.errors().get(0).message()).contains("unknown subject '综合评审'");
        assertThat(result.errors().get(1).message()).contains("listed twice");
    }

    @Test
    @DisplayName("a formula-like CSV cell and a photo path that climbs out of its folder are refused")
    void formulaAndPhotoInCsv() {
        String csv = HEADER + "1," + ID_1 + ",=HYPERLINK(\"http://x\"),R1,1,理论知识,../../etc/passwd\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::column, RosterError::field)
                .containsExactly(tuple("C", "name"), tuple("G", "photoRef"));
        assertThat(result.errors().get(0).message()).contains("formulas are not accepted");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"00A0", "2007", "202F", "3000", "2003", "200B", "FEFF"})
    @DisplayName("a formula behind a no-break, ideographic or zero-width space is still refused as a formula")
    void formulaBehindUnicodeSpace(String codePoint) {
        String space = Character.toString(Integer.parseInt(codePoint, 16));
        String csv = HEADER + "1," + ID_1 + "," + space + "=HYPERLINK(\"http://x\"),R1,1,理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).extracting(RosterError::column, RosterError::field)
                .containsExactly(tuple("C", "name"));
        assertThat(result.errors().get(0).message()).contains("formulas are not accepted");
    }

    @Test
    @DisplayName("formula cells, number-typed identity numbers and date cells in an .xlsx are refused")
    void xlsxCellTypes() throws IOException {
        byte[] file = workbook(sheet -> {
            row(sheet, 0, "准考证号", "身份证号", "姓名", "考场", "座位号", "科目");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellFormula("\"T\"&1");
            r.createCell(1).setCellValue(110105194912310020d);
            r.createCell(2).setCellValue("张三");
            r.createCell(3).setCellValue("R1");
            var seat = r.createCell(4);
            seat.setCellValue(java.time.LocalDateTime.of(2025, 1, 7, 0, 0));
            var style = sheet.getWorkbook().createCellStyle();
            style.setDataFormat((short) 14);
            seat.setCellStyle(style);
            r.createCell(5).setCellValue("理论知识");
        });

        RosterImport result = reader.read("r.xlsx", file);

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column)
                .containsExactly(tuple(2, "A"), tuple(2, "B"), tuple(2, "E"));
        assertThat(result.errors()).extracting(RosterError::message).satisfiesExactly(
                m -> assertThat(m).contains("formulas are not accepted"),
                m -> assertThat(m).contains("stored as a number").contains("text"),
                m -> assertThat(m).contains("date"));
    }

    @Test
    @DisplayName("a number cell with a number format reads as stored, not as its format shows it")
    void formattedNumbersReadAsStored() throws IOException {
        byte[] file = workbook(sheet -> {
            row(sheet, 0, "准考证号", "身份证号", "姓名", "考场", "座位号", "科目");
            row(sheet, 1, "T1", ID_1, "张三", "R1", "", "理论知识");
            var seat = sheet.getRow(1).createCell(4);
            seat.setCellValue(7);
            var padded = sheet.getWorkbook().createCellStyle();
            padded.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("000"));
            seat.setCellStyle(padded);
        });

        RosterImport result = reader.read("r.xlsx", file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.entries()).extracting(RosterEntry::seat).containsExactly("7");
    }

    @Test
    @DisplayName("a cell that shares another cell's formula is refused as a formula too")
    void sharedFormula() throws IOException {
        byte[] file = workbook(sheet -> {
            row(sheet, 0, "准考证号", "身份证号", "姓名", "考场", "座位号", "科目");
            row(sheet, 1, "T1", ID_1, "张三", "R1", "1", "理论知识");
            row(sheet, 2, "T2", ID_2, "李四", "R1", "2", "理论知识");
        });
        // POI writes no shared formulas, so the two names are made one by editing the sheet part.
        byte[] edited = editSheet(file, xml -> xml
                .replaceFirst("<c r=\"C2\"[^>]*>.*?</c>",
                        "<c r=\"C2\" t=\"str\"><f t=\"shared\" ref=\"C2:C3\" si=\"0\">B2</f><v>x</v></c>")
                .replaceFirst("<c r=\"C3\"[^>]*>.*?</c>",
                        "<c r=\"C3\" t=\"str\"><f t=\"shared\" si=\"0\"/><v>y</v></c>"));

        RosterImport result = reader.read("r.xlsx", edited);

        assertThat(result.errors()).extracting(RosterError::row, RosterError::column, RosterError::message)
                .containsExactly(
                        tuple(2, "C", "formulas are not accepted (=B2); enter the value itself (copy the column, then"
                                + " paste values only)"),
                        tuple(3, "C", "formulas are not accepted (shared formula); enter the value itself (copy the"
                                + " column, then paste values only)"));
    }

    @Test
    @DisplayName("a workbook with an entry named to climb out of the archive is refused before POI opens it")
    void zipSlipWorkbook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
            zip.write(1);
            zip.closeEntry();
        }

        assertThat(message(reader.read("r.xlsx", bytes.toByteArray())))
                .startsWith("the workbook archive is refused").contains("../../etc/cron.d/evil");
    }

    @Test
    @DisplayName("a TRUE/FALSE cell and an Excel error value are refused at their cells")
    void booleanAndErrorCells() throws IOException {
        byte[] file = workbook(sheet -> {
            row(sheet, 0, "准考证号", "身份证号", "姓名", "考场", "座位号", "科目");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("T1");
            r.createCell(1).setCellValue(ID_1);
            r.createCell(2).setCellValue(true);
            r.createCell(3).setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.NA.getCode());
            r.createCell(4).setCellValue("1");
            r.createCell(5).setCellValue("理论知识");
        });

        RosterImport result = reader.read("r.xlsx", file);

        assertThat(result.errors()).extracting(RosterError::column, RosterError::message)
                .containsExactly(tuple("C", "cell holds TRUE/FALSE, not text"),
                        tuple("D", "cell holds an Excel error value"));
    }

    @Test
    @DisplayName("more rows than the limit are refused as a whole")
    void tooManyRows() {
        RosterReader small = new RosterReader(new RosterLimits(1 << 20, 2, 200, 1 << 20, 100, 100));
        String csv = HEADER
                + "1," + ID_1 + ",张三,R1,1,理论知识,\n"
                + "2," + ID_2 + ",李四,R1,2,理论知识,\n"
                + "3," + ID_3 + ",王五,R1,3,理论知识,\n";

        RosterImport result = small.read("r.csv", utf8(csv));

        assertThat(result.entries()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isZero();
            assertThat(e.message()).contains("more than 2 candidate rows");
        });
    }

    @Test
    @DisplayName("a cell longer than the limit is reported at its cell")
    void longCell() {
        String csv = HEADER + "1," + ID_1 + "," + "名".repeat(201) + ",R1,1,理论知识,\n";

        RosterImport result = reader.read("r.csv", utf8(csv));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.column()).isEqualTo("C");
            assertThat(e.message()).contains("201 characters");
        });
    }

    @Test
    @DisplayName("a file larger than the limit is refused before it is parsed")
    void fileTooLarge() {
        RosterReader small = new RosterReader(new RosterLimits(100, 10, 200, 1 << 20, 100, 100));

        RosterImport result = small.read("r.csv", new byte[101]);

        assertThat(result.errors()).singleElement().extracting(RosterError::message).asString()
                .contains("101 bytes").contains("limit of 100");
    }

    @Test
    @DisplayName("a compressed bomb disguised as .xlsx is refused without being expanded by POI")
    void zipBomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }

        RosterImport result = reader.read("bomb.xlsx", bytes.toByteArray());

        assertThat(result.errors()).singleElement().extracting(RosterError::message).asString()
                .contains("expands").contains("times").contains("compressed bomb");
    }

    @Test
    @DisplayName("an .xlsx that expands beyond the total limit is refused")
    void expandsTooFar() throws IOException {
        RosterReader small = new RosterReader(new RosterLimits(1 << 20, 10, 200, 1_000, 100, 1_000));
        byte[] file = workbook(sheet -> row(sheet, 0, "准考证号"));

        RosterImport result = small.read("r.xlsx", file);

        assertThat(result.errors()).singleElement().extracting(RosterError::message).asString()
                .contains("expands to more than 1000 bytes");
    }

    @Test
    @DisplayName("wrong file types, a damaged workbook and an empty file each get a clear file-level error")
    void fileTypes() throws IOException {
        byte[] xlsx = workbook(sheet -> row(sheet, 0, "准考证号"));

        assertThat(message(reader.read("r.xls", new byte[] {1, 2}))).contains(".xls").contains("not accepted");
        assertThat(message(reader.read("r.pdf", new byte[] {1, 2}))).contains("unsupported file type");
        assertThat(message(reader.read("r.csv", xlsx))).contains("is an Excel workbook");
        assertThat(message(reader.read("r.xlsx", utf8("a,b")))).contains("not an Excel workbook");
        assertThat(message(reader.read("r.xlsx", java.util.Arrays.copyOf(xlsx, 200)))).contains("workbook");
        assertThat(message(reader.read("r.csv", new byte[0]))).contains("empty");
    }

    @Test
    @DisplayName("an unclosed quote in a CSV is reported as unparseable")
    void unclosedQuote() {
        RosterImport result = reader.read("r.csv", utf8(HEADER + "1,\"" + ID_1 + ",张三\n"));

        assertThat(message(result)).contains("cannot be parsed").contains("double quote");
    }

    @Test
    @DisplayName("bytes that are neither UTF-8 nor GB18030 are refused with advice to save as UTF-8")
    void undecodable() {
        byte[] bytes = utf8(HEADER);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        bad[bytes.length] = (byte) 0x81;
        bad[bytes.length + 1] = (byte) 0x20;

        assertThat(message(reader.read("r.csv", bad))).contains("save the CSV as UTF-8");
    }

    @Test
    @DisplayName("a header without any candidate row is reported")
    void noRows() {
        assertThat(message(reader.read("template.xlsx", RosterTemplate.xlsx()))).contains("no candidate rows");
    }

    private String message(RosterImport result) {
        assertThat(result.entries()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0).message();
    }

    interface SheetFiller {
        void fill(Sheet sheet);
    }

    static byte[] workbook(SheetFiller filler) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            filler.fill(workbook.createSheet("名单"));
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** The workbook with its first sheet's XML passed through {@code edit}. */
    static byte[] editSheet(byte[] xlsx, UnaryOperator<String> edit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = edit.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }
}
