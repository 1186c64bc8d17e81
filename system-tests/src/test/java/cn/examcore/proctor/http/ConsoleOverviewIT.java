package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chief proctor's site overview (全场概览) follows a seat change (调换考位) at once: the layout the console read at
 * the start places the candidate at the old seat, so without moving them on the live event the overview counted them
 * in the old room and the new seat stayed empty until a reload, whatever the refresh interval. The room record of
 * both rooms is still produced after two moves of a logged-in candidate, and the room view with its event panel is
 * photographed at 1366×768 in both languages.
 */
@DisplayName("The console overview after seat changes")
class ConsoleOverviewIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;

    private static List<String> siteRows(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#site-rows tr'), tr => Array.from(tr.cells, c => c.innerText.trim()).join(' '))");
        return rows;
    }

    private static void status(String url, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.statusCode() == 200 ? url : url + " " + r.body()).isEqualTo(200);
    }

    @Test
    @DisplayName("a candidate moved to another room is counted there on the overview within seconds, and moved again"
            + " within that room; both rooms' records are still produced; the room view fits 1366×768 in both"
            + " languages")
    void overviewFollowsSeatChanges() throws Exception {
        try (TestNode node = TestNode.start();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of());
             Browser browser = Browser.start(WIDTH, HEIGHT)) {
            browser.viewport(WIDTH, HEIGHT);
            String base = console.baseUrl();
            String sitting = base + "/api/proctor/sittings/" + node.sittingId();
            node.node().admin().addRoom(node.sittingId(), "R102", 2, 3, List.of(), "test")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ConsoleRestoreIT.candidateLogin(node, 0);
            String from = node.seatCodes().get(0);
            String admin = login(base, node.adminUser(), node.adminPassword());

            browser.driver.get(base + "/");
            browser.await(10, "console login form", d -> browser.present("#login-form"));
            browser.type("#username", node.adminUser());
            browser.type("#password", node.adminPassword());
            browser.find("#login-form button[type=submit]").click();
            browser.await(15, "the site overview with both rooms", d -> siteRows(browser).size() == 2
                    && siteRows(browser).get(0).startsWith("R101 30 1 29"));
            assertThat(siteRows(browser).get(1)).isEqualTo("R102 0 0 0 0 0 0");

            move(sitting, admin, from, "R102-01", "终端故障");
            // Live: the stream's event moves the candidate; the periodic re-read would not (it keys on the layout).
            browser.await(5, "the overview counts the candidate in R102", d -> siteRows(browser)
                    .equals(List.of("R101 29 0 29 0 0 0", "R102 1 1 0 0 0 0")));
            move(sitting, admin, "R102-01", "R102-02", "备用机也故障");
            String report = base + "/report/sittings/" + node.sittingId() + "/rooms/";
            status(report + roomOf(sitting, admin, from) + "/pdf", admin);
            status(report + roomOf(sitting, admin, "R102-01") + "/pdf", admin);
            browser.screenshot("console-1366-site-zh-CN");

            // The room the candidate now sits in: their tile at R102-02, the old seats empty, the event panel beside.
            browser.find("#site-rows tr:nth-child(2) button").click();
            browser.await(5, "R102 shown with the candidate at R102-02", d -> browser.present(
                    ".seat[data-seat='R102-02']") && "loggedIn".equals(browser.find(".seat[data-seat='R102-02']")
                    .getAttribute("data-state")));
            assertThat(browser.find(".seat[data-seat='R102-01']").getAttribute("data-state")).isEqualTo("empty");
            assertThat(browser.find(".seat[data-seat='R102-02']").getText()).contains(node.candidate(0).name());
            List<String> problems = new ArrayList<>();
            for (String lang : List.of("zh-CN", "en")) {
                if (!lang.equals(browser.script("return document.documentElement.lang"))) {
                    browser.find("#lang").click();
                }
                browser.script("window.scrollTo(0, 0)");
                browser.screenshot("console-1366-room-" + lang);
                browser.script("document.getElementById('feed').scrollIntoView()");
                browser.screenshot("console-1366-feed-" + lang);
                Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
                if (((Number) overflow).intValue() > 0) {
                    problems.add(lang + ": the page is " + overflow + " px wider than 1366");
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    private static void move(String sitting, String admin, String from, String to, String reason) {
        var reply = call("POST", sitting + "/seats/" + from + "/change-seat", admin, Map.of("toSeat", to,
                "reason", reason));
        assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
    }

    /** The id of the room that holds {@code seat}, from the rooms query. */
    private static String roomOf(String sitting, String admin, String seat) {
        for (var room : call("GET", sitting + "/rooms", admin, null).path("rooms")) {
            for (var s : room.path("seats")) {
                if (s.path("code").asText().equals(seat)) {
                    return room.path("id").asText();
                }
            }
        }
        throw new AssertionError("no room holds seat " + seat);
    }
}
