package cn.examcore.proctor.report;

import cn.examcore.proctor.report.RoomReport.Decision;
import cn.examcore.proctor.report.RoomReport.Incident;
import cn.examcore.proctor.report.RoomReport.Reminder;
import cn.examcore.proctor.report.RoomReport.SeatChange;
import cn.examcore.proctor.report.RoomReport.SeatRow;
import cn.examcore.proctor.report.RoomReport.Sitting;
import cn.examcore.proctor.report.RoomReport.TimeChange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.BorderSide;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Renders a {@link RoomReport} as one .xlsx workbook with the sheets 概要, 考位, 违纪事件, 提醒, 决定, 座位调换 and
 * 延时与暂停. Times are real date cells in Asia/Shanghai wall time, counts are numbers, and free text that a
 * spreadsheet would read as a formula is stored in a cell of the Text number format ({@code @}), so it stays text,
 * unchanged, when a user edits the cell.
 *
 * <p>Written with fastexcel, a streaming writer of a few hundred kB, rather than POI, which would bring the console
 * POI's tens of megabytes of dependencies for seven small sheets.
 */
public final class RoomReportXlsx {

    /** The sheet names, in workbook order. */
    public static final List<String> SHEETS = List.of("概要", "考位", "违纪事件", "提醒", "决定", "座位调换", "延时与暂停",
            "考场公告", "身份核验与确认");

    /** Writes the workbook to {@code out}. */
    public void write(RoomReport report, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "examcore proctor-console", "1.0");
        new Writer(wb).write(report);
        wb.finish();
    }

    /**
     * Whether a text would start a formula in a spreadsheet (or in a CSV made from it): {@code = + - @}, tab and
     * carriage return, also after leading blanks.
     */
    static boolean formulaLike(String s) {
        String t = s.stripLeading();
        if (t.isEmpty()) {
            return s.startsWith("\t") || s.startsWith("\r");
        }
        char c = t.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || s.charAt(0) == '\t' || s.charAt(0) == '\r';
    }

    private static final class Writer {
        /** Excel's GREY_25_PERCENT, the header fill. */
        private static final String HEADER_FILL = "C0C0C0";
        private static final String DATE_TIME = "yyyy-mm-dd hh:mm:ss";
        private static final String DATE = "yyyy-mm-dd";
        /** The Text number format: what is typed into the cell stays text, a leading = included. */
        private static final String TEXT = "@";
        private static final String WHOLE_NUMBER = "0";

        private final Workbook wb;

        Writer(Workbook wb) {
            this.wb = wb;
        }

        void write(RoomReport r) {
            summary(r);
            List<List<Object>> rows = new ArrayList<>();
            for (SeatRow s : r.seats()) {
                rows.add(list(s.seatCode(), s.ticket(), s.name(), s.maskedId(), s.status().label(), s.loginAt(),
                        s.submittedAt()));
            }
            table("考位", List.of("考位", "准考证号", "姓名", "身份证号", "状态", "登录时间", "交卷时间"), rows);
            rows = new ArrayList<>();
            for (Incident i : r.incidents()) {
                rows.add(list(i.at(), i.seatCode(), i.category().name(), i.category().noticeText(), i.note(), i.by()));
            }
            table("违纪事件", List.of("时间", "考位", "类别", "违纪情形", "记录", "记录人"), rows);
            rows = new ArrayList<>();
            for (Reminder m : r.reminders()) {
                rows.add(list(m.at(), m.seatCode(), m.category() == null ? null : m.category().name(), m.message(),
                        m.by(), m.acknowledgedAt()));
            }
            table("提醒", List.of("时间", "考位", "类别", "提醒内容", "提醒人", "考生确认时间"), rows);
            rows = new ArrayList<>();
            for (Decision d : r.decisions()) {
                rows.add(list(d.seatCode(), d.category().name(), d.category().noticeText(), d.category().tier().name(),
                        d.severity() == null ? null : d.severity().label(), d.by(), d.at(), d.outcome(),
                        RoomReportPdf.standing(d), RoomReportPdf.history(d, RoomReportPdf::dateTime)));
            }
            table("决定", List.of("考位", "类别", "违纪情形", "档", "情节", "决定人", "时间", "处理", "现行处理", "复议记录"),
                    rows);
            rows = new ArrayList<>();
            for (SeatChange c : r.seatChanges()) {
                rows.add(list(c.from(), c.to(), c.by(), c.at(), c.reason()));
            }
            table("座位调换", List.of("原考位", "新考位", "批准人", "时间", "原因"), rows);
            rows = new ArrayList<>();
            for (TimeChange t : r.timeChanges()) {
                rows.add(list(t.seatCode(), t.kind().label(), t.seconds(), t.reason(), t.by(), t.at()));
            }
            table("延时与暂停", List.of("考位", "类型", "秒数", "原因", "操作人", "开始时间"), rows);
            rows = new ArrayList<>();
            for (RoomReport.AnnouncementRow a : r.announcements()) {
                rows.add(list(a.at(), a.scope(), a.message(), a.by(), (long) a.acknowledged()));
            }
            table("考场公告", List.of("时间", "范围", "内容", "发布人", "确认人数"), rows);
            rows = new ArrayList<>();
            for (RoomReport.SeatNote n : r.seatNotes()) {
                rows.add(list(n.at(), n.seatCode(), n.what(), n.detail()));
            }
            table("身份核验与确认", List.of("时间", "考位", "事项", "内容"), rows);
        }

        private void summary(RoomReport r) {
            Sitting s = r.sitting();
            List<List<Object>> rows = List.of(
                    list("场次", s.title()), list("职业", s.occupation()), list("等级", s.level()),
                    list("科目", s.subject()), list("日期", s.date()), list("开考时间", s.start()),
                    list("时长（分钟）", s.duration().toMinutes()), list("考场", r.room().name()),
                    list("行数", (long) r.room().rows()), list("列数", (long) r.room().cols()),
                    list("监考员", String.join("、", r.proctors())),
                    list("应到", (long) r.summary().expected()), list("实到", (long) r.summary().present()),
                    list("缺考", (long) r.summary().absent()), list("交卷", (long) r.summary().submitted()),
                    list("确认违纪", (long) r.summary().flagsConfirmed()));
            table("概要", List.of("项目", "内容"), rows);
        }

        private static List<Object> list(Object... values) {
            return Arrays.asList(values);
        }

        private void table(String name, List<String> headers, List<List<Object>> rows) {
            Worksheet sheet = wb.newWorksheet(name);
            int[] widths = new int[headers.size()];
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(0, c, headers.get(c));
                sheet.style(0, c).bold().fillColor(HEADER_FILL).borderStyle(BorderSide.BOTTOM, BorderStyle.THIN)
                        .set();
                widths[c] = displayWidth(headers.get(c));
            }
            for (int i = 0; i < rows.size(); i++) {
                int row = i + 1;
                List<Object> values = rows.get(i);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v == null) {
                        continue;
                    }
                    if (v instanceof Instant t) {
                        sheet.value(row, c, LocalDateTime.ofInstant(t, RoomReport.ZONE));
                        sheet.style(row, c).format(DATE_TIME).set();
                        widths[c] = Math.max(widths[c], 19);
                    } else if (v instanceof LocalDate d) {
                        sheet.value(row, c, d);
                        sheet.style(row, c).format(DATE).set();
                        widths[c] = Math.max(widths[c], 10);
                    } else if (v instanceof Number n) {
                        sheet.value(row, c, n.doubleValue());
                        sheet.style(row, c).format(WHOLE_NUMBER).set();
                        widths[c] = Math.max(widths[c], 8);
                    } else {
                        String s = v.toString();
                        sheet.value(row, c, s);
                        if (formulaLike(s)) {
                            sheet.style(row, c).format(TEXT).wrapText(true).set();
                        } else {
                            sheet.style(row, c).wrapText(true).set();
                        }
                        widths[c] = Math.max(widths[c], displayWidth(s));
                    }
                }
            }
            sheet.freezePane(0, 1);
            for (int c = 0; c < widths.length; c++) {
                // Sized by hand: measuring rendered text needs font metrics, slow and unreliable for CJK on servers.
                sheet.width(c, Math.min(60, widths[c] + 2));
            }
        }

        /** Characters wide, counting a CJK character as two. */
        private static int displayWidth(String s) {
            return s.codePoints().map(cp -> cp > 0x2E80 ? 2 : 1).sum();
        }
    }
}
