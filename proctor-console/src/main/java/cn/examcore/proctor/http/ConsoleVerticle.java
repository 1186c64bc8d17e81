package cn.examcore.proctor.http;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.ObjectiveAnswers;
import cn.examcore.contract.ProctorRooms;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatProgress;
import cn.examcore.contract.Severity;
import cn.examcore.platform.json.Json;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.proctor.config.ConsoleConfig;
import cn.examcore.proctor.i18n.Catalog;
import cn.examcore.proctor.live.LiveHub;
import cn.examcore.proctor.live.LiveRules;
import cn.examcore.proctor.live.SimilarityRunner;
import cn.examcore.proctor.similarity.SimilarityDetector;
import cn.examcore.proctor.upstream.ExamServerClient;
import cn.examcore.proctor.report.RoomReportException;
import cn.examcore.proctor.report.RoomReportPdf;
import cn.examcore.proctor.upstream.Refused;
import cn.examcore.proctor.upstream.UpstreamFeed;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP port and its live wiring: the web app, a reverse proxy of {@code /api/*} and {@code /admin/}
 * to exam-server (staff log in there; room scoping is enforced there), and the live streams of {@link LiveHub}
 * fed from exam-server's own live stream ({@link UpstreamFeed}, read as the console's read-only service account).
 * Who a browser is, is exam-server's answer to that browser's own token ({@link ExamServerClient#identify}): the
 * console holds no token secret. Hub, feed, timer and stream handlers all run on this verticle's one event loop.
 */
public final class ConsoleVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleVerticle.class);

    private final ConsoleConfig config;
    private final LiveHub hub;
    private final LongSupplier clock;
    private ExamServerClient exam;
    private UpstreamFeed upstream;
    private StreamTickets tickets;
    private HttpClient client;
    private SimilarityRunner similarity;
    private RoomReports reports;
    private HttpServer server;
    private final ServingCertificate tls;

    /**
     * @param tls the certificate the console's port serves HTTPS with, or null for plain HTTP
     */
    public ConsoleVerticle(ConsoleConfig config, ServingCertificate tls, LiveRules rules, LongSupplier clock) {
        this.config = config;
        this.tls = tls;
        this.hub = new LiveHub(rules, clock, this::storedEvents);
        this.clock = clock;
    }

    /** The live hub this verticle feeds. */
    public LiveHub hub() {
        return hub;
    }

    /** Ready to serve: exam-server answered the service account's login and the upstream stream is open. */
    public boolean ready() {
        return upstream != null && upstream.isOpen();
    }

    /**
     * Completes when the console is {@link #ready()}: at once, or when the upstream stream next opens; fails if the
     * verticle stops first. Callable from any thread once deployed.
     */
    public Future<Void> whenReady() {
        Promise<Void> ready = Promise.promise();
        context.runOnContext(v -> upstream.whenOpen().onComplete(ready));
        return ready.future();
    }

    @Override
    public Future<?> start() {
        exam = new ExamServerClient(vertx, config.examServers(), config.examServerClient(), config.serviceUser(),
                config.servicePassword(), clock);
        tickets = new StreamTickets(config.streamTicketSeconds() * 1000L, clock);
        client = vertx.createHttpClient(exam.clientOptions());
        reports = new RoomReports(vertx, exam);
        Severity c5 = config.rules().seriousIncidentCategories().contains(MisconductCode.C5) ? Severity.SERIOUS
                : Severity.MINOR;
        similarity = new SimilarityRunner(vertx, hub, new SimilarityRunner.Source() {
            @Override
            public Future<ObjectiveAnswers> objectiveAnswers(String sittingId) {
                return ConsoleVerticle.this.objectiveAnswers(sittingId);
            }

            @Override
            public Future<Boolean> allSubmitted(String sittingId) {
                return exam.serviceGet("/api/proctor/sittings/" + encode(sittingId) + "/attempts").map(list -> {
                    List<ProctorRooms.SeatAttempt> attempts = Json.mapper().convertValue(list,
                            new TypeReference<List<ProctorRooms.SeatAttempt>>() { });
                    return !attempts.isEmpty() && attempts.stream().allMatch(a -> "SUBMITTED".equals(a.state()));
                });
            }
        }, new SimilarityDetector(), c5, clock);
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(OriginRequestProvider.selector(ctx -> Future.succeededFuture(exam.origin())));
        ProxyHandler forward = ProxyHandler.create(proxy);
        Router router = Router.router(vertx);

        router.post("/live/sittings/:id/ticket").handler(this::ticket);
        router.get("/live/sittings/:id/stream").handler(this::stream);
        router.get("/live/status").handler(this::status);
        router.get("/live/settings").handler(this::settings);
        router.post("/live/sittings/:id/similarity").handler(this::runSimilarity);
        router.get("/report/sittings/:id/rooms/:roomId/:format").handler(this::roomReport);
        router.get("/report/sittings/:id/:format").handler(this::sittingReport);
        router.route("/api/*").handler(forward);
        router.route("/admin/*").handler(forward);
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/*").handler(StaticHandler.create("webroot/console").setCachingEnabled(false)
                .setIndexPage("index.html"));

        upstream = new UpstreamFeed(vertx, exam, new UpstreamFeed.Sink() {
            @Override
            public void onEvent(SeatEvent e) {
                hub.onEvent(e);
                if (e.kind().endsAttempt() && e.sittingId() != null) {
                    similarity.submissionSeen(e.sittingId());
                }
            }

            @Override
            public void onAudit(AuditRecord r) {
                hub.onAudit(r);
            }

            @Override
            public void onProgress(SeatProgress p) {
                hub.onProgress(p);
            }

            @Override
            public void connected() {
                hub.resync();
            }
        });
        upstream.start();
        vertx.setPeriodic(config.flushMillis(), id -> hub.flush());
        if (config.similaritySeconds() > 0) {
            vertx.setPeriodic(config.similaritySeconds() * 1000L, id -> similarity.tick());
        }

        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.httpPort())
                .setCompressionSupported(true);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(tls.options());
        }
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        upstream.close();
        exam.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port actually bound. */
    public int port() {
        return server.actualPort();
    }

    private void status(RoutingContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("viewers", hub.viewerCount());
        m.put("eventsIn", hub.eventsIn());
        m.put("batchesOut", hub.batchesOut());
        m.put("rulesRebuilds", hub.rules().rebuilds());
        m.put("flags", hub.flags().size());
        m.put("upstreamOpen", upstream.isOpen());
        m.put("upstreamMessages", upstream.messages());
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Json.encode(m));
    }

    /**
     * What the page needs before it shows anything: the zone its times are shown in, which is the sittings' zone
     * (every sitting is in {@link Catalog#SITTING_ZONE}), not the browser's.
     */
    private void settings(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(Map.of("zone", Catalog.standard().zone().getId())));
    }

    /** The token of an {@code Authorization: Bearer} header (scheme in any case), or null when there is none. */
    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return null;
        }
        return header.substring(7).strip();
    }

    /**
     * {@code POST /live/sittings/{id}/ticket} with the staff bearer token: a one-time ticket for that sitting's
     * stream, valid {@code stream-ticket-seconds} (30 s by default). See {@link StreamTickets} for why.
     */
    /**
     * {@code GET /report/sittings/{id}/rooms/{roomId}/{pdf|xlsx}}: the room record (考场记录) built from what the
     * caller's own token may read on exam-server; 404 for a room the caller does not see.
     */
    private void roomReport(RoutingContext ctx) {
        String token = bearer(ctx);
        String format = ctx.pathParam("format");
        if (token == null) {
            error(ctx, 401, "UNAUTHORIZED", "log in first: the room record needs the header Authorization: Bearer"
                    + " <staff token>", "Authorization");
            return;
        }
        if (!"pdf".equals(format) && !"xlsx".equals(format)) {
            error(ctx, 404, "NOT_FOUND", "the room record is pdf or xlsx, not " + format, "format");
            return;
        }
        reports.room(ctx.pathParam("id"), ctx.pathParam("roomId"), format, token).onSuccess(found -> {
            if (found.isEmpty()) {
                error(ctx, 404, "NOT_FOUND", "no room " + ctx.pathParam("roomId") + " of this sitting is yours",
                        "roomId");
            } else {
                sendReport(ctx, found.get(), format, "room-record-" + ctx.pathParam("roomId"));
            }
        }).onFailure(e -> reportFailed(ctx, e));
    }

    /** {@code GET /report/sittings/{id}/pdf}: the records of every room of the sitting the caller sees. */
    private void sittingReport(RoutingContext ctx) {
        String token = bearer(ctx);
        if (token == null) {
            error(ctx, 401, "UNAUTHORIZED", "log in first: the room record needs the header Authorization: Bearer"
                    + " <staff token>", "Authorization");
            return;
        }
        if (!"pdf".equals(ctx.pathParam("format"))) {
            error(ctx, 404, "NOT_FOUND", "a whole sitting's record is pdf, not " + ctx.pathParam("format"),
                    "format");
            return;
        }
        reports.sitting(ctx.pathParam("id"), token)
                .onSuccess(pdf -> sendReport(ctx, pdf, "pdf", "room-records-" + ctx.pathParam("id")))
                .onFailure(e -> reportFailed(ctx, e));
    }

    private static void sendReport(RoutingContext ctx, byte[] body, String format, String name) {
        String type = "pdf".equals(format) ? "application/pdf"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        String file = name.replaceAll("[^A-Za-z0-9_-]", "_") + "." + format;
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static void reportFailed(RoutingContext ctx, Throwable e) {
        if (e instanceof RoomReportException r) {
            error(ctx, 422, "BAD_VALUE", "the room record cannot be built: " + r.getMessage(), "report");
        } else if (e instanceof RoomReportPdf.ReportFontException f) {
            error(ctx, 503, "UNAVAILABLE", f.getMessage(), "font");
        } else {
            refused(ctx, e);
        }
    }

    private void ticket(RoutingContext ctx) {
        String sittingId = ctx.pathParam("id");
        String token = bearer(ctx);
        if (token == null) {
            error(ctx, 401, "UNAUTHORIZED", "log in first: a stream ticket needs the header Authorization: Bearer"
                    + " <staff token>", "Authorization");
            return;
        }
        exam.identify(token).onSuccess(claims -> {
            StreamTickets.Issued issued;
            try {
                issued = tickets.issue(sittingId, claims, token);
            } catch (IllegalStateException e) {
                error(ctx, 429, "RATE_LIMITED", e.getMessage(), "ticket");
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ticket", issued.ticket());
            body.put("expiresAt", issued.expiresAt());
            body.put("tokenExpiresAt", claims.expiresAt());
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(Json.encode(body));
        }).onFailure(e -> refused(ctx, e));
    }

    /**
     * {@code POST /live/sittings/{id}/similarity}: the chief proctor (an administrator's token, as
     * {@code Authorization: Bearer}) runs the answer-similarity detector now; the answer is what the run did, the
     * flags go out on the live streams. A proctor's token is refused (403): the run reads every candidate's answers.
     */
    private void runSimilarity(RoutingContext ctx) {
        String token = bearer(ctx);
        if (token == null) {
            error(ctx, 401, "UNAUTHORIZED", "log in first: a similarity run needs the chief proctor's token",
                    "Authorization");
            return;
        }
        String sittingId = ctx.pathParam("id");
        exam.identify(token).onComplete(v -> {
            if (v.failed()) {
                refused(ctx, v.cause());
            } else if (!"ADMIN".equals(v.result().role())) {
                error(ctx, 403, "FORBIDDEN", "only the chief proctor (an administrator) may run the similarity "
                        + "detector: it reads every candidate's answers", "Authorization");
            } else {
                similarity.run(sittingId)
                        .onSuccess(r -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .end(Json.encode(r)))
                        .onFailure(e -> error(ctx, 502, "SIMILARITY_FAILED", "the similarity run could not "
                                + "complete: " + e.getMessage(), "id"));
            }
        });
    }

    /**
     * Server-sent events for one sitting, opened with a one-time {@code ?ticket=} from {@link #ticket}. The staff
     * token behind the ticket is verified again here, and the seats it may see are the ones exam-server itself
     * returns for it, so the stream never shows a room the API would refuse. The stream ends when that token
     * expires (a last message {@code {"type":"expired"}}), so a page must log in again to keep watching.
     */
    private void stream(RoutingContext ctx) {
        String sittingId = ctx.pathParam("id");
        if (ctx.request().getParam("token") != null) {
            error(ctx, 400, "BAD_REQUEST", "the staff token does not go in the URL: POST /live/sittings/"
                    + sittingId + "/ticket with the Authorization header and open the stream with ?ticket=", "token");
            return;
        }
        String ticket = ctx.request().getParam("ticket");
        if (ticket == null || ticket.isBlank()) {
            error(ctx, 401, "UNAUTHORIZED", "log in first: the live stream needs ?ticket= from POST /live/sittings/"
                    + sittingId + "/ticket", "ticket");
            return;
        }
        StreamTickets.Grant grant = tickets.redeem(ticket, sittingId).orElse(null);
        if (grant == null) {
            error(ctx, 401, "BAD_TICKET", "the stream ticket is unknown, already used, expired or for another "
                    + "sitting; ask for a new one", "ticket");
            return;
        }
        exam.identify(grant.token())
                .compose(claims -> visibleSeats(sittingId, grant.token()).map(seats -> Map.entry(claims, seats)))
                .compose(cs -> hub.ready(sittingId).recover(e -> Future.failedFuture(new Unavailable(e)))
                        .map(v -> cs))
                .onSuccess(cs -> open(ctx, sittingId, cs.getValue(), cs.getKey().expiresAt()))
                .onFailure(e -> {
                    if (e instanceof Unavailable u) {
                        error(ctx, 503, "UNAVAILABLE", "the console could not load the sitting's stored events from "
                                + "exam-server; try again: " + u.getCause().getMessage(), "id");
                    } else {
                        refused(ctx, e);
                    }
                });
    }

    /**
     * exam-server's refusal (status and body) goes to the browser unchanged, except that a refused token (401) names
     * the field {@code token}, as the page expects of every token refusal; anything else is a 502.
     */
    private static void refused(RoutingContext ctx, Throwable e) {
        if (e instanceof Refused r && r.status() == 401) {
            JsonNode body;
            try {
                body = Json.tree(r.body());
            } catch (IllegalArgumentException notJson) {
                body = Json.mapper().createObjectNode();
            }
            error(ctx, 401, body.path("code").asText("BAD_TOKEN"), "the staff token is not valid: "
                    + body.path("message").asText(r.body()), "token");
        } else if (e instanceof Refused r) {
            ctx.response().setStatusCode(r.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(r.body());
        } else {
            error(ctx, 502, "UNAVAILABLE", "exam-server's answer could not be read: " + e.getMessage(),
                    "exam-servers");
        }
    }

    private void open(RoutingContext ctx, String sittingId, Set<String> seats, long tokenExpiresAt) {
        HttpServerResponse res = ctx.response();
        res.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        res.write(": connected\n\n");
        LiveHub.Viewer viewer = new LiveHub.Viewer() {
            @Override
            public String sittingId() {
                return sittingId;
            }

            @Override
            public boolean maySee(String seatCode) {
                return seats.contains(seatCode);
            }

            @Override
            public boolean send(String json) {
                if (res.closed() || res.ended()) {
                    return false;
                }
                res.write("data: " + json + "\n\n");
                return true;
            }
        };
        long keepAlive = vertx.setPeriodic(15_000, id -> {
            if (!res.closed() && !res.ended()) {
                res.write(": keep-alive\n\n");
            }
        });
        // The token was checked when the stream opened; it is not valid beyond its expiry, so neither is the stream.
        long expiry = vertx.setTimer(Math.max(1, tokenExpiresAt - clock.getAsLong()), id -> {
            vertx.cancelTimer(keepAlive);
            hub.leave(viewer);
            if (!res.closed() && !res.ended()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "expired");
                m.put("serverNow", clock.getAsLong());
                m.put("code", "STALE_TOKEN");
                m.put("message", "the staff token expired at " + java.time.Instant.ofEpochMilli(tokenExpiresAt)
                        + "; log in again");
                res.end("data: " + Json.encode(m) + "\n\n");
            }
        });
        res.closeHandler(v -> {
            vertx.cancelTimer(keepAlive);
            vertx.cancelTimer(expiry);
            hub.leave(viewer);
        });
        hub.join(viewer);
    }

    /** The seat codes exam-server shows this token for the sitting (its rooms endpoint is the room scoping). */
    private Future<Set<String>> visibleSeats(String sittingId, String token) {
        return exam.get("/api/proctor/sittings/" + encode(sittingId) + "/rooms", token).map(root -> {
            ProctorRooms.SittingRooms rooms = Json.mapper().convertValue(root, ProctorRooms.SittingRooms.class);
            Set<String> seats = new HashSet<>();
            rooms.rooms().forEach(room -> room.seats().forEach(seat -> seats.add(seat.code())));
            return seats;
        });
    }

    /**
     * A sitting's stored events from exam-server, for the rules to start from after a console restart or an upstream
     * reconnect. The console asks as its read-only service account, so every room's events come back whichever
     * viewer came first; viewers still get only their own seats.
     */
    Future<List<SeatEvent>> storedEvents(String sittingId) {
        return exam.serviceGet("/api/proctor/sittings/" + encode(sittingId) + "/events").map(body -> {
            List<SeatEvent> events = new ArrayList<>();
            for (JsonNode e : body) {
                // As on the live feed: an event the contract refuses is left out and logged, not the whole load.
                try {
                    events.add(Json.mapper().convertValue(e, SeatEvent.class));
                } catch (IllegalArgumentException x) {
                    LOG.warn("ignored a stored event of sitting {} that does not decode: {}", sittingId,
                            x.getMessage());
                }
            }
            return events;
        });
    }

    /** A sitting's objective answers for the similarity detector, as the service account. */
    Future<ObjectiveAnswers> objectiveAnswers(String sittingId) {
        return exam.serviceGet("/api/admin/sittings/" + encode(sittingId) + "/objective-answers")
                .map(body -> Json.mapper().convertValue(body, ObjectiveAnswers.class));
    }

    private static String encode(String s) {
        return ExamServerClient.encode(s);
    }

    private static void error(RoutingContext ctx, int status, String code, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("details", Map.of("field", field));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(body));
    }

    /** The stored events could not be loaded: the stream is refused rather than opened without them. */
    private static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
