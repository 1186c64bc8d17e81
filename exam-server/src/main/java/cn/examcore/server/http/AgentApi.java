package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.admission.IdentityChecks;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.SeatAgents;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Seat;
import cn.examcore.server.sitting.domain.Sitting;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 考位代理: the seat-agent endpoint of docs/candidate-protocol.md §6. A batch is checked whole before anything is
 * stored; each event is attached to the attempt of the candidate assigned to that seat (or kept against the seat
 * when the seat has none) and stamped with the server time.
 */
final class AgentApi {

    static final int MAX_EVENTS = 100;
    private static final int MAX_DETAIL_CHARS = 2_000;

    private final SeatAgents agents;
    private final EventService events;
    private final RateLimits limits;
    private final IdentityChecks identity;

    AgentApi(SeatAgents agents, EventService events, RateLimits limits, IdentityChecks identity) {
        this.agents = agents;
        this.events = events;
        this.limits = limits;
        this.identity = identity;
    }

    void events(RoutingContext ctx) {
        String key = Bearer.of(ctx.request());
        if (key == null || key.isBlank()) {
            throw new ExamException(ErrorType.BAD_AGENT_KEY, "send the agent key as Authorization: Bearer <agentKey>");
        }
        if (!limits.agent().tryAcquire("agent:" + key)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many agent requests; batch events (up to "
                    + MAX_EVENTS + " per request)");
        }
        JsonNode body = Body.object(ctx);
        JsonNode events = body.get("events");
        if (events == null || !events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "events", "events must be an array of 1 to "
                    + MAX_EVENTS + " events");
        }
        agents.sittingOf(key).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new ExamException(ErrorType.BAD_AGENT_KEY, "the agent key is not valid"));
            }
            SeatAgents.AgentSitting s = found.get();
            return store(s.sitting(), s.seats(), s.candidates(), events);
        }).onSuccess(n -> Replies.json(ctx, 202, Map.of("accepted", n))).onFailure(ctx::fail);
    }

    private Future<Integer> store(Sitting sitting, List<Seat> seats, List<Candidate> candidates, JsonNode events) {
        // Only the seats this batch names are looked up (at most MAX_EVENTS), and only their attempt ids derived:
        // the whole sitting's roster is not rehashed for every batch.
        Set<String> named = new HashSet<>();
        for (JsonNode e : events) {
            JsonNode seat = e.isObject() ? e.get("seatCode") : null;
            if (seat != null && seat.isTextual()) {
                named.add(seat.asText());
            }
        }
        Set<String> codes = new HashSet<>();
        for (Seat x : seats) {
            if (named.contains(x.code())) {
                codes.add(x.code());
            }
        }
        Map<String, String> attemptAtSeat = new HashMap<>();
        for (Candidate c : candidates) {
            if (named.contains(c.seatCode()) && c.subjects().contains(sitting.subject())) {
                attemptAtSeat.put(c.seatCode(), PaperService.attemptId(sitting.id(), c.ticket(),
                        sitting.subject().name()));
            }
        }
        List<SeatEvent> drafts = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (!e.isObject()) {
                throw Body.element(ErrorType.BAD_REQUEST, "events", i, null, "each event must be an object");
            }
            JsonNode seat = e.get("seatCode");
            if (seat == null || !seat.isTextual() || !codes.contains(seat.asText())) {
                throw Body.element(ErrorType.BAD_REQUEST, "events", i, "seatCode", "unknown seat "
                        + (seat == null ? "(missing)" : seat.asText()));
            }
            JsonNode kind = e.get("kind");
            int index = i;
            SeatEvent.Kind k = SeatEvent.Kind.reportedBy(SeatEvent.Source.AGENT, kind == null ? "" : kind.asText())
                    .orElseThrow(() -> Body.element(ErrorType.BAD_REQUEST, "events", index, "kind", "unknown kind "
                            + (kind == null ? "(missing)" : kind.asText())));
            JsonNode detail = e.get("detail");
            Map<String, Object> d = new LinkedHashMap<>();
            if (detail != null && !detail.isNull()) {
                if (!detail.isObject() || Json.encode(detail).length() > MAX_DETAIL_CHARS) {
                    throw Body.element(ErrorType.BAD_REQUEST, "events", i, "detail", "detail must be an object of at"
                            + " most " + MAX_DETAIL_CHARS + " characters of JSON");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = Json.mapper().convertValue(detail, LinkedHashMap.class);
                d.putAll(m);
            }
            EventDetail facts;
            try {
                facts = k.read(d);
            } catch (IllegalArgumentException x) {
                throw Body.element(ErrorType.BAD_REQUEST, "events", i, "detail", x.getMessage());
            }
            JsonNode observed = e.get("observedAt");
            if (observed != null && !observed.isNull() && !observed.isIntegralNumber()) {
                throw Body.element(ErrorType.BAD_REQUEST, "events", i, "observedAt",
                        "observedAt must be epoch milliseconds");
            }
            drafts.add(this.events.draft(sitting.id(), attemptAtSeat.get(seat.asText()), seat.asText(), k, facts,
                    observed == null ? 0 : observed.asLong()));
        }
        // A reader's confirmation counts as the identity check of the seat: it may release a held key.
        List<Future<?>> confirmations = new ArrayList<>();
        return this.events.recordAll(drafts).compose(v -> {
            for (SeatEvent e : drafts) {
                if (e.kind() == SeatEvent.Kind.IDENTITY_CONFIRMED) {
                    confirmations.add(identity.confirmByReader(sitting, e.seatCode(),
                            ((EventDetail.IdentityConfirmed) e.detail()).reader()));
                }
            }
            return Future.all(confirmations);
        }).map(drafts.size());
    }
}
