package cn.examcore.server.sitting.roster;

import java.util.List;

/**
 * One row as a file holds it.
 *
 * @param number the row number the user sees (1-based; for CSV the record number, which is what Excel shows)
 * @param cells  the cells from column A on; missing trailing cells are absent
 */
record RawRow(int number, List<RawCell> cells) {

    boolean blank() {
        return cells.stream().allMatch(RawCell::blank);
    }

    RawCell cell(int index) {
        return index < cells.size() ? cells.get(index) : RawCell.EMPTY;
    }
}
