package cn.examcore.server.sitting.roster;

/**
 * One problem found in a roster file.
 *
 * @param row     spreadsheet row number as the user sees it (1 = header row); 0 for a problem with the whole file
 * @param column  spreadsheet column letter as the user sees it ({@code A}, {@code B}, …); empty when not one cell
 * @param field   the roster field concerned ({@code ticket}, {@code idNumber}, …); empty for file-level problems
 * @param message what is wrong and, where it helps, how to fix it
 */
public record RosterError(int row, String column, String field, String message) {

    @Override
    public String toString() {
        String where = row == 0 ? "file" : column.isEmpty() ? "row " + row : column + row;
        return where + (field.isEmpty() ? "" : " (" + field + ")") + ": " + message;
    }
}
