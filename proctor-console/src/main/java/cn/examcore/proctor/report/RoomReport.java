package cn.examcore.proctor.report;

import cn.examcore.contract.Evaluation;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * 考场记录: everything that happened in one room during one sitting, in the shape the signed paper record and its
 * spreadsheet take. Built and checked by {@link RoomReportBuilder}; rendered by {@link RoomReportPdf} and
 * {@link RoomReportXlsx}. Every list is in time order (seats in seat-code order) and immutable.
 *
 * @param sitting     the sitting the room belongs to
 * @param room        the room
 * @param proctors    the proctors on duty, in the order they sign
 * @param seats       one row per assigned seat
 * @param incidents   what proctors observed, with its category
 * @param reminders   reminders shown to candidates, with their acknowledgement
 * @param decisions   confirmed misconduct decisions
 * @param seatChanges seat changes a proctor authorised
 * @param timeChanges extensions, pauses and permitted absences
 * @param summary     the counts at the top of the record
 * @param announcements announcements made to the room or the whole sitting, with how many acknowledged them
 * @param seatNotes   identity checks, rule acknowledgements (承诺), announcement acknowledgements, late entries
 *                    refused and reopened attempts, seat by seat
 */
public record RoomReport(Sitting sitting, Room room, List<String> proctors, List<SeatRow> seats,
                         List<Incident> incidents, List<Reminder> reminders, List<Decision> decisions,
                         List<SeatChange> seatChanges, List<TimeChange> timeChanges, Summary summary,
                         List<AnnouncementRow> announcements, List<SeatNote> seatNotes) {

    /** Reports show every time in the zone the sittings happen in. */
    public static final ZoneId ZONE = Evaluation.ZONE;

    public RoomReport {
        proctors = List.copyOf(proctors);
        seats = List.copyOf(seats);
        incidents = List.copyOf(incidents);
        reminders = List.copyOf(reminders);
        decisions = List.copyOf(decisions);
        seatChanges = List.copyOf(seatChanges);
        timeChanges = List.copyOf(timeChanges);
        announcements = List.copyOf(announcements);
        seatNotes = List.copyOf(seatNotes);
    }

    /** A report without announcements and seat notes. */
    public RoomReport(Sitting sitting, Room room, List<String> proctors, List<SeatRow> seats,
                      List<Incident> incidents, List<Reminder> reminders, List<Decision> decisions,
                      List<SeatChange> seatChanges, List<TimeChange> timeChanges, Summary summary) {
        this(sitting, room, proctors, seats, incidents, reminders, decisions, seatChanges, timeChanges, summary,
                List.of(), List.of());
    }

    /**
     * 考场公告: an announcement that reached the room.
     *
     * @param at           when it was made
     * @param scope        本考场 or 全场
     * @param message      the text
     * @param by           the proctor
     * @param acknowledged how many of the room's candidates acknowledged it
     */
    public record AnnouncementRow(Instant at, String scope, String message, String by, int acknowledged) {
    }

    /**
     * One fact about a seat that the paper record keeps beside incidents and reminders.
     *
     * @param at       when
     * @param seatCode the seat
     * @param what     e.g. 考生承诺, 身份核验不符, 迟到拒绝入场
     * @param detail   the facts, e.g. the rules text version or the proctor and reason
     */
    public record SeatNote(Instant at, String seatCode, String what, String detail) {
    }

    /**
     * 场次: the sitting.
     *
     * @param id         the sitting id seat events carry
     * @param title      e.g. "2025年第三期职业技能等级认定"
     * @param occupation 职业 (工种)
     * @param level      等级, e.g. "四级/中级工"
     * @param subject    科目, e.g. "理论知识"
     * @param date       the day of the sitting
     * @param start      T0
     * @param duration   the paper's length
     */
    public record Sitting(String id, String title, String occupation, String level, String subject, LocalDate date,
                          Instant start, Duration duration) {
    }

    /**
     * 考场: the room and its seat grid.
     *
     * @param name the room's name, e.g. "第 3 考场 (实训楼 301)"
     * @param rows seat rows
     * @param cols seats per row
     */
    public record Room(String name, int rows, int cols) {
    }

    /** What became of a seat's candidate. */
    public enum SeatStatus {
        PRESENT("在考"), ABSENT("缺考"), SUBMITTED("已交卷"), AUTO_SUBMITTED("到时自动交卷");

        private final String label;

        SeatStatus(String label) {
            this.label = label;
        }

        /** The wording on the paper record. */
        public String label() {
            return label;
        }
    }

    /**
     * 考位: one assigned seat and its candidate.
     *
     * @param seatCode     the seat
     * @param ticket       准考证号
     * @param name         the candidate's name
     * @param maskedId     the ID number with its middle hidden (see {@link IdNumbers#mask})
     * @param status       what became of the candidate
     * @param loginAt      first login, null when absent
     * @param submittedAt  submission, null when not submitted
     */
    public record SeatRow(String seatCode, String ticket, String name, String maskedId, SeatStatus status,
                          Instant loginAt, Instant submittedAt) {
    }

    /**
     * 违纪事件: what a proctor observed at a seat.
     *
     * @param at       when it was recorded
     * @param seatCode the seat
     * @param category the category the proctor picked; its notice wording is {@code category.noticeText()}
     * @param note     the proctor's observation
     * @param by       the proctor
     */
    public record Incident(Instant at, String seatCode, MisconductCode category, String note, String by) {
    }

    /**
     * 提醒: a reminder shown to a candidate (the 经提醒拒不改正 condition of tier A rests on these).
     *
     * @param id             the reminder's id (the REMINDED event's id), null when entered by hand
     * @param at             when it was shown
     * @param seatCode       the seat
     * @param category       the tier-A category it is about, null when none was named
     * @param message        the text the candidate saw
     * @param by             the proctor
     * @param acknowledgedAt when the candidate acknowledged it, null when never
     */
    public record Reminder(String id, Instant at, String seatCode, MisconductCode category, String message,
                           String by, Instant acknowledgedAt) {
    }

    /**
     * 处理决定: a misconduct decision as first taken (confirmed), with the appeals (复议) that revised it since, oldest
     * first. The record shows the whole history, because the decisions are append-only and a withdrawn sanction
     * printed as if it stood would misstate the room.
     *
     * @param seatCode  the seat
     * @param category  the category; its tier is {@code category.tier()}
     * @param severity  for tier C only, null otherwise
     * @param by        who decided
     * @param at        when
     * @param outcome   the sanction as written, e.g. "取消当次该科目成绩"
     * @param revisions the revisions on appeal, oldest first; empty while the decision stands as taken
     */
    public record Decision(String seatCode, MisconductCode category, Severity severity, String by, Instant at,
                           String outcome, List<Revision> revisions) {
        public Decision {
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }

        /** A decision never revised. */
        public Decision(String seatCode, MisconductCode category, Severity severity, String by, Instant at,
                        String outcome) {
            this(seatCode, category, severity, by, at, outcome, List.of());
        }

        /** True once an appeal revised it: the last revision applies in its place. */
        public boolean revised() {
            return !revisions.isEmpty();
        }

        /** True when, after every revision, misconduct stands confirmed. */
        public boolean standsConfirmed() {
            return revisions.isEmpty() || revisions.get(revisions.size() - 1).confirmed();
        }

        /** What applies now: the sanction as taken, or the last revision's outcome. */
        public String standing() {
            return revisions.isEmpty() ? outcome : revisions.get(revisions.size() - 1).outcome();
        }
    }

    /**
     * 复议: one revision of a decision on appeal, a decision of its own that applies in place of the one it revises.
     *
     * @param confirmed true when it confirms misconduct (its category may differ), false when it dismisses it
     * @param category  the category it confirms, null for a dismissal
     * @param outcome   what it decides as written, e.g. "不予认定，撤销处理"
     * @param by        who decided the appeal
     * @param at        when
     * @param reason    why
     */
    public record Revision(boolean confirmed, MisconductCode category, String outcome, String by, Instant at,
                           String reason) {
    }

    /**
     * 座位调换: a seat change a proctor authorised.
     *
     * @param from   the seat left
     * @param to     the seat taken
     * @param by     the proctor
     * @param at     when
     * @param reason why, e.g. a faulty terminal
     */
    public record SeatChange(String from, String to, String by, Instant at, String reason) {
    }

    /** The kinds of change to a seat's clock or presence. */
    public enum TimeChangeKind {
        EXTENSION("延时"), PAUSE("暂停"), LEAVE("准予离座");

        private final String label;

        TimeChangeKind(String label) {
            this.label = label;
        }

        /** The wording on the paper record. */
        public String label() {
            return label;
        }
    }

    /**
     * 延时与暂停: an extension, a pause, or a permitted absence (the clock keeps running during the latter).
     *
     * @param kind     which
     * @param seatCode the seat
     * @param seconds  its length; null for a pause that was never resumed
     * @param reason   why, may be null
     * @param by       the proctor
     * @param at       when it started
     */
    public record TimeChange(TimeChangeKind kind, String seatCode, Long seconds, String reason, String by,
                             Instant at) {
    }

    /**
     * 概要: the counts at the top of the record.
     *
     * @param expected       应到: assigned seats
     * @param present        实到: candidates who logged in
     * @param absent         缺考
     * @param submitted      交卷 (by the candidate or at the deadline)
     * @param flagsConfirmed 确认违纪: confirmed decisions
     */
    public record Summary(int expected, int present, int absent, int submitted, int flagsConfirmed) {
    }
}
