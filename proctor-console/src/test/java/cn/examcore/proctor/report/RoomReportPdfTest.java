package cn.examcore.proctor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.proctor.report.RoomReport.Decision;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoomReportPdfTest {

    private static byte[] render(RoomReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RoomReportPdf().write(r, out);
        return out.toByteArray();
    }

    @Test
    @DisplayName("The PDF reads back with its Chinese title, a candidate, an incident's wording and the signature line")
    void readsBack() throws IOException {
        RoomReport r = new SampleRoom().builder(0).build();
        try (PDDocument doc = Loader.loadPDF(render(r))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("考场记录", "2025年第三期职业技能等级认定", "第 3 考场");
            assertThat(text).contains(r.seats().get(0).name());
            assertThat(text).contains("310101********1001").doesNotContain("31010119900001");
            // The notice wording can wrap inside its cell, so compare without line breaks.
            assertThat(text.replaceAll("\\s", "")).contains("使用规定以外的带拍照、存储、传输或通讯功能的电子设备");
            assertThat(text).contains("监考员签名");
            int pages = doc.getNumberOfPages();
            assertThat(text).contains("第 1 页 / 共 " + pages + " 页");
        }
    }

    @Test
    @DisplayName("A decision dismissed on appeal reads as revised, with the original, the revision, who, when and why,"
            + " and no longer counts as confirmed; one upheld on appeal says so")
    void revisedDecisions() throws IOException {
        SampleRoom sample = new SampleRoom();
        RoomReport r = sample.builder(0).decisions(List.of(
                new Decision(SampleRoom.seat(3), MisconductCode.B1, null, "周建国", SampleRoom.at(70),
                        "取消当次全部科目成绩", List.of(new RoomReport.Revision(false, null, "不予认定，撤销处理", "王主任",
                                SampleRoom.at(600), "申诉成立"))),
                new Decision(SampleRoom.seat(20), MisconductCode.B2, null, "周建国", SampleRoom.at(75),
                        "取消当次全部科目成绩", List.of(new RoomReport.Revision(true, MisconductCode.A3,
                                "取消当次该科目成绩", "王主任", SampleRoom.at(620), "情节较轻，改定 A3"))))).build();
        // The sample's own two decisions plus these: the dismissed one is the only one not counted.
        assertThat(r.summary().flagsConfirmed()).isEqualTo(r.decisions().size() - 1);
        try (PDDocument doc = Loader.loadPDF(render(r))) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s", "");
            assertThat(text).contains("复议", "已复议撤销：不予认定，撤销处理",
                    "原决定：B1取消当次全部科目成绩（周建国" + RoomReportPdf.dateTime(SampleRoom.at(70)).replace(" ", "") + "）",
                    "复议1：不予认定，撤销处理（王主任" + RoomReportPdf.dateTime(SampleRoom.at(600)).replace(" ", "")
                            + "，理由：申诉成立）");
            assertThat(text).contains("复议维持/改定：取消当次该科目成绩", "复议1：A3取消当次该科目成绩（王主任");
        }
    }

    @Test
    @DisplayName("A long report breaks onto several pages, numbers each, and repeats the table header")
    void pagesAndHeaders() throws IOException {
        RoomReport r = new SampleRoom().builder(60).build();
        try (PDDocument doc = Loader.loadPDF(render(r))) {
            int n = doc.getNumberOfPages();
            assertThat(n).isGreaterThanOrEqualTo(3);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= n; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                assertThat(stripper.getText(doc)).contains("第 " + p + " 页 / 共 " + n + " 页");
            }
            // Some page after the first starts mid-incident-table: its header is repeated there.
            int pagesWithIncidentHeader = 0;
            for (int p = 1; p <= n; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String t = stripper.getText(doc);
                if (t.contains("记录人") && !t.contains("违纪事件")) {
                    pagesWithIncidentHeader++;
                }
            }
            assertThat(pagesWithIncidentHeader).isGreaterThanOrEqualTo(1);

            BufferedImage page1 = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            Path png = Path.of("target", "report-page1.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(page1, "png", png.toFile());
            assertThat(Files.size(png)).isPositive();
            BufferedImage page2 = new PDFRenderer(doc).renderImageWithDPI(1, 80);
            ImageIO.write(page2, "png", Path.of("target", "report-page2.png").toFile());
        }
    }

    @Test
    @DisplayName("Characters the font lacks and control characters in notes do not break the PDF")
    void oddCharacters() throws IOException {
        RoomReportBuilder b = new SampleRoom().builder(0);
        b.incidents(java.util.List.of(new RoomReport.Incident(SampleRoom.at(33), SampleRoom.seat(6),
                cn.examcore.contract.MisconductCode.A4, "line one\nline\ttwo \u0007 😀 end", "周建国")));
        try (PDDocument doc = Loader.loadPDF(render(b.build()))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("line one", "end");
        }
    }

    @Test
    @DisplayName("A missing font is an error naming the path and the package, and nothing is written")
    void missingFont() {
        RoomReport r = new SampleRoom().builder(0).build();
        Path nowhere = Path.of("/nonexistent/fonts/cjk.ttc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new RoomReportPdf(nowhere).write(r, out))
                .isInstanceOf(RoomReportPdf.ReportFontException.class)
                .hasMessageContaining("/nonexistent/fonts/cjk.ttc")
                .hasMessageContaining("fonts-wqy-microhei");
        assertThat(out.size()).isZero();
    }
}
