package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.console;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * 离线答卷 end to end in real browsers: a candidate page cut off before its deadline offers the offline file after
 * it and saves it as a download; a proctor uploads it in the console's room view, and exam-server holds the merged
 * answer, a new score and the seat event. A changed file, another attempt's file and a file after the window are
 * refused beside the button, in the console's language, with nothing changed.
 */
class OfflineAnswerFileIT {

    private static JsonNode result(TestNode node, String admin, String attemptId) {
        for (JsonNode row : call("GET", node.baseUrl() + "/api/admin/sittings/" + node.sittingId() + "/results", admin,
                null)) {
            if (attemptId.equals(row.path("attemptId").asText())) {
                return row;
            }
        }
        return null;
    }

    private static List<String> kinds(TestNode node, String admin, String attemptId) {
        return call("GET", node.baseUrl() + "/api/proctor/sittings/" + node.sittingId() + "/events?attemptId="
                + attemptId, admin, null).findValuesAsText("kind");
    }

    private static Path downloaded(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void upload(Browser console, Path file) {
        console.find("#offline-file").sendKeys(file.toAbsolutePath().toString());
        // Two refusals in a row may read alike: the line is emptied first, so the wait sees the second one arrive.
        console.script("document.getElementById('offline-result').textContent = ''");
        console.find("#offline-go").click();
        console.await(15, "the upload's answer", d -> !console.find("#offline-result").getText().isEmpty());
    }

    private static Path variant(Path dir, Path original, String name, Map<String, String> changes) throws IOException {
        ObjectNode file = (ObjectNode) Json.tree(Files.readString(original));
        changes.forEach(file::put);
        Path out = dir.resolve(name);
        Files.writeString(out, file.toString(), StandardCharsets.UTF_8);
        return out;
    }

    @Test
    @DisplayName("a page cut off before its deadline saves its offline file after it; the proctor uploads it in the"
            + " console and the answer, the score and the seat event change; a changed, foreign or late file is refused"
            + " beside the button in either language with nothing changed")
    void offlineFileFromPageToConsole() throws Exception {
        AtomicLong offset = new AtomicLong();
        Path downloads = Files.createTempDirectory("examcore-offline-downloads-");
        // T0 25 s ago with one minute to answer: the deadline comes 35 s after the start, about twice what the steps
        // before it (two browsers, a login, an answer, the network cut) take on a loaded two-core machine (17 s).
        try (TestNode node = TestNode.builder().leadSeconds(-25).durationMinutes(1)
                .clock(() -> System.currentTimeMillis() + offset.get()).start();
             ConsoleNode consoleNode = console(node, Map.of());
             Browser page = Browser.start(1366, 768);
             Browser console = Browser.start(1366, 768)) {
            String admin = login(node.baseUrl(), node.adminUser(), node.adminPassword());
            String roomId = call("GET", node.baseUrl() + "/api/proctor/sittings/" + node.sittingId() + "/rooms", admin,
                    null).path("rooms").get(0).path("id").asText();
            call("POST", node.baseUrl() + "/api/admin/staff", admin, Map.of("username", "proctor-offline",
                    "password", "proctor-offline-password", "role", "PROCTOR", "roomIds", List.of(roomId)));
            page.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toString()));

            // The candidate logs in and answers one item wrongly while connected.
            page.driver.get(node.baseUrl() + "/");
            page.await(15, "the enrolment form", d -> page.present("main[data-view=enrol]"));
            page.type("#seat-code", node.seatCodes().get(0));
            page.type("#pin", node.pin());
            page.find("button[type=submit]").click();
            page.await(10, "the login form", d -> page.present("main[data-view=login]"));
            page.type("#ticket", node.candidate(0).ticket());
            page.type("#id-number", node.candidate(0).idNumber());
            page.find("button[type=submit]").click();
            page.await(15, "the rules", d -> page.present("main[data-view=rules]"));
            page.find("label[for=ack]").click();
            page.find("#rules-continue").click();
            page.await(30, "the paper", d -> page.present("main[data-view=exam]") && page.present("#item-heading"));
            String attemptId = String.valueOf(page.script(
                    "return JSON.parse(sessionStorage.getItem('examcore.session')).attemptId"));
            PaperService.LoadedPaper paper = Papers.of(node, attemptId);
            PaperItem single = Papers.first(paper, ItemType.SINGLE_CHOICE);
            String right = String.valueOf(Papers.correct(single));
            String wrong = String.valueOf(Papers.wrong(single));
            page.find(".nav-item[data-item='" + single.number() + "']").click();
            page.find("label[for='item-" + single.number() + "-opt-" + wrong + "']").click();
            page.await(15, "the wrong answer saved", d -> "saved".equals(page.find("#save-status")
                    .getAttribute("data-state")));
            page.await(10, "the offline credentials", d -> page.script("return sessionStorage.getItem("
                    + "'examcore.offline.' + arguments[0])", attemptId) != null);

            // The network goes; the candidate corrects the answer, which stays in the page's journal.
            page.driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
            page.find("label[for='item-" + single.number() + "-opt-" + right + "']").click();
            page.await(10, "the offline panel", d -> page.present("#offline-panel"));
            assertThat(page.find("#offline-title").getText()).isEqualTo("无法连接服务器：请保存离线答卷文件并交给监考员");

            // The deadline passes on the server: the attempt is frozen with the wrong answer.
            page.await(90, "the deadline's freeze", d -> result(node, admin, attemptId) != null);
            JsonNode before = result(node, admin, attemptId);
            assertThat(before.path("submitKind").asText()).isEqualTo("AUTO_SUBMITTED");
            page.await(10, "the page's time up", d -> page.find("#offline-save").isDisplayed());
            // Cut off at its deadline the page submits nothing, and its time-up notice does not claim it does.
            page.await(10, "the time-up notice", d -> page.present("#time-up"));
            assertThat(page.find("#time-up").getText()).contains("网络未连接").doesNotContain("正在交卷");
            assertThat(page.axe()).as("axe on the offline panel").isEmpty();
            page.screenshot("offline-panel-zh");
            page.find("#offline-save").click();
            Path file = page.await(15, "the downloaded file", d -> downloaded(downloads));
            assertThat(file.getFileName().toString()).isEqualTo("examcore-offline-" + node.candidate(0).ticket() + "-"
                    + attemptId + ".json");
            page.await(5, "the saved message", d -> page.find("#offline-status").getText().startsWith("已保存"));
            page.find("#lang-switch").click();
            page.await(5, "English", d -> page.find("#offline-title").getText().startsWith("Cannot reach the server"));
            assertThat(page.find("#offline-status").getText()).startsWith("Saved examcore-offline-");
            page.screenshot("offline-panel-en");

            // The network returns after the freeze: the resend cannot add the corrected answer any more, so the
            // receipt keeps offering the file for the answer the server did not take.
            page.driver.deleteNetworkConditions();
            page.await(30, "the receipt with the late answers' panel", d -> page.present("main[data-view=receipt]")
                    && page.present("#offline-panel[data-kind=late]"));
            assertThat(page.find("#offline-title").getText()).startsWith("Some answers did not reach the server");
            assertThat(page.axe()).as("axe on the receipt with the offline panel").isEmpty();
            page.screenshot("offline-late-en");
            page.find("#lang-switch").click();
            page.await(5, "Chinese", d -> page.find("#offline-title").getText().startsWith("部分答案未能"));
            page.screenshot("offline-late-zh");

            // The proctor's console: the room view's upload.
            console.driver.get(consoleNode.baseUrl() + "/");
            console.await(10, "console login form", d -> console.present("#login-form"));
            console.type("#username", "proctor-offline");
            console.type("#password", "proctor-offline-password");
            console.find("#login-form button[type=submit]").click();
            console.await(15, "the room view", d -> console.present("#offline-form")
                    && console.find("#offline-form").isDisplayed());

            String ciphertext = Json.tree(Files.readString(file)).path("ciphertext").asText();
            Path changed = variant(downloads, file, "changed.json", Map.of("ciphertext",
                    (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1)));
            upload(console, changed);
            assertThat(console.find("#offline-result").getText()).startsWith("未执行").contains("离线答卷文件校验未通过");
            String otherAttempt = PaperService.attemptId(node.sittingId(), node.candidate(1).ticket(), "THEORY");
            Path foreign = variant(downloads, file, "foreign.json", Map.of("attemptId", otherAttempt));
            upload(console, foreign);
            assertThat(console.find("#offline-result").getText()).startsWith("未执行").contains("离线答卷文件校验未通过");
            assertThat(result(node, admin, attemptId)).as("nothing changed").isEqualTo(before);

            upload(console, file);
            assertThat(console.find("#offline-result").getText()).startsWith("已合并").contains("合并答案 1 条");
            JsonNode after = result(node, admin, attemptId);
            assertThat(after.path("objectiveScore").decimalValue()).isGreaterThan(before.path("objectiveScore")
                    .decimalValue());
            assertThat(kinds(node, admin, attemptId)).contains("OFFLINE_ANSWERS_MERGED");
            assertThat(node.node().services().attempts().get(attemptId).toCompletionStage().toCompletableFuture()
                    .get().answers().get(single.number()).value()).isEqualTo(Json.encode(right));
            assertThat(console.axe()).as("axe on the console with the upload's result").isEmpty();
            console.script("document.getElementById('offline-form').scrollIntoView()");
            console.screenshot("offline-console-zh");
            console.find("#lang").click();
            console.await(5, "English", d -> console.find("#offline-go").getText().equals("Upload offline answers"));
            assertThat(console.find("#offline-result").getText()).startsWith("Merged: seat " + node.seatCodes()
                    .get(0));
            console.screenshot("offline-console-en");

            // Thirty-one minutes after the deadline the window is closed.
            offset.set(31 * 60_000L);
            upload(console, file);
            assertThat(console.find("#offline-result").getText()).startsWith("Refused")
                    .contains("Outside the upload window");
            assertThat(result(node, admin, attemptId)).isEqualTo(after);
        }
    }
}
