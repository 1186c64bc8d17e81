package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.attempt.domain.UnknownAttempt;
import cn.examcore.server.auth.AuthException;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.common.Rejections;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writing answers: JSON bodies, and the one error body {@code {code, message, details}} for every failure. */
public final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        encoded(ctx, status, Buffer.buffer(Json.encodeBytes(body)));
    }

    /** A JSON body already encoded as UTF-8, with the headers of every JSON reply. */
    static void encoded(RoutingContext ctx, int status, Buffer json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(json);
    }

    public static void ok(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    /** The router's failure handler: maps every failure to its {@link ErrorType}. */
    public static void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        ErrorType type;
        String message;
        Map<String, Object> details = Map.of();
        if (e instanceof ExamException x) {
            type = x.type();
            message = x.getMessage();
            details = x.details();
        } else if (e instanceof AuthException a) {
            type = ErrorType.valueOf(a.reason().name());
            message = a.getMessage();
        } else if (e instanceof AttemptRejected r) {
            type = Rejections.errorType(r);
            message = r.getMessage();
        } else if (e instanceof UnknownAttempt) {
            type = ErrorType.NOT_READY;
            message = "no paper has been assembled for this candidate yet";
        } else if (e == null && ctx.statusCode() == 413) {
            type = ErrorType.PAYLOAD_TOO_LARGE;
            message = "the request body is too large";
        } else if (e == null && ctx.statusCode() == 404) {
            type = ErrorType.NOT_FOUND;
            message = "no such resource: " + ctx.request().path();
        } else if (e == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            type = ErrorType.BAD_REQUEST;
            message = "the request was refused (HTTP " + ctx.statusCode() + ")";
        } else {
            type = ErrorType.INTERNAL;
            message = "internal error";
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
        }
        if (ctx.response().ended()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", type.name());
        body.put("message", message);
        body.put("details", details);
        if (details.get("retryAfterSeconds") instanceof Number seconds) {
            // What a browser, a proxy or a script reads: the same wait the body names.
            ctx.response().putHeader("Retry-After", String.valueOf(seconds.longValue()));
        }
        json(ctx, type.status(), body);
    }
}
