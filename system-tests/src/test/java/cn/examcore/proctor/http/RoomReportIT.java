package cn.examcore.proctor.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 考场记录 through the console's routes, against a real exam-server: what happened in the room (a login with the
 * rules acknowledged, a reminder, an incident, a room-wide extension, an announcement and its acknowledgement, a
 * late entry refused) is in the PDF and the spreadsheet the console returns, read back; a proctor of another room
 * gets no record of this one.
 */
class RoomReportIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static List<String> sheetText(XSSFWorkbook wb, String name) {
        Sheet sheet = wb.getSheet(name);
        assertThat(sheet).as("sheet " + name).isNotNull();
        List<String> cells = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                cells.add(cell.toString());
            }
        }
        return cells;
    }

    @Test
    @DisplayName("the room record (PDF and xlsx) holds the room's acknowledgements, announcements, reminders, incidents,"
            + " extensions, late entries and the proctors' signature lines, and only for the caller's rooms")
    void roomRecord() throws Exception {
        try (TestNode node = TestNode.builder().leadSeconds(-20 * 60).start();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of());
             Api api = new Api(node.baseUrl())) {
            String admin = api.adminToken(node);
            String sitting = node.sittingId();
            String base = "/api/proctor/sittings/" + sitting;
            String room = api.get(base + "/rooms", admin).json().getJsonArray("rooms").getJsonObject(0)
                    .getString("id");

            JsonObject login = api.loginDemo(node, 0);
            try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
                seat.hello(new JsonArray());
                seat.send(new JsonObject().put("type", "ack-rules").put("version", "2025-1"));
                assertThat(api.post(base + "/seats/" + node.seatCodes().get(0) + "/remind", admin,
                        new JsonObject().put("message", "请勿交谈")).status()).isEqualTo(200);
                assertThat(api.post(base + "/seats/" + node.seatCodes().get(1) + "/record-incident", admin,
                        new JsonObject().put("category", "C5").put("note", "桌面有纸条")).status()).isEqualTo(200);
                assertThat(api.post(base + "/rooms/" + room + "/extend", admin, new JsonObject().put("seconds", 300)
                        .put("reason", "停电补时")).status()).isEqualTo(200);
                Api.Reply made = api.post(base + "/announcements", admin, new JsonObject().put("roomId", room)
                        .put("message", "请检查答题卡"));
                assertThat(made.status()).isEqualTo(201);
                JsonObject pushed = seat.next("announcement");
                seat.send(new JsonObject().put("type", "ack-announcement")
                        .put("announcementId", pushed.getString("announcementId")));
            }
            assertThat(api.put("/api/admin/sittings/" + sitting + "/rules", admin,
                    new JsonObject().put("lateEntryMinutes", 15)).status()).isEqualTo(200);
            assertThat(api.login(api.enrol(node.seatCodes().get(2), node.pin()), node.candidate(2).ticket(),
                    node.candidate(2).idNumber()).code()).isEqualTo("LATE_ENTRY_CLOSED");
            Await.until("the acknowledgements are stored", Duration.ofSeconds(10), () -> api.get(base
                    + "/events", admin).array().stream().map(o -> ((JsonObject) o).getString("kind")).toList()
                    .containsAll(List.of("RULES_ACKNOWLEDGED", "ANNOUNCEMENT_ACKNOWLEDGED")));

            // A candidate moved twice (调换座位 twice, through a spare room's two seats) is still one candidate of the
            // record, with both changes in it.
            String spare = api.post("/api/admin/sittings/" + sitting + "/rooms", admin,
                    new JsonObject().put("name", "RS").put("rows", 1).put("cols", 2)).json().getString("id");
            List<String> spareSeats = api.get(base + "/rooms", admin).json().getJsonArray("rooms").stream()
                    .map(o -> (JsonObject) o).filter(r -> r.getString("id").equals(spare)).findFirst().orElseThrow()
                    .getJsonArray("seats").stream().map(o -> ((JsonObject) o).getString("code")).toList();
            Api.Reply firstMove = api.post(base + "/seats/" + node.seatCodes().get(3) + "/change-seat", admin,
                    new JsonObject().put("toSeat", spareSeats.get(0)).put("reason", "屏幕损坏"));
            assertThat(firstMove.status()).as(firstMove.text()).isEqualTo(200);
            Api.Reply secondMove = api.post(base + "/seats/" + spareSeats.get(0) + "/change-seat", admin,
                    new JsonObject().put("toSeat", spareSeats.get(1)).put("reason", "备用机也损坏"));
            assertThat(secondMove.status()).as(secondMove.text()).isEqualTo(200);
            Api.Reply back = api.post(base + "/seats/" + spareSeats.get(1) + "/change-seat", admin,
                    new JsonObject().put("toSeat", node.seatCodes().get(3)).put("reason", "原终端已修复"));
            assertThat(back.status()).as(back.text()).isEqualTo(200);

            // A decision revised on appeal (复议) shows as revised, with its history: original, revision, who, when.
            Api.Reply decided = api.post(base + "/decisions", admin, new JsonObject()
                    .put("attemptId", login.getString("attemptId")).put("category", "B2").put("outcome", "CONFIRMED")
                    .put("reason", "notes on the desk"));
            assertThat(decided.status()).as(decided.text()).isEqualTo(201);
            api.post("/api/admin/staff", admin, new JsonObject().put("username", "appeal-admin")
                    .put("password", "long-enough-secret").put("role", "ADMIN"));
            String appealAdmin = api.post("/api/admin/login", null, new JsonObject().put("username", "appeal-admin")
                    .put("password", "long-enough-secret")).json().getString("token");
            Api.Reply revised = api.post(base + "/decisions/" + decided.json().getString("decisionId") + "/revisions",
                    appealAdmin, new JsonObject().put("outcome", "DISMISSED").put("reason", "申诉成立"));
            assertThat(revised.status()).as(revised.text()).isEqualTo(201);

            String url = console.baseUrl() + "/report/sittings/" + sitting + "/rooms/" + room;
            HttpResponse<byte[]> pdf = get(url + "/pdf", admin);
            assertThat(pdf.statusCode()).as(new String(pdf.body())).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            String text = pdfText(pdf.body());
            assertThat(text).contains("考场记录", node.candidate(0).ticket(), "考生承诺", "2025-1", "请勿交谈", "桌面有纸条",
                    "停电补时", "考场公告", "请检查答题卡", "迟到拒绝入场", "监考员签名", "屏幕损坏", "备用机也损坏",
                    "原终端已修复");
            String flat = text.replaceAll("\\s", "");
            assertThat(flat).contains("已复议撤销：不予认定，撤销处理", "原决定：B2取消当次全部科目成绩（" + node.adminUser(),
                    "复议1：不予认定，撤销处理（appeal-admin", "理由：申诉成立）");
            HttpResponse<byte[]> spareRecord = get(console.baseUrl() + "/report/sittings/" + sitting + "/rooms/"
                    + spare + "/pdf", admin);
            assertThat(spareRecord.statusCode()).as(new String(spareRecord.body())).isEqualTo(200);
            assertThat(text).doesNotContain(node.candidate(0).idNumber());

            HttpResponse<byte[]> xlsx = get(url + "/xlsx", admin);
            assertThat(xlsx.statusCode()).isEqualTo(200);
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
                assertThat(sheetText(wb, "考场公告")).contains("请检查答题卡", "1.0");
                assertThat(sheetText(wb, "身份核验与确认")).contains("考生承诺", "公告已确认", "迟到拒绝入场（缺考）");
                assertThat(sheetText(wb, "延时与暂停")).contains("停电补时");
                assertThat(sheetText(wb, "提醒")).contains("请勿交谈");
            }

            HttpResponse<byte[]> whole = get(console.baseUrl() + "/report/sittings/" + sitting + "/pdf", admin);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(pdfText(whole.body())).contains("请检查答题卡");

            Api.Reply other = api.post("/api/admin/sittings/" + sitting + "/rooms", admin,
                    new JsonObject().put("name", "RX").put("rows", 1).put("cols", 1));
            String otherRoom = other.json().getString("id");
            api.post("/api/admin/staff", admin, new JsonObject().put("username", "proctor-x")
                    .put("password", "long-enough-secret").put("role", "PROCTOR")
                    .put("roomIds", new JsonArray().add(otherRoom)));
            String proctorX = api.post("/api/admin/login", null, new JsonObject().put("username", "proctor-x")
                    .put("password", "long-enough-secret")).json().getString("token");
            HttpResponse<byte[]> foreign = get(url + "/pdf", proctorX);
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(Json.tree(new String(foreign.body())).path("details").path("field").asText())
                    .isEqualTo("roomId");
            assertThat(get(url + "/pdf", null).statusCode()).isEqualTo(401);
            assertThat(get(url + "/doc", admin).statusCode()).isEqualTo(404);
        }
    }
}
