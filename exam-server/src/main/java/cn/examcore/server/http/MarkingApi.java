package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.marking.MarkingService;
import cn.examcore.server.marking.MarkingService.OpenRequest;
import cn.examcore.server.marking.domain.ArbitrationRule;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The marking API under {@code /api/marking} (阅卷): markers (MARKER) and the chief marker (CHIEF_MARKER); the route
 * guards in {@link HttpVerticle} say which role reaches which route, {@link MarkingService} which scripts each sees.
 */
final class MarkingApi {

    /** Longest marker's user name in a plan. */
    private static final int MAX_NAME = 100;
    /** Most markers one sitting may have. */
    private static final int MAX_MARKERS = 500;

    private final MarkingService marking;
    private final RateLimits limits;

    MarkingApi(MarkingService marking, RateLimits limits) {
        this.marking = marking;
        this.limits = limits;
    }

    /** Spends one marking write of the caller's budget; RATE_LIMITED when it is used up. */
    private void limit(RoutingContext ctx) {
        if (!limits.marking().tryAcquire("marking:" + who(ctx).username())) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many marking requests; try again in a moment");
        }
    }

    private static StaffClaims who(RoutingContext ctx) {
        return StaffAuth.claims(ctx);
    }

    private static boolean chief(RoutingContext ctx) {
        return who(ctx).role() == Role.CHIEF_MARKER;
    }

    void sittings(RoutingContext ctx) {
        marking.sittings(who(ctx).username(), chief(ctx)).onSuccess(l -> Replies.ok(ctx, l)).onFailure(ctx::fail);
    }

    void open(RoutingContext ctx) {
        limit(ctx);
        JsonNode b = Body.object(ctx);
        List<String> markers = new ArrayList<>();
        JsonNode m = b.get("markers");
        if (m != null && !m.isNull()) {
            if (!m.isArray() || m.size() > MAX_MARKERS) {
                throw ExamException.field(ErrorType.BAD_VALUE, "markers", "markers must be an array of at most "
                        + MAX_MARKERS + " user names");
            }
            for (int i = 0; i < m.size(); i++) {
                JsonNode n = m.get(i);
                if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > MAX_NAME) {
                    throw ExamException.field(ErrorType.BAD_VALUE, "markers[" + i + "]", "markers[" + i
                            + "] must be a user name");
                }
                markers.add(n.asText().strip());
            }
        }
        ArbitrationRule rule = null;
        String ruleText = Body.optionalText(b, "arbitrationRule", 20, null);
        if (ruleText != null) {
            try {
                rule = ArbitrationRule.valueOf(ruleText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ExamException.field(ErrorType.BAD_VALUE, "arbitrationRule",
                        "arbitrationRule must be ARBITER or CLOSER_MEAN");
            }
        }
        OpenRequest request = new OpenRequest(markers, percent(b, "tolerancePercent"), percents(b,
                "sectionTolerances"), percents(b, "itemTolerances"), rule);
        marking.open(ctx.pathParam("id"), request, who(ctx).username())
                .onSuccess(o -> Replies.json(ctx, 201, o)).onFailure(ctx::fail);
    }

    private static BigDecimal percent(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw ExamException.field(ErrorType.BAD_VALUE, field, field + " must be a number (per cent)");
        }
        return v.decimalValue();
    }

    private static Map<String, BigDecimal> percents(JsonNode b, String field) {
        JsonNode v = b.get(field);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw ExamException.field(ErrorType.BAD_VALUE, field, field + " must be an object of id → per cent");
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw ExamException.field(ErrorType.BAD_VALUE, field + "." + e.getKey(), field + "." + e.getKey()
                        + " must be a number (per cent)");
            }
            out.put(e.getKey(), e.getValue().decimalValue());
        });
        return out;
    }

    void scripts(RoutingContext ctx) {
        marking.scripts(ctx.pathParam("id"), who(ctx).username(), chief(ctx))
                .onSuccess(l -> Replies.ok(ctx, l)).onFailure(ctx::fail);
    }

    void progress(RoutingContext ctx) {
        marking.progress(ctx.pathParam("id")).onSuccess(p -> Replies.ok(ctx, p)).onFailure(ctx::fail);
    }

    void sheet(RoutingContext ctx) {
        marking.sheet(ctx.pathParam("scriptId"), who(ctx).username(), chief(ctx))
                .onSuccess(s -> Replies.ok(ctx, s)).onFailure(ctx::fail);
    }

    void mark(RoutingContext ctx) {
        limit(ctx);
        JsonNode b = Body.object(ctx);
        marking.mark(ctx.pathParam("scriptId"), who(ctx).username(), points(b), comment(b))
                .onSuccess(r -> Replies.json(ctx, 201, r)).onFailure(ctx::fail);
    }

    void arbitrate(RoutingContext ctx) {
        limit(ctx);
        JsonNode b = Body.object(ctx);
        marking.arbitrate(ctx.pathParam("scriptId"), who(ctx).username(), points(b), comment(b))
                .onSuccess(r -> Replies.json(ctx, 201, r)).onFailure(ctx::fail);
    }

    void reopen(RoutingContext ctx) {
        limit(ctx);
        JsonNode b = Body.object(ctx);
        JsonNode r = b.get("reason");
        marking.reopen(ctx.pathParam("scriptId"), who(ctx).username(), r == null || !r.isTextual() ? null
                : r.asText()).onSuccess(e -> Replies.ok(ctx, e)).onFailure(ctx::fail);
    }

    void file(RoutingContext ctx) {
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw ExamException.field(ErrorType.BAD_VALUE, "index", "index must be the file's position, 1, 2 …");
        }
        marking.file(ctx.pathParam("scriptId"), index, who(ctx).username(), chief(ctx)).onSuccess(f -> {
            ctx.response().putHeader("Content-Type", f.mediaType())
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    // Shown in the page at most; never run as a document of this origin.
                    .putHeader("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'")
                    .putHeader("Content-Disposition", (f.inline() ? "inline" : "attachment") + "; filename=\""
                            + f.fileName() + "\"")
                    .end(Buffer.buffer(f.content()));
        }).onFailure(ctx::fail);
    }

    private static List<BigDecimal> points(JsonNode b) {
        JsonNode p = b.get("points");
        if (p == null || p.isNull()) {
            throw ExamException.field(ErrorType.BAD_VALUE, "points", "points is required: one score per rubric point");
        }
        if (!p.isArray() || p.size() > 100) {
            throw ExamException.field(ErrorType.BAD_VALUE, "points", "points must be an array of scores");
        }
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (!p.get(i).isNumber()) {
                throw ExamException.field(ErrorType.BAD_VALUE, "points[" + i + "]", "points[" + i
                        + "] must be a number");
            }
            out.add(p.get(i).decimalValue());
        }
        return out;
    }

    private static String comment(JsonNode b) {
        JsonNode c = b.get("comment");
        if (c == null || c.isNull()) {
            return "";
        }
        if (!c.isTextual()) {
            throw ExamException.field(ErrorType.BAD_VALUE, "comment", "comment must be a string");
        }
        return c.asText().strip();
    }
}
