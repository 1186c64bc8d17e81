package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.evaluation.EvaluationBodies;
import cn.examcore.server.results.ResultsExporter;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Publication of results (成绩发布) over HTTP: the release of a finished sitting, the export with ID number, validity
 * and certificate number read back from CSV and xlsx, and the candidate's own lookup before and after the release,
 * the same answer for an unknown ID number and a wrong name, and rate-limited.
 */
@DisplayName("Release, export and the candidate's lookup of results")
class PublicationIT {

    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.builder().demo(CertificatesIT.seats(3)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        assertThat(api.post(sitting() + "/start", admin, null).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String sitting() {
        return "/api/admin/sittings/" + node.sittingId();
    }

    private static Api.Reply lookup(String name, String idNumber) {
        return api.post("/api/public/results", null, new JsonObject().put("name", name).put("idNumber", idNumber));
    }

    @Test
    @DisplayName("Results are released once from a finished sitting; then the candidate finds them by name and ID "
            + "number, the export carries ID number, validity and certificate number, and lookups are rate-limited")
    void releaseExportLookup() throws IOException {
        CertificatesIT.submit(api, node, 0, true);
        CertificatesIT.submit(api, node, 1, false);
        String name0 = node.candidate(0).name();
        String id0 = node.candidate(0).idNumber();

        Api.Reply before = lookup(name0, id0);
        assertThat(before.status()).as(before.text()).isEqualTo(404);
        assertThat(before.json().getString("message")).isEqualTo("no released results match this name and ID number");

        Api.Reply early = api.post(sitting() + "/results/release", admin, null);
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.json().getJsonObject("details").getJsonArray("openTickets"))
                .containsExactly(node.candidate(2).ticket());
        assertThat(api.get(sitting() + "/results/release", admin).json().getBoolean("released")).isFalse();

        Api.Reply forced = api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(2)
                + "/force-submit", admin, new JsonObject().put("reason", "absent, closing the sitting"));
        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        // A certificate follows the level result: candidate 0 completes the evaluation's operation subject first.
        CertificatesIT.passOperation(api, node, admin, 0, "publication", 830_000);
        Api.Reply issued = api.post(sitting() + "/certificates", admin, null);
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        String certificate = issued.array().getJsonObject(0).getString("number");

        Api.Reply released = api.post(sitting() + "/results/release", admin, null);
        assertThat(released.status()).as(released.text()).isEqualTo(201);
        assertThat(released.json().getString("releasedBy")).isEqualTo(node.adminUser());
        Api.Reply again = api.post(sitting() + "/results/release", admin, null);
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(api.get(sitting() + "/results/release", admin).json().getBoolean("released")).isTrue();
        assertThat(api.get(sitting() + "/audit", admin).array().stream()
                .filter(o -> ((JsonObject) o).getString("action").equals("results.release")).count()).isEqualTo(1);

        LocalDate day = LocalDate.ofInstant(Instant.now().minusSeconds(60), ZoneId.of("Asia/Shanghai"));
        // From the rules of the roster's evaluation body (the default one, 上海市技师协会): 2 years at level 4.
        LocalDate validUntil = EvaluationBodies.shipped().defaultBody().validUntil(4, day);
        assertThat(validUntil).isEqualTo(day.plusYears(2).minusDays(1));

        // A lower-case x and blanks around the ID number are the same ID number.
        Api.Reply found = lookup(" " + name0 + " ", id0.toLowerCase() + " ");
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        JsonObject mine = found.json().getJsonArray("results").getJsonObject(0);
        assertThat(found.json().getJsonArray("results")).hasSize(1);
        assertThat(mine.getString("sittingId")).isEqualTo(node.sittingId());
        assertThat(mine.getBoolean("passed")).isTrue();
        assertThat(mine.getString("subject")).isEqualTo("THEORY");
        assertThat(mine.getString("validUntil")).isEqualTo(validUntil.toString());
        assertThat(mine.getString("levelResult")).isEqualTo("PASSED");
        assertThat(mine.getString("certificateNumber")).isEqualTo(certificate);
        JsonObject failed = lookup(node.candidate(1).name(), node.candidate(1).idNumber()).json()
                .getJsonArray("results").getJsonObject(0);
        assertThat(failed.getBoolean("passed")).isFalse();
        assertThat(failed.getValue("validUntil")).isNull();
        assertThat(failed.getString("levelResult")).isEqualTo("FAILED");
        assertThat(failed.getValue("certificateNumber")).isNull();

        Api.Reply wrongName = lookup(name0 + "某", id0);
        Api.Reply unknownId = lookup(name0, "11010519491231002X");
        assertThat(wrongName.status()).isEqualTo(404);
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(wrongName.text()).isEqualTo(unknownId.text()).isEqualTo(before.text());
        Api.Reply noName = api.post("/api/public/results", null, new JsonObject().put("idNumber", id0));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().getJsonObject("details").getString("field")).isEqualTo("name");

        exportReadsBack(id0, validUntil, certificate);

        // Every lookup spends from the address's bucket (a burst of 10): the next ones are refused with a wait.
        Api.Reply limited = null;
        for (int i = 0; i < 12 && (limited == null || limited.status() != 429); i++) {
            limited = lookup("某人", "3101011990010" + String.format("%05d", i));
        }
        assertThat(limited.status()).as(limited.text()).isEqualTo(429);
        assertThat(limited.json().getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(limited.retryAfter()).isNotBlank();
        assertThat(lookup(name0, id0).status()).as("a right lookup is limited too").isEqualTo(429);
    }

    private void exportReadsBack(String id0, LocalDate validUntil, String certificate) throws IOException {
        String ticket0 = node.candidate(0).ticket();
        Api.Reply csv = api.get(sitting() + "/results/export?format=csv", admin);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        String text = new String(csv.body().getBytes(), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.EXCEL)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).toList()).isEqualTo(ResultsExporter.HEADERS);
        CSVRecord row0 = records.stream().filter(r -> r.get(0).equals(ticket0)).findFirst().orElseThrow();
        assertThat(row0.get(ResultsExporter.HEADERS.indexOf("身份证号"))).isEqualTo(id0);
        assertThat(row0.get(ResultsExporter.HEADERS.indexOf("有效期至"))).isEqualTo(validUntil.toString());
        assertThat(row0.get(ResultsExporter.HEADERS.indexOf("证书编号"))).isEqualTo(certificate);
        assertThat(row0.get(ResultsExporter.HEADERS.indexOf("是否合格"))).isEqualTo("合格");
        assertThat(row0.get(ResultsExporter.HEADERS.indexOf("等级结果"))).isEqualTo("合格");
        CSVRecord row1 = records.stream().filter(r -> r.get(0).equals(node.candidate(1).ticket())).findFirst()
                .orElseThrow();
        assertThat(row1.get(ResultsExporter.HEADERS.indexOf("有效期至"))).isEmpty();
        assertThat(row1.get(ResultsExporter.HEADERS.indexOf("等级结果"))).isEqualTo("不合格");
        assertThat(row1.get(ResultsExporter.HEADERS.indexOf("证书编号"))).isEmpty();

        Api.Reply xlsx = api.get(sitting() + "/results/export?format=xlsx", admin);
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row found = null;
            for (Row r : sheet) {
                if (r.getRowNum() > 0 && r.getCell(0).getStringCellValue().equals(ticket0)) {
                    found = r;
                }
            }
            assertThat(found).isNotNull();
            assertThat(found.getCell(ResultsExporter.HEADERS.indexOf("身份证号")).getStringCellValue()).isEqualTo(id0);
            assertThat(DateUtil.isCellDateFormatted(found.getCell(ResultsExporter.HEADERS.indexOf("有效期至"))))
                    .isTrue();
            assertThat(found.getCell(ResultsExporter.HEADERS.indexOf("有效期至")).getLocalDateTimeCellValue()
                    .toLocalDate()).isEqualTo(validUntil);
            assertThat(found.getCell(ResultsExporter.HEADERS.indexOf("证书编号")).getStringCellValue())
                    .isEqualTo(certificate);
            assertThat(found.getCell(ResultsExporter.HEADERS.indexOf("等级结果")).getStringCellValue()).isEqualTo("合格");
        }
        Api.Reply bad = api.get(sitting() + "/results/export?format=pdf", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getJsonObject("details").getString("field")).isEqualTo("format");
    }

    @Test
    @DisplayName("Only an administrator releases results")
    void administratorsOnly() {
        Api.Reply made = api.post("/api/admin/staff", admin, new JsonObject().put("username", "release-proctor")
                .put("password", "long-enough-secret").put("role", "PROCTOR"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String proctor = api.post("/api/admin/login", null, new JsonObject().put("username", "release-proctor")
                .put("password", "long-enough-secret")).json().getString("token");
        assertThat(api.post(sitting() + "/results/release", proctor, null).status()).isEqualTo(403);
        assertThat(api.post(sitting() + "/results/release", null, null).status()).isEqualTo(401);
    }
}
