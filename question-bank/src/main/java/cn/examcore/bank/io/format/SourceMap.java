package cn.examcore.bank.io.format;

import cn.examcore.bank.report.Location;

/**
 * Maps a parsed item's parts back to the place in the source file, so that validation (which works on the
 * common model) can name "sheet 题库 row 7 column 答案 (F)" or "/items/3/key" as the format would.
 */
public interface SourceMap {

    /**
     * @param itemIndex index of the item in {@link ParsedBank#items()}
     * @param field     the part of the item
     * @param subIndex  option or blank index for {@link ItemField#OPTION} / {@link ItemField#BLANK}, else -1
     */
    Location locate(int itemIndex, ItemField field, int subIndex);

    /** The location of the file as a whole (for bank-level findings). */
    Location file();
}
