package cn.examcore.proctor.report;

import cn.examcore.contract.EventDetail;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.report.RoomReport.Decision;
import cn.examcore.proctor.report.RoomReport.Incident;
import cn.examcore.proctor.report.RoomReport.Reminder;
import cn.examcore.proctor.report.RoomReport.Room;
import cn.examcore.proctor.report.RoomReport.SeatChange;
import cn.examcore.proctor.report.RoomReport.SeatRow;
import cn.examcore.proctor.report.RoomReport.SeatStatus;
import cn.examcore.proctor.report.RoomReport.Sitting;
import cn.examcore.proctor.report.RoomReport.Summary;
import cn.examcore.proctor.report.RoomReport.TimeChange;
import cn.examcore.proctor.report.RoomReport.TimeChangeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles a {@link RoomReport} from plain lists (roster, sections entered by hand or loaded from storage) and from
 * the room's raw {@link SeatEvent}s, which are mapped into the report's sections. Everything is checked in
 * {@link #build()}: the first problem found is thrown as a {@link RoomReportException} naming its location, and no
 * report is built. The builder itself may be called in any order.
 */
public final class RoomReportBuilder {

    private final Sitting sitting;
    private final Room room;
    private final List<String> proctors = new ArrayList<>();
    private final List<RosterEntry> roster = new ArrayList<>();
    private final Map<String, Instant> logins = new HashMap<>();
    private final Map<String, Submission> submissions = new HashMap<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final List<Reminder> reminders = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<SeatChange> seatChanges = new ArrayList<>();
    private final List<TimeChange> timeChanges = new ArrayList<>();
    private final List<SeatEvent> events = new ArrayList<>();
    private final List<RoomReport.AnnouncementRow> announcementRows = new ArrayList<>();

    private record RosterEntry(String seatCode, String ticket, String name, String idNumber) {
    }

    private record Submission(Instant at, boolean auto) {
    }

    /** A builder for the room {@code room} of {@code sitting}. */
    public RoomReportBuilder(Sitting sitting, Room room) {
        this.sitting = sitting;
        this.room = room;
    }

    /** Adds a proctor on duty (they sign in this order). */
    public RoomReportBuilder proctor(String name) {
        proctors.add(name);
        return this;
    }

    /** Assigns a candidate to a seat; the ID number is masked when the report is built and never kept whole. */
    public RoomReportBuilder seat(String seatCode, String ticket, String name, String idNumber) {
        roster.add(new RosterEntry(seatCode, ticket, name, idNumber));
        return this;
    }

    /** Records a login at a seat; the earliest one is reported. */
    public RoomReportBuilder login(String seatCode, Instant at) {
        logins.merge(seatCode, at, (a, b) -> a == null || (b != null && b.isBefore(a)) ? b : a);
        return this;
    }

    /** Records the seat's submission, by the candidate ({@code auto} false) or at the deadline. */
    public RoomReportBuilder submission(String seatCode, Instant at, boolean auto) {
        submissions.put(seatCode, new Submission(at, auto));
        return this;
    }

    public RoomReportBuilder incidents(List<Incident> list) {
        incidents.addAll(list);
        return this;
    }

    public RoomReportBuilder reminders(List<Reminder> list) {
        reminders.addAll(list);
        return this;
    }

    public RoomReportBuilder decisions(List<Decision> list) {
        decisions.addAll(list);
        return this;
    }

    public RoomReportBuilder seatChanges(List<SeatChange> list) {
        seatChanges.addAll(list);
        return this;
    }

    public RoomReportBuilder timeChanges(List<TimeChange> list) {
        timeChanges.addAll(list);
        return this;
    }

    /**
     * Adds the room's raw seat events. LOGIN, SUBMITTED and AUTO_SUBMITTED fill the seat table; REMINDED and
     * REMINDER_ACKNOWLEDGED the reminders; INCIDENT_RECORDED the incidents; EXTENDED, PAUSED/RESUMED (paired per
     * seat) and LEAVE_PERMITTED the time changes. Other kinds (focus, device, network) are evidence for flags, not
     * part of the record, and are skipped.
     */
    public RoomReportBuilder events(List<SeatEvent> list) {
        events.addAll(list);
        return this;
    }

    /** Adds the announcements that reached the room (from exam-server's list, acknowledgements counted). */
    public RoomReportBuilder announcements(List<RoomReport.AnnouncementRow> list) {
        announcementRows.addAll(list);
        return this;
    }

    /** Checks everything and builds the report. */
    public RoomReport build() {
        checkHead();
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < proctors.size(); i++) {
            ps.add(text(proctors.get(i), "proctors[" + i + "]"));
        }
        if (ps.isEmpty()) {
            throw new RoomReportException("proctors", "at least one proctor must sign the record");
        }
        Map<String, RosterEntry> seats = checkRoster();

        List<Incident> inc = new ArrayList<>(incidents);
        List<Reminder> rem = new ArrayList<>(reminders);
        List<TimeChange> times = new ArrayList<>(timeChanges);
        Map<String, Instant> login = new HashMap<>(logins);
        Map<String, Submission> submit = new HashMap<>(submissions);
        List<RoomReport.SeatNote> notes = new ArrayList<>();
        mapEvents(inc, rem, times, login, submit, notes);

        for (int i = 0; i < seatChanges.size(); i++) {
            checkSeatChange(seatChanges.get(i), "seatChanges[" + i + "]", seats.keySet());
        }
        Set<String> known = new HashSet<>(seats.keySet());
        seatChanges.forEach(c -> known.add(c.to()));
        for (int i = 0; i < inc.size(); i++) {
            checkIncident(inc.get(i), "incidents[" + i + "]", known);
        }
        for (int i = 0; i < rem.size(); i++) {
            checkReminder(rem.get(i), "reminders[" + i + "]", known);
        }
        for (int i = 0; i < decisions.size(); i++) {
            checkDecision(decisions.get(i), "decisions[" + i + "]", known);
        }
        for (int i = 0; i < times.size(); i++) {
            checkTimeChange(times.get(i), "timeChanges[" + i + "]", known);
        }
        Map<String, String> original = originalSeats();
        for (String code : login.keySet()) {
            if (!known.contains(code)) {
                throw new RoomReportException("logins[" + code + "]", "no seat " + code + " in room " + room.name());
            }
        }
        for (String code : submit.keySet()) {
            if (!known.contains(code)) {
                throw new RoomReportException("submissions[" + code + "]",
                        "no seat " + code + " in room " + room.name());
            }
        }

        List<SeatRow> rows = new ArrayList<>();
        for (RosterEntry e : seats.values()) {
            Instant in = null;
            Submission out = null;
            // A candidate moved to another seat logs in and submits there; the row is the assigned seat's.
            for (Map.Entry<String, String> o : original.entrySet()) {
                if (!o.getValue().equals(e.seatCode())) {
                    continue;
                }
                Instant l = login.get(o.getKey());
                if (l != null && (in == null || l.isBefore(in))) {
                    in = l;
                }
                Submission s = submit.get(o.getKey());
                if (s != null && (out == null || s.at().isAfter(out.at()))) {
                    out = s;
                }
            }
            SeatStatus status = out != null ? (out.auto() ? SeatStatus.AUTO_SUBMITTED : SeatStatus.SUBMITTED)
                    : in != null ? SeatStatus.PRESENT : SeatStatus.ABSENT;
            rows.add(new SeatRow(e.seatCode(), e.ticket(), e.name(), IdNumbers.mask(e.idNumber()), status, in,
                    out == null ? null : out.at()));
        }
        int present = (int) rows.stream().filter(r -> r.status() != SeatStatus.ABSENT).count();
        int submitted = (int) rows.stream().filter(r -> r.status() == SeatStatus.SUBMITTED
                || r.status() == SeatStatus.AUTO_SUBMITTED).count();
        // A decision dismissed on appeal no longer counts as confirmed misconduct; it stays listed with its history.
        int confirmed = (int) decisions.stream().filter(Decision::standsConfirmed).count();
        Summary summary = new Summary(rows.size(), present, rows.size() - present, submitted, confirmed);

        inc.sort(Comparator.comparing(Incident::at));
        rem.sort(Comparator.comparing(Reminder::at));
        List<Decision> dec = new ArrayList<>(decisions);
        dec.sort(Comparator.comparing(Decision::at));
        List<SeatChange> ch = new ArrayList<>(seatChanges);
        ch.sort(Comparator.comparing(SeatChange::at));
        times.sort(Comparator.comparing(TimeChange::at));
        notes.sort(Comparator.comparing(RoomReport.SeatNote::at));
        List<RoomReport.AnnouncementRow> ann = new ArrayList<>(announcementRows);
        ann.sort(Comparator.comparing(RoomReport.AnnouncementRow::at));
        return new RoomReport(sitting, room, ps, rows, inc, rem, dec, ch, times, summary, ann, notes);
    }

    /** Every seat code that ever held a candidate, mapped to the roster seat that candidate was assigned to. */
    private Map<String, String> originalSeats() {
        Map<String, String> original = new HashMap<>();
        roster.forEach(e -> original.put(e.seatCode(), e.seatCode()));
        List<SeatChange> ordered = new ArrayList<>(seatChanges);
        ordered.sort(Comparator.comparing(SeatChange::at));
        for (SeatChange c : ordered) {
            original.put(c.to(), original.getOrDefault(c.from(), c.from()));
        }
        return original;
    }

    private void checkHead() {
        if (sitting == null) {
            throw new RoomReportException("sitting", "is missing");
        }
        text(sitting.id(), "sitting.id");
        text(sitting.title(), "sitting.title");
        text(sitting.occupation(), "sitting.occupation");
        text(sitting.level(), "sitting.level");
        text(sitting.subject(), "sitting.subject");
        if (sitting.date() == null) {
            throw new RoomReportException("sitting.date", "is missing");
        }
        if (sitting.start() == null) {
            throw new RoomReportException("sitting.start", "is missing");
        }
        if (sitting.duration() == null || sitting.duration().isNegative() || sitting.duration().isZero()) {
            throw new RoomReportException("sitting.duration", "must be a positive length, was "
                    + sitting.duration());
        }
        if (room == null) {
            throw new RoomReportException("room", "is missing");
        }
        text(room.name(), "room.name");
        if (room.rows() < 1 || room.cols() < 1) {
            throw new RoomReportException("room", "rows and cols must be at least 1, were " + room.rows() + " × "
                    + room.cols());
        }
    }

    private Map<String, RosterEntry> checkRoster() {
        if (roster.size() > room.rows() * room.cols()) {
            throw new RoomReportException("seats", roster.size() + " seats assigned but room " + room.name()
                    + " has only " + room.rows() + " × " + room.cols());
        }
        Map<String, RosterEntry> seats = new LinkedHashMap<>();
        Set<String> tickets = new HashSet<>();
        for (int i = 0; i < roster.size(); i++) {
            RosterEntry e = roster.get(i);
            String at = "seats[" + i + "]";
            text(e.seatCode(), at + ".seatCode");
            text(e.ticket(), at + ".ticket");
            text(e.name(), at + ".name");
            try {
                IdNumbers.mask(e.idNumber());
            } catch (RoomReportException x) {
                throw new RoomReportException(at + ".idNumber", "is missing");
            }
            if (seats.putIfAbsent(e.seatCode(), e) != null) {
                throw new RoomReportException(at + ".seatCode", "seat " + e.seatCode() + " is assigned twice");
            }
            if (!tickets.add(e.ticket())) {
                throw new RoomReportException(at + ".ticket", "ticket " + e.ticket() + " is seated twice");
            }
        }
        return seats;
    }

    private void checkSeatChange(SeatChange c, String at, Set<String> roster) {
        if (c == null) {
            throw new RoomReportException(at, "is missing");
        }
        text(c.from(), at + ".from");
        text(c.to(), at + ".to");
        if (c.from().equals(c.to())) {
            throw new RoomReportException(at + ".to", "is the same seat as from (" + c.from() + ")");
        }
        boolean fromKnown = roster.contains(c.from())
                || seatChanges.stream().anyMatch(o -> o != c && o != null && c.from().equals(o.to()));
        if (!fromKnown) {
            throw new RoomReportException(at + ".from", "no seat " + c.from() + " in room " + room.name());
        }
        text(c.by(), at + ".by");
        when(c.at(), at + ".at");
    }

    private void checkIncident(Incident x, String at, Set<String> known) {
        if (x == null) {
            throw new RoomReportException(at, "is missing");
        }
        when(x.at(), at + ".at");
        seat(x.seatCode(), at + ".seatCode", known);
        if (x.category() == null) {
            throw new RoomReportException(at + ".category", "is missing");
        }
        text(x.by(), at + ".by");
    }

    private void checkReminder(Reminder r, String at, Set<String> known) {
        if (r == null) {
            throw new RoomReportException(at, "is missing");
        }
        when(r.at(), at + ".at");
        seat(r.seatCode(), at + ".seatCode", known);
        if (r.category() != null && !r.category().remindable()) {
            throw new RoomReportException(at + ".category", r.category() + " is tier " + r.category().tier()
                    + "; only tier-A categories (A1–A4) are reminded about");
        }
        text(r.message(), at + ".message");
        if (r.acknowledgedAt() != null && r.acknowledgedAt().isBefore(r.at())) {
            throw new RoomReportException(at + ".acknowledgedAt", "is before the reminder was shown");
        }
    }

    private void checkDecision(Decision d, String at, Set<String> known) {
        if (d == null) {
            throw new RoomReportException(at, "is missing");
        }
        seat(d.seatCode(), at + ".seatCode", known);
        if (d.category() == null) {
            throw new RoomReportException(at + ".category", "is missing");
        }
        boolean tierC = d.category().tier() == MisconductCode.Tier.C;
        if (tierC && d.severity() == null) {
            throw new RoomReportException(at + ".severity", "a tier-C decision (" + d.category()
                    + ") must say MINOR or SERIOUS");
        }
        if (!tierC && d.severity() != null) {
            throw new RoomReportException(at + ".severity", "only tier-C decisions have a severity, "
                    + d.category() + " is tier " + d.category().tier());
        }
        text(d.by(), at + ".by");
        when(d.at(), at + ".at");
        text(d.outcome(), at + ".outcome");
        for (int i = 0; i < d.revisions().size(); i++) {
            RoomReport.Revision v = d.revisions().get(i);
            String vat = at + ".revisions[" + i + "]";
            if (v.confirmed() && v.category() == null) {
                throw new RoomReportException(vat + ".category", "a confirming revision names its category");
            }
            text(v.outcome(), vat + ".outcome");
            text(v.by(), vat + ".by");
            when(v.at(), vat + ".at");
            Instant before = i == 0 ? d.at() : d.revisions().get(i - 1).at();
            if (v.at().isBefore(before)) {
                throw new RoomReportException(vat + ".at", "is before the decision it revises");
            }
        }
    }

    private void checkTimeChange(TimeChange t, String at, Set<String> known) {
        if (t == null) {
            throw new RoomReportException(at, "is missing");
        }
        if (t.kind() == null) {
            throw new RoomReportException(at + ".kind", "is missing");
        }
        seat(t.seatCode(), at + ".seatCode", known);
        if (t.seconds() == null && t.kind() != TimeChangeKind.PAUSE) {
            throw new RoomReportException(at + ".seconds", "is missing");
        }
        if (t.seconds() != null && t.seconds() <= 0) {
            throw new RoomReportException(at + ".seconds", "must be positive, was " + t.seconds());
        }
        text(t.by(), at + ".by");
        when(t.at(), at + ".at");
    }

    private void seat(String code, String at, Set<String> known) {
        text(code, at);
        if (!known.contains(code)) {
            throw new RoomReportException(at, "no seat " + code + " in room " + room.name());
        }
    }

    private static String text(String value, String at) {
        if (value == null || value.isBlank()) {
            throw new RoomReportException(at, "is missing");
        }
        return value;
    }

    private static void when(Instant value, String at) {
        if (value == null) {
            throw new RoomReportException(at, "is missing");
        }
    }

    private void mapEvents(List<Incident> inc, List<Reminder> rem, List<TimeChange> times,
                           Map<String, Instant> login, Map<String, Submission> submit,
                           List<RoomReport.SeatNote> notes) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) {
                throw new RoomReportException("events[" + i + "]", "is missing");
            }
            order.add(i);
        }
        // Server time orders events; the reporter's own clock is never trusted for that.
        order.sort(Comparator.comparingLong((Integer i) -> events.get(i).at()).thenComparing(i -> i));
        Map<String, Integer> reminderById = new HashMap<>();
        Map<String, SeatEvent> openPauses = new HashMap<>();
        for (int i : order) {
            SeatEvent e = events.get(i);
            String at = "events[" + i + "] (" + e.id() + " " + e.kind() + " at seat " + e.seatCode() + ")";
            if (!sitting.id().equals(e.sittingId())) {
                throw new RoomReportException(at + ".sittingId", "is " + e.sittingId() + ", not this report's "
                        + sitting.id());
            }
            text(e.seatCode(), at + ".seatCode");
            Instant when = Instant.ofEpochMilli(e.at());
            String seat = e.seatCode();
            switch (e.kind()) {
                case LOGIN -> login.merge(seat, when, (x, y) -> y.isBefore(x) ? y : x);
                case SUBMITTED, AUTO_SUBMITTED ->
                        submit.put(seat, new Submission(when, e.kind() == SeatEvent.Kind.AUTO_SUBMITTED));
                case REMINDED -> {
                    EventDetail.Reminded r = (EventDetail.Reminded) e.detail();
                    rem.add(new Reminder(e.id(), when, seat, r.category(), r.message(), r.by(), null));
                    reminderById.put(e.id(), rem.size() - 1);
                }
                case REMINDER_ACKNOWLEDGED -> {
                    String id = ((EventDetail.ReminderAcknowledged) e.detail()).reminderId();
                    Integer k = reminderById.get(id);
                    if (k == null) {
                        throw new RoomReportException(at + ".detail.reminderId", "no earlier reminder " + id);
                    }
                    Reminder r = rem.get(k);
                    if (r.acknowledgedAt() == null) {
                        rem.set(k, new Reminder(r.id(), r.at(), r.seatCode(), r.category(), r.message(), r.by(),
                                when));
                    }
                }
                case INCIDENT_RECORDED -> {
                    EventDetail.IncidentRecorded incident = (EventDetail.IncidentRecorded) e.detail();
                    inc.add(new Incident(when, seat, incident.category(), incident.note(), incident.by()));
                }
                case EXTENDED -> {
                    EventDetail.Extended x = (EventDetail.Extended) e.detail();
                    times.add(new TimeChange(TimeChangeKind.EXTENSION, seat, x.seconds(), x.reason(), x.by(), when));
                }
                case LEAVE_PERMITTED -> {
                    EventDetail.LeavePermitted p = (EventDetail.LeavePermitted) e.detail();
                    if (p.until() <= e.at()) {
                        throw new RoomReportException(at + ".detail.until", "is not after the event");
                    }
                    // Whole seconds, rounded up, so a short permission never prints as 0.
                    long seconds = (p.until() - e.at() + 999) / 1000;
                    times.add(new TimeChange(TimeChangeKind.LEAVE, seat, seconds, p.reason(), p.by(), when));
                }
                case PAUSED ->
                    // A second pause of a paused seat changes nothing on the clock, so it adds no row.
                    openPauses.putIfAbsent(seat, e);
                case RESUMED -> {
                    SeatEvent p = openPauses.remove(seat);
                    if (p != null) {
                        long seconds = Math.max(1, (e.at() - p.at() + 999) / 1000);
                        times.add(pause(p, seconds));
                    }
                }
                case RULES_ACKNOWLEDGED -> notes.add(new RoomReport.SeatNote(when, seat, "考生承诺",
                        "守则版本 " + ((EventDetail.RulesAcknowledged) e.detail()).version()));
                case ANNOUNCEMENT_ACKNOWLEDGED -> notes.add(new RoomReport.SeatNote(when, seat, "公告已确认",
                        ((EventDetail.AnnouncementAcknowledged) e.detail()).announcementId()));
                case IDENTITY_MISMATCH -> {
                    String why = ((EventDetail.IdentityMismatch) e.detail()).reason();
                    notes.add(new RoomReport.SeatNote(when, seat, "身份核验不符", why == null ? "" : why));
                }
                case LATE_ENTRY_REFUSED -> notes.add(new RoomReport.SeatNote(when, seat, "迟到拒绝入场（缺考）",
                        "准考证号 " + ((EventDetail.LateEntryRefused) e.detail()).ticket()));
                case REOPENED -> {
                    EventDetail.ProctorAction r = (EventDetail.ProctorAction) e.detail();
                    notes.add(new RoomReport.SeatNote(when, seat, "重新开放作答",
                            r.by() + (r.reason() == null ? "" : "：" + r.reason())));
                }
                default -> {
                    // Evidence kinds (focus, devices, network) belong to flags, not to the record.
                }
            }
        }
        openPauses.values().forEach(p -> times.add(pause(p, null)));
    }

    private static TimeChange pause(SeatEvent p, Long seconds) {
        EventDetail.ProctorAction pause = (EventDetail.ProctorAction) p.detail();
        return new TimeChange(TimeChangeKind.PAUSE, p.seatCode(), seconds, pause.reason(), pause.by(),
                Instant.ofEpochMilli(p.at()));
    }
}
