package cn.examcore.platform.mgmt;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * The management port of a deployable, apart from the public one so it can stay inside the site network:
 * {@code /health} (the process answers), {@code /ready} (what the deployable calls ready: exam-server's cluster
 * member running and database reachable, the console's upstream stream open) and {@code /metrics} (Prometheus
 * text of the registry {@link Metrics#registry()} made).
 */
public final class ManagementVerticle extends VerticleBase {

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;
    private HttpServer server;

    /**
     * @param port  0 picks a free one
     * @param ready asked on a worker thread at each {@code /ready}, since a deployable's answer may block (a
     *              database ping); an exception counts as not ready
     */
    public ManagementVerticle(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.ready = ready;
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
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
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
