package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.auth.RateLimiter;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.offline.OfflineAnswers;
import cn.examcore.server.offline.domain.OfflineCrypto;
import cn.examcore.server.offline.domain.OfflineFile;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.function.Function;

/**
 * 离线答卷 over HTTP: {@code GET /api/candidate/offline-credentials} (the candidate's own attempt, from the token only)
 * and {@code POST /api/proctor/sittings/:id/offline-answers} (proctor or admin role, the seat's room in scope; the
 * body is the file as the page wrote it, within the API's 1 MiB JSON limit). Both are rate limited: the first per
 * attempt, the second per staff member (each upload scores an attempt again).
 */
final class OfflineAnswersApi {

    /** Longest text of a header field: ids, ticket and seat codes are far shorter. */
    private static final int MAX_FIELD = 200;

    private final OfflineAnswers offline;
    private final Function<RoutingContext, Future<Attempt>> candidate;
    private final RateLimiter candidateLimit;
    private final RateLimiter uploadLimit;

    OfflineAnswersApi(OfflineAnswers offline, Function<RoutingContext, Future<Attempt>> candidate,
                      RateLimiter candidateLimit, RateLimiter uploadLimit) {
        this.offline = offline;
        this.candidate = candidate;
        this.candidateLimit = candidateLimit;
        this.uploadLimit = uploadLimit;
    }

    void credentials(RoutingContext ctx) {
        candidate.apply(ctx).compose(a -> {
            if (!candidateLimit.tryAcquire("offline:" + a.id())) {
                return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED, "too many requests for the"
                        + " offline credentials; try again in a moment"));
            }
            return offline.credentials(a);
        }).onSuccess(c -> Replies.ok(ctx, c)).onFailure(ctx::fail);
    }

    void upload(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        if (!uploadLimit.tryAcquire("results:" + staff.username())) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many offline file uploads; try again in a moment");
        }
        OfflineFile file = file(ctx);
        offline.upload(ctx.pathParam("id"), file, staff.username(), staff::mayAccessRoom)
                .onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    /** The file as the body carries it; {@code OFFLINE_FILE_INVALID} naming the field that is missing or wrong. */
    static OfflineFile file(RoutingContext ctx) {
        JsonNode b;
        try {
            b = ctx.body() == null || ctx.body().length() <= 0 ? null : Json.mapper().readTree(ctx.body().buffer()
                    .getBytes());
        } catch (IOException e) {
            b = null;
        }
        if (b == null || !b.isObject()) {
            throw new ExamException(ErrorType.OFFLINE_FILE_INVALID, "this is not an offline answer file: the body"
                    + " must be the JSON file the candidate page wrote");
        }
        String format = field(b, "format", MAX_FIELD);
        if (!OfflineCrypto.FORMAT.equals(format)) {
            throw ExamException.field(ErrorType.OFFLINE_FILE_INVALID, "format", "the file is of format " + format
                    + "; this server reads " + OfflineCrypto.FORMAT);
        }
        JsonNode created = b.get("createdAt");
        if (created == null || !created.canConvertToLong()) {
            throw ExamException.field(ErrorType.OFFLINE_FILE_INVALID, "createdAt", "createdAt must be a time in"
                    + " milliseconds");
        }
        return new OfflineFile(format, field(b, "attemptId", MAX_FIELD), field(b, "ticket", MAX_FIELD),
                field(b, "seatCode", MAX_FIELD), created.asLong(), field(b, "epk", MAX_FIELD * 2),
                field(b, "iv", MAX_FIELD), field(b, "ciphertext", Integer.MAX_VALUE), field(b, "mac", MAX_FIELD));
    }

    private static String field(JsonNode b, String name, int max) {
        JsonNode v = b.get(name);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw ExamException.field(ErrorType.OFFLINE_FILE_INVALID, name, "the file's " + name + " is missing or"
                    + " not a text of at most " + max + " characters");
        }
        return v.asText();
    }
}
