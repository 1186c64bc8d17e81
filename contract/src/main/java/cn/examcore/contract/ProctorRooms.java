package cn.examcore.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the proctor console builds its live rooms from ({@code GET /api/proctor/sittings} and
 * {@code GET /api/proctor/sittings/:id/rooms}), scoped to the rooms the caller may see.
 */
public final class ProctorRooms {

    private ProctorRooms() {
    }

    /**
     * A sitting with at least one room the caller may see.
     *
     * @param id              the sitting
     * @param title           its title
     * @param t0              its scheduled start (epoch ms)
     * @param durationMinutes the paper's time
     */
    public record SittingSummary(String id, String title, long t0, int durationMinutes) {
    }

    /**
     * A sitting's visible rooms.
     *
     * @param id              the sitting
     * @param title           its title
     * @param t0              its scheduled start (epoch ms)
     * @param durationMinutes the paper's time
     * @param itemCount       items per paper (0 before the papers are assembled), for progress
     * @param serverNow       server time (epoch ms)
     * @param rooms           the rooms the caller may see
     * @param occupation      职业, as the notices write it (for the room record)
     * @param level           等级 1..5
     * @param subject         科目 (enum name: THEORY or OPERATION)
     */
    public record SittingRooms(String id, String title, long t0, int durationMinutes, int itemCount,
                               long serverNow, List<RoomLayout> rooms, String occupation, int level, String subject) {
    }

    /**
     * 考场: one room's layout.
     *
     * @param id    the room
     * @param name  its name
     * @param rows  rows of seats
     * @param cols  columns of seats
     * @param seats every seat, by row then column
     */
    public record RoomLayout(String id, String name, int rows, int cols, List<SeatPlace> seats) {
    }

    /**
     * 考位: one seat and the candidate assigned to it.
     *
     * @param code   the seat code
     * @param row    1-based row
     * @param col    1-based column
     * @param ticket the assigned candidate's admission ticket, null when the seat is free
     * @param name   the assigned candidate's name, null when the seat is free
     * @param extraTime the candidate's approved extra time (照顾延时), absent when none
     * @param maskedIdNumber the candidate's ID number with all but its region code and last four characters
     *                       hidden, enough to match a card at the desk; null when the seat is free
     */
    public record SeatPlace(String code, int row, int col, String ticket, String name,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ExtraTime extraTime, String maskedIdNumber) {

        /** A seat whose candidate (if any) has no extra time. */
        public SeatPlace(String code, int row, int col, String ticket, String name) {
            this(code, row, col, ticket, name, null, null);
        }
    }

    /**
     * 照顾延时: extra time approved for one candidate, as the roster gave it; both parts add up.
     *
     * @param percent    percent of the paper's time
     * @param minutes    whole minutes
     * @param seconds    the two together for this sitting's paper, as added to the deadline
     * @param approvedBy who approved it
     */
    public record ExtraTime(int percent, int minutes, long seconds, String approvedBy) {
    }

    /**
     * One attempt of the sitting as a seat tile shows it ({@code GET /api/proctor/sittings/:id/attempts}).
     *
     * @param attemptId the attempt
     * @param ticket    the candidate's admission ticket
     * @param seatCode  the seat it is at
     * @param state     WAITING, ANSWERING, PAUSED or SUBMITTED now
     * @param deadline  its deadline now (epoch ms)
     * @param answered  how many items hold an answer
     */
    public record SeatAttempt(String attemptId, String ticket, String seatCode, String state, long deadline,
                              int answered) {
    }
}
