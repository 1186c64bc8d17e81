package cn.examcore.server.sitting.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The blank roster workbook (考生名单模板) staff download, fill in and upload: one sheet with the headers
 * {@link RosterReader} expects, every column formatted as text so Excel keeps the leading zeros and all
 * 18 characters of an identity number, and a second sheet explaining each column.
 */
public final class RosterTemplate {

    /** Name of the sheet candidates are entered on; the reader reads the first sheet, which this is. */
    public static final String SHEET_NAME = "考生名单";
    /** Name of the explanatory sheet. */
    public static final String HELP_SHEET_NAME = "填写说明";

    private static final List<String[]> HELP = List.of(
            new String[] {"准考证号", "ticket", "必填。字母、数字或 -，最长 32 位，名单内不得重复。",
                    "Required. Letters, digits or '-', at most 32, unique."},
            new String[] {"身份证号", "idNumber", "必填。18 位居民身份证号（末位可为 X）；护照填 P:号码，港澳通行证填 HM:号码。",
                    "Required. 18-character resident ID (last may be X); passport as P:number, "
                            + "HK/Macao permit as HM:number."},
            new String[] {"姓名", "name", "必填。最长 50 字。", "Required. At most 50 characters."},
            new String[] {"考场", "room", "必填。考场名称或编号。", "Required. Room name or number."},
            new String[] {"座位号", "seat", "必填。同一考场内不得重复。", "Required. Unique within the room."},
            new String[] {"科目", "subjects", "必填。理论知识、操作技能，多个科目用 ; 分隔。",
                    "Required. THEORY and/or OPERATION (理论知识 / 操作技能), separated by ';'."},
            new String[] {"照片", "photo", "选填。照片文件的相对路径，如 photos/310101199001011234.jpg。",
                    "Optional. Relative path of the photo file."},
            new String[] {"评价编号", "evaluation", "选填。同一次评价（同一人、职业、等级的一次申报）的理论和操作场次填同一编号；不填时用准考证号。",
                    "Optional. The same id on the theory and operation rosters of one application; the ticket when"
                            + " blank."},
            new String[] {"申报类型", "application", "选填。首次、补考或竞赛；不填为首次。补考只考上次未通过的科目，且须在已通过科目的有效期内。",
                    "Optional. FIRST, MAKEUP or COMPETITION (首次 / 补考 / 竞赛); FIRST when blank. A makeup sits only"
                            + " the subjects failed last time, within the validity of the passed ones."},
            new String[] {"评价机构", "body", "选填。上海市技师协会 或 上海市健康促进协会；不填为上海市技师协会。",
                    "Optional. The evaluation body whose rules apply; 上海市技师协会 when blank."},
            new String[] {"延时百分比", "extraTimePercent", "选填。经批准的照顾延时，占考试时长的百分比，0–100 的整数。",
                    "Optional. Approved extra time as a whole percent (0-100) of the paper's time."},
            new String[] {"延时分钟", "extraTimeMinutes", "选填。经批准的照顾延时分钟数，0–240 的整数；可与百分比同时填写，两者相加。",
                    "Optional. Approved extra time in whole minutes (0-240); added to the percent when both are given."},
            new String[] {"延时批准人", "approvedBy", "有延时则必填：批准人或批准机构，最长 100 字。",
                    "Required when the row grants extra time: who approved it, at most 100 characters."});

    private RosterTemplate() {
    }

    /** The template as {@code .xlsx} bytes. */
    public static byte[] xlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle header = workbook.createCellStyle();
            header.cloneStyleFrom(text);
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);

            Sheet sheet = workbook.createSheet(SHEET_NAME);
            Row headerRow = sheet.createRow(0);
            RosterColumn[] columns = RosterColumn.values();
            for (int c = 0; c < columns.length; c++) {
                var cell = headerRow.createCell(c);
                cell.setCellValue(columns[c].chineseHeader());
                cell.setCellStyle(header);
                // Text format on the whole column: without it Excel turns an ID number into 3.10101E+17.
                sheet.setDefaultColumnStyle(c, text);
                sheet.setColumnWidth(c, (columns[c] == RosterColumn.ID_NUMBER ? 22 : 14) * 256);
            }
            sheet.createFreezePane(0, 1);

            Sheet help = workbook.createSheet(HELP_SHEET_NAME);
            String[] helpHeader = {"列 Column", "英文列名 English header", "说明", "Notes"};
            Row helpRow = help.createRow(0);
            for (int c = 0; c < helpHeader.length; c++) {
                var cell = helpRow.createCell(c);
                cell.setCellValue(helpHeader[c]);
                cell.setCellStyle(header);
            }
            for (int r = 0; r < HELP.size(); r++) {
                Row row = help.createRow(r + 1);
                String[] line = HELP.get(r);
                for (int c = 0; c < line.length; c++) {
                    row.createCell(c).setCellValue(line[c]);
                }
            }
            help.setColumnWidth(0, 12 * 256);
            help.setColumnWidth(1, 20 * 256);
            help.setColumnWidth(2, 70 * 256);
            help.setColumnWidth(3, 80 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the roster template", e);
        }
    }
}
