package cn.examcore.proctor.http;

import static cn.examcore.proctor.http.ProctorConsoleIT.call;
import static cn.examcore.proctor.http.ProctorConsoleIT.login;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.platform.json.Json;
import cn.examcore.proctor.ConsoleNode;
import cn.examcore.server.attempt.AnswerValues;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Live data against a real exam node with the console reading it over HTTP: the answer-similarity
 * detector on a running sitting, seat progress on the stream, and the seat socket's opening.
 */
class LiveDataIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("identical wrong answers at two neighbouring seats become a B2 flag at each seat on the live stream, "
            + "with the pair's statistic, p-value and seats; a re-run adds nothing; proctors may not run it")
    void plantedCopyingBecomesB2Flags() throws Exception {
        try (TestNode node = choiceSitting();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of("similarity-seconds", "0"))) {
            Map<String, Attempt> bySeat = answerAll(node, true);
            String base = console.baseUrl();
            String admin = login(base, node.adminUser(), node.adminPassword());
            LiveStream live = LiveStream.open(base, node.sittingId(), admin);
            assertThat(live.next(m -> true).path("flags")).isEmpty();

            JsonNode run = call("POST", base + "/live/sittings/" + node.sittingId() + "/similarity", admin, null);
            assertThat(run.path("candidates").asInt()).isEqualTo(30);
            assertThat(run.path("suspicions").asInt()).as("run %s", run).isEqualTo(1);
            assertThat(run.path("flags").asInt()).isEqualTo(2);
            assertThat(run.path("newOrChanged").asInt()).isEqualTo(2);

            String source = node.seatCodes().get(0);
            String copier = node.seatCodes().get(1);
            List<JsonNode> flags = new ArrayList<>();
            live.next(m -> {
                m.path("flags").forEach(flags::add);
                return flags.size() >= 2;
            });
            assertThat(flags).extracting(f -> f.path("seatCode").asText()).containsExactlyInAnyOrder(source, copier);
            for (JsonNode f : flags) {
                assertThat(f.path("category").asText()).isEqualTo("B2");
                assertThat(f.path("tier").asText()).isEqualTo("B");
                assertThat(f.path("attemptId").asText()).isEqualTo(bySeat.get(f.path("seatCode").asText()).id());
                JsonNode pair = f.path("similarity").path("pairs").get(0);
                assertThat(pair.path("neighbours").asBoolean()).isTrue();
                assertThat(List.of(pair.path("seatA").asText(), pair.path("seatB").asText()))
                        .containsExactlyInAnyOrder(source, copier);
                assertThat(pair.path("identicalWrong").asInt()).isGreaterThanOrEqualTo(15);
                assertThat(pair.path("pValue").asDouble()).isLessThanOrEqualTo(pair.path("threshold").asDouble());
            }

            JsonNode again = call("POST", base + "/live/sittings/" + node.sittingId() + "/similarity", admin, null);
            assertThat(again.path("flags").asInt()).isEqualTo(2);
            assertThat(again.path("newOrChanged").asInt()).as("same answers, same flags, none new").isZero();
            JsonNode snapshot = LiveStream.open(base, node.sittingId(), admin).next(m -> true);
            assertThat(snapshot.path("flags")).extracting(f -> f.path("id").asText())
                    .containsExactlyElementsOf(flags.stream().map(f -> f.path("id").asText()).toList());

            // The confirm/dismiss path is the rules flags' one: the decision names the flag id.
            JsonNode decision = call("POST", base + "/api/proctor/sittings/" + node.sittingId() + "/decisions",
                    admin, Map.of("attemptId", flags.get(1).path("attemptId").asText(), "category", "B2",
                            "outcome", "DISMISSED", "flagId", flags.get(1).path("id").asText(),
                            "reason", "答卷复核：系同一错误教材所致"));
            assertThat(decision.path("flagId").asText()).isEqualTo(flags.get(1).path("id").asText());

            // Answers are confidential: neither the run nor the answers are for a proctor.
            String roomId = call("GET", base + "/api/proctor/sittings/" + node.sittingId() + "/rooms", admin, null)
                    .path("rooms").get(0).path("id").asText();
            call("POST", base + "/api/admin/staff", admin, Map.of("username", "proctor1",
                    "password", "proctor-password-1", "role", "PROCTOR", "roomIds", List.of(roomId)));
            String proctor = login(base, "proctor1", "proctor-password-1");
            assertThat(status("POST", base + "/live/sittings/" + node.sittingId() + "/similarity", proctor))
                    .isEqualTo(403);
            assertThat(status("GET", node.baseUrl() + "/api/admin/sittings/" + node.sittingId()
                    + "/objective-answers", proctor)).isEqualTo(403);
            assertThat(status("GET", node.baseUrl() + "/api/admin/sittings/" + node.sittingId()
                    + "/objective-answers", null)).isEqualTo(401);
        }
    }

    @Test
    @DisplayName("the chief proctor reads the evidence behind a B2 flag in the seat panel: the seat map, the answers "
            + "and timing statistics, the items both answered with their save times and the sitting's power, in "
            + "Chinese and English, without an option or a right/wrong per item")
    void evidenceOnThePage() throws Exception {
        try (TestNode node = choiceSitting();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of("similarity-seconds", "0"));
             Browser browser = Browser.start(1366, 768)) {
            answerAll(node, true);
            String base = console.baseUrl();
            String admin = login(base, node.adminUser(), node.adminPassword());
            JsonNode run = call("POST", base + "/live/sittings/" + node.sittingId() + "/similarity", admin, null);
            assertThat(run.path("flags").asInt()).as("run %s", run).isEqualTo(2);
            assertThat(run.path("medianSharedItems").asInt()).isEqualTo(27);
            assertThat(run.path("withdrawn").asInt()).isZero();

            browser.viewport(1366, 768);
            browser.driver.get(base + "/");
            browser.await(10, "console login form", d -> browser.present("#login-form"));
            browser.type("#username", node.adminUser());
            browser.type("#password", node.adminPassword());
            browser.find("#login-form button[type=submit]").click();
            String copier = node.seatCodes().get(1);
            String tile = "[data-seat='" + copier + "']";
            browser.await(15, "the room did not show", d -> browser.present(tile));
            browser.find(tile).click();
            browser.await(10, "no B2 flag in the seat panel", d -> browser.find("#seat-flags").getText().contains("B2"));
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#seat-flags .sim-map td.member")))
                    .hasSize(2);
            browser.find("#seat-flags details.sim-pair summary").click();
            String text = browser.find("#seat-flags").getText();
            assertThat(text).contains("相同错误答案", "同步作答", "本场检测能力", "共同作答 27 题");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                    "#seat-flags .sim-items tbody tr"))).hasSize(27);
            assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                    "#seat-flags .sim-items tbody tr.k-same")).size()).isGreaterThanOrEqualTo(20);
            browser.script("document.querySelector('#seat-flags li[data-flag]').scrollIntoView()");
            assertThat(itemsOverflow(browser)).as("the items table fits the side panel").isLessThanOrEqualTo(0);
            shot(browser, "similarity-evidence-zh");
            browser.find("#lang").click();
            browser.await(5, "the console did not switch to English",
                    d -> "en".equals(browser.script("return document.documentElement.lang")));
            // The language switch draws the panel again, with the pair's details closed.
            browser.await(5, "the evidence is not in English",
                    d -> browser.find("#seat-flags").getText().contains("pair p ="));
            browser.find("#seat-flags details.sim-pair summary").click();
            browser.await(5, "the pair's details did not open",
                    d -> browser.find("#seat-flags").getText().contains("same wrong answer on"));
            assertThat(browser.find("#seat-flags").getText()).contains("lockstep", "What this sitting can detect");
            browser.script("document.querySelector('#seat-flags .sim-items').scrollIntoView()");
            assertThat(itemsOverflow(browser)).as("the items table fits the side panel").isLessThanOrEqualTo(0);
            shot(browser, "similarity-evidence-en");
            assertThat(browser.axe()).as("axe-core WCAG 2.1 A/AA on the evidence").isEmpty();
        }
    }

    /**
     * How many pixels the pair's details (which scroll) are wider inside than they show: above 0 the items table is
     * clipped and the later columns need sideways scrolling.
     */
    private static long itemsOverflow(Browser browser) {
        return ((Number) browser.script("const d = document.querySelector('#seat-flags details.sim-pair');"
                + " return d.scrollWidth - d.clientWidth;")).longValue();
    }

    /** A screenshot in target/screenshots, copied to /tmp/shots-sim for review when that folder exists. */
    private static void shot(Browser browser, String name) throws java.io.IOException {
        java.nio.file.Path png = browser.screenshot(name);
        java.nio.file.Path review = java.nio.file.Path.of("/tmp/shots-sim");
        if (java.nio.file.Files.isDirectory(review) && java.nio.file.Files.exists(png)) {
            java.nio.file.Files.copy(png, review.resolve(png.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @DisplayName("with no periodic runs, the last submission of the sitting brings the final similarity run by itself")
    void finalRunAfterTheLastSubmission() throws Exception {
        try (TestNode node = choiceSitting();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of("similarity-seconds", "0"))) {
            answerAll(node, true);
            String base = console.baseUrl();
            String admin = login(base, node.adminUser(), node.adminPassword());
            LiveStream live = LiveStream.open(base, node.sittingId(), admin);
            live.next(m -> true);
            for (String seat : node.seatCodes()) {
                call("POST", base + "/api/proctor/sittings/" + node.sittingId() + "/seats/" + seat
                        + "/force-submit", admin, Map.of("reason", "测试：收卷"));
            }
            long submitted = System.nanoTime();
            List<JsonNode> flags = new ArrayList<>();
            live.next(m -> {
                m.path("flags").forEach(flags::add);
                return flags.size() >= 2;
            });
            System.out.println("final similarity flags " + (System.nanoTime() - submitted) / 1_000_000
                    + " ms after the last submission");
            assertThat(flags).extracting(f -> f.path("category").asText()).containsOnly("B2");
            assertThat(flags).extracting(f -> f.path("seatCode").asText())
                    .containsExactlyInAnyOrder(node.seatCodes().get(0), node.seatCodes().get(1));
            JsonNode status = call("GET", base + "/live/status", null, null);
            assertThat(status.path("flags").asInt()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the same room answering independently gives no similarity flag")
    void honestAnswersGiveNoFlag() throws Exception {
        try (TestNode node = choiceSitting();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of("similarity-seconds", "0"))) {
            answerAll(node, false);
            String base = console.baseUrl();
            String admin = login(base, node.adminUser(), node.adminPassword());
            String answers = node.baseUrl() + "/api/admin/sittings/" + node.sittingId() + "/objective-answers";
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(answers)).header("Authorization", "Bearer "
                    + admin).build(), HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf("objective answers: %d bytes for 30 candidates x 27 items = %.0f bytes per item and "
                    + "candidate%n", body.length(), body.length() / (30.0 * 27));
            // Items once in bank terms, then per candidate its id, seat and room and its answers packed: item index,
            // option bit set and save time (deciseconds after one origin, as the step from the last) in about 4 bytes,
            // 5.3 base64 characters. 16.3 bytes measured, of which the items list and the candidates' ids and seats
            // are 10 (25 with JSON lists of indices, answers and times; 33 with epoch-ms times).
            assertThat(body.length() / (30.0 * 27)).as("bytes per item and candidate").isLessThan(17);
            JsonNode run = call("POST", base + "/live/sittings/" + node.sittingId() + "/similarity", admin, null);
            assertThat(run.path("candidates").asInt()).isEqualTo(30);
            assertThat(run.path("suspicions").asInt()).isZero();
            assertThat(run.path("flags").asInt()).isZero();
            JsonNode snapshot = LiveStream.open(base, node.sittingId(), admin).next(m -> true);
            assertThat(snapshot.path("flags")).isEmpty();
        }
    }

    @Test
    @DisplayName("a seat's socket opening reaches the stream as SOCKET_OPENED, and a save moves the seat's "
            + "progress on the stream within 2 s")
    void socketOpenedAndProgressWithinTwoSeconds() throws Exception {
        try (TestNode node = TestNode.builder().leadSeconds(1).start();
             ConsoleNode console = ProctorConsoleIT.console(node, Map.of("similarity-seconds", "0"))) {
            String base = console.baseUrl();
            String admin = login(base, node.adminUser(), node.adminPassword());
            LiveStream live = LiveStream.open(base, node.sittingId(), admin);
            live.next(m -> true);
            String seat = node.seatCodes().get(0);
            String attemptId = ConsoleRestoreIT.candidateLogin(node, 0);
            String token = candidateToken(node, 0);
            live.next(m -> kinds(m, seat).contains("LOGIN"));
            Vertx vertx = Vertx.vertx();
            try (SeatClient socket = SeatClient.connect(vertx, node.port(), token)) {
                live.next(m -> kinds(m, seat).contains("SOCKET_OPENED"));
                socket.hello(new JsonArray());
                awaitStarted(node); // past T0, so saves are taken
                PaperService.LoadedPaper paper = Papers.of(node, attemptId);
                PaperItem single = Papers.first(paper, ItemType.SINGLE_CHOICE);
                PaperItem tf = Papers.first(paper, ItemType.TRUE_FALSE);
                long saved = System.nanoTime();
                assertThat(socket.save(single.number(), Papers.correct(single), 1).getString("type"))
                        .isEqualTo("saved");
                assertThat(socket.save(tf.number(), Papers.wrong(tf), 1).getString("type")).isEqualTo("saved");
                JsonNode progress = live.next(m -> answered(m, seat) == 2).path("progress");
                long millis = (System.nanoTime() - saved) / 1_000_000;
                System.out.println("progress 2/" + paper.items().size() + " on the stream " + millis
                        + " ms after the first save");
                assertThat(millis).as("progress shown %d ms after the save", millis).isLessThan(2000);
                assertThat(progress).as("two saves in a burst, one progress message").hasSize(1);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The demo room (5 × 6, 30 candidates) with a paper of every choice item of the sample bank (18 single, 9
     * multiple choice), so every candidate has the same items in their own shuffled option order: the theory demo's
     * 25 objective items drawn from a larger pool leave a pair too few shared items to tell copying from chance.
     */
    private static TestNode choiceSitting() {
        DemoSitting.Options theory = DemoSitting.Options.theory(1);
        return TestNode.builder().demo(new DemoSitting.Options(1, theory.durationMinutes(), theory.checkInMinutes(),
                theory.rows(), theory.cols(), theory.bankResource(), "/similarity-choice.blueprint.json",
                theory.subject(), theory.pin())).start();
    }

    /**
     * Saves objective answers for all 30 demo candidates, straight into the attempt store once the sitting has
     * started. Honest candidates are right with a chance from their ability and otherwise pick a random wrong
     * answer; with {@code planted}, the candidate at seat 1 is weak (wrong on every choice item, right on the
     * true/false ones) and the one at
     * seat 2 (its neighbour) copies every answer to the items both papers have, as the same bank options under its own
     * shuffled labels, saving each 8 s after the source did (everybody else at their own pace, 20–80 s per item).
     */
    private static Map<String, Attempt> answerAll(TestNode node, boolean planted) throws Exception {
        awaitStarted(node);
        Map<String, Attempt> bySeat = new HashMap<>();
        for (Attempt a : await(node.node().services().attempts().bySitting(node.sittingId()))) {
            bySeat.put(a.seatCode(), a);
        }
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, Map<String, List<String>>> chosenBank = new HashMap<>();
        Map<String, Long> sourceTimes = new HashMap<>();
        long now = System.currentTimeMillis();
        for (int c = 0; c < node.seatCodes().size(); c++) {
            // Save times over the last hour, 20–80 s per item; the copier saves each copied item 8 s after its source.
            long t = now - 3_600_000L + rnd.nextInt(30_000);
            Attempt a = bySeat.get(node.seatCodes().get(c));
            PaperService.LoadedPaper paper = Papers.of(node, a.id());
            double right = c == 0 && planted ? 0 : 0.3 + 0.02 * c;
            Map<String, List<String>> mine = new HashMap<>();
            List<Answer> answers = new ArrayList<>();
            for (PaperItem item : new TreeMap<>(paper.items()).values()) {
                if (!objective(item.type())) {
                    continue;
                }
                Object value;
                List<String> copied = c == 1 && planted ? chosenBank.get(node.seatCodes().get(0)).get(item.itemId())
                        : null;
                if (copied != null) {
                    value = labels(item, copied);
                } else if (rnd.nextDouble() < right || (item.type() == ItemType.TRUE_FALSE && c == 0 && planted)) {
                    value = Papers.correct(item);
                } else {
                    value = randomWrong(item, rnd);
                }
                mine.put(item.itemId(), bank(item, value));
                t += 20_000 + rnd.nextInt(60_000);
                long savedAt = copied != null ? sourceTimes.get(item.itemId()) + 8_000 : t;
                if (c == 0) {
                    sourceTimes.put(item.itemId(), savedAt);
                }
                answers.add(new Answer(item.number(), AnswerValues.canonical(item, Json.tree(value instanceof JsonArray arr
                        ? arr.encode() : Json.encode(value))),
                        1, Math.min(savedAt, now)));
            }
            chosenBank.put(node.seatCodes().get(c), mine);
            await(node.node().services().attempts().save(a.id(), answers, now));
        }
        return bySeat;
    }

    /** Waits until T0 (a second after the node started) has passed for every attempt of the demo sitting. */
    private static void awaitStarted(TestNode node) {
        Await.until("the sitting has started", java.time.Duration.ofSeconds(15), () -> {
            try {
                long now = System.currentTimeMillis();
                return await(node.node().services().attempts().bySitting(node.sittingId())).stream()
                        .allMatch(a -> a.stateAt(now) == AttemptState.ANSWERING);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static boolean objective(ItemType t) {
        return t == ItemType.SINGLE_CHOICE || t == ItemType.MULTIPLE_CHOICE || t == ItemType.TRUE_FALSE;
    }

    private static Object randomWrong(PaperItem item, SplittableRandom rnd) {
        if (item.type() == ItemType.TRUE_FALSE) {
            return !item.correctTrueFalse();
        }
        List<String> labels = item.options().stream().map(o -> o.id()).toList();
        if (item.type() == ItemType.SINGLE_CHOICE) {
            List<String> wrong = labels.stream().filter(id -> !item.correctOptions().contains(id)).toList();
            return wrong.get(rnd.nextInt(wrong.size()));
        }
        // Multiple choice: any non-empty option set but the key, all equally likely.
        while (true) {
            int mask = 1 + rnd.nextInt((1 << labels.size()) - 1);
            List<String> set = new ArrayList<>();
            for (int o = 0; o < labels.size(); o++) {
                if ((mask & (1 << o)) != 0) {
                    set.add(labels.get(o));
                }
            }
            if (!new java.util.HashSet<>(set).equals(item.correctOptions())) {
                return set;
            }
        }
    }

    /** The bank options (or "true"/"false") a wire value stands for on this paper. */
    private static List<String> bank(PaperItem item, Object value) {
        if (value instanceof Boolean b) {
            return List.of(b.toString());
        }
        List<String> labels = value instanceof String s ? List.of(s) : value instanceof JsonArray arr
                ? arr.stream().map(Object::toString).toList() : ((List<?>) value).stream().map(Object::toString)
                .toList();
        List<String> out = new ArrayList<>();
        for (String label : labels) {
            for (int o = 0; o < item.options().size(); o++) {
                if (item.options().get(o).id().equals(label)) {
                    out.add(item.sourceOptionIds().get(o));
                }
            }
        }
        return out;
    }

    /** The wire value choosing these bank options on this paper (its own shuffled labels). */
    private static Object labels(PaperItem item, List<String> bankOptions) {
        if (item.type() == ItemType.TRUE_FALSE) {
            return Boolean.parseBoolean(bankOptions.get(0));
        }
        List<String> out = new ArrayList<>();
        for (String b : bankOptions) {
            out.add(item.options().get(item.sourceOptionIds().indexOf(b)).id());
        }
        return item.type() == ItemType.SINGLE_CHOICE ? out.get(0) : out;
    }

    private static String candidateToken(TestNode node, int i) {
        String terminal = call("POST", node.baseUrl() + "/api/terminal/enrol", null,
                Map.of("seatCode", node.seatCodes().get(i), "pin", node.pin())).path("terminalToken").asText();
        return call("POST", node.baseUrl() + "/api/candidate/login", null, Map.of("terminalToken", terminal,
                "ticket", node.candidate(i).ticket(), "idNumber", node.candidate(i).idNumber()))
                .path("token").asText();
    }

    private static List<String> kinds(JsonNode message, String seat) {
        List<String> out = new ArrayList<>();
        message.path("events").forEach(e -> {
            if (e.path("seatCode").asText().equals(seat)) {
                out.add(e.path("kind").asText());
            }
        });
        return out;
    }

    private static int answered(JsonNode message, String seat) {
        for (JsonNode p : message.path("progress")) {
            if (p.path("seatCode").asText().equals(seat)) {
                return p.path("answered").asInt();
            }
        }
        return -1;
    }

    private static int status(String method, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
