package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.checkin.CheckInService;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperService;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** The terminal and candidate endpoints of docs/candidate-protocol.md §1–3. */
final class CandidateApi {

    private final CheckInService checkIn;
    private final Vertx vertx;
    private final LongSupplier clock;
    private final AnswerService answers;
    private final AnswerUploads uploads;
    private final BankLibrary banks;
    private final PaperService papers;
    private final TokenService tokens;

    CandidateApi(CheckInService checkIn, Vertx vertx, LongSupplier clock, AnswerService answers, AnswerUploads uploads,
                 BankLibrary banks, PaperService papers, TokenService tokens) {
        this.checkIn = checkIn;
        this.vertx = vertx;
        this.clock = clock;
        this.answers = answers;
        this.uploads = uploads;
        this.banks = banks;
        this.papers = papers;
        this.tokens = tokens;
    }

    private long now() {
        return clock.getAsLong();
    }

    void enrol(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String seatCode = Body.text(body, "seatCode", 100);
        String pin = Body.text(body, "pin", 64);
        checkIn.enrol(seatCode, pin).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void login(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String terminalToken = Body.text(body, "terminalToken", 4096);
        String ticket = Body.text(body, "ticket", 64);
        String idNumber = Body.text(body, "idNumber", 64);
        checkIn.login(terminalToken, ticket, idNumber).onSuccess(out -> Replies.ok(ctx, out))
                .onFailure(ctx::fail);
    }

    private Future<CandidateClaims> candidate(RoutingContext ctx) {
        return tokens.verify(Bearer.of(ctx.request()), CandidateClaims.class);
    }

    void paper(RoutingContext ctx) {
        // The attempt comes from the token only: no parameter can name another candidate's paper.
        candidate(ctx).compose(c -> papers.paper(c.attemptId()))
                .onSuccess(p -> Replies.ok(ctx, Map.of("alg", "AES-GCM",
                        "iv", Base64.getEncoder().encodeToString(p.iv()),
                        "ciphertext", Base64.getEncoder().encodeToString(p.ciphertext()))))
                .onFailure(ctx::fail);
    }

    void answers(RoutingContext ctx) {
        candidate(ctx).compose(c -> answers.attempt(c.attemptId())).onSuccess(a -> {
            long now = now();
            List<Map<String, Object>> list = a.answers().values().stream().map(ans -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", ans.item());
                m.put("value", ans.value() == null ? null : Json.tree(ans.value()));
                m.put("rev", ans.rev());
                return m;
            }).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("attemptId", a.id());
            out.put("state", a.stateAt(now).name());
            out.put("deadline", a.deadline(now));
            out.put("serverNow", now);
            out.put("answers", list);
            Replies.ok(ctx, out);
        }).onFailure(ctx::fail);
    }

    void resource(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        candidate(ctx).compose(c -> answers.attempt(c.attemptId()).compose(a -> {
            if (a.stateAt(now()) == AttemptState.WAITING) {
                return Future.failedFuture(new ExamException(ErrorType.NOT_STARTED,
                        "resources are available from the start"));
            }
            return papers.paper(c.attemptId());
        })).compose(p -> banks.resource(p.paper().bankId(), name)).onSuccess(r -> {
            if (r.isEmpty()) {
                ctx.fail(ExamException.field(ErrorType.NOT_FOUND, "name", "no resource " + name));
                return;
            }
            SecurityHeaders.resource(ctx.response(), r.get().name(), r.get().mediaType());
            ctx.response().end(io.vertx.core.buffer.Buffer.buffer(r.get().bytes()));
        }).onFailure(ctx::fail);
    }

    void upload(RoutingContext ctx) {
        List<FileUpload> files = ctx.fileUploads();
        candidate(ctx).compose(c -> answers.attempt(c.attemptId())).compose(a -> {
            if (a.stateAt(now()) != AttemptState.ANSWERING) {
                return Future.failedFuture(new ExamException(a.stateAt(now()) == AttemptState.SUBMITTED
                        ? ErrorType.ATTEMPT_SUBMITTED : ErrorType.NOT_STARTED,
                        "uploads are accepted only while answering"));
            }
            FileUpload f = files.stream().filter(u -> u.name().equals("file")).findFirst().orElse(null);
            if (f == null) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_REQUEST, "file",
                        "send the deliverable as multipart field 'file'"));
            }
            return vertx.fileSystem().readFile(f.uploadedFileName()).compose(buf -> {
                String name = f.fileName() == null || f.fileName().isBlank() ? "upload" : f.fileName();
                return uploads.save(a.id(), name,
                        f.contentType() == null ? "application/octet-stream" : f.contentType(), buf.getBytes())
                        .map(id -> Map.<String, Object>of("fileId", id, "name", name, "size", buf.length()));
            });
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void time(RoutingContext ctx) {
        Replies.ok(ctx, Map.of("serverNow", now()));
    }
}
