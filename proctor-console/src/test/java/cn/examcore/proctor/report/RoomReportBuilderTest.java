package cn.examcore.proctor.report;

import static cn.examcore.proctor.report.SampleRoom.at;
import static cn.examcore.proctor.report.SampleRoom.seat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import cn.examcore.proctor.report.RoomReport.Decision;
import cn.examcore.proctor.report.RoomReport.Incident;
import cn.examcore.proctor.report.RoomReport.Reminder;
import cn.examcore.proctor.report.RoomReport.SeatRow;
import cn.examcore.proctor.report.RoomReport.SeatStatus;
import cn.examcore.proctor.report.RoomReport.TimeChange;
import cn.examcore.proctor.report.RoomReport.TimeChangeKind;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoomReportBuilderTest {

    @Test
    @DisplayName("Seat events fill the seat table and the summary counts")
    void seatsAndSummary() {
        RoomReport r = new SampleRoom().builder(0).build();
        assertThat(r.seats()).hasSize(30);
        SeatRow first = r.seats().get(0);
        assertThat(first.status()).isEqualTo(SeatStatus.SUBMITTED);
        assertThat(first.loginAt()).isEqualTo(at(-19));
        assertThat(first.submittedAt()).isEqualTo(at(61));
        assertThat(r.seats().get(27).status()).isEqualTo(SeatStatus.AUTO_SUBMITTED);
        assertThat(r.seats().get(29).status()).isEqualTo(SeatStatus.ABSENT);
        assertThat(r.seats().get(29).loginAt()).isNull();
        assertThat(r.summary()).isEqualTo(new RoomReport.Summary(30, 28, 2, 28, 2));
    }

    @Test
    @DisplayName("Reminders carry their acknowledgement, and incidents their category")
    void remindersAndIncidents() {
        RoomReport r = new SampleRoom().builder(0).build();
        assertThat(r.reminders()).extracting(Reminder::seatCode, Reminder::category, Reminder::acknowledgedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(seat(3), MisconductCode.A1, at(15)),
                        org.assertj.core.groups.Tuple.tuple(seat(7), null, null));
        assertThat(r.incidents()).extracting(Incident::seatCode, Incident::category, Incident::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(seat(3), MisconductCode.B1, "周建国"),
                        org.assertj.core.groups.Tuple.tuple(seat(12), MisconductCode.A3, "钱晓红"));
    }

    @Test
    @DisplayName("Extensions, paired pauses and permitted absences become time changes with their seconds")
    void timeChanges() {
        RoomReport r = new SampleRoom().builder(0).build();
        assertThat(r.timeChanges()).extracting(TimeChange::kind, TimeChange::seatCode, TimeChange::seconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TimeChangeKind.EXTENSION, seat(9), 300L),
                        org.assertj.core.groups.Tuple.tuple(TimeChangeKind.PAUSE, seat(10), 300L),
                        org.assertj.core.groups.Tuple.tuple(TimeChangeKind.LEAVE, seat(11), 300L));
    }

    @Test
    @DisplayName("A pause never resumed is reported with no length")
    void openPause() {
        SampleRoom s = new SampleRoom();
        RoomReportBuilder b = s.builder(0);
        b.events(List.of(s.event(seat(15), 80, "PAUSED", "by", "周建国")));
        RoomReport r = b.build();
        assertThat(r.timeChanges()).filteredOn(t -> t.seatCode().equals(seat(15)))
                .singleElement().satisfies(t -> assertThat(t.seconds()).isNull());
    }

    @Test
    @DisplayName("A candidate moved to a spare seat keeps the assigned seat's row and its events count there")
    void seatChangeFollowsTheCandidate() {
        SampleRoom s = new SampleRoom();
        RoomReportBuilder b = s.builder(0);
        b.events(List.of(s.event("B01", 96, "AUTO_SUBMITTED")));
        RoomReport r = b.build();
        assertThat(r.seats().get(8).status()).isEqualTo(SeatStatus.AUTO_SUBMITTED);
        assertThat(r.seats().get(8).submittedAt()).isEqualTo(at(96));
    }

    @Test
    @DisplayName("A candidate moved twice keeps the assigned seat's row, and both changes are in the record")
    void twoSeatChangesFollowTheCandidate() {
        SampleRoom s = new SampleRoom();
        RoomReportBuilder b = s.builder(0);
        b.seatChanges(List.of(new RoomReport.SeatChange("B01", "B02", "周建国", at(30), "备用机位也黑屏")));
        b.events(List.of(s.event("B01", 12, "LOGIN"), s.event("B02", 35, "REMINDED", "message", "请保持安静",
                "by", "周建国"), s.event("B02", 96, "AUTO_SUBMITTED")));
        RoomReport r = b.build();
        assertThat(r.seats().get(8).status()).isEqualTo(SeatStatus.AUTO_SUBMITTED);
        assertThat(r.seats().get(8).submittedAt()).isEqualTo(at(96));
        assertThat(r.seatChanges()).extracting(RoomReport.SeatChange::to).containsExactly("B01", "B02");
    }

    @Test
    @DisplayName("The seat table carries masked ID numbers only")
    void masksIds() {
        RoomReport r = new SampleRoom().builder(0).build();
        assertThat(r.seats().get(0).maskedId()).isEqualTo("310101********1001");
        assertThat(r.toString()).doesNotContain("31010119900001");
    }

    @Test
    @DisplayName("An incident at a seat the room does not have is refused with its location")
    void unknownSeat() {
        SampleRoom s = new SampleRoom();
        RoomReportBuilder b = s.builder(0);
        b.incidents(List.of(new Incident(at(5), "Z99", MisconductCode.A3, "noise", "周建国")));
        assertThatThrownBy(b::build).isInstanceOf(RoomReportException.class)
                .hasMessageContaining("incidents[").hasMessageContaining("Z99");
    }

    @Test
    @DisplayName("A seat event with an unknown category code is refused, naming the field and the code")
    void badEventCategory() {
        SampleRoom s = new SampleRoom();
        // The contract reads the category as a misconduct code, so such an event never reaches the report.
        assertThatThrownBy(() -> s.event(seat(4), 33, "INCIDENT_RECORDED", "category", "X9", "note", "?", "by",
                "周建国")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detail.category").hasMessageContaining("X9");
    }

    @Test
    @DisplayName("An acknowledgement of a reminder that was never shown is refused")
    void orphanAcknowledgement() {
        SampleRoom s = new SampleRoom();
        RoomReportBuilder b = s.builder(0);
        b.events(List.of(s.event(seat(4), 33, "REMINDER_ACKNOWLEDGED", "reminderId", "nope")));
        assertThatThrownBy(b::build).hasMessageContaining("detail.reminderId").hasMessageContaining("nope");
    }

    @Test
    @DisplayName("Events of another sitting are refused")
    void otherSitting() {
        SampleRoom s = new SampleRoom();
        RoomReportBuilder b = s.builder(0);
        b.events(List.of(new cn.examcore.contract.SeatEvent("x", "OTHER", null, seat(1),
                cn.examcore.contract.SeatEvent.Source.SERVER, cn.examcore.contract.SeatEvent.Kind.LOGIN, null, 0, 1)));
        assertThatThrownBy(b::build).hasMessageContaining("sittingId").hasMessageContaining("OTHER");
    }

    @Test
    @DisplayName("A tier-C decision without a severity, and a tier-B one with a severity, are refused")
    void severityOnlyForTierC() {
        RoomReportBuilder b = new SampleRoom().builder(0);
        b.decisions(List.of(new Decision(seat(2), MisconductCode.C5, null, "周建国", at(80), "x")));
        assertThatThrownBy(b::build).hasMessageContaining("decisions[2].severity");
        RoomReportBuilder c = new SampleRoom().builder(0);
        c.decisions(List.of(new Decision(seat(2), MisconductCode.B2, Severity.MINOR, "周建国", at(80),
                "x")));
        assertThatThrownBy(c::build).hasMessageContaining("decisions[2].severity");
    }

    @Test
    @DisplayName("A reminder about a tier-B category is refused: only tier A is reminded about")
    void reminderTierA() {
        RoomReportBuilder b = new SampleRoom().builder(0);
        b.reminders(List.of(new Reminder(null, at(5), seat(2), MisconductCode.B1, "m", "周建国", null)));
        assertThatThrownBy(b::build).hasMessageContaining("reminders[0].category");
    }

    @Test
    @DisplayName("More candidates than the room has seats are refused")
    void overCapacity() {
        RoomReportBuilder b = new SampleRoom().builder(0).seat("F01", "T-X", "多出", "310101199001011234");
        assertThatThrownBy(b::build).hasMessageContaining("31 seats assigned").hasMessageContaining("5 × 6");
    }

    @Test
    @DisplayName("A seat assigned twice is refused")
    void duplicateSeat() {
        RoomReportBuilder b = new RoomReportBuilder(SampleRoom.sitting(), new RoomReport.Room("R", 1, 2))
                .proctor("周建国")
                .seat("A01", "T1", "甲", "310101199001011234")
                .seat("A01", "T2", "乙", "310101199001015678");
        assertThatThrownBy(b::build).hasMessageContaining("seats[1].seatCode").hasMessageContaining("A01");
    }
}
