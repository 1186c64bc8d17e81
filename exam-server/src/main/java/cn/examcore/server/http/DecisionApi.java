package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.BanService;
import cn.examcore.server.conduct.CertificateService;
import cn.examcore.server.conduct.DecisionRequest;
import cn.examcore.server.conduct.DecisionService;
import cn.examcore.server.conduct.RevisionRequest;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.conduct.domain.Ban;
import cn.examcore.server.conduct.domain.BanOnRecord;
import cn.examcore.server.conduct.domain.Certificate;
import cn.examcore.server.conduct.domain.Decision;
import cn.examcore.server.conduct.domain.RecordedDecision;
import cn.examcore.server.conduct.domain.Sanction;
import cn.examcore.server.sitting.roster.IdentityNumbers;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decisions under {@code /api/proctor/sittings/:id/decisions} (a proctor for the attempt's room, or an admin) and
 * the ban registry under {@code /api/admin/bans}.
 */
final class DecisionApi {

    /**
     * A decision on the wire.
     *
     * @param candidateId the candidate's admission ticket (the identity number stays on the server)
     * @param revises     the decision this one revises on appeal (复议); null for a first decision
     * @param revisedBy   the decision that revised this one, which applies in its place; null while it applies
     */
    record DecisionView(String decisionId, String by, long at, String outcome, String category, String severity,
                        String attemptId, String candidateId, String seatCode, String flagId, List<String> evidence,
                        String reason, boolean afterSitting, SanctionView sanction,
                        List<String> revokedCertificates, String revises, String revisedBy) {
    }

    /**
     * A certificate (证书) on the wire, for administrators; the identity number is shown masked.
     *
     * @param revokedBy the decision that revoked it, null while ISSUED
     */
    record CertificateView(String number, String sittingId, String ticket, String idNumber, String name,
                           String occupation, int level, String subject, String sittingDate, String issuedBy,
                           long issuedAt, String status, String revokedBy, Long revokedAt, String evaluationId,
                           String body) {
    }



    /**
     * A decision's sanction on the wire.
     *
     * @param cancels SUBJECT (this subject of the sitting) or ALL_SUBJECTS
     */
    record SanctionView(String cancels, String banFrom, String banUntil, boolean referral, boolean scoresInvalid,
                        boolean revokeCertificates, boolean eligibilityCancelled, boolean feesForfeited) {
    }

    /**
     * A ban on the wire; the identity number is shown masked (身份证号 is personal data).
     *
     * @param lift null while the ban runs its course
     */
    record BanView(String decisionId, String idNumber, String category, String noticeText, String severity,
                   String from, String until, LiftView lift) {
    }

    /** The lift (解除) of a ban: who lifted it, when (epoch ms) and why. */
    record LiftView(String by, long at, String reason) {
    }

    private final DecisionService decisions;
    private final BanService bans;
    private final CertificateService certificates;
    private final ProctorApi proctor;
    private final RateLimits limits;

    DecisionApi(DecisionService decisions, BanService bans, CertificateService certificates, ProctorApi proctor,
                RateLimits limits) {
        this.limits = limits;
        this.decisions = decisions;
        this.bans = bans;
        this.certificates = certificates;
        this.proctor = proctor;
    }

    void decide(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        StaffClaims staff = StaffAuth.claims(ctx);
        DecisionRequest request = new DecisionRequest(ctx.pathParam("id"), textOrNull(b, "attemptId"),
                textOrNull(b, "category"), textOrNull(b, "severity"), textOrNull(b, "outcome"),
                textOrNull(b, "flagId"), evidence(b), textOrNull(b, "reason"), flag(b, "afterSitting"),
                staff.username());
        decisions.decide(request, staff::mayAccessRoom)
                .compose(d -> certificates.revokedCertificates(request.sittingId())
                        .map(revoked -> view(d, revoked, null)))
                .onSuccess(v -> Replies.json(ctx, 201, v)).onFailure(ctx::fail);
    }

    /**
     * {@code POST /api/proctor/sittings/:id/decisions/:decisionId/revisions {outcome, category?, severity?, reason}}
     * (复议, an administrator or the sitting's chief proctor): 201 with the revision, which names the decision it
     * revises and the certificates it revoked; rate-limited per staff member like other results changes.
     */
    void revise(RoutingContext ctx) {
        StaffClaims staff = StaffAuth.claims(ctx);
        if (!limits.results().tryAcquire("results:" + staff.username())) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many results changes; try again in a moment");
        }
        JsonNode b = Body.object(ctx);
        RevisionRequest request = new RevisionRequest(ctx.pathParam("id"), ctx.pathParam("decisionId"),
                textOrNull(b, "outcome"), textOrNull(b, "category"), textOrNull(b, "severity"),
                textOrNull(b, "reason"), staff.username());
        decisions.revise(request, staff::mayAccessRoom)
                .compose(d -> certificates.revokedCertificates(request.sittingId())
                        .map(revoked -> view(d, revoked, null)))
                .onSuccess(v -> Replies.json(ctx, 201, v)).onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        proctor.visibleSeats(ctx).compose(visible -> decisions.decisions(id, visible))
                .compose(list -> certificates.revokedCertificates(id).map(revoked -> {
                    Map<String, String> revisedBy = new java.util.HashMap<>();
                    list.stream().filter(d -> d.revises() != null)
                            .forEach(d -> revisedBy.put(d.revises(), d.decision().id()));
                    return list.stream().map(d -> view(d, revoked, revisedBy.get(d.decision().id()))).toList();
                }))
                .onSuccess(list -> Replies.ok(ctx, list)).onFailure(ctx::fail);
    }

    /**
     * Issues the sitting's due certificates (ADMIN) from its results as they count: 201 with those issued by this
     * call, none twice.
     */
    void issueCertificates(RoutingContext ctx) {
        certificates.issue(ctx.pathParam("id"), StaffAuth.claims(ctx).username())
                .onSuccess(list -> Replies.json(ctx, 201, list.stream().map(DecisionApi::issuedView).toList()))
                .onFailure(ctx::fail);
    }

    /** Certificates by {@code idNumber} and/or {@code sittingId} (at least one), each with its status. */
    void certificates(RoutingContext ctx) {
        String idNumber = ctx.request().getParam("idNumber");
        String sittingId = ctx.request().getParam("sittingId");
        if (idNumber == null && (sittingId == null || sittingId.isBlank())) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "idNumber", "give idNumber or sittingId");
        }
        String normalised = null;
        if (idNumber != null) {
            normalised = IdentityNumbers.normalise(idNumber);
            IdentityNumbers.problem(normalised).ifPresent(p -> {
                throw ExamException.field(ErrorType.BAD_REQUEST, "idNumber", p);
            });
        }
        certificates.certificates(normalised, sittingId == null || sittingId.isBlank() ? null : sittingId.strip())
                .onSuccess(list -> Replies.ok(ctx, list.stream().map(DecisionApi::view).toList()))
                .onFailure(ctx::fail);
    }

    /**
     * A certificate just issued: its view plus {@code verificationCode}, the one reply that carries the code, since
     * only its hash is stored. The administrator prints it on the PDF ({@code X-Verification-Code} on the PDF
     * request) and hands it to the holder.
     */
    private static Map<String, Object> issuedView(CertificateService.Issued issued) {
        Map<String, Object> m = Json.mapper().convertValue(view(issued.certificate()),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        m.put("verificationCode", issued.code());
        return m;
    }

    static CertificateView view(Certificate c) {
        return new CertificateView(c.number(), c.sittingId(), c.ticket(), masked(c.idNumber()), c.name(),
                c.occupation(), c.level(), c.subject(), c.sittingDate().toString(), c.issuedBy(), c.issuedAt(),
                c.status().name(), c.revokedBy(), c.revokedAt(), c.evaluationId(), c.body());
    }

    void bans(RoutingContext ctx) {
        String idNumber = ctx.request().getParam("idNumber");
        String normalised = null;
        if (idNumber != null) {
            normalised = IdentityNumbers.normalise(idNumber);
            IdentityNumbers.problem(normalised).ifPresent(p -> {
                throw ExamException.field(ErrorType.BAD_REQUEST, "idNumber", p);
            });
        }
        bans.bans(normalised).onSuccess(list -> Replies.ok(ctx, list.stream().map(DecisionApi::view)
                .toList())).onFailure(ctx::fail);
    }

    /** {@code POST /api/admin/bans/:decisionId/lift {reason}}: 200 the ban with its lift. */
    void liftBan(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        bans.liftBan(ctx.pathParam("decisionId"), textOrNull(b, "reason"), StaffAuth.claims(ctx).username())
                .onSuccess(ban -> Replies.ok(ctx, view(ban))).onFailure(ctx::fail);
    }

    static DecisionView view(RecordedDecision r, Map<String, List<String>> revoked, String revisedBy) {
        Decision d = r.decision();
        SanctionView sanction = r.sanction().map(DecisionApi::view).orElse(null);
        return new DecisionView(d.id(), d.by(), d.at().toEpochMilli(), d.outcome().name(), d.category().name(),
                d.severity() == null ? null : d.severity().name(), r.attemptId(), d.candidate().ticket(),
                r.seatCode(), d.flag() == null ? null : d.flag().id(), d.evidence(), d.reason(), d.afterSitting(),
                sanction, revoked.getOrDefault(d.id(), List.of()), r.revises(), revisedBy);
    }

    private static SanctionView view(Sanction s) {
        return new SanctionView(s.scope() == Sanction.Scope.THIS_SUBJECT ? "SUBJECT" : "ALL_SUBJECTS",
                s.ban().map(b -> b.from().toString()).orElse(null), s.ban().map(b -> b.until().toString()).orElse(null),
                s.referral(), s.scoresInvalid(), s.revokeCertificates(), s.eligibilityCancelled(), s.feesForfeited());
    }

    static BanView view(BanOnRecord r) {
        Ban b = r.ban();
        LiftView lift = r.lifted() ? new LiftView(r.lift().by(), r.lift().at().toEpochMilli(), r.lift().why()) : null;
        return new BanView(b.decisionId(), masked(b.idNumber()), b.category().name(), b.category().noticeText(),
                b.severity() == null ? null : b.severity().name(), b.from().toString(), b.until().toString(), lift);
    }

    /** First 6 and last 4 characters kept, e.g. 310104********123X. */
    static String masked(String idNumber) {
        if (idNumber.length() <= 10) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 6) + "*".repeat(idNumber.length() - 10)
                + idNumber.substring(idNumber.length() - 4);
    }

    private static String textOrNull(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be a string");
        }
        return v.asText();
    }

    private static boolean flag(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static List<String> evidence(JsonNode b) {
        JsonNode v = b.get("evidence");
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "evidence", "evidence must be an array of event ids");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e == null || !e.isTextual() || e.asText().isBlank()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "evidence[" + i + "]",
                        "evidence[" + i + "] must be a non-empty event id");
            }
            ids.add(e.asText().strip());
        }
        return ids;
    }
}
