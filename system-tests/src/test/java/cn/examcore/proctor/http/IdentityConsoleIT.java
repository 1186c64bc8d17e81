package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.sitting.photo.TestPhotos;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 身份核验 from the console: the proctor sees the candidate's photo on the seat tile and panel and confirms the
 * identity there; a reader's IDENTITY_MISMATCH through the seat agent reaches the rules engine and the panel as C4.
 */
@DisplayName("Identity at the seat in the console")
class IdentityConsoleIT {


    private static void shot(Browser b, String name) throws Exception {
        b.screenshot(name);
    }

    @Test
    @DisplayName("a seat held for its identity check says so; a proctor confirms the candidate's identity beside the "
            + "photo; a reader's mismatch becomes a C4 flag")
    void confirmAndMismatch() throws Exception {
        try (TestNode node = TestNode.builder().leadSeconds(600).start();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of());
             Api api = new Api(node.baseUrl());
             Browser browser = Browser.start()) {
            String base = console.baseUrl();
            String admin = login(base, node.adminUser(), node.adminPassword());
            String roomId = call("GET", base + "/api/proctor/sittings/" + node.sittingId() + "/rooms", admin, null)
                    .path("rooms").get(0).path("id").asText();
            call("POST", base + "/api/admin/staff", admin, Map.of("username", "proctor1",
                    "password", "proctor-password-1", "role", "PROCTOR", "roomIds", List.of(roomId)));
            String seat = node.seatCodes().get(0);
            String other = node.seatCodes().get(1);
            HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            node.baseUrl() + "/api/admin/sittings/" + node.sittingId() + "/photos?fileName=p.zip"))
                    .header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestPhotos.zip(node.candidate(0).ticket() + ".jpg",
                            TestPhotos.jpeg(7)))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            // The sitting gives a seat its key only after the identity check; the first candidate has logged in.
            assertThat(api.put("/api/admin/sittings/" + node.sittingId() + "/admission", admin,
                    new JsonObject().put("identityRequired", true)).status()).isEqualTo(200);
            api.loginDemo(node, 0);

            browser.driver.get(base + "/");
            browser.await(10, "console login form", d -> browser.present("#login-form"));
            browser.type("#username", "proctor1");
            browser.type("#password", "proctor-password-1");
            browser.find("#login-form button[type=submit]").click();
            String seatCss = ".seat[data-seat='" + seat + "']";
            browser.await(15, "the room", d -> browser.present(seatCss));
            browser.await(10, "the photo on the tile", d -> (Boolean) browser.script(
                    "const i = document.querySelector(arguments[0] + ' img.thumb');"
                            + " return !!i && !i.hidden && i.src.startsWith('blob:')", seatCss));
            browser.await(10, "the held seat's tile", d -> browser.find(seatCss + " .state").getText()
                    .contains("待核验身份"));
            browser.find(seatCss).click();
            browser.await(10, "the photo in the panel", d -> (Boolean) browser.script(
                    "const i = document.querySelector('#seat-photo'); return !i.hidden && i.naturalWidth === 120"));
            browser.await(10, "the identity state", d -> browser.find("#identity-state").getText()
                    .startsWith("身份未核验：核验后才发放试卷"));
            shot(browser, "console-seat-photo-zh");
            browser.find("#confirm-identity").click();
            browser.await(10, "the confirmation", d -> browser.find("#identity-state").getText()
                    .startsWith("身份已核验（监考员，proctor1"));
            assertThat(browser.find("#confirm-identity").isDisplayed()).isFalse();
            browser.await(10, "the tile still says the seat is held", d -> !browser.find(seatCss + " .state").getText()
                    .contains("待核验身份"));
            assertThat(call("GET", node.baseUrl() + "/api/proctor/sittings/" + node.sittingId() + "/identity",
                    admin, null).get(0).path("seatCode").asText()).isEqualTo(seat);
            shot(browser, "console-identity-confirmed-zh");

            // A reader at the next seat reports a mismatch: the rules engine proposes C4 on the live stream.
            call("POST", node.baseUrl() + "/api/agent/events", node.agentKey(), Map.of("events", List.of(
                    Map.of("seatCode", other, "kind", "IDENTITY_MISMATCH",
                            "detail", Map.of("reason", "face does not match the photo")))));
            browser.find(".seat[data-seat='" + other + "']").click();
            browser.await(15, "no C4 flag appeared", d -> browser.find("#seat-flags").getText().contains("C4"));
            assertThat(browser.find("#seat-flags").getText()).contains("face does not match the photo");
            browser.find("#lang").click();
            browser.await(5, "English", d -> browser.find("#identity-state").getText()
                    .equals("Identity not confirmed"));
            shot(browser, "console-c4-flag-en");
        }
    }
}
