package cn.examcore.bank.io.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ItemField;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A 20,000-item workbook reads completely")
class XlsxLargeBankTest {

    static final int ITEMS = 20_000;

    /**
     * A bank of {@code items} rows cycling through single choice, multiple choice, true/false and fill-in, written
     * with POI's streaming writer (inline strings, unlike the template's shared strings).
     */
    static byte[] largeBank(int items) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet(XlsxTemplate.ITEMS_SHEET);
            Row header = sheet.createRow(0);
            for (XlsxColumn column : XlsxColumn.values()) {
                header.createCell(column.ordinal()).setCellValue(column.header());
            }
            for (int i = 1; i <= items; i++) {
                Row row = sheet.createRow(i);
                String type = switch (i % 4) {
                    case 0 -> "单选";
                    case 1 -> "多选";
                    case 2 -> "判断";
                    default -> "填空";
                };
                text(row, XlsxColumn.ID, "Q" + i);
                text(row, XlsxColumn.TYPE, type);
                text(row, XlsxColumn.STEM, "第 " + i + " 题：以下关于劳动合同的说法，正确的是（  ）。");
                if (i % 4 <= 1) {
                    for (int o = 0; o < 4; o++) {
                        text(row, XlsxColumn.OPTIONS.get(o), "选项内容 " + i + "-" + (char) ('A' + o));
                    }
                }
                text(row, XlsxColumn.ANSWER, switch (i % 4) {
                    case 0 -> "B";
                    case 1 -> "A,C";
                    case 2 -> "对";
                    default -> "劳动合同||" + i;
                });
                row.createCell(XlsxColumn.SCORE.ordinal()).setCellValue(1 + i % 3);
                text(row, XlsxColumn.KNOWLEDGE_POINT, "HR4-0" + (i % 9 + 1) + "-01");
                row.createCell(XlsxColumn.DIFFICULTY.ordinal()).setCellValue(i % 5 + 1);
                text(row, XlsxColumn.OCCUPATION, "企业人力资源管理师");
                text(row, XlsxColumn.LEVEL, "四级");
                text(row, XlsxColumn.SUBJECT, "理论知识");
                text(row, XlsxColumn.EXPLANATION, "解析 " + i);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void text(Row row, XlsxColumn column, String value) {
        row.createCell(column.ordinal()).setCellValue(value);
    }

    @Test
    @DisplayName("every one of 20,000 generated rows becomes an item, first and last intact")
    void readsTwentyThousandItems() throws Exception {
        byte[] file = largeBank(ITEMS);

        ParsedBank bank = new XlsxBankReader().read("large.xlsx", file, ImportLimits.defaults());

        assertThat(bank.readIssues()).isEmpty();
        assertThat(bank.items()).hasSize(ITEMS);
        Item first = bank.items().get(0);
        assertThat(first.id()).isEqualTo("Q1");
        assertThat(first.type()).isEqualTo(ItemType.MULTIPLE_CHOICE);
        assertThat(first.correctOptions()).containsExactlyInAnyOrder("A", "C");
        Item last = bank.items().get(ITEMS - 1);
        assertThat(last.id()).isEqualTo("Q" + ITEMS);
        assertThat(last.type()).isEqualTo(ItemType.SINGLE_CHOICE);
        assertThat(last.score()).isEqualTo(new BigDecimal(1 + ITEMS % 3));
        assertThat(bank.items().get(2).blanks().get(1).accepted()).containsExactly("3");
        assertThat(bank.sourceMap().locate(ITEMS - 1, ItemField.STEM, -1).place())
                .isEqualTo("sheet 题库 row " + (ITEMS + 1) + " column 题干 (C)");
    }
}
