package cn.examcore.platform.mgmt;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.BooleanSupplier;

/**
 * The management port of a deployable, apart from the public one so it can stay inside the site network:
 * {@code /health} (the process answers), {@code /ready} (what the deployable calls ready: exam-server's cluster
 * member running and database reachable, the console's upstream stream open) and {@code /metrics} (Prometheus
 * text of the registry {@link Metrics#registry()} made). Given a token, {@code /metrics} answers only a request
 * carrying it as a bearer token (what a Prometheus scrape job's {@code authorization} sends); the probes stay open.
 */
public final class ManagementVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private final byte[] metricsToken;
    private HttpServer server;

    /**
     * @param port  0 picks a free one
     * @param ready asked on a worker thread at each {@code /ready}, since a deployable's answer may block (a
     *              database ping); an exception counts as not ready
     * @param metricsToken the bearer token {@code /metrics} requires; blank leaves it open (bound to loopback)
     */
    public ManagementVerticle(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
                              String metricsToken) {
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.ready = ready;
        this.metricsToken = metricsToken.isBlank() ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    /** Without a configured token, anyone who reaches the port; with one, only a request that presents it. */
    private boolean mayScrape(String authorization) {
        if (metricsToken == null) {
            return true;
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        // Constant time, so the comparison does not tell how much of a guess was right.
        return MessageDigest.isEqual(metricsToken,
                authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"status\":\"UP\"}"));
        router.get("/ready").handler(ctx -> vertx.executeBlocking(ready::getAsBoolean, false).onComplete(ar -> {
            boolean ok = ar.succeeded() && ar.result();
            ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(ok ? "{\"status\":\"READY\"}" : "{\"status\":\"NOT_READY\"}");
        }));
        router.get("/metrics").handler(ctx -> {
            if (!mayScrape(ctx.request().getHeader("Authorization"))) {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"")
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"UNAUTHENTICATED\",\"message\":\"/metrics needs the management token as "
                                + "Authorization: Bearer\"}");
                return;
            }
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape());
        });
        return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port it listens on (the chosen one when configured as 0). */
    public int port() {
        return server.actualPort();
    }
}
