package cn.examcore.server.admission;

import cn.examcore.server.admission.domain.TicketSheet;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Renders admission tickets (准考证) as PDF, one ticket per page, on A4 or A5: title, photo, the candidate's facts,
 * a table of the subjects with date, time, site, room and seat, the candidate rules, and a QR code of the ticket
 * number that a scanner at the door reads. Chinese needs an embeddable TrueType font (the room report's, from
 * {@code fonts-wqy-microhei}); only the characters used are embedded.
 */
public final class TicketPdf {

    /** WenQuanYi Micro Hei from the Debian package {@code fonts-wqy-microhei}, as the room report uses. */
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    /** The paper a ticket is printed on. */
    public enum Paper {
        A4(PDRectangle.A4, 1f), A5(PDRectangle.A5, 0.72f);

        private final PDRectangle size;
        private final float scale;

        Paper(PDRectangle size, float scale) {
            this.size = size;
            this.scale = scale;
        }

        /** A4 or A5, whatever the case; null for anything else. */
        public static Paper parse(String text) {
            for (Paper p : values()) {
                if (p.name().equalsIgnoreCase(text)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The font is missing or unreadable: an installation problem, said in words an operator can act on. */
    public static final class FontMissing extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        FontMissing(String message) {
            super(message);
        }
    }

    private final Path fontPath;

    public TicketPdf(Path fontPath) {
        this.fontPath = fontPath;
    }

    /** The tickets, one per page, as one PDF. */
    public byte[] render(List<TicketSheet> sheets, Paper paper) throws IOException {
        if (!Files.isRegularFile(fontPath)) {
            throw new FontMissing("CJK font not found at " + fontPath + ": install the Debian package "
                    + "fonts-wqy-microhei (apt-get install fonts-wqy-microhei)");
        }
        TrueTypeCollection collection = null;
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font;
            if (fontPath.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                collection = new TrueTypeCollection(fontPath.toFile());
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                if (first[0] == null) {
                    throw new FontMissing("the font collection " + fontPath + " holds no font");
                }
                font = PDType0Font.load(doc, first[0], true);
            } else {
                font = PDType0Font.load(doc, fontPath.toFile());
            }
            for (TicketSheet sheet : sheets) {
                page(doc, font, sheet, paper);
            }
            doc.getDocumentInformation().setTitle(sheets.size() == 1 ? "准考证 " + sheets.get(0).ticket() : "准考证");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } finally {
            if (collection != null) {
                collection.close();
            }
        }
    }

    private static void page(PDDocument doc, PDType0Font font, TicketSheet s, Paper paper) throws IOException {
        PDPage page = new PDPage(paper.size);
        doc.addPage(page);
        float k = paper.scale;
        float width = paper.size.getWidth();
        float height = paper.size.getHeight();
        float margin = 40 * k;
        try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
            Pen pen = new Pen(c, font);
            float y = height - margin;
            String title = "职业技能等级认定 准考证";
            float titleSize = 20 * k;
            pen.text(title, (width - font.getStringWidth(title) / 1000 * titleSize) / 2, y - titleSize, titleSize);
            String sub = "Admission ticket";
            float subSize = 10 * k;
            pen.text(sub, (width - font.getStringWidth(sub) / 1000 * subSize) / 2, y - titleSize - 16 * k, subSize);
            y -= titleSize + 34 * k;

            // The photo box, top right: 3:4 like an ID photo.
            float photoW = 90 * k;
            float photoH = 120 * k;
            float photoX = width - margin - photoW;
            float photoTop = y;
            c.setLineWidth(0.8f);
            c.addRect(photoX, photoTop - photoH, photoW, photoH);
            c.stroke();
            if (s.photo() != null) {
                PDImageXObject img = s.photo().mediaType().equals("image/png")
                        ? PDImageXObject.createFromByteArray(doc, s.photo().bytes(), s.ticket() + ".png")
                        : JPEGFactory.createFromByteArray(doc, s.photo().bytes());
                float fit = Math.min(photoW / img.getWidth(), photoH / img.getHeight());
                float w = img.getWidth() * fit;
                float h = img.getHeight() * fit;
                c.drawImage(img, photoX + (photoW - w) / 2, photoTop - photoH + (photoH - h) / 2, w, h);
            } else {
                float size = 9 * k;
                String none = "照片";
                pen.text(none, photoX + (photoW - font.getStringWidth(none) / 1000 * size) / 2,
                        photoTop - photoH / 2, size);
            }

            float label = 11 * k;
            float line = 22 * k;
            float x = margin;
            for (Map.Entry<String, String> f : List.of(Map.entry("姓名 Name", s.name()),
                    Map.entry("准考证号 Ticket", s.ticket()), Map.entry("身份证号 ID number", s.maskedId()),
                    Map.entry("职业 Occupation", s.occupation()), Map.entry("等级 Level", s.level()))) {
                pen.text(f.getKey(), x, y - label, 9 * k);
                pen.text(f.getValue(), x + 120 * k, y - label, label + 1 * k);
                y -= line;
            }
            y = Math.min(y, photoTop - photoH) - 14 * k;

            // The sessions, one row per subject.
            float[] cols = {62, 78, 86, 210, 50, 40};
            String[] heads = {"科目", "日期", "时间", "考点 / 地址", "考场", "座位"};
            float tableW = width - 2 * margin;
            float sum = 0;
            for (float col : cols) {
                sum += col;
            }
            float cell = 9 * k;
            float rowH = 18 * k;
            float[] xs = new float[cols.length + 1];
            xs[0] = margin;
            for (int i = 0; i < cols.length; i++) {
                xs[i + 1] = xs[i] + cols[i] / sum * tableW;
            }
            float tableTop = y;
            c.addRect(margin, y - rowH, tableW, rowH);
            c.stroke();
            for (int i = 0; i < heads.length; i++) {
                pen.text(heads[i], xs[i] + 3 * k, y - rowH + 5 * k, cell);
            }
            y -= rowH;
            for (TicketSheet.Session session : s.sessions()) {
                String site = session.siteName().isBlank() ? session.siteAddress()
                        : session.siteAddress().isBlank() ? session.siteName()
                        : session.siteName() + " " + session.siteAddress();
                List<String> siteLines = wrap(font, site.isBlank() ? "—" : site, cell, xs[4] - xs[3] - 6 * k);
                float h = Math.max(rowH, siteLines.size() * cell * 1.35f + 8 * k);
                c.addRect(margin, y - h, tableW, h);
                c.stroke();
                String[] values = {session.subject(), session.date(), session.time(), null, session.room(),
                        session.seat()};
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != null) {
                        pen.text(values[i], xs[i] + 3 * k, y - 5 * k - cell, cell);
                    }
                }
                float ly = y - 5 * k - cell;
                for (String l : siteLines) {
                    pen.text(l, xs[3] + 3 * k, ly, cell);
                    ly -= cell * 1.35f;
                }
                y -= h;
            }
            // Column rules over the whole table, drawn once its rows (each of its own height) are laid.
            for (int i = 1; i < cols.length; i++) {
                c.moveTo(xs[i], tableTop);
                c.lineTo(xs[i], y);
            }
            c.stroke();
            y -= 16 * k;

            // The candidate rules beside the QR code, which sits at the bottom right.
            float qr = 96 * k;
            pen.text("考生须知 Candidate rules", margin, y - 11 * k, 11 * k);
            y -= 20 * k;
            float ruleSize = 8.5f * k;
            float ruleWidth = tableW - qr - 12 * k;
            for (String rule : s.rules()) {
                for (String l : wrap(font, rule, ruleSize, ruleWidth)) {
                    if (y - ruleSize < margin) {
                        break;
                    }
                    pen.text(l, margin, y - ruleSize, ruleSize);
                    y -= ruleSize * 1.45f;
                }
                y -= 2 * k;
            }
            qr(c, s.ticket(), width - margin - qr, margin, qr);
            pen.text(s.ticket(), width - margin - qr, margin - 10 * k, 8 * k);
        }
    }

    /** The QR code of {@code text} as filled squares: vector, so it prints sharp at any size. */
    private static void qr(PDPageContentStream c, String text, float x, float y, float size) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IOException("the QR code of " + text + " cannot be made: " + e.getMessage(), e);
        }
        float unit = size / m.getWidth();
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    c.addRect(x + col * unit, y + size - (row + 1) * unit, unit, unit);
                }
            }
        }
        c.fill();
    }

    /** Breaks text into lines no wider than {@code width}: at spaces where there are any, else between characters. */
    static List<String> wrap(PDType0Font font, String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lastSpace = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            line.appendCodePoint(cp);
            if (cp == ' ') {
                lastSpace = line.length() - 1;
            }
            // Closing punctuation stays with the text before it (it may stand just past the edge), as Chinese
            // typesetting never starts a line with it.
            boolean closing = "，。、；：！？）》」』”’".indexOf(cp) >= 0;
            if (!closing && font.getStringWidth(line.toString()) / 1000 * size > width && line.length() > 1) {
                String rest;
                // Back to the last space only inside a Latin word; Chinese breaks between any two characters.
                if (lastSpace > 0 && line.substring(lastSpace + 1).chars().allMatch(ch -> ch < 0x80 && ch != ' ')
                        && cp < 0x80) {
                    rest = line.substring(lastSpace + 1);
                    line.setLength(lastSpace);
                } else {
                    rest = new String(Character.toChars(cp));
                    line.setLength(line.length() - rest.length());
                }
                lines.add(line.toString());
                line = new StringBuilder(rest);
                lastSpace = -1;
            }
            i += Character.charCount(cp);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Writes text at a point. */
    private record Pen(PDPageContentStream c, PDType0Font font) {
        void text(String text, float x, float y, float size) throws IOException {
            c.beginText();
            c.setFont(font, size);
            c.newLineAtOffset(x, y);
            c.showText(text);
            c.endText();
        }
    }
}
