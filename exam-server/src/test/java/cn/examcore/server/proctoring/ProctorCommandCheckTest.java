package cn.examcore.server.proctoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.MisconductCode;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.proctoring.ProctorCommand.Action;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Checking a proctor command before it acts")
class ProctorCommandCheckTest {

    private static ProctorCommand cmd(Action action, long seconds, String reason, String message, String category,
                                      String note) {
        return new ProctorCommand(action, "sitting-1", "R101-01", seconds, reason, message, category, note,
                "proctor-1");
    }

    private static void refusedNaming(String field, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ExamException.class)
                .satisfies(e -> {
                    ExamException x = (ExamException) e;
                    assertThat(x.type()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(x.details()).containsEntry("field", field);
                });
    }

    @Test
    @DisplayName("A reminder may name a tier-A category, in any case; any other category is refused by name")
    void reminderCategory() {
        ProctorCommand ok = ProctorService.checked(cmd(Action.REMIND, 0, null, " put the phone away ", "a1", null));
        assertThat(ok.category()).isEqualTo("A1");
        assertThat(ok.message()).isEqualTo("put the phone away");
        assertThat(ProctorService.checked(cmd(Action.REMIND, 0, null, "m", null, null)).category()).isNull();
        refusedNaming("category", () -> ProctorService.checked(cmd(Action.REMIND, 0, null, "m", "B1", null)));
        refusedNaming("category", () -> ProctorService.checked(cmd(Action.REMIND, 0, null, "m", "A9", null)));
        refusedNaming("message", () -> ProctorService.checked(cmd(Action.REMIND, 0, null, "  ", "A1", null)));
    }

    @Test
    @DisplayName("A leave permission needs 1 to 1800 seconds and a reason")
    void leavePermission() {
        ProctorCommand ok = ProctorService.checked(cmd(Action.PERMIT_LEAVE, 1800, "toilet", null, "A1", "x"));
        assertThat(ok.seconds()).isEqualTo(1800);
        assertThat(ok.category()).as("fields the action does not use are dropped").isNull();
        assertThat(ok.note()).isNull();
        refusedNaming("seconds", () -> ProctorService.checked(cmd(Action.PERMIT_LEAVE, 0, "toilet", null, null,
                null)));
        refusedNaming("seconds", () -> ProctorService.checked(cmd(Action.PERMIT_LEAVE, 1801, "toilet", null, null,
                null)));
        refusedNaming("reason", () -> ProctorService.checked(cmd(Action.PERMIT_LEAVE, 60, null, null, null,
                null)));
    }

    @Test
    @DisplayName("An incident needs one of the sixteen categories and a note of 1 to 500 characters")
    void incident() {
        for (MisconductCode code : MisconductCode.values()) {
            assertThat(ProctorService.checked(cmd(Action.RECORD_INCIDENT, 0, null, null, code.name(), "seen"))
                    .category()).isEqualTo(code.name());
        }
        refusedNaming("category", () -> ProctorService.checked(cmd(Action.RECORD_INCIDENT, 0, null, null, null,
                "seen")));
        refusedNaming("category", () -> ProctorService.checked(cmd(Action.RECORD_INCIDENT, 0, null, null, "D1",
                "seen")));
        refusedNaming("note", () -> ProctorService.checked(cmd(Action.RECORD_INCIDENT, 0, null, null, "C4",
                null)));
        refusedNaming("note", () -> ProctorService.checked(cmd(Action.RECORD_INCIDENT, 0, null, null, "C4",
                "x".repeat(501))));
    }

    @Test
    @DisplayName("Every command needs an action, a sitting, a seat and the acting staff member")
    void commonFields() {
        refusedNaming("action", () -> ProctorService.checked(cmd(null, 0, null, null, null, null)));
        refusedNaming("by", () -> ProctorService.checked(new ProctorCommand(Action.PAUSE, "s", "R101-01", 0, null,
                null, null, null, " ")));
        refusedNaming("seatCode", () -> ProctorService.checked(new ProctorCommand(Action.PAUSE, "s", null, 0, null,
                null, null, null, "p")));
        refusedNaming("seconds", () -> ProctorService.checked(cmd(Action.EXTEND, 4 * 3600 + 1, null, null, null,
                null)));
        refusedNaming("reason", () -> ProctorService.checked(cmd(Action.PAUSE, 0, "x".repeat(501), null, null,
                null)));
    }

    @Test
    @DisplayName("Misconduct codes parse loosely, know their tier, and only tier A is remindable")
    void codes() {
        assertThat(MisconductCode.parse(" c7 ")).contains(MisconductCode.C7);
        assertThat(MisconductCode.parse("Z1")).isEmpty();
        assertThat(MisconductCode.parse(null)).isEmpty();
        assertThat(MisconductCode.values()).hasSize(16);
        assertThat(MisconductCode.B3.tier()).isEqualTo(MisconductCode.Tier.B);
        assertThat(MisconductCode.values()).filteredOn(MisconductCode::remindable)
                .containsExactly(MisconductCode.A1, MisconductCode.A2, MisconductCode.A3, MisconductCode.A4);
    }

    @Test
    @DisplayName("A seat change needs another seat and a reason; a forced submission needs a reason")
    void seatChangeAndForcedSubmission() {
        ProctorCommand move = new ProctorCommand(Action.CHANGE_SEAT, "sitting-1", "R101-01", 0, " screen broke ",
                null, "A1", null, "proctor-1", " R101-07 ");
        ProctorCommand ok = ProctorService.checked(move);
        assertThat(ok.toSeat()).isEqualTo("R101-07");
        assertThat(ok.reason()).isEqualTo("screen broke");
        assertThat(ok.category()).as("fields the action does not use are dropped").isNull();
        refusedNaming("toSeat", () -> ProctorService.checked(new ProctorCommand(Action.CHANGE_SEAT, "sitting-1",
                "R101-01", 0, "r", null, null, null, "proctor-1", null)));
        refusedNaming("toSeat", () -> ProctorService.checked(new ProctorCommand(Action.CHANGE_SEAT, "sitting-1",
                "R101-01", 0, "r", null, null, null, "proctor-1", "R101-01")));
        refusedNaming("reason", () -> ProctorService.checked(new ProctorCommand(Action.CHANGE_SEAT, "sitting-1",
                "R101-01", 0, null, null, null, null, "proctor-1", "R101-07")));
        assertThat(ProctorService.checked(cmd(Action.FORCE_SUBMIT, 0, "ill", null, null, null)).toSeat()).isNull();
        refusedNaming("reason", () -> ProctorService.checked(cmd(Action.FORCE_SUBMIT, 0, null, null, null, null)));
    }
}
