package cn.examcore.contract;

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
     */
    public record SittingRooms(String id, String title, long t0, int durationMinutes, int itemCount,
                               long serverNow, List<RoomLayout> rooms) {
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
     */
    public record SeatPlace(String code, int row, int col, String ticket, String name) {
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
