package cn.examcore.server.sitting.roster;

import cn.examcore.bank.io.sheet.CellKind;
import cn.examcore.bank.model.Subject;
import cn.examcore.server.sitting.domain.Accommodation;
import cn.examcore.server.sitting.domain.ApplicationKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.ss.util.CellReference;

/**
 * Reads a candidate roster (考生名单) from CSV or Excel {@code .xlsx} and validates it completely.
 *
 * <p>Formats: CSV in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or GB18030/GBK
 * when the bytes are not valid UTF-8 (what Chinese Excel writes for "CSV"); comma- or tab-separated. Excel:
 * the first sheet of an {@code .xlsx}. The header row is the first row, within the first
 * {@value #HEADER_SEARCH_ROWS}, that names a known column, so a title row above the headers is tolerated.
 * Headers and rules are documented in {@code docs/roster.md} and {@link RosterColumn}.
 *
 * <p>Every problem is collected, with the row number and column letter the user sees in Excel, and the result
 * is all-or-nothing ({@link RosterImport}). Thread-safe; no I/O besides the given bytes.
 *
 * <p>Hostile files are bounded by {@link RosterLimits}: the upload size, the row count, the cell length, and for
 * {@code .xlsx} the number of archive parts, their total expanded size and each part's expansion ratio, all
 * checked by inflating the archive once before POI parses it. The sheet is then streamed (POI's event API), so a
 * 50,000-row roster is read in tens of megabytes of heap. Blocking and CPU-bound: call it on a worker thread.
 */
public final class RosterReader {

    /** How many leading rows may precede the header row (titles, notes). */
    public static final int HEADER_SEARCH_ROWS = 10;

    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern SUBJECT_SEPARATORS = Pattern.compile("[;,；，、/\\s]+");
    private static final int MAX_TICKET = 32;
    private static final int MAX_NAME = 50;
    private static final int MAX_ROOM = 32;
    private static final int MAX_SEAT = 16;
    private static final int MAX_APPROVER = 100;
    // Doubles hold integers exactly only below 2^53; Excel shows 15 significant digits.
    private static final BigDecimal LARGEST_SAFE_NUMBER = new BigDecimal("999999999999999");

    private final RosterLimits limits;

    /** A reader with {@link RosterLimits#defaults()}. */
    public RosterReader() {
        this(RosterLimits.defaults());
    }

    public RosterReader(RosterLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads and validates a roster.
     *
     * @param fileName the uploaded file's name; its extension ({@code .csv}, {@code .txt}, {@code .xlsx}) picks
     *                 the format
     * @param content  the file's bytes
     * @return the entries, or every problem found (never both)
     */
    public RosterImport read(String fileName, byte[] content) {
        Objects.requireNonNull(content, "content");
        String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
        try {
            if (content.length == 0) {
                throw new RosterFileProblem("the file is empty");
            }
            if (content.length > limits.maxFileBytes()) {
                throw new RosterFileProblem("the file has " + content.length + " bytes, more than the limit of "
                        + limits.maxFileBytes());
            }
            boolean zip = content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3
                    && content[3] == 4;
            List<RawRow> rows;
            if (name.endsWith(".xlsx")) {
                if (!zip) {
                    throw new RosterFileProblem("the file is named .xlsx but is not an Excel workbook");
                }
                rows = XlsxRows.read(fileName, content, limits);
            } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
                if (zip) {
                    throw new RosterFileProblem("the file is named " + name.substring(name.lastIndexOf('.'))
                            + " but is an Excel workbook; name it .xlsx or save it as CSV");
                }
                rows = CsvRows.read(content, limits);
            } else if (name.endsWith(".xls")) {
                throw new RosterFileProblem(
                        "Excel 97-2003 workbooks (.xls) are not accepted; save the sheet as .xlsx or CSV");
            } else {
                throw new RosterFileProblem("unsupported file type '" + fileName
                        + "'; upload a .xlsx workbook or a .csv file");
            }
            return new Validation(rows).run();
        } catch (RosterFileProblem e) {
            return fileError(e.getMessage());
        }
    }

    private static RosterImport fileError(String message) {
        return new RosterImport(List.of(), List.of(new RosterError(0, "", "", message)));
    }

    /** One pass over the rows of one file: header mapping, per-cell checks, cross-row checks. */
    private final class Validation {
        private final List<RawRow> rows;
        private final List<Located> errors = new ArrayList<>();
        private final Map<RosterColumn, Integer> columns = new EnumMap<>(RosterColumn.class);

        Validation(List<RawRow> rows) {
            this.rows = rows;
        }

        RosterImport run() {
            int headerIndex = findHeader();
            if (headerIndex < 0) {
                return fileError("no header row found in the first " + HEADER_SEARCH_ROWS
                        + " rows; expected columns " + expectedHeaders());
            }
            RawRow header = rows.get(headerIndex);
            Set<Integer> headed = mapHeader(header);
            if (!errors.isEmpty()) {
                return result(List.of());
            }
            List<RosterEntry> entries = new ArrayList<>();
            Map<String, Integer> tickets = new HashMap<>();
            Map<String, Integer> ids = new HashMap<>();
            Map<String, Integer> seats = new HashMap<>();
            int dataRows = 0;
            for (int i = headerIndex + 1; i < rows.size(); i++) {
                RawRow row = rows.get(i);
                if (row.blank()) {
                    continue;
                }
                if (++dataRows > limits.maxRows()) {
                    return fileError(RosterFileProblem.tooManyRows(limits).getMessage());
                }
                for (int c = 0; c < row.cells().size(); c++) {
                    if (!headed.contains(c) && !row.cell(c).blank()) {
                        add(row.number(), c, "", "cell has a value but its column has no header");
                    }
                }
                RosterEntry entry = readRow(row);
                if (entry == null) {
                    continue;
                }
                duplicate(tickets, entry.ticket().toUpperCase(Locale.ROOT), row, RosterColumn.TICKET,
                        "ticket " + entry.ticket() + " is already used on row ");
                duplicate(ids, entry.idNumber(), row, RosterColumn.ID_NUMBER,
                        "identity number is already on the roster on row ");
                duplicate(seats, entry.room().toUpperCase(Locale.ROOT) + '\u0000' + seatKey(entry.seat()), row,
                        RosterColumn.SEAT, "room " + entry.room() + " seat " + entry.seat()
                                + " is already assigned on row ");
                entries.add(entry);
            }
            if (dataRows == 0 && errors.isEmpty()) {
                add(header.number(), -1, "", "the roster has a header row but no candidate rows");
            }
            return result(entries);
        }

        private RosterImport result(List<RosterEntry> entries) {
            if (errors.isEmpty()) {
                return new RosterImport(entries, List.of());
            }
            List<RosterError> sorted = errors.stream()
                    .sorted(Comparator.comparingInt(Located::row).thenComparingInt(Located::column))
                    .map(Located::error)
                    .toList();
            return new RosterImport(List.of(), sorted);
        }

        private int findHeader() {
            for (int i = 0; i < rows.size() && rows.get(i).number() <= HEADER_SEARCH_ROWS; i++) {
                for (RawCell cell : rows.get(i).cells()) {
                    if (cell.kind() == CellKind.TEXT && RosterColumn.byHeader(cell.text()).isPresent()) {
                        return i;
                    }
                }
            }
            return -1;
        }

        /** Maps header cells to columns; returns the indexes of every column that has a header. */
        private Set<Integer> mapHeader(RawRow header) {
            Set<Integer> headed = new HashSet<>();
            for (int c = 0; c < header.cells().size(); c++) {
                RawCell cell = header.cell(c);
                String text = RawCell.clean(cell.text());
                if (text.isEmpty()) {
                    continue;
                }
                headed.add(c);
                if (cell.kind() != CellKind.TEXT) {
                    add(header.number(), c, "", "header cell must be text, found " + describe(cell));
                    continue;
                }
                Optional<RosterColumn> column = RosterColumn.byHeader(text);
                if (column.isPresent()) {
                    Integer earlier = columns.putIfAbsent(column.get(), c);
                    if (earlier != null) {
                        add(header.number(), c, column.get().field(), "column '" + text + "' appears twice (also in "
                                + letter(earlier) + ")");
                    }
                } else if (!RosterColumn.isIgnoredHeader(text)) {
                    add(header.number(), c, "", "unknown column header '" + text + "'; expected " + expectedHeaders()
                            + " (序号 and 备注 columns are ignored)");
                }
            }
            for (RosterColumn column : RosterColumn.values()) {
                if (column.required() && !columns.containsKey(column)) {
                    add(header.number(), -1, column.field(), "required column '" + column.chineseHeader() + "' ("
                            + column.field() + ") is missing");
                }
            }
            return headed;
        }

        /** Validates one row's cells; null when any of them is wrong (its errors are recorded). */
        private RosterEntry readRow(RawRow row) {
            int before = errors.size();
            String ticket = text(row, RosterColumn.TICKET);
            String idNumber = text(row, RosterColumn.ID_NUMBER);
            String name = text(row, RosterColumn.NAME);
            String room = text(row, RosterColumn.ROOM);
            String seat = text(row, RosterColumn.SEAT);
            String subjectsText = text(row, RosterColumn.SUBJECTS);
            String photo = text(row, RosterColumn.PHOTO);
            String evaluation = text(row, RosterColumn.EVALUATION);
            String application = text(row, RosterColumn.APPLICATION);
            String body = text(row, RosterColumn.BODY);
            int extraPercent = whole(row, RosterColumn.EXTRA_PERCENT, Accommodation.MAX_PERCENT);
            int extraMinutes = whole(row, RosterColumn.EXTRA_MINUTES, Accommodation.MAX_MINUTES);
            String approvedBy = text(row, RosterColumn.APPROVED_BY);
            if (approvedBy != null && !approvedBy.isEmpty()) {
                plainText(row, RosterColumn.APPROVED_BY, approvedBy, MAX_APPROVER);
            }
            boolean accommodated = extraPercent > 0 || extraMinutes > 0;
            if (accommodated && (approvedBy == null || approvedBy.isEmpty())) {
                fail(row, RosterColumn.APPROVED_BY, "approvedBy is required when the row grants extra time "
                        + "(延时批准人)");
            } else if (approvedBy != null && !approvedBy.isEmpty() && extraPercent == 0 && extraMinutes == 0) {
                fail(row, RosterColumn.APPROVED_BY, "approvedBy is given but the row grants no extra time; fill "
                        + "extraTimePercent or extraTimeMinutes");
            }

            if (ticket != null) {
                if (ticket.length() > MAX_TICKET || !TICKET.matcher(ticket).matches()) {
                    fail(row, RosterColumn.TICKET, "ticket must be 1 to " + MAX_TICKET
                            + " letters, digits or '-', was '" + ticket + "'");
                }
            }
            if (idNumber != null) {
                idNumber = IdentityNumbers.normalise(idNumber);
                Optional<String> problem = IdentityNumbers.problem(idNumber);
                if (problem.isPresent()) {
                    fail(row, RosterColumn.ID_NUMBER, problem.get());
                }
            }
            if (name != null) {
                plainText(row, RosterColumn.NAME, name, MAX_NAME);
            }
            if (room != null) {
                plainText(row, RosterColumn.ROOM, room, MAX_ROOM);
            }
            if (seat != null) {
                plainText(row, RosterColumn.SEAT, seat, MAX_SEAT);
            }
            List<Subject> subjects = subjectsText == null ? List.of() : subjects(row, subjectsText);
            if (photo != null && !photo.isEmpty()) {
                photoRef(row, photo);
            }
            if (evaluation != null && !evaluation.isEmpty()
                    && (evaluation.length() > MAX_TICKET * 2 || !TICKET.matcher(evaluation).matches())) {
                fail(row, RosterColumn.EVALUATION, "evaluation must be 1 to " + MAX_TICKET * 2
                        + " letters, digits or '-', was '" + evaluation + "'");
            }
            ApplicationKind kind = ApplicationKind.FIRST;
            if (application != null && !application.isEmpty()) {
                Optional<ApplicationKind> parsed = ApplicationKind.parse(application);
                if (parsed.isEmpty()) {
                    fail(row, RosterColumn.APPLICATION, "unknown application '" + application + "'; use "
                            + Arrays.stream(ApplicationKind.values()).map(k -> k.chineseName() + " (" + k.name() + ")")
                                    .collect(Collectors.joining(", ")));
                } else {
                    kind = parsed.get();
                }
            }
            if (body != null && !body.isEmpty()) {
                plainText(row, RosterColumn.BODY, body, MAX_NAME * 2);
            }
            if (errors.size() > before || ticket == null || idNumber == null || name == null || room == null
                    || seat == null || subjects.isEmpty()) {
                return null;
            }
            return new RosterEntry(ticket, idNumber, name, room, seat, subjects,
                    photo == null || photo.isEmpty() ? null : photo,
                    evaluation == null || evaluation.isEmpty() ? ticket : evaluation,
                    body == null || body.isEmpty() ? null : body, kind, Math.max(0, extraPercent),
                    Math.max(0, extraMinutes), accommodated ? approvedBy : null);
        }

        /**
         * The cleaned text of one cell, or null after recording why it is unusable. An optional column that is
         * absent or blank yields "" rather than an error.
         */
        private String text(RawRow row, RosterColumn column) {
            Integer index = columns.get(column);
            if (index == null) {
                return column.required() ? null : "";
            }
            RawCell cell = row.cell(index);
            switch (cell.kind()) {
                case FORMULA -> {
                    fail(row, column, "formulas are not accepted (" + abbreviate(cell.text())
                            + "); enter the value itself (copy the column, then paste values only)");
                    return null;
                }
                case ERROR -> {
                    fail(row, column, "cell holds an Excel error value");
                    return null;
                }
                case DATE -> {
                    fail(row, column, "cell is formatted as a date (" + cell.text() + "); format the column as text");
                    return null;
                }
                case BOOLEAN -> {
                    fail(row, column, "cell holds TRUE/FALSE, not text");
                    return null;
                }
                case NUMBER -> {
                    if (column == RosterColumn.ID_NUMBER) {
                        fail(row, column, "identity number is stored as a number, which Excel rounds to 15 digits;"
                                + " format the column as text (文本) and enter it again");
                        return null;
                    }
                    if (new BigDecimal(cell.text()).abs().compareTo(LARGEST_SAFE_NUMBER) > 0) {
                        fail(row, column, "value " + cell.text() + " is stored as a number too long for Excel to keep"
                                + " exactly; format the column as text (文本) and enter it again");
                        return null;
                    }
                }
                default -> {
                }
            }
            String text = RawCell.clean(cell.text());
            if (text.length() > limits.maxCellChars()) {
                fail(row, column, "cell has " + text.length() + " characters, more than " + limits.maxCellChars());
                return null;
            }
            if (text.isEmpty() && column.required()) {
                fail(row, column, column.field() + " is empty");
                return null;
            }
            return text;
        }

        /**
         * An optional whole number of 0 to {@code max} (blank: 0); -1 after recording why it is unusable, so the
         * row is refused.
         */
        private int whole(RawRow row, RosterColumn column, int max) {
            String text = text(row, column);
            if (text == null) {
                return -1;
            }
            if (text.isEmpty()) {
                return 0;
            }
            String digits = text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
            // A spreadsheet stores a typed 25 as the number 25.0.
            if (digits.endsWith(".0")) {
                digits = digits.substring(0, digits.length() - 2);
            }
            if (!digits.matches("[0-9]{1,4}") || Integer.parseInt(digits) > max) {
                fail(row, column, column.field() + " must be a whole number from 0 to " + max + ", was '" + text
                        + "'");
                return -1;
            }
            return Integer.parseInt(digits);
        }

        private void plainText(RawRow row, RosterColumn column, String value, int max) {
            if (value.length() > max) {
                fail(row, column, column.field() + " is longer than " + max + " characters");
            } else if (value.codePoints().anyMatch(Character::isISOControl)) {
                fail(row, column, column.field() + " contains control characters (line breaks or tabs)");
            }
        }

        private List<Subject> subjects(RawRow row, String text) {
            List<Subject> subjects = new ArrayList<>();
            for (String part : SUBJECT_SEPARATORS.split(text)) {
                if (part.isEmpty()) {
                    continue;
                }
                Optional<Subject> subject = Subject.parse(part);
                if (subject.isEmpty()) {
                    fail(row, RosterColumn.SUBJECTS, "unknown subject '" + part + "'; use "
                            + Arrays.stream(Subject.values())
                                    .map(s -> s.chineseName() + " (" + s.name() + ")")
                                    .collect(Collectors.joining(" or ")));
                    return List.of();
                }
                if (subjects.contains(subject.get())) {
                    fail(row, RosterColumn.SUBJECTS, "subject " + subject.get().chineseName() + " is listed twice");
                    return List.of();
                }
                subjects.add(subject.get());
            }
            if (subjects.isEmpty()) {
                fail(row, RosterColumn.SUBJECTS, "subjects is empty");
            }
            return subjects;
        }

        private void photoRef(RawRow row, String photo) {
            boolean unsafe = photo.startsWith("/") || photo.contains("\\") || photo.contains(":")
                    || photo.codePoints().anyMatch(Character::isISOControl)
                    || Arrays.asList(photo.split("/")).contains("..");
            if (unsafe) {
                fail(row, RosterColumn.PHOTO, "photo reference must be a relative file name without '..', '\\' or ':'"
                        + ", e.g. photos/310101199001011234.jpg");
            }
        }

        private void duplicate(Map<String, Integer> seen, String key, RawRow row, RosterColumn column, String message) {
            Integer first = seen.putIfAbsent(key, row.number());
            if (first != null) {
                fail(row, column, message + first);
            }
        }

        private void fail(RawRow row, RosterColumn column, String message) {
            Integer index = columns.get(column);
            add(row.number(), index == null ? -1 : index, column.field(), message);
        }

        private void add(int row, int column, String field, String message) {
            String letter = column < 0 ? "" : letter(column);
            errors.add(new Located(row, column, new RosterError(row, letter, field, message)));
        }

        private String describe(RawCell cell) {
            return cell.kind().name().toLowerCase(Locale.ROOT) + " " + abbreviate(cell.text());
        }
    }

    private record Located(int row, int column, RosterError error) {
    }

    private static String seatKey(String seat) {
        // "07" and "7" are the same seat to a person, so they must clash here too.
        return seat.chars().allMatch(Character::isDigit) ? new BigDecimal(seat).toPlainString()
                : seat.toUpperCase(Locale.ROOT);
    }

    private static String letter(int column) {
        return CellReference.convertNumToColString(column);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String expectedHeaders() {
        return Arrays.stream(RosterColumn.values())
                .map(c -> c.chineseHeader() + "/" + c.englishHeader()
                        + (c.required() ? "" : " (optional)"))
                .collect(Collectors.joining(", "));
    }
}
