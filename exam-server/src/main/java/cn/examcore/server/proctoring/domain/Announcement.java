package cn.examcore.server.proctoring.domain;

/**
 * 考场公告: a proctor's broadcast to every seat of one room, or of the whole sitting, which each candidate
 * acknowledges on the page.
 *
 * @param id        announcement id
 * @param sittingId the sitting
 * @param roomId    the room, or null for the whole sitting
 * @param message   the text shown to the candidates
 * @param by        the proctor who made it
 * @param at        when (epoch ms)
 */
public record Announcement(String id, String sittingId, String roomId, String message, String by, long at) {

    /** True when it is meant for the seats of {@code seatRoomId}. */
    public boolean reaches(String seatRoomId) {
        return roomId == null || roomId.equals(seatRoomId);
    }

    /** {@code room} or {@code sitting}, as the page and the report name the scope. */
    public String scope() {
        return roomId == null ? "sitting" : "room";
    }
}
