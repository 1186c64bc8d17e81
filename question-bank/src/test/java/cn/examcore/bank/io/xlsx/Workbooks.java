package cn.examcore.bank.io.xlsx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds test workbooks through POI, starting from the generated template as an administrator would. */
final class Workbooks {

    /** Generated once: every test starts from the same template, and writing it is the slow part. */
    private static final byte[] TEMPLATE = XlsxTemplate.bytes();

    private Workbooks() {
    }

    /**
     * The template with the given rows filled in below its header. Values are written as typed: a Number becomes
     * a number cell, a String a text cell, a value starting with "=" a formula.
     */
    static byte[] filled(List<Map<String, Object>> rows) {
        return template(workbook -> {
            Sheet sheet = workbook.getSheet(XlsxTemplate.ITEMS_SHEET);
            Map<String, Integer> headers = headers(sheet.getRow(0));
            int r = 1;
            for (Map<String, Object> values : rows) {
                Row row = sheet.createRow(r++);
                values.forEach((header, value) -> {
                    Integer column = headers.get(header);
                    if (column == null) {
                        throw new IllegalArgumentException("no column " + header + " in the template");
                    }
                    set(row.createCell(column), value);
                });
            }
        });
    }

    /** The template, changed by the given edit. */
    static byte[] template(Consumer<XSSFWorkbook> edit) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(TEMPLATE))) {
            edit.accept(workbook);
            return bytes(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook built from nothing. */
    static byte[] workbook(Consumer<XSSFWorkbook> build) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            build.accept(workbook);
            return bytes(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void set(Cell cell, Object value) {
        if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value instanceof Boolean b) {
            cell.setCellValue(b);
        } else if (value instanceof String s && s.startsWith("=")) {
            cell.setCellFormula(s.substring(1));
        } else {
            cell.setCellValue(String.valueOf(value));
        }
    }

    static Map<String, Integer> headers(Row header) {
        Map<String, Integer> headers = new HashMap<>();
        header.forEach(cell -> headers.put(cell.getStringCellValue(), cell.getColumnIndex()));
        return headers;
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
