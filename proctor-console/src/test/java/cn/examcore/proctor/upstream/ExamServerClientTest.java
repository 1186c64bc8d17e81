package cn.examcore.proctor.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.StaffIdentity;
import cn.examcore.platform.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The identity cache in front of exam-server's {@code GET /api/staff/me}, against a stand-in server. */
class ExamServerClientTest {

    private static final long T0 = 1_777_000_000_000L;

    private final AtomicLong now = new AtomicLong(T0);
    private final AtomicInteger asked = new AtomicInteger();
    private Vertx vertx;
    private HttpServer server;
    private ExamServerClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer().requestHandler(req -> {
            asked.incrementAndGet();
            String auth = req.getHeader("Authorization");
            if ("Bearer good".equals(auth) || "Bearer short".equals(auth)) {
                long expires = "Bearer good".equals(auth) ? T0 + 3_600_000 : T0 + 1_000;
                req.response().putHeader("Content-Type", "application/json").end(Json.encode(
                        new StaffIdentity("p1", "PROCTOR", List.of("r1"), false, true, T0, expires)));
            } else {
                req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                        .end("{\"code\":\"BAD_TOKEN\",\"message\":\"forged\",\"details\":{}}");
            }
        }).listen(0, "127.0.0.1"));
        client = new ExamServerClient(vertx, List.of(URI.create("http://127.0.0.1:" + server.actualPort())),
                new io.vertx.core.http.HttpClientOptions(),
                "svc", "pw", now::get);
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    @Test
    @DisplayName("a token's identity is asked once and reused for 30 s; a refusal is passed on and never cached")
    void cachesPerToken() throws Exception {
        assertThat(await(client.identify("good")).username()).isEqualTo("p1");
        assertThat(await(client.identify("good")).roomIds()).containsExactly("r1");
        assertThat(asked).hasValue(1);
        now.addAndGet(ExamServerClient.IDENTITY_TTL_MILLIS);
        await(client.identify("good"));
        assertThat(asked).hasValue(2);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> await(client.identify("forged")))
                    .isInstanceOfSatisfying(Refused.class, r -> {
                        assertThat(r.status()).isEqualTo(401);
                        assertThat(r.body()).contains("BAD_TOKEN");
                    });
        }
        assertThat(asked).hasValue(4);
    }

    @Test
    @DisplayName("a cached identity whose token has expired since is refused as STALE_TOKEN without asking")
    void expiredTokenIsNotServedFromTheCache() throws Exception {
        await(client.identify("short"));
        now.addAndGet(2_000);
        assertThatThrownBy(() -> await(client.identify("short")))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.body()).contains("STALE_TOKEN"));
        assertThat(asked).hasValue(1);
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
