package cn.examcore.proctor.report;

import cn.examcore.proctor.report.RoomReport.Decision;
import cn.examcore.proctor.report.RoomReport.Incident;
import cn.examcore.proctor.report.RoomReport.Reminder;
import cn.examcore.proctor.report.RoomReport.SeatChange;
import cn.examcore.proctor.report.RoomReport.SeatRow;
import cn.examcore.proctor.report.RoomReport.TimeChange;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a {@link RoomReport} as the A4 PDF proctors print and sign: title block, summary, seat table, one table per
 * section (header repeated on every page a table runs onto), the proctors' signature line (监考员签名) and
 * "第 n 页 / 共 N 页" on every page. Chinese text needs an embeddable TrueType CJK font (see {@link #DEFAULT_FONT}).
 */
public final class RoomReportPdf {

    /** WenQuanYi Micro Hei from the Debian package {@code fonts-wqy-microhei}: TrueType outlines PDFBox can embed. */
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(RoomReport.ZONE);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(RoomReport.ZONE);

    private static final float MARGIN = 40;
    private static final float FOOTER = 30;
    private static final float BODY = 9;
    private static final float LEADING = 1.35f;
    private static final float PAD = 3;

    private final Path fontPath;

    /** A renderer using {@link #DEFAULT_FONT}. */
    public RoomReportPdf() {
        this(DEFAULT_FONT);
    }

    /** A renderer using the TrueType font (.ttf) or collection (.ttc, first font) at {@code fontPath}. */
    public RoomReportPdf(Path fontPath) {
        this.fontPath = fontPath;
    }

    /**
     * Writes the report as PDF to {@code out}.
     *
     * @throws ReportFontException when the font file is missing or unreadable; nothing is written then
     */
    public void write(RoomReport report, OutputStream out) throws IOException {
        if (!Files.isRegularFile(fontPath)) {
            throw new ReportFontException("CJK font not found at " + fontPath + ": install the Debian package "
                    + "fonts-wqy-microhei (apt-get install fonts-wqy-microhei) or configure another TrueType font");
        }
        TrueTypeCollection collection = null;
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font;
            try {
                if (fontPath.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                    collection = new TrueTypeCollection(fontPath.toFile());
                    TrueTypeFont[] first = new TrueTypeFont[1];
                    collection.processAllFonts(f -> {
                        if (first[0] == null) {
                            first[0] = f;
                        }
                    });
                    if (first[0] == null) {
                        throw new ReportFontException("the font collection " + fontPath + " holds no font");
                    }
                    font = PDType0Font.load(doc, first[0], true);
                } else {
                    font = PDType0Font.load(doc, fontPath.toFile());
                }
            } catch (IOException e) {
                throw new ReportFontException("cannot read the CJK font " + fontPath + " (" + e.getMessage()
                        + "): it must be a TrueType .ttf or .ttc, e.g. from fonts-wqy-microhei");
            }
            new Layout(doc, font).render(report);
            doc.save(out);
        } finally {
            if (collection != null) {
                collection.close();
            }
        }
    }

    /** A missing or unusable font: the message names the path and the package that provides the default. */
    public static final class ReportFontException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public ReportFontException(String message) {
            super(message);
        }
    }

    private record Column(String header, float weight) {
    }

    /** One document being laid out top to bottom. */
    private static final class Layout {
        private final PDDocument doc;
        private final PDType0Font font;
        private final Map<Integer, Boolean> encodable = new HashMap<>();
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream cs;
        private float y;

        Layout(PDDocument doc, PDType0Font font) {
            this.doc = doc;
            this.font = font;
        }

        void render(RoomReport r) throws IOException {
            newPage();
            try {
                titleBlock(r);
                heading("概要");
                table(List.of(new Column("应到", 1), new Column("实到", 1), new Column("缺考", 1),
                                new Column("交卷", 1), new Column("确认违纪", 1)),
                        List.of(List.of(num(r.summary().expected()), num(r.summary().present()),
                                num(r.summary().absent()), num(r.summary().submitted()),
                                num(r.summary().flagsConfirmed()))));
                heading("考位");
                List<List<String>> seats = new ArrayList<>();
                for (SeatRow s : r.seats()) {
                    seats.add(List.of(s.seatCode(), s.ticket(), s.name(), s.maskedId(), s.status().label(),
                            time(s.loginAt()), time(s.submittedAt())));
                }
                table(List.of(new Column("考位", 0.8f), new Column("准考证号", 1.6f), new Column("姓名", 1f),
                        new Column("身份证号", 1.8f), new Column("状态", 1.1f), new Column("登录", 0.9f),
                        new Column("交卷", 0.9f)), seats);
                heading("违纪事件");
                List<List<String>> inc = new ArrayList<>();
                for (Incident i : r.incidents()) {
                    inc.add(List.of(time(i.at()), i.seatCode(), i.category().name() + " " + i.category().noticeText(),
                            i.note(), i.by()));
                }
                table(List.of(new Column("时间", 0.8f), new Column("考位", 0.6f), new Column("类别", 2.6f),
                        new Column("记录", 2.2f), new Column("记录人", 0.8f)), inc);
                heading("提醒");
                List<List<String>> rem = new ArrayList<>();
                for (Reminder m : r.reminders()) {
                    rem.add(List.of(time(m.at()), m.seatCode(), m.category() == null ? "" : m.category().name(),
                            m.message(), opt(m.by()), m.acknowledgedAt() == null ? "未确认" : time(m.acknowledgedAt())));
                }
                table(List.of(new Column("时间", 0.8f), new Column("考位", 0.6f), new Column("类别", 0.5f),
                        new Column("提醒内容", 3f), new Column("提醒人", 0.8f), new Column("考生确认", 0.8f)), rem);
                heading("决定");
                List<List<String>> dec = new ArrayList<>();
                for (Decision d : r.decisions()) {
                    dec.add(List.of(d.seatCode(), d.category().name() + " " + d.category().noticeText(),
                            d.category().tier().name(), d.severity() == null ? "" : d.severity().label(), d.by(),
                            dateTime(d.at()), RoomReportPdf.standing(d), RoomReportPdf.history(d, RoomReportPdf::dateTime)));
                }
                table(List.of(new Column("考位", 0.6f), new Column("类别", 2.0f), new Column("档", 0.4f),
                        new Column("情节", 0.6f), new Column("决定人", 0.8f), new Column("时间", 1.1f),
                        new Column("处理", 1.6f), new Column("复议", 2.4f)), dec);
                heading("座位调换");
                List<List<String>> ch = new ArrayList<>();
                for (SeatChange c : r.seatChanges()) {
                    ch.add(List.of(c.from(), c.to(), c.by(), time(c.at()), opt(c.reason())));
                }
                table(List.of(new Column("原考位", 0.8f), new Column("新考位", 0.8f), new Column("批准人", 0.9f),
                        new Column("时间", 0.9f), new Column("原因", 3.5f)), ch);
                heading("延时与暂停");
                List<List<String>> tc = new ArrayList<>();
                for (TimeChange t : r.timeChanges()) {
                    tc.add(List.of(t.seatCode(), t.kind().label(), t.seconds() == null ? "未恢复" : num(t.seconds()),
                            opt(t.reason()), t.by(), time(t.at())));
                }
                table(List.of(new Column("考位", 0.7f), new Column("类型", 0.9f), new Column("秒数", 0.7f),
                        new Column("原因", 3f), new Column("操作人", 0.9f), new Column("时间", 0.9f)), tc);
                heading("考场公告");
                List<List<String>> an = new ArrayList<>();
                for (RoomReport.AnnouncementRow a : r.announcements()) {
                    an.add(List.of(time(a.at()), a.scope(), a.message(), a.by(), num(a.acknowledged())));
                }
                table(List.of(new Column("时间", 0.8f), new Column("范围", 0.7f), new Column("内容", 3.4f),
                        new Column("发布人", 0.9f), new Column("确认人数", 0.8f)), an);
                heading("身份核验、承诺与其他记录");
                List<List<String>> notes = new ArrayList<>();
                for (RoomReport.SeatNote n : r.seatNotes()) {
                    notes.add(List.of(time(n.at()), n.seatCode(), n.what(), opt(n.detail())));
                }
                table(List.of(new Column("时间", 0.8f), new Column("考位", 0.7f), new Column("事项", 1.6f),
                        new Column("内容", 3.5f)), notes);
                signatures(r);
            } finally {
                cs.close();
            }
            pageNumbers();
        }

        private void titleBlock(RoomReport r) throws IOException {
            String title = "考场记录";
            float size = 20;
            text(title, MARGIN + (width - textWidth(title, size)) / 2, y - size, size);
            y -= size + 12;
            var s = r.sitting();
            List<String> lines = List.of(
                    s.title(),
                    "职业：" + s.occupation() + "　等级：" + s.level() + "　科目：" + s.subject(),
                    "日期：" + s.date() + "　开考：" + time(s.start()) + "　时长：" + s.duration().toMinutes() + " 分钟",
                    "考场：" + r.room().name() + "（" + r.room().rows() + " 行 × " + r.room().cols() + " 列）"
                            + "　监考员：" + String.join("、", r.proctors()));
            for (String line : lines) {
                for (String part : wrap(line, 10.5f, width)) {
                    text(part, MARGIN, y - 10.5f, 10.5f);
                    y -= 10.5f * LEADING;
                }
            }
            y -= 4;
        }

        private void heading(String title) throws IOException {
            // A heading alone at the foot of a page reads as an empty section.
            if (y - 14 - 3 * BODY * LEADING - 2 * PAD < MARGIN + FOOTER) {
                newPage();
            }
            y -= 8;
            text(title, MARGIN, y - 12, 12);
            y -= 12 + 6;
        }

        private void table(List<Column> cols, List<List<String>> rows) throws IOException {
            float total = 0;
            for (Column c : cols) {
                total += c.weight();
            }
            float[] widths = new float[cols.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = width * cols.get(i).weight() / total;
            }
            List<String> header = cols.stream().map(Column::header).toList();
            if (rows.isEmpty()) {
                row(header, widths, true);
                row(List.of("（无）"), new float[] {width}, false);
                return;
            }
            row(header, widths, true);
            for (List<String> r : rows) {
                List<List<String>> cells = cells(r, widths);
                if (y - height(cells) < MARGIN + FOOTER) {
                    newPage();
                    row(header, widths, true);
                }
                draw(cells, widths, false);
            }
        }

        private void row(List<String> values, float[] widths, boolean header) throws IOException {
            List<List<String>> cells = cells(values, widths);
            if (y - height(cells) < MARGIN + FOOTER) {
                newPage();
            }
            draw(cells, widths, header);
        }

        private List<List<String>> cells(List<String> values, float[] widths) throws IOException {
            List<List<String>> cells = new ArrayList<>();
            for (int i = 0; i < widths.length; i++) {
                cells.add(wrap(values.get(i), BODY, widths[i] - 2 * PAD));
            }
            return cells;
        }

        private static float height(List<List<String>> cells) {
            int lines = 1;
            for (List<String> c : cells) {
                lines = Math.max(lines, c.size());
            }
            return lines * BODY * LEADING + 2 * PAD;
        }

        private void draw(List<List<String>> cells, float[] widths, boolean header) throws IOException {
            float h = height(cells);
            if (header) {
                cs.setNonStrokingColor(0.88f, 0.88f, 0.88f);
                cs.addRect(MARGIN, y - h, width, h);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
            }
            float x = MARGIN;
            cs.setLineWidth(0.5f);
            for (int i = 0; i < widths.length; i++) {
                cs.addRect(x, y - h, widths[i], h);
                cs.stroke();
                float ly = y - PAD - BODY;
                for (String line : cells.get(i)) {
                    text(line, x + PAD, ly, BODY);
                    ly -= BODY * LEADING;
                }
                x += widths[i];
            }
            y -= h;
        }

        private void signatures(RoomReport r) throws IOException {
            float need = 60;
            if (y - need < MARGIN + FOOTER) {
                newPage();
            }
            y -= 36;
            StringBuilder line = new StringBuilder("监考员签名：");
            for (int i = 0; i < r.proctors().size(); i++) {
                line.append(i == 0 ? "" : "　　").append("________________");
            }
            line.append("　　日期：____________");
            for (String part : wrap(line.toString(), 11, width)) {
                text(part, MARGIN, y, 11);
                y -= 11 * LEADING + 8;
            }
        }

        private void pageNumbers() throws IOException {
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                PDPage page = doc.getPage(i);
                try (PDPageContentStream foot = new PDPageContentStream(doc, page,
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String label = "第 " + (i + 1) + " 页 / 共 " + n + " 页";
                    float w = textWidth(label, BODY);
                    foot.beginText();
                    foot.setFont(font, BODY);
                    foot.newLineAtOffset((PDRectangle.A4.getWidth() - w) / 2, MARGIN - 10);
                    foot.showText(label);
                    foot.endText();
                }
            }
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void text(String s, float x, float baseline, float size) throws IOException {
            if (s.isEmpty()) {
                return;
            }
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(s);
            cs.endText();
        }

        /**
         * Splits {@code raw} into lines no wider than {@code max}: at explicit line breaks, at spaces where a word
         * fits, and anywhere else (Chinese has no spaces). Characters the font lacks print as '?' rather than
         * failing the whole report.
         */
        private List<String> wrap(String raw, float size, float max) throws IOException {
            String s = printable(raw == null ? "" : raw);
            List<String> lines = new ArrayList<>();
            for (String para : s.split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                int lastSpace = -1;
                int i = 0;
                while (i < para.length()) {
                    int cp = para.codePointAt(i);
                    String ch = new String(Character.toChars(cp));
                    if (textWidth(line + ch, size) > max && line.length() > 0) {
                        // Back up to a space only to keep a Latin word whole; Chinese breaks between characters.
                        if (cp != ' ' && lastSpace > 0 && !cjk(cp) && !hasCjk(line.substring(lastSpace + 1))) {
                            String rest = line.substring(lastSpace + 1);
                            lines.add(line.substring(0, lastSpace));
                            line = new StringBuilder(rest);
                        } else if (CLOSING.indexOf(cp) >= 0 && line.length() > 1) {
                            // Closing punctuation never starts a line: the character before it moves down too.
                            int cut = line.offsetByCodePoints(line.length(), -1);
                            lines.add(line.substring(0, cut));
                            line = new StringBuilder(line.substring(cut));
                        } else {
                            lines.add(line.toString());
                            line = new StringBuilder();
                        }
                        lastSpace = -1;
                        if (cp == ' ') {
                            i += Character.charCount(cp);
                            continue;
                        }
                    }
                    if (cp == ' ') {
                        lastSpace = line.length();
                    }
                    line.append(ch);
                    i += Character.charCount(cp);
                }
                lines.add(line.toString());
            }
            return lines;
        }

        private static final String CLOSING = "，。、；：！？）》」』】,.;:!?)";

        private static boolean cjk(int cp) {
            return cp >= 0x2E80;
        }

        private static boolean hasCjk(String s) {
            return s.codePoints().anyMatch(Layout::cjk);
        }

        private String printable(String s) {
            StringBuilder b = new StringBuilder();
            s.replace("\r\n", "\n").replace('\r', '\n').codePoints().forEach(cp -> {
                if (cp == '\n') {
                    b.append('\n');
                } else if (Character.isISOControl(cp) || Character.isWhitespace(cp) && cp != '\u3000') {
                    b.append(' ');
                } else if (canEncode(cp)) {
                    b.appendCodePoint(cp);
                } else {
                    b.append('?');
                }
            });
            return b.toString();
        }

        private boolean canEncode(int cp) {
            return encodable.computeIfAbsent(cp, c -> {
                try {
                    font.encode(new String(Character.toChars(c)));
                    return true;
                } catch (IllegalArgumentException | IOException e) {
                    return false;
                }
            });
        }

        private float textWidth(String s, float size) throws IOException {
            return font.getStringWidth(s) / 1000 * size;
        }
    }

    private static String num(long n) {
        return Long.toString(n);
    }

    private static String opt(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String dateTime(Instant t) {
        return t == null ? "" : DATE_TIME.format(t);
    }

    /** 处理: what applies now; a revised decision says so, and a dismissed one that its sanction was withdrawn. */
    static String standing(Decision d) {
        if (!d.revised()) {
            return d.outcome();
        }
        return (d.standsConfirmed() ? "复议维持/改定：" : "已复议撤销：") + d.standing();
    }

    /** 复议: the history of a revised decision (original, then each revision: outcome, who, when, why). */
    static String history(Decision d, Function<Instant, String> time) {
        if (!d.revised()) {
            return "";
        }
        StringBuilder b = new StringBuilder("原决定：").append(d.category().name()).append(' ').append(d.outcome())
                .append("（").append(d.by()).append(' ').append(time.apply(d.at())).append("）");
        int n = 1;
        for (RoomReport.Revision v : d.revisions()) {
            b.append("；复议").append(n++).append("：")
                    .append(v.confirmed() ? v.category().name() + " " : "").append(v.outcome())
                    .append("（").append(v.by()).append(' ').append(time.apply(v.at()));
            if (v.reason() != null && !v.reason().isBlank()) {
                b.append("，理由：").append(v.reason());
            }
            b.append("）");
        }
        return b.toString();
    }
}
