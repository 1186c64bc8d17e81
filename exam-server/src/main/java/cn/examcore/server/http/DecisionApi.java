package cn.examcore.server.http;

import cn.examcore.server.Services;
import cn.examcore.server.api.ErrorType;
import cn.examcore.server.api.ExamException;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.decision.Ban;
import cn.examcore.server.decision.Decision;
import cn.examcore.server.decision.RecordedDecision;
import cn.examcore.server.decision.Sanction;
import cn.examcore.server.review.DecisionRequest;
import cn.examcore.server.roster.IdentityNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Decisions under {@code /api/proctor/sittings/:id/decisions} (a proctor for the attempt's room, or an admin) and
 * the ban registry under {@code /api/admin/bans}.
 */
final class DecisionApi {

    /**
     * A decision on the wire.
     *
     * @param candidateId the candidate's admission ticket (the identity number stays on the server)
     */
    record DecisionView(String decisionId, String by, long at, String outcome, String category, String severity,
                        String attemptId, String candidateId, String seatCode, String flagId, List<String> evidence,
                        String reason, boolean afterSitting, SanctionView sanction) {
    }

    /**
     * A decision's sanction on the wire.
     *
     * @param cancels SUBJECT (this subject of the sitting) or ALL_SUBJECTS
     */
    record SanctionView(String cancels, String banFrom, String banUntil, boolean referral, boolean scoresInvalid,
                        boolean revokeCertificates, boolean eligibilityCancelled, boolean feesForfeited) {
    }

    /** A ban on the wire; the identity number is shown masked (身份证号 is personal data). */
    record BanView(String decisionId, String idNumber, String category, String noticeText, String severity,
                   String from, String until) {
    }

    private final Services s;
    private final ProctorApi proctor;

    DecisionApi(Services services, ProctorApi proctor) {
        this.s = services;
        this.proctor = proctor;
    }

    void decide(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        StaffClaims staff = StaffAuth.claims(ctx);
        DecisionRequest request = new DecisionRequest(ctx.pathParam("id"), textOrNull(b, "attemptId"),
                textOrNull(b, "category"), textOrNull(b, "severity"), textOrNull(b, "outcome"),
                textOrNull(b, "flagId"), evidence(b), textOrNull(b, "reason"), flag(b, "afterSitting"),
                staff.username());
        s.decisions().decide(request, staff::mayAccessRoom)
                .onSuccess(d -> Replies.json(ctx, 201, view(d))).onFailure(ctx::fail);
    }

    void list(RoutingContext ctx) {
        proctor.visibleSeats(ctx).compose(visible -> s.decisions().decisions(ctx.pathParam("id"), visible))
                .onSuccess(list -> Replies.ok(ctx, list.stream().map(DecisionApi::view).toList()))
                .onFailure(ctx::fail);
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
        s.decisions().bans(normalised).onSuccess(list -> Replies.ok(ctx, list.stream().map(DecisionApi::view)
                .toList())).onFailure(ctx::fail);
    }

    static DecisionView view(RecordedDecision r) {
        Decision d = r.decision();
        SanctionView sanction = r.sanction().map(DecisionApi::view).orElse(null);
        return new DecisionView(d.id(), d.by(), d.at().toEpochMilli(), d.outcome().name(), d.category().name(),
                d.severity() == null ? null : d.severity().name(), r.attemptId(), d.candidate().ticket(),
                r.seatCode(), d.flag() == null ? null : d.flag().id(), d.evidence(), d.reason(), d.afterSitting(),
                sanction);
    }

    private static SanctionView view(Sanction s) {
        return new SanctionView(s.scope() == Sanction.Scope.THIS_SUBJECT ? "SUBJECT" : "ALL_SUBJECTS",
                s.ban().map(b -> b.from().toString()).orElse(null), s.ban().map(b -> b.until().toString()).orElse(null),
                s.referral(), s.scoresInvalid(), s.revokeCertificates(), s.eligibilityCancelled(), s.feesForfeited());
    }

    static BanView view(Ban b) {
        return new BanView(b.decisionId(), masked(b.idNumber()), b.category().name(), b.category().noticeText(),
                b.severity() == null ? null : b.severity().name(), b.from().toString(), b.until().toString());
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
