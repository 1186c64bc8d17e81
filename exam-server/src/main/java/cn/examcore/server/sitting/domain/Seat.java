package cn.examcore.server.sitting.domain;

/**
 * 考位: one physical exam seat; its code is unique within the sitting and is what staff type to enrol a terminal.
 *
 * @param sittingId the sitting
 * @param code      e.g. "R101-07"
 * @param roomId    the room
 * @param row       1-based row in the room layout
 * @param col       1-based column
 */
public record Seat(String sittingId, String code, String roomId, int row, int col) {
}
