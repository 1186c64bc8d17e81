package cn.examcore.contract;

/**
 * 答题进度 of one seat, published on {@link Addresses#SEAT_PROGRESS} after saves (coalesced per seat).
 *
 * @param sittingId the sitting
 * @param attemptId the attempt
 * @param seatCode  the seat the attempt sits at
 * @param answered  items answered (not cleared) at {@code at}
 * @param at        server time the count was read (epoch ms)
 */
public record SeatProgress(String sittingId, String attemptId, String seatCode, int answered, long at) {
}
