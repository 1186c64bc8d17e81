package cn.examcore.proctor;

import cn.examcore.platform.mgmt.ManagementVerticle;
import cn.examcore.platform.mgmt.Metrics;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.proctor.config.ConsoleConfig;
import cn.examcore.proctor.http.ConsoleVerticle;
import cn.examcore.proctor.live.LiveHub;
import cn.examcore.proctor.live.LiveRules;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running proctor console: plain Vert.x (no cluster: the console is not a Hazelcast member, so a console host
 * can neither read nor rewrite an attempt), the {@link ConsoleVerticle} on the public port and the
 * {@link ManagementVerticle} on the management port. Everything it knows comes from exam-server over HTTP.
 * {@link ProctorConsoleMain} runs one; tests run one next to a test exam node.
 */
public final class ConsoleNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleNode.class);

    private final Vertx vertx;
    private final ConsoleVerticle http;
    private final ManagementVerticle management;
    private final boolean tls;

    private ConsoleNode(Vertx vertx, ConsoleVerticle http, ManagementVerticle management, boolean tls) {
        this.vertx = vertx;
        this.tls = tls;
        this.http = http;
        this.management = management;
    }

    /**
     * Starts serving; blocking, so call it from a main or test thread. It does not wait for exam-server: until the
     * service account has logged in and the upstream stream is open, {@code /ready} says 503 and the feed retries.
     */
    public static ConsoleNode start(ConsoleConfig config) {
        LOG.info("starting proctor console with {}", config.redacted());
        // The files are read before anything starts: a bad one stops the start naming its key.
        ServingCertificate certificate = config.tls() ? config.servingCertificate() : null;
        config.examServerClient();
        LongSupplier clock = System::currentTimeMillis;
        PrometheusMeterRegistry registry = Metrics.registry();
        Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(Metrics.vertxOptions()))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
        try {
            ConsoleVerticle http = new ConsoleVerticle(config, certificate,
                    new LiveRules(config.rules(), config.reorderMillis()), clock);
            await(vertx.deployVerticle(http));
            LiveHub hub = http.hub();
            Gauge.builder("examcore.console.viewers", hub, LiveHub::viewerCount)
                    .description("browsers watching a live stream of this console").register(registry);
            Gauge.builder("examcore.console.upstream.open", http, v -> v.ready() ? 1 : 0)
                    .description("1 while the upstream live stream from exam-server is open").register(registry);
            Gauge.builder("examcore.console.flags", hub, h -> h.flags().size())
                    .description("open flags (rules engine and similarity detector)").register(registry);
            ManagementVerticle management = null;
            if (config.managementPort() >= 0) {
                management = new ManagementVerticle(config.host(), config.managementPort(), registry, http::ready, "");
                await(vertx.deployVerticle(management));
            }
            LOG.info("proctor console up on http port {} (management {}), reading exam-server at {}", http.port(),
                    management == null ? "off" : management.port(), config.examServers());
            return new ConsoleNode(vertx, http, management, certificate != null);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /**
     * Waits until the upstream stream is open (tests; a deployment asks {@code /ready}); blocking, so call it from a
     * main or test thread.
     *
     * @throws IllegalStateException when it did not open within {@code timeout}
     */
    public ConsoleNode awaitReady(Duration timeout) {
        await(http.whenReady().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).recover(e -> Future.failedFuture(
                new IllegalStateException("the console's upstream stream did not open within " + timeout, e))));
        return this;
    }

    public int httpPort() {
        return http.port();
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://localhost:PORT} when it serves HTTPS. */
    public String baseUrl() {
        return tls ? "https://localhost:" + httpPort() : "http://127.0.0.1:" + httpPort();
    }

    /** The management port, or -1 when it is off. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    public LiveHub hub() {
        return http.hub();
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        await(vertx.close());
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after 120 s", e);
        }
    }
}
