package cn.examcore.proctor.similarity;

/**
 * 座位 position of a candidate for the similarity detector: the room and the seat's row and column in the room
 * layout (1-based, as in the sitting's seat plan).
 *
 * @param room room id or name; two seats are only neighbours within one room
 * @param row  1-based row
 * @param col  1-based column
 */
public record SeatPosition(String room, int row, int col) {

    /**
     * True when the other seat is in the same room and touches this one, diagonals included
     * (|Δrow| ≤ 1 and |Δcol| ≤ 1): the seats from which a screen or a sheet can be read or passed.
     */
    public boolean isNeighbourOf(SeatPosition other) {
        return room.equals(other.room)
                && Math.abs(row - other.row) <= 1
                && Math.abs(col - other.col) <= 1
                && !(row == other.row && col == other.col);
    }

    @Override
    public String toString() {
        return room + " row " + row + " col " + col;
    }
}
