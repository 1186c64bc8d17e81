package cn.examcore.bank.bench;

import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.MultipleChoiceRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a bank as an administrator would fill the Excel template (the 题库 sheet, headers as in
 * {@code docs/xlsx-template.md}), written independently of the reader so that a test through it checks the reader
 * against the documented layout. Options become columns 选项A…, so keys are written as those letters; operation
 * attachments are left out because a spreadsheet carries no resources.
 */
public final class XlsxBankFile {

    private static final List<String> HEADERS = List.of("题号", "题型", "题干", "选项A", "选项B", "选项C", "选项D",
            "选项E", "答案", "数值容差", "分值", "多选规则", "知识点", "难度", "职业", "等级", "科目", "评分要点",
            "交付文件类型", "选项乱序");
    private static final Map<MultipleChoiceRule, String> RULES = Map.of(
            MultipleChoiceRule.ALL_OR_NOTHING, "全对得分",
            MultipleChoiceRule.PROPORTIONAL, "按比例",
            MultipleChoiceRule.PARTIAL_SUBSET, "少选得分");

    private XlsxBankFile() {
    }

    /** The bank's items as the bytes of an .xlsx file. */
    public static byte[] bytes(Bank bank) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("题库");
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                header.createCell(c).setCellValue(HEADERS.get(c));
            }
            int r = 1;
            for (Item item : bank.items()) {
                Row row = sheet.createRow(r++);
                List<String> values = row(item);
                for (int c = 0; c < values.size(); c++) {
                    if (!values.get(c).isEmpty()) {
                        row.createCell(c).setCellValue(values.get(c));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> row(Item item) {
        List<String> v = new ArrayList<>();
        v.add(item.id());
        v.add(item.type().chineseName());
        v.add(plain(item.stem()));
        List<String> letters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (i < item.options().size()) {
                Choice c = item.options().get(i);
                v.add(plain(c.html()));
                if (item.correctOptions().contains(c.id())) {
                    letters.add(String.valueOf((char) ('A' + i)));
                }
            } else {
                v.add("");
            }
        }
        String answer = switch (item.type()) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> String.join("", letters);
            case TRUE_FALSE -> item.correctTrueFalse() ? "对" : "错";
            case FILL_IN -> item.blanks().stream().map(b -> String.join("|", b.accepted()))
                    .collect(Collectors.joining("||"));
            default -> "";
        };
        v.add(answer);
        v.add(item.blanks().stream().map(Blank::tolerance).filter(t -> t != null).findFirst()
                .map(t -> t.toPlainString()).orElse(""));
        v.add(item.score().toPlainString());
        v.add(item.multipleRule() == null ? "" : RULES.get(item.multipleRule()));
        v.add(item.knowledgePoint() == null ? "" : item.knowledgePoint());
        v.add(String.valueOf(item.difficulty()));
        v.add(item.tags().occupation());
        v.add(String.valueOf(item.tags().level()));
        v.add(item.tags().subject().chineseName());
        v.add(item.rubric().stream().map(p -> p.description() + "=" + p.points().toPlainString())
                .collect(Collectors.joining("\n")));
        v.add(item.operation() == null ? "" : String.join(",", item.operation().deliverableTypes()));
        v.add(item.type().hasOptions() ? (item.shuffleOptions() ? "是" : "否") : "");
        return v;
    }

    /** The template holds plain text; the generated stems are one paragraph of it. */
    private static String plain(String html) {
        return html.replace("<p>", "").replace("</p>", "");
    }
}
