package cn.examcore.proctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoomReportXlsxTest {

    private static XlsxFile roundTrip(RoomReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RoomReportXlsx().write(r, out);
        return XlsxFile.read(out.toByteArray());
    }

    @Test
    @DisplayName("The workbook has every sheet, each with a frozen bold header and one row per entry")
    void sheets() throws IOException {
        RoomReport r = new SampleRoom().builder(0).build();
        XlsxFile wb = roundTrip(r);
        assertThat(wb.sheets()).extracting(XlsxFile.Sheet::name)
                .containsExactly("概要", "考位", "违纪事件", "提醒", "决定", "座位调换", "延时与暂停", "考场公告", "身份核验与确认")
                .isEqualTo(RoomReportXlsx.SHEETS);
        for (XlsxFile.Sheet s : wb.sheets()) {
            assertThat(s.firstRowFrozen()).as(s.name()).isTrue();
            assertThat(s.cell(0, 0).style().bold()).as(s.name()).isTrue();
            assertThat(s.cell(1, 0).style().bold()).as(s.name() + " below the header").isFalse();
        }
        assertThat(wb.sheet("考位").lastRow()).isEqualTo(30);
        assertThat(wb.sheet("违纪事件").lastRow()).isEqualTo(2);
        assertThat(wb.sheet("提醒").lastRow()).isEqualTo(2);
        assertThat(wb.sheet("决定").lastRow()).isEqualTo(2);
        assertThat(wb.sheet("座位调换").lastRow()).isEqualTo(1);
        assertThat(wb.sheet("延时与暂停").lastRow()).isEqualTo(3);
    }

    @Test
    @DisplayName("Times are date cells in Shanghai wall time and counts are numeric cells")
    void typedCells() throws IOException {
        RoomReport r = new SampleRoom().builder(0).build();
        XlsxFile wb = roundTrip(r);
        XlsxFile.Cell login = wb.sheet("考位").cell(1, 5);
        assertThat(login.isNumber()).isTrue();
        assertThat(login.isDateFormatted()).isTrue();
        // T0 is 01:00Z, i.e. 09:00 in Shanghai; seat A01 logged in 19 minutes before.
        assertThat(login.dateTime()).isEqualTo(LocalDateTime.of(2025, 6, 14, 8, 41));
        XlsxFile.Sheet summary = wb.sheet("概要");
        XlsxFile.Cell expected = findValue(summary, "应到");
        assertThat(expected.isNumber()).isTrue();
        assertThat(expected.number()).isEqualTo(30);
        assertThat(findValue(summary, "缺考").number()).isEqualTo(2);
        XlsxFile.Cell seconds = wb.sheet("延时与暂停").cell(1, 2);
        assertThat(seconds.isNumber()).isTrue();
        assertThat(seconds.number()).isEqualTo(300);
        assertThat(wb.sheet("违纪事件").cell(1, 3).value()).isEqualTo(MisconductCode.B1.noticeText());
        assertThat(wb.sheet("考位").cell(1, 3).value()).isEqualTo("310101********1001");
    }

    @Test
    @DisplayName("Free text that looks like a formula stays text, unchanged and in a Text-format cell")
    void formulaInjection() throws IOException {
        RoomReportBuilder b = new SampleRoom().builder(0);
        String evil = "=HYPERLINK(\"http://evil\",\"click\")";
        b.incidents(List.of(new RoomReport.Incident(SampleRoom.at(2), SampleRoom.seat(6), MisconductCode.A4, evil,
                "@周建国")));
        XlsxFile.Sheet s = roundTrip(b.build()).sheet("违纪事件");
        XlsxFile.Cell note = s.cell(1, 4);
        assertThat(note.isText()).isTrue();
        assertThat(note.formula()).isFalse();
        assertThat(note.value()).isEqualTo(evil);
        // The Text number format keeps what a user types into the cell as text, a leading = included.
        assertThat(note.style().format()).isEqualTo("@");
        assertThat(s.cell(1, 5).style().format()).isEqualTo("@");
        assertThat(s.cell(2, 4).style().format()).isNotEqualTo("@");
        assertThat(RoomReportXlsx.formulaLike("  -1+2")).isTrue();
        assertThat(RoomReportXlsx.formulaLike("考生 -1")).isFalse();
    }

    private static XlsxFile.Cell findValue(XlsxFile.Sheet s, String label) {
        for (var row : s.rows().values()) {
            XlsxFile.Cell first = row.get(0);
            if (first != null && label.equals(first.value())) {
                return row.get(1);
            }
        }
        throw new AssertionError("no row " + label);
    }
}
