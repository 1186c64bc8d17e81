package cn.examcore.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.admission.domain.CandidateRules;
import cn.examcore.server.admission.domain.IdNumberMask;
import cn.examcore.server.admission.domain.TicketSheet;
import cn.examcore.server.sitting.photo.TestPhotos;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An admission ticket PDF")
class TicketPdfTest {

    private static TicketSheet sheet(String ticket, TicketSheet.Photo photo) {
        return new TicketSheet(ticket, "李芳", IdNumberMask.mask("11010119900307777X"), "企业人力资源管理师", "四级/中级工",
                photo, List.of(
                        new TicketSheet.Session("理论知识", "2026-04-25", "09:00–10:30", "第一考点",
                                "上海市徐汇区漕溪北路 100 号", "R101", "07"),
                        new TicketSheet.Session("操作技能", "2026-04-25", "14:00–16:00", "第一考点",
                                "上海市徐汇区漕溪北路 100 号", "R203", "12")),
                CandidateRules.SUMMARY);
    }

    @Test
    @DisplayName("carries the candidate, each subject, the rules and the masked ID number, readable as text")
    void text() throws Exception {
        byte[] pdf = new TicketPdf(TicketPdf.DEFAULT_FONT).render(List.of(
                sheet("A-001", new TicketSheet.Photo("image/jpeg", TestPhotos.jpeg(1))),
                sheet("A-002", new TicketSheet.Photo("image/png", TestPhotos.png(2))),
                sheet("A-003", null)), TicketPdf.Paper.A4);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(3);
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String text = stripper.getText(doc);
            assertThat(text).contains("准考证", "李芳", "A-001", "110101********777X", "企业人力资源管理师", "四级/中级工",
                    "理论知识", "操作技能", "2026-04-25", "09:00–10:30", "R101", "R203", "第一考点", "考生须知",
                    "冒名顶替");
            assertThat(text).doesNotContain("11010119900307777X");
            // Each page carries its photo as an image, but the third candidate has none.
            assertThat(doc.getPage(0).getResources().getXObjectNames()).hasSize(1);
            assertThat(doc.getPage(1).getResources().getXObjectNames()).hasSize(1);
            assertThat(doc.getPage(2).getResources().getXObjectNames()).isEmpty();
        }
    }

    @Test
    @DisplayName("prints one ticket per A5 page when asked")
    void a5() throws Exception {
        byte[] pdf = new TicketPdf(TicketPdf.DEFAULT_FONT).render(List.of(sheet("A-001", null), sheet("A-002", null)),
                TicketPdf.Paper.A5);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            assertThat(doc.getPage(1).getMediaBox().getHeight()).isEqualTo(PDRectangle.A5.getHeight());
            assertThat(new PDFTextStripper().getText(doc)).contains("A-002", "R203");
        }
    }

    @Test
    @DisplayName("without its font says which package to install")
    void fontMissing() {
        assertThatThrownBy(() -> new TicketPdf(Path.of("/nonexistent/font.ttc")).render(List.of(sheet("A", null)),
                TicketPdf.Paper.A4)).isInstanceOf(TicketPdf.FontMissing.class).hasMessageContaining("fonts-wqy-microhei");
    }

    @Test
    @DisplayName("masks the middle of an ID number")
    void mask() {
        assertThat(IdNumberMask.mask("11010119900307777X")).isEqualTo("110101********777X");
        assertThat(IdNumberMask.mask("A1234567")).isEqualTo("A******7");
    }
}
