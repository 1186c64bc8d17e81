package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.sitting.photo.TestPhotos;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 准考证 over HTTP: settings, the PDFs an administrator prints, and the public download with its throttles. */
@DisplayName("Admission tickets over HTTP")
class AdmissionTicketsIT {

    static TestNode node;
    static Api api;
    static String admin;
    static String sitting;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(3_600).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        sitting = node.sittingId();
        Api.Reply saved = api.put("/api/admin/sittings/" + sitting + "/admission", admin, new JsonObject()
                .put("siteName", "第一考点").put("siteAddress", "上海市徐汇区漕溪北路 100 号"));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        DemoSitting.DemoCandidate first = node.candidate(0);
        Api.Reply photos = api.postFile("/api/admin/sittings/" + sitting + "/photos", admin, "p.zip",
                TestPhotos.zip(first.ticket() + ".jpg", TestPhotos.jpeg(3)));
        assertThat(photos.status()).as(photos.text()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static int pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    @Test
    @DisplayName("An administrator saves the settings, prints one ticket, a room's tickets on A5, and bad requests are named")
    void adminTickets() throws Exception {
        JsonObject settings = api.get("/api/admin/sittings/" + sitting + "/admission", admin).json();
        assertThat(settings.getString("siteName")).isEqualTo("第一考点");
        assertThat(settings.getLong("ticketsOpenAt")).isEqualTo(node.demo().t0() - 7L * 24 * 3600 * 1000);
        assertThat(settings.getBoolean("identityRequired")).isFalse();

        DemoSitting.DemoCandidate first = node.candidate(0);
        Api.Reply one = api.get("/api/admin/sittings/" + sitting + "/tickets/" + first.ticket(), admin);
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        assertThat(one.contentType()).isEqualTo("application/pdf");
        byte[] pdf = one.body().getBytes();
        String text = text(pdf);
        assertThat(text).contains(first.ticket(), first.name(), "第一考点", "上海市徐汇区漕溪北路", "理论知识",
                first.idNumber().substring(0, 6) + "********" + first.idNumber().substring(14), "考生须知");
        assertThat(text).doesNotContain(first.idNumber());
        // The first page as an image, to look at the layout (target/screenshots, like the page tests' shots).
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 80);
            ImageIO.write(page, "png", shots.resolve("ticket-a4.png").toFile());
        }

        String roomId = api.get("/api/proctor/sittings/" + sitting + "/rooms", admin).json().getJsonArray("rooms")
                .getJsonObject(0).getString("id");
        Api.Reply room = api.get("/api/admin/sittings/" + sitting + "/tickets?paper=A5&roomId=" + roomId, admin);
        assertThat(room.status()).as(room.text()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(room.body().getBytes())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(node.demo().candidates().size());
            assertThat(doc.getPage(0).getMediaBox().getHeight()).isEqualTo(PDRectangle.A5.getHeight());
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 80), "png",
                    shots.resolve("ticket-a5.png").toFile());
        }
        assertThat(pages(api.get("/api/admin/sittings/" + sitting + "/tickets", admin).body().getBytes()))
                .isEqualTo(node.demo().candidates().size());

        assertThat(api.get("/api/admin/sittings/" + sitting + "/tickets?paper=A3", admin).json()
                .getJsonObject("details").getString("field")).isEqualTo("paper");
        assertThat(api.get("/api/admin/sittings/" + sitting + "/tickets?roomId=nope", admin).status())
                .isEqualTo(404);
        assertThat(api.get("/api/admin/sittings/" + sitting + "/tickets/NOBODY", admin).status()).isEqualTo(404);
        Api.Reply late = api.put("/api/admin/sittings/" + sitting + "/admission", admin,
                new JsonObject().put("ticketsOpenAt", node.demo().t0() + 1));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().getJsonObject("details").getString("field")).isEqualTo("ticketsOpenAt");
        assertThat(api.put("/api/admin/sittings/" + sitting + "/admission", admin,
                new JsonObject().put("identityRequired", "yes")).status()).isEqualTo(400);
        // Nothing was changed by the refused requests.
        assertThat(api.get("/api/admin/sittings/" + sitting + "/admission", admin).json()).isEqualTo(settings);
        assertThat(api.get("/api/admin/sittings/" + sitting + "/tickets", null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("A candidate downloads their ticket with name and ID number; unknown and wrong get one answer; floods are refused")
    void publicDownload() throws Exception {
        try (Api visitor = new Api(node.baseUrl(), "127.0.0.21")) {
            DemoSitting.DemoCandidate c = node.candidate(2);
            Api.Reply ok = visitor.post("/api/public/tickets", null, new JsonObject().put("name", " " + c.name() + " ")
                    .put("idNumber", c.idNumber().toLowerCase(java.util.Locale.ROOT)));
            assertThat(ok.status()).as(ok.text()).isEqualTo(200);
            assertThat(ok.contentType()).isEqualTo("application/pdf");
            assertThat(text(ok.body().getBytes())).contains(c.ticket(), c.name(), "第一考点");

            Api.Reply wrongName = visitor.post("/api/public/tickets", null, new JsonObject().put("name", "王五")
                    .put("idNumber", node.candidate(3).idNumber()));
            Api.Reply unknown = visitor.post("/api/public/tickets", null, new JsonObject().put("name", "王五")
                    .put("idNumber", "110101199001011237"));
            assertThat(wrongName.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(wrongName.text()).isEqualTo(unknown.text());
            assertThat(wrongName.text()).contains("no admission ticket matches this name and ID number");

            assertThat(visitor.post("/api/public/tickets", null, new JsonObject().put("name", c.name())).json()
                    .getJsonObject("details").getString("field")).isEqualTo("idNumber");
        }
        // Per ID number: five tries, then refused, from any address.
        String id = node.candidate(4).idNumber();
        try (Api a = new Api(node.baseUrl(), "127.0.0.22"); Api b = new Api(node.baseUrl(), "127.0.0.23")) {
            for (int i = 0; i < 5; i++) {
                assertThat(a.post("/api/public/tickets", null, new JsonObject().put("name", "某人").put("idNumber", id))
                        .status()).isEqualTo(404);
            }
            Api.Reply refused = b.post("/api/public/tickets", null, new JsonObject()
                    .put("name", node.candidate(4).name()).put("idNumber", id));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        }
        // Per address: 30 tries with different ID numbers, then refused.
        try (Api flood = new Api(node.baseUrl(), "127.0.0.24")) {
            int refused = 0;
            for (int i = 0; i < 32; i++) {
                int status = flood.post("/api/public/tickets", null, new JsonObject().put("name", "某人")
                        .put("idNumber", String.format("1101011990010%05d", i))).status();
                assertThat(status).isIn(404, 429);
                refused += status == 429 ? 1 : 0;
            }
            assertThat(refused).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("Before the opening time the right name and ID number learn when tickets open, and get no PDF")
    void beforeOpening() {
        Api.Reply created = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "later")
                .put("occupation", "电工").put("level", 3).put("subject", "理论知识")
                .put("t0", System.currentTimeMillis() + 30L * 24 * 3600 * 1000).put("durationMinutes", 60));
        String id = created.json().getString("id");
        api.post("/api/admin/sittings/" + id + "/rooms", api.adminToken(node),
                new JsonObject().put("name", "R9").put("rows", 1).put("cols", 1));
        String idNumber = "110101199003071233";
        Api.Reply roster = api.postFile("/api/admin/sittings/" + id + "/roster", admin, "r.csv",
                ("准考证号,身份证号,姓名,考场,座位号,科目\nL-1," + idNumber + ",赵六,R9,1,理论知识\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (roster.status() != 200) {
            // The ID number's check digit must be right; the test's number is built to be.
            throw new AssertionError(roster.text());
        }
        try (Api visitor = new Api(node.baseUrl(), "127.0.0.25")) {
            Api.Reply early = visitor.post("/api/public/tickets", null, new JsonObject().put("name", "赵六")
                    .put("idNumber", idNumber));
            assertThat(early.status()).as(early.text()).isEqualTo(409);
            assertThat(early.code()).isEqualTo("NOT_STARTED");
            long opensAt = early.json().getJsonObject("details").getLong("opensAt");
            assertThat(opensAt).isGreaterThan(System.currentTimeMillis());
            assertThat(early.json().getString("message")).contains("Beijing time");
        }
    }
}
