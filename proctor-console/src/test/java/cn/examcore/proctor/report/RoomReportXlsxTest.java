package cn.examcore.proctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoomReportXlsxTest {

    private static XSSFWorkbook roundTrip(RoomReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RoomReportXlsx().write(r, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    @DisplayName("The workbook has every sheet, each with a frozen bold header and one row per entry")
    void sheets() throws IOException {
        RoomReport r = new SampleRoom().builder(0).build();
        try (XSSFWorkbook wb = roundTrip(r)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).containsExactly("概要", "考位", "违纪事件", "提醒", "决定", "座位调换", "延时与暂停");
            for (Sheet s : wb) {
                assertThat(((XSSFSheet) s).getPaneInformation().isFreezePane()).as(s.getSheetName()).isTrue();
                assertThat(wb.getFontAt(s.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            assertThat(wb.getSheet("考位").getLastRowNum()).isEqualTo(30);
            assertThat(wb.getSheet("违纪事件").getLastRowNum()).isEqualTo(2);
            assertThat(wb.getSheet("提醒").getLastRowNum()).isEqualTo(2);
            assertThat(wb.getSheet("决定").getLastRowNum()).isEqualTo(2);
            assertThat(wb.getSheet("座位调换").getLastRowNum()).isEqualTo(1);
            assertThat(wb.getSheet("延时与暂停").getLastRowNum()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("Times are date cells in Shanghai wall time and counts are numeric cells")
    void typedCells() throws IOException {
        RoomReport r = new SampleRoom().builder(0).build();
        try (XSSFWorkbook wb = roundTrip(r)) {
            Cell login = wb.getSheet("考位").getRow(1).getCell(5);
            assertThat(login.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(login)).isTrue();
            // T0 is 01:00Z, i.e. 09:00 in Shanghai; seat A01 logged in 19 minutes before.
            assertThat(login.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2025, 6, 14, 8, 41));
            Sheet summary = wb.getSheet("概要");
            Cell expected = findValue(summary, "应到");
            assertThat(expected.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(expected.getNumericCellValue()).isEqualTo(30);
            assertThat(findValue(summary, "缺考").getNumericCellValue()).isEqualTo(2);
            Cell seconds = wb.getSheet("延时与暂停").getRow(1).getCell(2);
            assertThat(seconds.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(seconds.getNumericCellValue()).isEqualTo(300);
            assertThat(wb.getSheet("违纪事件").getRow(1).getCell(3).getStringCellValue())
                    .isEqualTo(MisconductCode.B1.noticeText());
            assertThat(wb.getSheet("考位").getRow(1).getCell(3).getStringCellValue()).isEqualTo("310101********1001");
        }
    }

    @Test
    @DisplayName("Free text that looks like a formula stays text, unchanged and quote-prefixed")
    void formulaInjection() throws IOException {
        RoomReportBuilder b = new SampleRoom().builder(0);
        String evil = "=HYPERLINK(\"http://evil\",\"click\")";
        b.incidents(List.of(new RoomReport.Incident(SampleRoom.at(2), SampleRoom.seat(6), MisconductCode.A4, evil,
                "@周建国")));
        try (XSSFWorkbook wb = roundTrip(b.build())) {
            Sheet s = wb.getSheet("违纪事件");
            Cell note = s.getRow(1).getCell(4);
            assertThat(note.getCellType()).isEqualTo(CellType.STRING);
            assertThat(note.getStringCellValue()).isEqualTo(evil);
            assertThat(note.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(s.getRow(1).getCell(5).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(s.getRow(2).getCell(4).getCellStyle().getQuotePrefixed()).isFalse();
        }
        assertThat(RoomReportXlsx.formulaLike("  -1+2")).isTrue();
        assertThat(RoomReportXlsx.formulaLike("考生 -1")).isFalse();
    }

    private static Cell findValue(Sheet s, String label) {
        for (var row : s) {
            if (row.getCell(0) != null && label.equals(row.getCell(0).getStringCellValue())) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("no row " + label);
    }
}
