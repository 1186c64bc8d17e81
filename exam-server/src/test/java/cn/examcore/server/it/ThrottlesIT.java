package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The throttles on guesses (security review F6, F7, F8) over real HTTP, with clients at different loopback addresses
 * (127.0.0.0/8): wrong guesses elsewhere never lock the real user out, the budget is the cluster's and not each
 * node's, a sitting's PIN needs six digits and its guessing is announced, and a flood of password checks is shed at
 * once without holding up the node.
 */
@DisplayName("Throttles on guesses")
class ThrottlesIT {

    static TestNode node;
    static TestNode second;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.builder().start();
        second = TestNode.builder().joining(node).start();
        Await.until("the cluster is safe", Duration.ofSeconds(60),
                () -> second.node().hazelcast().getPartitionService().isClusterSafe());
        try (Api api = new Api(node.baseUrl())) {
            admin = api.adminToken(node);
        }
    }

    @AfterAll
    static void stop() {
        second.node().close();
        node.close();
    }

    private static Api.Reply staffLogin(Api from, String user, String password) {
        return from.post("/api/admin/login", null, new JsonObject().put("username", user).put("password", password));
    }

    @Test
    @DisplayName("Wrong admin passwords from one address are refused with a wait, and the right one from another"
            + " address still signs in")
    void staffGuessingElsewhere() {
        try (Api attacker = new Api(node.baseUrl(), "127.0.0.2"); Api real = new Api(node.baseUrl(), "127.0.0.1")) {
            for (int i = 0; i < 5; i++) {
                assertThat(staffLogin(attacker, node.adminUser(), "wrong-" + i).status()).isEqualTo(401);
            }
            Api.Reply refused = staffLogin(attacker, node.adminUser(), "wrong-5");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
            assertThat(refused.json().getJsonObject("details").getLong("retryAfterSeconds")).isBetween(1L, 15L);
            assertThat(refused.retryAfter()).isNotBlank();
            // Refused before the password is looked at: even the right one waits from that address...
            assertThat(staffLogin(attacker, node.adminUser(), node.adminPassword()).status()).isEqualTo(429);
            // ...but the administrator at their own machine is not locked out.
            assertThat(staffLogin(real, node.adminUser(), node.adminPassword()).status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("The budget is the cluster's: wrong passwords on one node count on the other")
    void sharedAcrossNodes() {
        try (Api onFirst = new Api(node.baseUrl(), "127.0.0.3");
             Api onSecond = new Api(second.baseUrl(), "127.0.0.3")) {
            for (int i = 0; i < 5; i++) {
                assertThat(staffLogin(onFirst, "proctor-x", "wrong-" + i).status()).isEqualTo(401);
            }
            assertThat(staffLogin(onSecond, "proctor-x", "wrong-5").status()).isEqualTo(429);
        }
    }

    @Test
    @DisplayName("Wrong ID numbers typed for a ticket at another terminal do not lock the candidate out at their seat")
    void candidateGuessingElsewhere() {
        try (Api api = new Api(node.baseUrl())) {
            String own = api.enrol(node.seatCodes().get(0), node.pin());
            String other = api.enrol(node.seatCodes().get(1), node.pin());
            String ticket = node.candidate(0).ticket();
            int refused = 0;
            for (int i = 0; i < 7; i++) {
                Api.Reply r = api.login(other, ticket, "11010119900307" + String.format("%04d", i));
                assertThat(r.status()).isIn(401, 429);
                refused += r.status() == 429 ? 1 : 0;
            }
            assertThat(refused).as("guesses refused at the other terminal").isPositive();
            assertThat(api.login(own, ticket, node.candidate(0).idNumber()).status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("A PIN has six digits at least; guessing across seat codes is throttled per address, staff with the"
            + " right PIN are not refused, and the guessing is announced in the sitting's audit")
    void enrolmentPins() {
        try (Api api = new Api(node.baseUrl())) {
            for (String pin : List.of("1234", "12345", "12345a", "１２３４５６")) {
                Api.Reply r = api.post("/api/admin/sittings", admin, new JsonObject().put("title", "pin " + pin)
                        .put("occupation", "企业人力资源管理师").put("level", 4).put("subject", "理论知识")
                        .put("t0", System.currentTimeMillis() + 3_600_000).put("durationMinutes", 60)
                        .put("enrolmentPin", pin));
                assertThat(r.status()).as(pin).isEqualTo(400);
                assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo("enrolmentPin");
            }
        }
        List<String> seats = node.seatCodes();
        int wrong = 0;
        for (int a = 0; a < 4; a++) {
            try (Api guesser = new Api(node.baseUrl(), "127.0.1." + (a + 1))) {
                int refusedFrom = -1;
                for (int i = 0; i < 14; i++) {
                    Api.Reply r = guesser.post("/api/terminal/enrol", null, new JsonObject()
                            .put("seatCode", seats.get(i % seats.size())).put("pin", String.format("%06d", 1 + i)));
                    if (r.status() == 429) {
                        refusedFrom = refusedFrom < 0 ? i : refusedFrom;
                    } else {
                        assertThat(r.code()).isEqualTo("BAD_PIN");
                        wrong++;
                    }
                }
                assertThat(refusedFrom).as("the guess from which address %d is refused", a).isEqualTo(10);
            }
        }
        assertThat(wrong).isEqualTo(40);
        try (Api staff = new Api(node.baseUrl(), "127.0.0.1")) {
            assertThat(staff.enrol(seats.get(2), node.pin())).isNotBlank();
            Await.until("the sitting's audit names the PIN guessing", Duration.ofSeconds(10),
                    () -> staff.get("/api/admin/sittings/" + node.sittingId() + "/audit", admin).array().stream()
                            .anyMatch(o -> "sitting.pin-guessing".equals(((JsonObject) o).getString("action"))));
        }
    }

    @Test
    @DisplayName("A flood of sign-ins with made-up names is shed at once (RETRY, retry after 1 s) while the node stays"
            + " ready")
    void passwordFlood() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/admin/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "nobody-" + i)
                            .put("password", "guess-" + i).encode())).build();
            logins.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node.managementPort() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as("readiness during the flood").isEqualTo(200);
        int shed = 0;
        for (CompletableFuture<HttpResponse<String>> f : logins) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 503) {
                assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("RETRY");
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
                shed++;
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
            }
        }
        assertThat(shed).as("sign-ins refused at once rather than queued").isPositive();
    }
}
