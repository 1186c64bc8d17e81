package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.publication.ReleaseService;
import cn.examcore.server.publication.domain.Release;
import cn.examcore.server.results.ResultRow;
import cn.examcore.server.results.ResultsExporter;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publication of results (成绩发布): the administrators' release and export under
 * {@code /api/admin/sittings/:id/results}, and the public lookup {@code POST /api/public/results} by name and ID
 * number. The lookup answers an unknown ID number, a wrong name and a sitting not yet released with the same 404,
 * and every lookup, right or wrong, spends from a per-address and a per-ID-number bucket shared by the cluster.
 */
final class PublicationApi {

    /** What every lookup that finds nothing answers, whatever the reason. */
    static final String NOTHING_FOUND = "no released results match this name and ID number";

    private final Vertx vertx;
    private final ReleaseService releases;
    private final Throttles throttles;
    private final RateLimits limits;
    private final ClientAddress clients;

    PublicationApi(Vertx vertx, ReleaseService releases, Throttles throttles, RateLimits limits,
                   ClientAddress clients) {
        this.vertx = vertx;
        this.releases = releases;
        this.throttles = throttles;
        this.limits = limits;
        this.clients = clients;
    }

    void release(RoutingContext ctx) {
        String by = StaffAuth.claims(ctx).username();
        if (!limits.results().tryAcquire("results:" + by)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many results changes; try again in a moment");
        }
        releases.release(ctx.pathParam("id"), by).onSuccess(r -> Replies.json(ctx, 201, view(r)))
                .onFailure(ctx::fail);
    }

    void releaseState(RoutingContext ctx) {
        releases.released(ctx.pathParam("id")).onSuccess(r -> {
            Map<String, Object> m = r.map(PublicationApi::view).orElseGet(LinkedHashMap::new);
            m.put("released", r.isPresent());
            Replies.ok(ctx, m);
        }).onFailure(ctx::fail);
    }

    private static Map<String, Object> view(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sittingId", r.sittingId());
        m.put("released", true);
        m.put("releasedBy", r.by());
        m.put("releasedAt", r.at());
        return m;
    }

    /** The publication export, CSV or {@code .xlsx}: one row per candidate of the sitting's subject. */
    void export(RoutingContext ctx) {
        String format = ctx.request().getParam("format", "csv");
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "format", "format must be csv or xlsx");
        }
        String id = ctx.pathParam("id");
        releases.rows(id).compose(rows -> vertx.executeBlocking(() -> {
            ResultsExporter exporter = new ResultsExporter();
            return format.equals("csv") ? exporter.csv(rows.rows()) : exporter.xlsx(rows.rows(),
                    rows.sitting().title());
        }, false)).onSuccess(bytes -> ctx.response()
                .putHeader("Content-Type", format.equals("csv") ? "text/csv; charset=utf-8"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .putHeader("Content-Disposition", "attachment; filename=\"results-" + id + "." + format + "\"")
                .end(Buffer.buffer(bytes))).onFailure(ctx::fail);
    }

    /** A candidate's own results by name and ID number (in the body, never the URL). */
    void lookup(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String name = Body.text(b, "name", 200);
        String idNumber = IdentityNumbers.normalise(Body.text(b, "idNumber", 64));
        Future<Boolean> byAddress = throttles.spend(new Throttles.Key(Throttles.Kind.RESULTS_LOOKUP_ADDRESS,
                clients.of(ctx)));
        Future<Boolean> byPerson = throttles.spend(new Throttles.Key(Throttles.Kind.RESULTS_LOOKUP_PERSON, idNumber));
        Future.all(byAddress, byPerson).compose(v -> {
            if (!byAddress.result() || !byPerson.result()) {
                return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED, "too many lookups; try again "
                        + "in a minute", Map.of("retryAfterSeconds", 60)));
            }
            return releases.lookup(name, idNumber);
        }).onSuccess(found -> {
            if (found.isEmpty()) {
                ctx.fail(new ExamException(ErrorType.NOT_FOUND, NOTHING_FOUND));
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", found.get(0).row().name());
            m.put("results", found.stream().map(PublicationApi::published).toList());
            Replies.ok(ctx, m);
        }).onFailure(ctx::fail);
    }

    private static Map<String, Object> published(ReleaseService.Published p) {
        ResultRow r = p.row();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sittingId", p.sittingId());
        m.put("title", p.title());
        m.put("sittingDate", p.sittingDate().toString());
        m.put("occupation", r.occupation());
        m.put("level", r.level());
        m.put("levelCode", p.level());
        m.put("subject", r.subject().name());
        m.put("subjectName", r.subject().chineseName());
        m.put("status", r.statusCode());
        m.put("objectiveScore", r.objectiveScore());
        m.put("total", r.total());
        m.put("maxScore", r.maxScore());
        m.put("passed", r.passed());
        m.put("validUntil", r.validUntil() == null ? null : r.validUntil().toString());
        m.put("levelResult", r.levelResult());
        m.put("certificateNumber", r.certificateNumber());
        return m;
    }
}
