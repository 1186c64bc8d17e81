package cn.examcore.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /api/openapi.yaml}: the OpenAPI 3.1 document of this node's HTTP API, read once from the classpath
 * ({@value #RESOURCE}) and served with a strong {@code ETag}, so an integrator's tooling can cache it.
 */
final class ApiDocument {

    /** Where the document lives on the classpath. */
    static final String RESOURCE = "openapi/openapi.yaml";

    private final Vertx vertx;
    private Future<Loaded> loaded;

    private record Loaded(Buffer body, String etag) {
    }

    ApiDocument(Vertx vertx) {
        this.vertx = vertx;
    }

    void serve(RoutingContext ctx) {
        load().onSuccess(doc -> {
            ctx.response().putHeader("ETag", doc.etag()).putHeader("Cache-Control", "public, max-age=3600");
            if (doc.etag().equals(ctx.request().getHeader("If-None-Match"))) {
                ctx.response().setStatusCode(304).end();
                return;
            }
            ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(doc.body());
        }).onFailure(ctx::fail);
    }

    /** Runs on the verticle's event loop only, so the memo needs no lock. */
    private Future<Loaded> load() {
        if (loaded == null || loaded.failed()) {
            loaded = vertx.fileSystem().readFile(RESOURCE).map(body -> new Loaded(body, etag(body)));
        }
        return loaded;
    }

    private static String etag(Buffer body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
