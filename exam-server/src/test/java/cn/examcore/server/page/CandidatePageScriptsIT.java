package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Digest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The candidate page's own logic (journal, revisions, merge, digest, clock, events, dictionary) run inside the
 * real browser, against the page's ES modules exactly as they are served. Only static files are needed, so the
 * modules are served by a bare Vert.x static handler from the same classpath folder the server uses, next to a
 * stand-in of the candidate resource endpoint that, like the real one, answers only a bearer token.
 */
@SuppressWarnings("unchecked")
@DisplayName("Candidate page scripts in a real browser")
class CandidatePageScriptsIT {

    private static final Path JS = Path.of("src", "main", "resources", "webroot", "candidate", "js");
    private static final Pattern USED_KEY = Pattern.compile("\\bt(?:List)?\\(\\s*'([A-Za-z0-9_.]+)'");

    private static final String RESOURCE_TOKEN = "token-of-the-test";
    private static final byte[] DOT_PNG = png(12, 8);

    /** Requests that reached the resource endpoint, by name, and every path any request asked for. */
    private static final Map<String, AtomicInteger> RESOURCE_HITS = new ConcurrentHashMap<>();
    private static final List<String> PATHS = new CopyOnWriteArrayList<>();

    private static Vertx vertx;
    private static HttpServer server;
    private static ChromeBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            PATHS.add(ctx.request().uri());
            ctx.next();
        });
        router.get("/api/candidate/resource/:name").handler(ctx -> {
            String name = ctx.pathParam("name");
            if (!("Bearer " + RESOURCE_TOKEN).equals(ctx.request().getHeader("Authorization"))) {
                ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                        .end("{\"code\":\"BAD_TOKEN\",\"message\":\"no bearer token\",\"details\":{}}");
                return;
            }
            RESOURCE_HITS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            if (!name.equals("dot.png")) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .end("{\"code\":\"NOT_FOUND\",\"message\":\"no resource\",\"details\":{\"field\":\"name\"}}");
                return;
            }
            ctx.response().putHeader("Content-Type", "image/png").end(io.vertx.core.buffer.Buffer.buffer(DOT_PNG));
        });
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        server = vertx.createHttpServer().requestHandler(router).listen(0)
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        browser = ChromeBrowser.shared("http://localhost:" + server.actualPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void openPage() {
        browser.driver.get("http://localhost:" + server.actualPort() + "/candidate/");
        browser.await(10, "the page did not boot", d -> browser.script("return !!window.examcoreCandidate"));
        browser.script("localStorage.clear(); sessionStorage.clear();");
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x < width / 2 ? Color.BLUE : Color.ORANGE).getRGB());
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an async function body with the page's modules; returns what it returns. */
    @SuppressWarnings("unchecked")
    private static <T> T run(String body) {
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => { %s })().then(done, (e) => done({ error: String(e && e.stack || e) }));
                """.formatted(body));
        if (result instanceof Map<?, ?> map && map.containsKey("error")) {
            throw new AssertionError("script failed in the browser: " + map.get("error"));
        }
        return (T) result;
    }

    @Test
    @DisplayName("both languages define the same message keys, none of them empty")
    void dictionariesMatch() {
        Map<String, Object> r = run("""
                const { MESSAGES } = await import('/candidate/js/messages.js');
                const zh = Object.keys(MESSAGES['zh-CN']), en = Object.keys(MESSAGES.en);
                const empty = (lang) => Object.entries(MESSAGES[lang])
                  .filter(([, v]) => (Array.isArray(v) ? v.length === 0 : !String(v).trim())).map(([k]) => lang + ':' + k);
                return { onlyZh: zh.filter((k) => !en.includes(k)), onlyEn: en.filter((k) => !zh.includes(k)),
                         empty: [...empty('zh-CN'), ...empty('en')], count: zh.length };
                """);
        assertThat((List<String>) r.get("onlyZh")).as("keys missing in English").isEmpty();
        assertThat((List<String>) r.get("onlyEn")).as("keys missing in Chinese").isEmpty();
        assertThat((List<String>) r.get("empty")).as("empty messages").isEmpty();
        assertThat(((Number) r.get("count")).intValue()).isGreaterThan(150);
    }

    @Test
    @DisplayName("every message key the page's code asks for exists in the dictionary")
    void everyUsedKeyExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                Matcher m = USED_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        List<String> known = run("""
                const { MESSAGES } = await import('/candidate/js/messages.js');
                return Object.keys(MESSAGES['zh-CN']);
                """);
        assertThat(used).as("keys found in the page's code").hasSizeGreaterThan(100);
        assertThat(known).containsAll(used);
    }

    @Test
    @DisplayName("an unsent change keeps its revision, a change after sending takes the next, and a reload keeps both")
    void revisionsAreStrictlyIncreasingAndPersisted() {
        Map<String, Object> r = run("""
                const { AnswerStore } = await import('/candidate/js/journal.js');
                const s = new AnswerStore('it-rev');
                const a = s.set(1, 'A').rev;
                const b = s.set(1, 'B').rev;
                s.markSent(1);
                const c = s.set(1, 'C').rev;
                s.markSent(1);
                s.acknowledge(1, c);
                const afterAck = s.pendingCount();
                const d = s.set(1, 'D').rev;
                const reloaded = new AnswerStore('it-rev');
                const reloadedValue = reloaded.value(1);
                reloaded.markSent(1);
                const e = reloaded.set(1, 'E').rev;
                return { a, b, c, d, e, afterAck, reloadedValue,
                         journal: JSON.parse(localStorage.getItem('examcore.journal.it-rev')) };
                """);
        assertThat(r).containsEntry("a", 1L).containsEntry("b", 1L).containsEntry("c", 2L)
                .containsEntry("d", 3L).containsEntry("e", 4L).containsEntry("afterAck", 0L)
                .containsEntry("reloadedValue", "D");
        assertThat((Map<String, Object>) r.get("journal")).containsOnlyKeys("1");
        assertThat((Map<String, Object>) ((Map<String, Object>) r.get("journal")).get("1"))
                .containsEntry("value", "E").containsEntry("rev", 4L);
    }

    @Test
    @DisplayName("the server's vector wins where its revision is higher and acknowledges journal entries it holds")
    void welcomeMergeFollowsRevisions() {
        Map<String, Object> r = run("""
                const { AnswerStore } = await import('/candidate/js/journal.js');
                const s = new AnswerStore('it-merge');
                s.set(1, 'A'); s.markSent(1); s.set(1, 'B');   // item 1: rev 2, newer than the server's
                s.set(2, 'C');                                 // item 2: rev 1, the server has rev 5
                s.set(3, true);                                // item 3: rev 1, the server has the same
                const changed = s.merge([
                  { item: 1, value: 'A', rev: 1 }, { item: 2, value: 'D', rev: 5 },
                  { item: 3, value: true, rev: 1 }, { item: 4, value: ['x', ''], rev: 2 }]);
                const pending = Object.keys(s.journal);
                s.markSent(2);
                return { changed, v1: s.value(1), v2: s.value(2), v3: s.value(3), v4: s.value(4), pending,
                         next2: s.set(2, 'E').rev };
                """);
        assertThat((List<Object>) r.get("changed")).containsExactly(2L, 4L);
        assertThat(r).containsEntry("v1", "B").containsEntry("v2", "D").containsEntry("v3", true)
                .containsEntry("v4", List.of("x", "")).containsEntry("next2", 6L);
        assertThat((List<Object>) r.get("pending")).containsExactly("1");
    }

    @Test
    @DisplayName("the page's answer digest equals the server's Digest for the same vector")
    void digestMatchesTheServer() {
        String page = run("""
                const { answerDigest } = await import('/candidate/js/crypto.js');
                return answerDigest([
                  { item: 3, value: 'A', rev: 2 }, { item: 1, value: ['x'], rev: 3 },
                  { item: 2, value: null, rev: 4 }, { item: 10, value: { text: '简述' }, rev: 1 }]);
                """);
        String server = Digest.of(List.of(new Answer(3, "\"A\"", 2, 0), new Answer(1, "[\"x\"]", 3, 0),
                new Answer(2, null, 4, 0), new Answer(10, "{\"text\":\"简述\"}", 1, 0)));
        assertThat(page).isEqualTo(server).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("the seat socket walks the node list on every reconnect, and uses the page's own origin without one;"
            + " its token goes as a subprotocol, not in the URL")
    void socketFailsOverAlongTheNodeList() {
        List<String> origins = run("""
                const { SeatSocket } = await import('/candidate/js/socket.js');
                const urls = [];
                const Real = window.WebSocket;
                // A socket that never opens: every attempt is lost at once, as against a dead node.
                window.WebSocket = class {
                  static OPEN = 1;
                  constructor(url, protocols) {
                    // The token goes as a subprotocol, never in the URL: a URL naming it is recorded as such.
                    const offered = JSON.stringify(protocols);
                    urls.push(url.includes('?') || offered !== '["examcore.seat.v1","examcore.token.t"]'
                        ? 'token misplaced: ' + url + ' ' + offered : url);
                    this.readyState = 0;
                    setTimeout(() => { this.readyState = 3; if (this.onclose) this.onclose(); }, 0);
                  }
                  close() {}
                  send() {}
                };
                const tick = () => new Promise((r) => setTimeout(r, 20));
                const hooks = { clock: { pong() {} }, onOpen() {}, onMessage() {}, onStatus() {} };
                try {
                  const s = new SeatSocket({ token: 't', nodes: ['ws://n1:1', 'ws://n2:2', 'ws://n3:3'], ...hooks });
                  s.start();
                  for (let i = 0; i < 4; i++) { await tick(); s.reconnectNow(); }
                  await tick();
                  s.stop();
                  const own = new SeatSocket({ token: 't', nodes: [], ...hooks });
                  own.start();
                  await tick();
                  own.stop();
                } finally {
                  window.WebSocket = Real;
                }
                return urls.map((u) => u.split('/ws/seat')[0]);
                """);
        List<String> nodes = List.of("ws://n1:1", "ws://n2:2", "ws://n3:3");
        List<String> walked = origins.subList(0, origins.size() - 1);
        assertThat(walked).hasSizeGreaterThanOrEqualTo(4).allMatch(nodes::contains);
        for (int i = 1; i < walked.size(); i++) {
            assertThat(nodes.indexOf(walked.get(i))).as("attempt %d goes to the next node", i)
                    .isEqualTo((nodes.indexOf(walked.get(i - 1)) + 1) % nodes.size());
        }
        assertThat(origins.get(origins.size() - 1)).isEqualTo("ws://localhost:" + server.actualPort());
    }

    @Test
    @DisplayName("the clock offset comes from the pong with the shortest round trip")
    void clockPrefersTheFastestPong() {
        Map<String, Object> r = run("""
                const { ServerClock } = await import('/candidate/js/clock.js');
                const c = new ServerClock();
                const now = Date.now();
                c.pong(now - 100, now - 50 + 10000);     // round trip ~100 ms: server 10 s ahead
                c.pong(now - 3000, now - 1500 + 60000);  // round trip ~3 s: a worse estimate
                return { offset: c.offset, ahead: c.now() - Date.now() };
                """);
        assertThat(((Number) r.get("offset")).doubleValue()).isBetween(9_950.0, 10_050.0);
        assertThat(((Number) r.get("ahead")).doubleValue()).isBetween(9_950.0, 10_050.0);
    }

    @Test
    @DisplayName("a paste is reported with its length and item, never its content, and offline events wait in order")
    void pasteAndOfflineEvents() {
        Map<String, Object> r = run("""
                const { BrowserEvents } = await import('/candidate/js/events.js');
                const sent = [];
                let connected = false;
                const events = new BrowserEvents((e) => { if (!connected) return false; sent.push(e); return true; },
                  () => 7, () => {});
                events.start();
                const data = new DataTransfer();
                data.setData('text/plain', 'secret answer text');
                document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
                window.dispatchEvent(new Event('blur'));
                const queued = events.queue.length;
                connected = true;
                events.flush();
                events.stop();
                return { queued, sent: JSON.stringify(sent), kinds: sent.map((e) => e.kind), paste: sent[0].detail };
                """);
        assertThat(r).containsEntry("queued", 2L);
        assertThat((List<String>) r.get("kinds")).containsExactly("PASTE", "BLUR");
        assertThat((Map<String, Object>) r.get("paste")).containsEntry("length", 18L).containsEntry("item", 7L);
        assertThat((String) r.get("sent")).doesNotContain("secret");
    }

    @Test
    @DisplayName("res: images in item HTML never load by themselves: each is fetched once per name with the bearer "
            + "token, shown from a blob: URL, marked when it cannot load, and the URLs die with the attempt")
    void resourceImagesResolveThroughTheToken() {
        RESOURCE_HITS.clear();
        Map<String, Object> r = run("""
                const { trustedHtml } = await import('/candidate/js/dom.js');
                const { ResourceImages } = await import('/candidate/js/resources.js');
                const { fetchResource } = await import('/candidate/js/api.js');
                const failedSources = [];
                document.addEventListener('error', (e) => {
                  if (e.target.tagName === 'IMG') failedSources.push(e.target.getAttribute('src'));
                }, true);
                // Control: the same markup set as plain innerHTML makes the browser try the res: URL itself, which
                // is what the detector above must see; it proves an absence of such errors below means something.
                const control = document.createElement('div');
                document.body.append(control);
                const controlFailed = new Promise((resolve) => {
                  control.addEventListener('error', () => resolve(true), { capture: true, once: true });
                  setTimeout(() => resolve(false), 5000);
                });
                control.innerHTML = '<img src="res:control.png" alt="c">';
                const controlSeen = await controlFailed;
                control.remove();

                const root = trustedHtml('div', '<p>图一<img src="res:dot.png" alt="示意图"></p>'
                  + '<p><img src="res:dot.png" alt="同一张图"><img src="res:missing.png" alt="缺失的图">'
                  + '<img src="https://example.invalid/x.png" alt="外部图片"></p>');
                document.body.append(root);
                const srcAfterInsert = Array.from(root.querySelectorAll('img'), (i) => i.getAttribute('src'));
                const names = Array.from(root.querySelectorAll('img'), (i) => i.dataset.res);
                const images = new ResourceImages((name) => fetchResource('%s', name));
                const done = images.resolve(root);
                const loadingText = root.querySelector('.res-placeholder').textContent;
                await done;
                const imgs = Array.from(root.querySelectorAll('img'));
                const states = imgs.map((i) => i.dataset.resState);
                const placeholders = Array.from(root.querySelectorAll('.res-placeholder'),
                  (p) => ({ state: p.dataset.state, text: p.textContent, label: p.getAttribute('aria-label') }));
                const url = imgs[0].src;
                const before = await fetch(url).then((x) => x.ok, () => false);
                images.close();
                const after = await fetch(url).then((x) => x.ok, () => false);
                let closedRefused = false;
                try { await images.url('dot.png'); } catch { closedRefused = true; }
                root.remove();
                return { controlSeen, failedSources, srcAfterInsert, names, loadingText, states, placeholders,
                         urls: [imgs[0].src, imgs[1].src], width: imgs[0].naturalWidth, height: imgs[0].naturalHeight,
                         before, after, closedRefused };
                """.formatted(RESOURCE_TOKEN));
        assertThat(r).containsEntry("controlSeen", true);
        assertThat((List<Object>) r.get("failedSources")).as("image loads the browser attempted and failed")
                .containsExactly("res:control.png");
        assertThat(PATHS).as("no request ever named a res: URL").noneMatch(p -> p.contains("res:"));
        assertThat((List<Object>) r.get("srcAfterInsert")).containsOnlyNulls();
        assertThat((List<Object>) r.get("names")).containsExactly("dot.png", "dot.png", "missing.png", "");
        assertThat((String) r.get("loadingText")).contains("图片加载中", "示意图");
        assertThat((List<Object>) r.get("states")).containsExactly("loaded", "loaded", "failed", "failed");
        assertThat((List<String>) r.get("urls")).as("both images of one name share one cached blob: URL")
                .hasSize(2).allMatch(u -> u.startsWith("blob:")).containsOnly(((List<String>) r.get("urls")).get(0));
        assertThat(r).containsEntry("width", 12L).containsEntry("height", 8L);
        assertThat(RESOURCE_HITS).as("one fetch per name, each with the token")
                .containsOnlyKeys("dot.png", "missing.png");
        assertThat(RESOURCE_HITS.get("dot.png")).hasValue(1);
        List<Map<String, Object>> placeholders = (List<Map<String, Object>>) r.get("placeholders");
        assertThat(placeholders).hasSize(2).allSatisfy(p -> assertThat(p).containsEntry("state", "failed"));
        assertThat(placeholders.get(0)).containsEntry("label", "图片无法显示：缺失的图");
        assertThat(placeholders.get(1).get("text").toString()).contains("外部图片");
        assertThat(r).containsEntry("before", true).containsEntry("after", false).containsEntry("closedRefused", true);
    }

    @Test
    @DisplayName("a resource fetched without the right token shows the failure placeholder, not an empty space")
    void resourceImageWithoutTokenFails() {
        RESOURCE_HITS.clear();
        Map<String, Object> r = run("""
                const { trustedHtml } = await import('/candidate/js/dom.js');
                const { ResourceImages } = await import('/candidate/js/resources.js');
                const { fetchResource } = await import('/candidate/js/api.js');
                const root = trustedHtml('div', '<img src="res:dot.png" alt="示意图">');
                document.body.append(root);
                await new ResourceImages((name) => fetchResource('not-the-token', name)).resolve(root);
                const p = root.querySelector('.res-placeholder');
                return { state: root.querySelector('img').dataset.resState, src: root.querySelector('img').getAttribute('src'),
                         placeholder: p && p.dataset.state, visible: p && p.getBoundingClientRect().height > 0 };
                """);
        assertThat(r).containsEntry("state", "failed").containsEntry("placeholder", "failed")
                .containsEntry("visible", true);
        assertThat(r.get("src")).isNull();
        assertThat(RESOURCE_HITS).isEmpty();
    }

    @Test
    @DisplayName("a reminder acknowledgement made offline waits in the stored queue behind earlier events and is "
            + "sent after them")
    void reminderAcknowledgementIsQueuedLikeEvents() {
        Map<String, Object> r = run("""
                const { BrowserEvents } = await import('/candidate/js/events.js');
                const sent = [];
                let connected = false;
                const events = new BrowserEvents((m) => { if (!connected) return false; sent.push(m); return true; },
                  () => null, () => {}, 'examcore.events.it-ack');
                events.start();
                window.dispatchEvent(new Event('blur'));
                events.deliver({ type: 'ack-reminder', reminderId: 'rem-1' });
                const stored = JSON.parse(localStorage.getItem('examcore.events.it-ack'));
                const reloaded = new BrowserEvents((m) => { sent.push(m); return true; }, () => null, () => {},
                  'examcore.events.it-ack');
                events.stop();
                reloaded.flush();
                connected = true;
                reloaded.deliver({ type: 'ack-reminder', reminderId: 'rem-2' });
                return { stored: stored.map((m) => m.type), sent: sent.map((m) => m.type + ':' + (m.reminderId || m.kind)),
                         left: localStorage.getItem('examcore.events.it-ack') };
                """);
        assertThat((List<String>) r.get("stored")).containsExactly("event", "ack-reminder");
        assertThat((List<String>) r.get("sent")).containsExactly("event:BLUR", "ack-reminder:rem-1",
                "ack-reminder:rem-2");
        assertThat(r.get("left")).isNull();
    }
}
