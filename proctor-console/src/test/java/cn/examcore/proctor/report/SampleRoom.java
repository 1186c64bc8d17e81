package cn.examcore.proctor.report;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.TestEvents;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.report.RoomReport.Decision;
import cn.examcore.proctor.report.RoomReport.Room;
import cn.examcore.proctor.report.RoomReport.SeatChange;
import cn.examcore.proctor.report.RoomReport.Sitting;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A 30-seat room with a few entries in every section, built through seat events as the server will. */
final class SampleRoom {

    static final String SITTING = "S-2025-03";
    static final Instant T0 = Instant.parse("2025-06-14T01:00:00Z"); // 09:00 in Shanghai
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};

    private final List<SeatEvent> events = new ArrayList<>();
    private int next;

    static Sitting sitting() {
        return new Sitting(SITTING, "2025年第三期职业技能等级认定", "电工", "四级/中级工", "理论知识",
                LocalDate.of(2025, 6, 14), T0, Duration.ofMinutes(90));
    }

    static String seat(int i) {
        return String.format("A%02d", i);
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    SeatEvent event(String seat, int minutes, String kind, Object... detail) {
        SeatEvent e = TestEvents.event("e-" + (++next), SITTING, "att-" + seat, seat, kind,
                at(minutes).toEpochMilli(), detail);
        events.add(e);
        return e;
    }

    /** The builder with the roster, every section filled, and {@code extraIncidents} more incidents at A05. */
    RoomReportBuilder builder(int extraIncidents) {
        RoomReportBuilder b = new RoomReportBuilder(sitting(), new Room("第 3 考场（实训楼 301）", 5, 6))
                .proctor("周建国").proctor("钱晓红");
        for (int i = 1; i <= 30; i++) {
            b.seat(seat(i), "2506" + String.format("%06d", i), SURNAMES[i % 10] + "考生" + i,
                    String.format("3101011990%04d%04d", i, 1000 + i));
        }
        // Seats 29 and 30 never log in; 28 logs in and is auto-submitted; the rest submit themselves.
        for (int i = 1; i <= 28; i++) {
            event(seat(i), -20 + i % 10, "LOGIN");
        }
        for (int i = 1; i <= 27; i++) {
            event(seat(i), 60 + i, "SUBMITTED", "answered", 100, "digest", "x");
        }
        event(seat(28), 95, "AUTO_SUBMITTED", "answered", 80, "digest", "y");
        event(seat(3), 12, "BLUR");
        SeatEvent r1 = event(seat(3), 14, "REMINDED", "message", "请将手机放入指定位置", "category", "A1",
                "by", "周建国");
        event(seat(3), 15, "REMINDER_ACKNOWLEDGED", "reminderId", r1.id());
        event(seat(7), 20, "REMINDED", "message", "请保持安静", "by", "钱晓红");
        event(seat(3), 25, "INCIDENT_RECORDED", "category", "B1", "note", "考生在桌下使用手机拍摄试题，已暂扣手机",
                "by", "周建国");
        event(seat(12), 30, "INCIDENT_RECORDED", "category", "A3", "note", "大声喧哗，经提醒仍未停止", "by", "钱晓红");
        for (int i = 0; i < extraIncidents; i++) {
            event(seat(5), 31 + i % 50, "INCIDENT_RECORDED", "category", "A4",
                    "note", "第 " + (i + 1) + " 次记录：考生多次离开全屏并切换窗口，监考员现场核实后记录", "by", "周建国");
        }
        event(seat(9), 10, "EXTENDED", "seconds", 300, "reason", "终端故障更换", "by", "周建国");
        event(seat(10), 40, "PAUSED", "reason", "考生身体不适", "by", "钱晓红");
        event(seat(10), 45, "RESUMED", "by", "钱晓红");
        event(seat(11), 50, "LEAVE_PERMITTED", "until", at(55).toEpochMilli(), "reason", "如厕", "by", "钱晓红");
        event(seat(2), -15, "RULES_ACKNOWLEDGED", "version", "2025-1");
        b.announcements(List.of(new RoomReport.AnnouncementRow(at(5), "本考场", "请检查答题卡上的准考证号", "钱晓红", 28)));
        b.events(events);
        b.seatChanges(List.of(new SeatChange(seat(9), "B01", "周建国", at(8), "终端黑屏，调换至备用机位")));
        b.decisions(List.of(
                new Decision(seat(3), MisconductCode.B1, null, "周建国", at(70), "取消当次全部科目成绩，当年不得参加评价"),
                new Decision(seat(20), MisconductCode.C4, Severity.SERIOUS, "周建国", at(75),
                        "取消当次全部科目成绩，5年内不得参加评价，移送有关部门")));
        return b;
    }

    List<SeatEvent> events() {
        return events;
    }
}
