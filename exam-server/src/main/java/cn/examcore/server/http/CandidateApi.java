package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.AnswerService;
import cn.examcore.server.attempt.AnswerUploads;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.auth.AuthException;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.checkin.CheckInService;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperService;
import cn.examcore.bank.model.ItemType;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

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
    private final ClientAddress clients;
    /** Where {@link #authenticateUpload} leaves the uploader's claims for {@link #upload}. */
    private static final String UPLOADER = "examcore.uploader";

    CandidateApi(CheckInService checkIn, Vertx vertx, LongSupplier clock, AnswerService answers, AnswerUploads uploads,
                 BankLibrary banks, PaperService papers, TokenService tokens, ClientAddress clients) {
        this.checkIn = checkIn;
        this.vertx = vertx;
        this.clock = clock;
        this.answers = answers;
        this.uploads = uploads;
        this.banks = banks;
        this.papers = papers;
        this.tokens = tokens;
        this.clients = clients;
    }

    private long now() {
        return clock.getAsLong();
    }

    void enrol(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String seatCode = Body.text(body, "seatCode", 100);
        String pin = Body.text(body, "pin", 64);
        checkIn.enrol(seatCode, pin, clients.of(ctx)).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void login(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String terminalToken = Body.text(body, "terminalToken", 4096);
        String ticket = Body.text(body, "ticket", 64);
        String idNumber = Body.text(body, "idNumber", 64);
        checkIn.login(terminalToken, ticket, idNumber).onSuccess(out -> Replies.ok(ctx, out))
                .onFailure(ctx::fail);
    }

    /**
     * The attempt of the request's candidate token, once the token is known to be current: a seat change (调换座位)
     * moves the attempt to another seat, and from then on a token issued at the old seat is refused here as
     * {@code STALE_TOKEN}, as the seat socket refuses it, so the old terminal can neither read nor upload.
     */
    Future<Attempt> attempt(RoutingContext ctx) {
        return tokens.verify(Bearer.of(ctx.request()), CandidateClaims.class)
                .compose(c -> answers.attempt(c.attemptId()).compose(a -> current(c, a)));
    }

    private static Future<Attempt> current(CandidateClaims claims, Attempt attempt) {
        return attempt.seatCode().equals(claims.seatCode()) ? Future.succeededFuture(attempt)
                : Future.failedFuture(new AuthException(AuthException.Reason.STALE_TOKEN,
                        "this token was issued at seat " + claims.seatCode() + ", which the attempt has left; log in "
                                + "at the new seat"));
    }

    void paper(RoutingContext ctx) {
        // The attempt comes from the token only: no parameter can name another candidate's paper. The attempt (for
        // the seat check) and the paper are read at once, so the check adds no round trip.
        tokens.verify(Bearer.of(ctx.request()), CandidateClaims.class).compose(c -> {
            Future<Attempt> attempt = answers.attempt(c.attemptId()).compose(a -> current(c, a));
            Future<PaperService.LoadedPaper> paper = papers.paper(c.attemptId());
            return Future.all(attempt, paper).map(all -> paper.result());
        })
                .onSuccess(p -> Replies.encoded(ctx, 200, sealedPaper(p.iv(), p.ciphertext())))
                .onFailure(ctx::fail);
    }

    private static final byte[] SEALED_START = "{\"alg\":\"AES-GCM\",\"iv\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEALED_MIDDLE = "\",\"ciphertext\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEALED_END = "\"}".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code {"alg":"AES-GCM","iv":…,"ciphertext":…}}, the two values Base64. The sealed paper is the largest body of
     * the check-in storm and every seat asks for it once; Base64 never needs JSON escaping, so its bytes are written
     * as they are instead of through a string, a JSON generator and a second encoding.
     */
    static Buffer sealedPaper(byte[] iv, byte[] ciphertext) {
        byte[] iv64 = Base64.getEncoder().encode(iv);
        byte[] text64 = Base64.getEncoder().encode(ciphertext);
        return Buffer.buffer(SEALED_START.length + iv64.length + SEALED_MIDDLE.length + text64.length
                + SEALED_END.length).appendBytes(SEALED_START).appendBytes(iv64).appendBytes(SEALED_MIDDLE)
                .appendBytes(text64).appendBytes(SEALED_END);
    }

    void answers(RoutingContext ctx) {
        attempt(ctx).onSuccess(a -> {
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
        attempt(ctx).compose(a -> {
            if (a.stateAt(now()) == AttemptState.WAITING) {
                return Future.failedFuture(new ExamException(ErrorType.NOT_STARTED,
                        "resources are available from the start"));
            }
            return papers.paper(a.id());
        }).compose(p -> banks.resource(p.paper().bankId(), name)).onSuccess(r -> {
            if (r.isEmpty()) {
                ctx.fail(ExamException.field(ErrorType.NOT_FOUND, "name", "no resource " + name));
                return;
            }
            SecurityHeaders.resource(ctx.response(), r.get().name(), r.get().mediaType());
            ctx.response().end(io.vertx.core.buffer.Buffer.buffer(r.get().bytes()));
        }).onFailure(ctx::fail);
    }

    /**
     * Before an upload's body is read: the candidate token (the request stays paused meanwhile), and a declared
     * length within the limit, so an unauthenticated or oversized body is refused without reading it.
     */
    void authenticateUpload(RoutingContext ctx) {
        ctx.request().pause();
        tokens.verify(Bearer.of(ctx.request()), CandidateClaims.class)
                .compose(c -> answers.attempt(c.attemptId()).compose(a -> current(c, a)).map(a -> c))
                .onSuccess(claims -> {
                    ctx.put(UPLOADER, claims);
                    ctx.next();
                }).onFailure(ctx::fail);
    }

    void upload(RoutingContext ctx) {
        List<FileUpload> files = ctx.fileUploads();
        CandidateClaims claims = ctx.get(UPLOADER);
        // Read again: the attempt may have moved or stopped while the body came in.
        answers.attempt(claims.attemptId()).compose(a -> current(claims, a)).compose(a -> {
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
            return papers.paper(a.id()).compose(paper -> vertx.fileSystem().readFile(f.uploadedFileName())
                    .compose(buf -> {
                        String name = f.fileName() == null || f.fileName().isBlank() ? "upload" : f.fileName();
                        return uploads.save(a.id(), deliverableTypes(paper), name,
                                        f.contentType() == null ? "application/octet-stream" : f.contentType(),
                                        buf.getBytes())
                                .map(id -> Map.<String, Object>of("fileId", id, "name", name, "size", buf.length()));
                    }));
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    /** The file types the paper's operation items ask for as deliverables. */
    private static Set<String> deliverableTypes(PaperService.LoadedPaper paper) {
        return paper.items().values().stream()
                .filter(i -> i.type() == ItemType.OPERATION && i.operation() != null)
                .flatMap(i -> i.operation().deliverableTypes().stream())
                .map(t -> t.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    void time(RoutingContext ctx) {
        Replies.ok(ctx, Map.of("serverNow", now()));
    }
}
