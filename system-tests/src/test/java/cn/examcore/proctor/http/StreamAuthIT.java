package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.console;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static cn.examcore.proctor.http.ProctorConsoleIT.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The live stream's authentication (one-time tickets, the stream ending with the staff token) and the page's
 * language: times in the sitting's zone whatever the browser's, explanations and server errors in zh-CN or English.
 */
class StreamAuthIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long generation(TestNode node) {
        return cn.examcore.server.node.ExamNode.await(node.node().services().staff().account(node.adminUser()))
                .orElseThrow().tokenGeneration();
    }

    /** A sign-in as the console keeps it, with an access token the page takes to be good for an hour. */
    private static void storeSession(Browser browser, String accessToken, String refreshToken) {
        browser.script("sessionStorage.setItem('examcore.console.session', JSON.stringify({username: 'admin',"
                + " role: 'ADMIN', token: arguments[0], expiresAt: Date.now() + 3600000, refreshToken: arguments[1],"
                + " sessionEndsAt: Date.now() + 36000000})); location.reload();", accessToken, refreshToken);
    }

    private static String storedToken(Browser browser) {
        Object token = browser.script("const s = sessionStorage.getItem('examcore.console.session');"
                + " return s ? JSON.parse(s).token : null;");
        return (String) token;
    }

    private static String code(HttpResponse<String> r) {
        return Json.tree(r.body()).path("code").asText();
    }

    @Test
    @DisplayName("a stream ticket opens one stream and is refused when reused or expired; the token never goes in "
            + "the URL; the stream ends when the staff token expires, and so does a ticket's issue; the page "
            + "renews its token and streams on, and returns to the login form once its sign-in is retired")
    void ticketsAndExpiry() throws Exception {
        try (TestNode node = TestNode.start();
             ConsoleNode console = console(node, Map.of("stream-ticket-seconds", "2"));
             Browser browser = Browser.start()) {
            String base = console.baseUrl();
            String sitting = node.sittingId();
            String admin = login(base, node.adminUser(), node.adminPassword());
            String stream = base + "/live/sittings/" + sitting + "/stream";

            HttpResponse<String> inUrl = send(HttpRequest.newBuilder(URI.create(stream + "?token=" + admin)));
            assertThat(inUrl.statusCode()).isEqualTo(400);
            assertThat(Json.tree(inUrl.body()).path("details").path("field").asText()).isEqualTo("token");
            HttpResponse<String> noHeader = send(HttpRequest.newBuilder(URI.create(base + "/live/sittings/" + sitting
                    + "/ticket")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(noHeader.statusCode()).isEqualTo(401);
            assertThat(code(noHeader)).isEqualTo("UNAUTHORIZED");

            // One use: the first stream opens, the same ticket again is refused.
            String once = ticket(base, sitting, admin);
            LiveStream first = LiveStream.openUrl(stream + "?ticket=" + once);
            assertThat(first.next(m -> true).path("type").asText()).isEqualTo("snapshot");
            HttpResponse<String> reused = send(HttpRequest.newBuilder(URI.create(stream + "?ticket=" + once)));
            assertThat(reused.statusCode()).isEqualTo(401);
            assertThat(code(reused)).isEqualTo("BAD_TICKET");

            // Expired: the test console's tickets live 2 s.
            String stale = ticket(base, sitting, admin);
            Thread.sleep(2_500);
            HttpResponse<String> expired = send(HttpRequest.newBuilder(URI.create(stream + "?ticket=" + stale)));
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(code(expired)).isEqualTo("BAD_TICKET");

            // A staff token that lives 4 s: its stream ends with an "expired" message when the token does.
            TokenService tokens = new TokenService(console.vertx(), node.jwtSecret());
            String shortLived = tokens.issueStaff(node.adminUser(), Role.ADMIN, Set.of(), Duration.ofSeconds(4));
            long issued = System.currentTimeMillis();
            LiveStream ending = LiveStream.open(base, sitting, shortLived);
            JsonNode last = ending.next(m -> "expired".equals(m.path("type").asText()));
            ending.ended().get(5, TimeUnit.SECONDS);
            long after = System.currentTimeMillis() - issued;
            System.out.println("stream of a 4 s staff token ended " + after + " ms after the token was issued");
            assertThat(last.path("code").asText()).isEqualTo("STALE_TOKEN");
            assertThat(after).isBetween(2_900L, 8_000L);
            HttpResponse<String> late = send(HttpRequest.newBuilder(URI.create(base + "/live/sittings/" + sitting
                    + "/ticket")).header("Authorization", "Bearer " + shortLived)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(late.statusCode()).isEqualTo(401);
            assertThat(code(late)).isEqualTo("STALE_TOKEN");
            assertThat(first.ended()).isNotDone();

            // The page signed in with an access token that lives 8 s (the page believes it good for an hour): its
            // stream ends when the token does, and the page renews the token with the sign-in's refresh token and
            // streams on, without a login form.
            JsonNode signIn = ProctorConsoleIT.call("POST", base + "/api/admin/login", null,
                    Map.of("username", node.adminUser(), "password", node.adminPassword()));
            browser.driver.get(base + "/console/");
            browser.await(10, "console login form", d -> browser.present("#login-form"));
            long generation = generation(node);
            String pageToken = tokens.issueStaff(node.adminUser(), Role.ADMIN, Set.of(), generation,
                    Duration.ofSeconds(8));
            storeSession(browser, pageToken, signIn.path("refreshToken").asText());
            browser.await(10, "the page did not stream", d -> browser.find("#live").getText().equals("● 实时"));
            browser.await(20, "the page did not renew its token when the stream ended",
                    d -> !pageToken.equals(storedToken(browser)) && storedToken(browser) != null);
            browser.await(10, "the page did not stream again", d -> browser.find("#live").getText().equals("● 实时"));
            assertThat(browser.find("#login-view").isDisplayed()).isFalse();

            // Logged out elsewhere: the sign-in's refresh token is retired, so when the next short token ends the
            // page goes back to the login form saying why, and forgets the sign-in.
            HttpResponse<String> loggedOut = send(HttpRequest.newBuilder(URI.create(base + "/api/staff/logout"))
                    .header("Authorization", "Bearer " + signIn.path("token").asText())
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(loggedOut.statusCode()).isEqualTo(204);
            String afterLogout = tokens.issueStaff(node.adminUser(), Role.ADMIN, Set.of(), generation(node),
                    Duration.ofSeconds(6));
            storeSession(browser, afterLogout, signIn.path("refreshToken").asText());
            browser.await(10, "the page did not stream", d -> browser.find("#live").getText().equals("● 实时"));
            browser.await(20, "the page did not go back to the login form", d -> browser.find("#login-view")
                    .isDisplayed() && browser.find("#login-error").getText().startsWith("登录已过期或失效，请重新登录"));
            assertThat(browser.find("#login-error").getText()).contains("登录已过期");
            assertThat((String) browser.script("return sessionStorage.getItem('examcore.console.session')")).isNull();
        }
    }

    @Test
    @DisplayName("in a browser set to New York the page shows times in the sitting's zone (Asia/Shanghai), 24-hour, "
            + "in zh-CN and English; explanations and event kinds render in both; every ErrorType has a zh and an en text")
    void pageLocale() throws Exception {
        try (TestNode node = TestNode.start();
             ConsoleNode console = console(node, Map.of());
             Browser browser = Browser.start()) {
            browser.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId",
                    "America/New_York"));
            browser.driver.get(console.baseUrl() + "/console/");
            browser.await(10, "the catalogue did not load", d -> Boolean.TRUE.equals(
                    browser.script("return import('/console/js/texts.js')"
                            + ".then(x => x.textsLoaded() && x.sittingZone() === 'Asia/Shanghai')")));
            long at = Instant.parse("2026-12-02T06:03:05Z").toEpochMilli();
            List<String> codes = Arrays.stream(ErrorType.values()).map(Enum::name).toList();
            @SuppressWarnings("unchecked")
            List<Object> out = (List<Object>) browser.script("""
                    return (async () => {
                      const [ms, codes] = arguments;
                      const {setLang, fmtTime, fmtDateTime, explain, errorText, kindText} =
                        await import('/console/js/texts.js');
                      const {ERROR_MESSAGES} = await import('/console/kit/errors.js');
                      const x = {parts: [{key: 'INCIDENT_RECORDED_BY', params: {by: 'p7', category: 'A3'}},
                        {key: 'CONTINUED_AFTER_GENERAL_REMINDER', params: {remindedAt: ms}}], text: 'fallback'};
                      const r = {browserZone: Intl.DateTimeFormat().resolvedOptions().timeZone};
                      for (const lang of ['zh-CN', 'en']) {
                        setLang(lang);
                        r[lang] = [fmtTime(ms), fmtDateTime(ms), explain(x),
                          errorText({code: 'BAD_CREDENTIALS', message: 'wrong user name or password'}),
                          kindText('PHONE_DETECTED'), kindText('AUDIT:REMIND')];
                      }
                      setLang('zh-CN');
                      r.missing = codes.filter(c => !ERROR_MESSAGES['zh-CN'][c] || !ERROR_MESSAGES.en[c]);
                      r.unknown = explain({parts: [{key: 'NO_SUCH_KEY', params: {}}], text: 'the English text'});
                      return [r.browserZone, r['zh-CN'], r.en, r.missing, r.unknown];
                    })();
                    """, at, codes);
            assertThat(out.get(0)).isEqualTo("America/New_York");
            assertThat(out.get(1)).isEqualTo(List.of("14:03:05", "2026年12月2日 14:03:05",
                    "p7 记录了 A3（喧哗、吸烟等影响考场秩序）；14:03:05 已作一般提醒，行为仍在继续",
                    "用户名或密码错误 — wrong user name or password", "检测到手机", "AUDIT:REMIND"));
            assertThat(out.get(2)).isEqualTo(List.of("14:03:05", "2 Dec 2026, 14:03:05",
                    "p7 recorded A3 (noise, smoking or other disturbance of the room); continued after the reminder "
                            + "at 14:03:05 (a general reminder)",
                    "Wrong user name or password — wrong user name or password", "phone detected",
                    "AUDIT:REMIND"));
            assertThat(out.get(3)).as("ErrorType codes without a zh or en text").isEqualTo(List.of());
            assertThat(out.get(4)).isEqualTo("the English text");

            // A real server error on the login form, in Chinese with the server's own detail.
            browser.type("#username", node.adminUser());
            browser.type("#password", "not-the-password");
            browser.find("#login-form button[type=submit]").click();
            browser.await(10, "no login error", d -> !browser.find("#login-error").getText().isEmpty());
            assertThat(browser.find("#login-error").getText()).startsWith("用户名或密码错误 — ");
        }
    }
}
