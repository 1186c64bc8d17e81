package cn.examcore.platform.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The management port")
class ManagementVerticleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = Metrics.registry();
    private final Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(Metrics.vertxOptions()))
            .withMetrics(new MicrometerMetricsFactory(registry)).build();

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    @DisplayName("answers /health always, /ready as the deployable says (a failing probe is not ready), and /metrics"
            + " without measuring its own routes")
    void healthReadyMetrics() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        AtomicBoolean broken = new AtomicBoolean(false);
        ManagementVerticle m = new ManagementVerticle("127.0.0.1", 0, registry, () -> {
            if (broken.get()) {
                throw new IllegalStateException("database unreachable");
            }
            return ready.get();
        }, "");
        await(vertx.deployVerticle(m));

        assertThat(get(m, "/health").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get(m, "/ready").statusCode()).isEqualTo(503);
        ready.set(true);
        HttpResponse<String> readyNow = get(m, "/ready");
        assertThat(readyNow.statusCode()).isEqualTo(200);
        assertThat(readyNow.body()).isEqualTo("{\"status\":\"READY\"}");
        broken.set(true);
        assertThat(get(m, "/ready").statusCode()).isEqualTo(503);

        get(m, "/metrics");
        HttpResponse<String> metrics = get(m, "/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        assertThat(metrics.body()).contains("# TYPE").doesNotContain("route=\"/metrics\"")
                .doesNotContain("route=\"/ready\"");
    }

    @Test
    @DisplayName("with a token, /metrics answers 401 without it or with a wrong one, the metrics with it; probes stay"
            + " open")
    void metricsToken() throws Exception {
        ManagementVerticle m = new ManagementVerticle("127.0.0.1", 0, registry, () -> true, "scrape-secret");
        await(vertx.deployVerticle(m));

        HttpResponse<String> none = get(m, "/metrics");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(none.body()).doesNotContain("# TYPE");
        assertThat(get(m, "/metrics", "Bearer scrape-secreT").statusCode()).isEqualTo(401);
        assertThat(get(m, "/metrics", "scrape-secret").statusCode()).isEqualTo(401);
        HttpResponse<String> with = get(m, "/metrics", "Bearer scrape-secret");
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.body()).contains("# TYPE");
        assertThat(get(m, "/health").statusCode()).isEqualTo(200);
        assertThat(get(m, "/ready").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(ManagementVerticle m, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ManagementVerticle m, String path, String authorization)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + path))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
