package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.admission.AdmissionTickets;
import cn.examcore.server.admission.TicketPdf;
import cn.examcore.server.admission.domain.AdmissionSettings;
import cn.examcore.server.auth.RateLimiter;
import cn.examcore.server.common.ExamException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 准考证 over HTTP: an administrator's settings and PDFs (one candidate, a sitting, a room), and the public download
 * a candidate uses with name and ID number, without any login.
 */
final class AdmissionApi {

    private final AdmissionTickets tickets;
    private final RateLimiter limit;
    private final ClientAddress clients;

    AdmissionApi(AdmissionTickets tickets, RateLimiter limit, ClientAddress clients) {
        this.tickets = tickets;
        this.limit = limit;
        this.clients = clients;
    }

    static Map<String, Object> json(AdmissionSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sittingId", s.sittingId());
        m.put("siteName", s.siteName());
        m.put("siteAddress", s.siteAddress());
        m.put("ticketsOpenAt", s.ticketsOpenAt());
        m.put("identityRequired", s.identityRequired());
        m.put("chargeIdentityDelay", s.chargeIdentityDelay());
        return m;
    }

    void settings(RoutingContext ctx) {
        tickets.settings(ctx.pathParam("id")).onSuccess(s -> Replies.ok(ctx, json(s))).onFailure(ctx::fail);
    }

    void saveSettings(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String siteName = Body.optionalText(b, "siteName", AdmissionTickets.MAX_SITE_CHARS, "");
        String siteAddress = Body.optionalText(b, "siteAddress", AdmissionTickets.MAX_SITE_CHARS, "");
        Long opens = optionalInstant(b, "ticketsOpenAt");
        boolean identity = bool(b, "identityRequired", false);
        boolean charge = bool(b, "chargeIdentityDelay", true);
        tickets.saveSettings(ctx.pathParam("id"), siteName, siteAddress, opens, identity, charge,
                        StaffAuth.claims(ctx).username())
                .onSuccess(s -> Replies.ok(ctx, json(s))).onFailure(ctx::fail);
    }

    private static boolean bool(JsonNode b, String field, boolean fallback) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static Long optionalInstant(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.asLong() > 0) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Instant.parse(v.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw ExamException.field(ErrorType.BAD_REQUEST, field, field
                + " must be epoch milliseconds or an ISO-8601 instant such as 2026-04-18T01:00:00Z");
    }

    private static TicketPdf.Paper paper(RoutingContext ctx, String value) {
        TicketPdf.Paper paper = TicketPdf.Paper.parse(value == null ? "A4" : value);
        if (paper == null) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "paper", "paper must be A4 or A5");
        }
        return paper;
    }

    private void spend(String who) {
        if (!limit.tryAcquire(who)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many ticket requests; try again in a few seconds",
                    Map.of("retryAfterSeconds", Math.max(1, limit.retryAfter(who).toSeconds())));
        }
    }

    /** One candidate's ticket. */
    void ticket(RoutingContext ctx) {
        TicketPdf.Paper paper = paper(ctx, ctx.request().getParam("paper"));
        spend("staff:" + StaffAuth.claims(ctx).username());
        String ticket = ctx.pathParam("ticket");
        tickets.ticketPdf(ctx.pathParam("id"), ticket, paper)
                .onSuccess(pdf -> send(ctx, pdf, "ticket-" + ticket + ".pdf")).onFailure(ctx::fail);
    }

    /** Every ticket of the sitting, or of the room named by {@code roomId}. */
    void batch(RoutingContext ctx) {
        TicketPdf.Paper paper = paper(ctx, ctx.request().getParam("paper"));
        spend("staff:" + StaffAuth.claims(ctx).username());
        String roomId = ctx.request().getParam("roomId");
        String sittingId = ctx.pathParam("id");
        tickets.batchPdf(sittingId, roomId == null || roomId.isBlank() ? null : roomId, paper)
                .onSuccess(pdf -> send(ctx, pdf, "tickets-" + sittingId + ".pdf")).onFailure(ctx::fail);
    }

    /** 准考证下载: name and ID number in a JSON body (never in the URL, where logs would keep them). */
    void download(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String name = Body.text(b, "name", 100);
        String idNumber = Body.text(b, "idNumber", 64);
        TicketPdf.Paper paper = paper(ctx, Body.optionalText(b, "paper", 4, "A4"));
        tickets.download(name, idNumber, clients.of(ctx), paper).onSuccess(d -> {
            if (d.pdf() == null) {
                ctx.fail(new ExamException(ErrorType.NOT_STARTED, "admission tickets can be downloaded from "
                        + AdmissionTickets.opensText(d.opensAt()) + " Beijing time",
                        Map.of("opensAt", d.opensAt())));
                return;
            }
            send(ctx, d.pdf(), "admission-ticket.pdf");
        }).onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, byte[] pdf, String fileName) {
        ctx.response().putHeader("Content-Type", "application/pdf")
                .putHeader("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]",
                        "_") + "\"")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(Buffer.buffer(pdf));
    }
}
