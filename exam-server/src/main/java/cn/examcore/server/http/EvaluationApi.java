package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.Throttles;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.CertificatePdf;
import cn.examcore.server.conduct.CertificateService;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.VerificationCode;
import cn.examcore.server.evaluation.EvaluationService;
import cn.examcore.server.evaluation.domain.Enrolment;
import cn.examcore.server.evaluation.domain.LevelResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Evaluations (一次评价) under {@code /api/admin/evaluations} (ADMIN), a certificate's PDF (ADMIN), and the public,
 * throttled certificate verification {@code POST /api/public/certificates/verify}.
 */
final class EvaluationApi {

    /** How one subject counts towards the level. */
    record SubjectView(String subject, String outcome, String sittingDate, String evaluationId, String validUntil) {
    }

    /** A level result on the wire. */
    record LevelView(String status, String passedOn, String reason, List<SubjectView> subjects) {
    }

    /** One roster row of the evaluation. */
    record EnrolmentView(String sittingId, String subject, String ticket, long t0) {
    }

    /** An evaluation on the wire; the identity number is shown masked. */
    record EvaluationView(String evaluationId, String body, String application, String idNumber, String name,
                          String occupation, int level, List<String> subjects, List<EnrolmentView> sittings,
                          LevelView levelResult) {
    }

    /**
     * A verified certificate: what a verifier may compare with the paper or PDF in front of them. The name is masked
     * (王*): the verifier has the certificate in hand, and the public answer should not spell a person out.
     */
    record VerifiedView(String number, String status, String name, String occupation, int level, String subjects,
                        String passedOn, String body, Long revokedAt) {
    }

    private final Vertx vertx;
    private final EvaluationService evaluations;
    private final CertificateService certificates;
    private final CertificatePdf pdf;
    private final Throttles throttles;
    private final ClientAddress clients;

    EvaluationApi(Vertx vertx, EvaluationService evaluations, CertificateService certificates, Throttles throttles,
                  ClientAddress clients) {
        this.vertx = vertx;
        this.evaluations = evaluations;
        this.certificates = certificates;
        this.pdf = new CertificatePdf(CertificatePdf.DEFAULT_FONT);
        this.throttles = throttles;
        this.clients = clients;
    }

    /** {@code GET /api/admin/evaluations/:evaluationId}: the evaluation with its level result; 404 when unknown. */
    void evaluation(RoutingContext ctx) {
        evaluations.evaluation(ctx.pathParam("evaluationId")).onSuccess(s -> Replies.ok(ctx, view(s)))
                .onFailure(ctx::fail);
    }

    static EvaluationView view(EvaluationService.Summary s) {
        return new EvaluationView(s.id(), s.body(), s.application().name(), DecisionApi.masked(s.idNumber()),
                s.name(), s.occupation(), s.levelNo(), s.required().stream().map(Enum::name).toList(),
                s.enrolments().stream().map(EvaluationApi::view).toList(), view(s.level()));
    }

    private static EnrolmentView view(Enrolment e) {
        return new EnrolmentView(e.sittingId(), e.subject().name(), e.ticket(), e.t0());
    }

    static LevelView view(LevelResult l) {
        return new LevelView(l.status().name(), l.passedOn() == null ? null : l.passedOn().toString(), l.reason(),
                l.subjects().stream().map(c -> new SubjectView(c.subject().name(),
                        c.outcome() == null ? "NOT_SAT" : c.outcome().name(),
                        c.sittingDate() == null ? null : c.sittingDate().toString(), c.evaluationId(),
                        c.validUntil() == null ? null : c.validUntil().toString())).toList());
    }

    /** The level result of each candidate of a sitting, by ticket, for the results view. */
    Future<Map<String, EvaluationService.Summary>> ofSitting(String sittingId) {
        return evaluations.ofSitting(sittingId);
    }

    /**
     * {@code GET /api/admin/certificates/:number/pdf}: the electronic certificate (电子证书). Only the code's hash is
     * stored, so the code is printed when the request gives it in the {@code X-Verification-Code} header (as the
     * issue reply returned it) and matches; without the header the code's place shows a dash; a wrong code is 400.
     */
    void certificatePdf(RoutingContext ctx) {
        String number = ctx.pathParam("number");
        String given = ctx.request().getHeader("X-Verification-Code");
        String code = given == null || given.isBlank() ? null : VerificationCode.normalise(given);
        if (code != null && code.length() > 32) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "code", "the verification code is at most 32 characters");
        }
        certificates.certificate(number)
                .compose(c -> vertx.executeBlocking(() -> {
                    if (code != null && !VerificationCode.matches(code, c.verificationHash())) {
                        throw ExamException.field(ErrorType.BAD_REQUEST, "code", "this is not the verification code"
                                + " of certificate " + number);
                    }
                    return pdf.render(c, DecisionApi.masked(c.idNumber()), code);
                }, false))
                .onSuccess(bytes -> ctx.response().putHeader("Content-Type", "application/pdf")
                        .putHeader("Content-Disposition", "attachment; filename=\"certificate-"
                                + number.replaceAll("[^A-Za-z0-9-]", "_") + ".pdf\"")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    /**
     * {@code POST /api/public/certificates/verify {number, code}} (证书查验, no login): 200 with the certificate's
     * status and holder when number and code match, 404 alike for an unknown number or a wrong code. Every call
     * spends from the caller's address budget, and a wrong pair from a smaller one (429 with retryAfterSeconds).
     */
    void verify(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String number = text(b, "number", 80);
        String code = text(b, "code", 32);
        String address = clients.of(ctx);
        throttles.spend(new Throttles.Key(Throttles.Kind.CERTIFICATE_LOOKUP_ADDRESS, address)).compose(ok -> {
            if (!ok) {
                return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED,
                        "too many certificate verifications from this address; try again in a few seconds"));
            }
            return throttles.attempt(List.of(new Throttles.Key(Throttles.Kind.CERTIFICATE_VERIFY_ADDRESS, address)));
        }).compose(attempt -> certificates.verify(number, code).compose(found -> {
            if (found.isEmpty()) {
                attempt.failed();
                return Future.failedFuture(ExamException.field(ErrorType.NOT_FOUND, "number",
                        "no certificate with this number and verification code"));
            }
            Certificate c = found.get();
            return Future.succeededFuture(new VerifiedView(c.number(), c.status().name(),
                    Certificate.maskedName(c.name()), c.occupation(),
                    c.level(), c.subject(), c.sittingDate().toString(), c.body(), c.revokedAt()));
        })).onSuccess(v -> Replies.ok(ctx, v)).onFailure(ctx::fail);
    }

    private static String text(JsonNode b, String field, int max) {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required");
        }
        String t = v.asText().strip();
        if (t.length() > max) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is longer than " + max + " characters");
        }
        return t;
    }
}
