package cn.examcore.server.conduct;

import cn.examcore.contract.SkillLevel;
import cn.examcore.server.conduct.domain.Certificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * 电子证书: an issued certificate as a one-page A4 PDF with the CJK font embedded (WenQuanYi Micro Hei from the
 * Debian package {@code fonts-wqy-microhei}), so it reads the same on any viewer. A revoked certificate still
 * renders, marked 已撤销 (revoked), because the holder's copy must not claim more than the record.
 */
public final class CertificatePdf {

    /** The font every deployment of this project installs (see README). */
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    private final Path fontPath;

    public CertificatePdf(Path fontPath) {
        this.fontPath = fontPath;
    }

    /**
     * The PDF of the certificate.
     *
     * @param maskedIdNumber the holder's identity number as it may be printed (masked)
     * @param code           the verification code, known only to whoever holds it since issue (only its hash is
     *                       stored); null prints a dash in its place
     * @throws IllegalStateException when the font is missing
     */
    public byte[] render(Certificate c, String maskedIdNumber, String code) {
        if (!Files.isRegularFile(fontPath)) {
            throw new IllegalStateException("CJK font not found at " + fontPath
                    + ": install fonts-wqy-microhei (apt-get install fonts-wqy-microhei)");
        }
        TrueTypeCollection collection = null;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType0Font font;
            if (fontPath.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
                collection = new TrueTypeCollection(fontPath.toFile());
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                font = PDType0Font.load(doc, first[0], true);
            } else {
                font = PDType0Font.load(doc, fontPath.toFile());
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            doc.getDocumentInformation().setTitle("职业技能等级证书 " + c.number());
            float width = page.getMediaBox().getWidth();
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                centred(s, font, 26, width, 740, "职业技能等级证书");
                centred(s, font, 13, width, 712, "Vocational Skill Level Certificate · 电子证书");
                String level = SkillLevel.name(c.level());
                List<String[]> lines = List.of(
                        new String[] {"姓名 Name", c.name()},
                        new String[] {"证件号码 ID number", maskedIdNumber},
                        new String[] {"职业 Occupation", c.occupation()},
                        new String[] {"等级 Level", level},
                        new String[] {"科目 Subjects", c.subject().replace("THEORY", "理论知识")
                                .replace("OPERATION", "操作技能").replace("+", "、")},
                        new String[] {"合格日期 Passed on", c.sittingDate().toString()},
                        new String[] {"证书编号 Number", c.number()},
                        new String[] {"查验码 Verification code", code == null ? "—" : code},
                        new String[] {"评价机构 Issued by", c.body() == null ? "" : c.body()});
                float y = 640;
                for (String[] line : lines) {
                    text(s, font, 12, 90, y, line[0]);
                    text(s, font, 14, 260, y, line[1]);
                    y -= 34;
                }
                text(s, font, 10, 90, y - 20, "查验: /verify/ 输入证书编号与查验码 · verify at /verify/ with the"
                        + " number and the code");
                if (c.status() == Certificate.Status.REVOKED) {
                    centred(s, font, 30, width, 200, "已撤销 REVOKED");
                    centred(s, font, 11, width, 176, "decision " + c.revokedBy());
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render certificate " + c.number(), e);
        } finally {
            if (collection != null) {
                try {
                    collection.close();
                } catch (IOException ignored) {
                    // The document is written; a font file that will not close changes nothing for the reader.
                }
            }
        }
    }

    private static void text(PDPageContentStream s, PDType0Font font, float size, float x, float y, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }

    private static void centred(PDPageContentStream s, PDType0Font font, float size, float width, float y,
                                String text) throws IOException {
        float w = font.getStringWidth(text) / 1000 * size;
        text(s, font, size, (width - w) / 2, y, text);
    }
}
