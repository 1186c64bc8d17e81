package cn.examcore.server.http;

import cn.examcore.contract.SeatSocketAuth;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.server.attempt.KeyRelease;
import cn.examcore.server.proctoring.RoomsQuery;
import cn.examcore.server.sitting.SittingAdmin;
import cn.examcore.server.staff.StaffSessions;
import cn.examcore.server.wiring.Services;
import cn.examcore.server.ws.SeatSockets;
import cn.examcore.server.ws.SeatWiring;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The public HTTP port: candidate page, terminal and candidate API, seat socket, admin, proctor and seat-agent
 * APIs. Every failure is rendered by {@link Replies#failure} as {@code {code, message, details}}.
 */
public final class HttpVerticle extends VerticleBase {

    /** The largest JSON body an API takes (a blueprint is the largest, a few KiB). */
    static final long JSON_BODY_LIMIT = 1L << 20;

    private final Services s;
    private final ServingCertificate tls;
    private final SeatSockets sockets;
    private LiveStreamApi live;
    private HttpServer server;
    private HttpServer redirectServer;
    private Router router;

    /**
     * @param services the node's services
     * @param tls      the certificate the public port serves HTTPS with, or null for plain HTTP (TLS ended by a proxy)
     */
    public HttpVerticle(Services services, ServingCertificate tls) {
        this.s = services;
        this.tls = tls;
        this.sockets = new SeatSockets(new SeatWiring(services.config(), services.vertx(), services.clock(),
                services.uploads(), services.answers(), services.events(), services.papers(), services.submissions(),
                new KeyRelease(services.vertx(), services.clock(), services.attempts(),
                        sittingId -> services.sittings().sitting(sittingId).map(sitting -> sitting.releasedAt() > 0)),
                services.tokens(),
                services.metrics(), services.identity(), services.announcements(), services.writable()));
    }

    @Override
    public Future<?> start() {
        ClientAddress clients = new ClientAddress(s.config().trustedProxies());
        CandidateApi candidate = new CandidateApi(s.checkIn(), s.vertx(), s.clock(), s.answers(), s.uploads(),
                s.banks(),
                s.papers(), s.tokens(), clients);
        SittingAdmin sittings = s.sittings();
        EvaluationApi evaluation = new EvaluationApi(s.vertx(), s.evaluations(), s.certificates(), s.throttles(),
                clients);
        AdminApi admin = new AdminApi(s.vertx(), s.staff(), s.audit(), s.passwords(), sittings, s.adjustedResults(),
                evaluation);
        StaffSessionApi sessions = new StaffSessionApi(new StaffSessions(s.staff(), s.tokens(), s.passwords(),
                s.throttles(), s.clock(), Duration.ofMinutes(s.config().staffAccessMinutes()),
                Duration.ofHours(s.config().staffSessionHours())), s.audit(), clients);
        RoomsQuery rooms = s.rooms();
        ProctorApi proctor = new ProctorApi(s.events(), s.proctor(), rooms, s.limits());
        ProctorRoomsApi proctorRooms = new ProctorRoomsApi(rooms);
        ObjectiveAnswersApi objectiveAnswers = new ObjectiveAnswersApi(s.objectiveAnswers());
        DecisionApi decisions = new DecisionApi(s.decisions(), s.bans(), s.certificates(), proctor, s.limits());
        AgentApi agent = new AgentApi(s.agents(), s.events(), s.limits(), s.identity());
        StaffAuth staff = new StaffAuth(s.tokens(), s.staff());
        MarkingApi marking = new MarkingApi(s.marking(), s.limits());
        PhotoApi photos = new PhotoApi(s.vertx(), s.photos(), s.limits().photos(), candidate::attempt);
        OfflineAnswersApi offline = new OfflineAnswersApi(s.offline(), candidate::attempt, s.limits().photos(),
                s.limits().results());
        AdmissionApi admission = new AdmissionApi(s.tickets(), s.limits().photos(), clients);
        IdentityApi identity = new IdentityApi(s.identity());
        ErrataApi errata = new ErrataApi(s.publication().errata(), s.limits());
        BankExportApi bankExport = new BankExportApi(s.banks(), s.audit(), s.limits());
        PublicationApi publication = new PublicationApi(s.vertx(), s.publication().releases(), s.throttles(),
                s.limits(), clients);
        ReviewApi reviews = new ReviewApi(s.publication().reviews(), s.limits());
        RoomRulesApi roomRules = new RoomRulesApi(s.roomRules(), s.limits());
        AnnouncementsApi announcements = new AnnouncementsApi(s.announcements(), s.limits());
        ReceiptsApi receipts = new ReceiptsApi(s.submissions(), s.throttles(), clients);
        HistoryApi histories = new HistoryApi(s.vertx(), s.answers(), s.audit(), s.limits(), s.clock());
        ApiDocument document = new ApiDocument(vertx);
        live = new LiveStreamApi(s.vertx(), s.clock(), s.liveWatch());
        router = Router.router(vertx);
        router.route().handler(new SecurityHeaders(s.config().seatSocketUrls(),
                tls == null ? 0 : s.config().hstsSeconds())::page);

        router.get(SeatSocketAuth.PATH).handler(this::seatSocket);
        // Before any body handler: a token in the URL is refused without reading the body.
        router.route("/api/*").handler(Bearer::refuseInQuery);
        // Uploads are authenticated before their body is read (up to max-upload-bytes); every other API body is
        // small JSON, refused beyond JSON_BODY_LIMIT from its Content-Length before it is read.
        BodyHandler uploadBody = BodyHandler.create()
                .setBodyLimit(s.config().maxUploadBytes())
                .setUploadsDirectory(Path.of(s.config().dataDir(), "uploads-tmp").toString())
                .setDeleteUploadedFilesOnEnd(true);
        // One route per step: Vert.x takes a body handler only first on its route, and here it must come second.
        router.post("/api/candidate/upload").handler(candidate::authenticateUpload);
        router.post("/api/admin/banks").handler(ctx -> pausedWhile(ctx, staff::admin));
        router.post("/api/admin/sittings/:id/roster").handler(ctx -> pausedWhile(ctx, staff::admin));
        router.post("/api/admin/sittings/:id/photos").handler(ctx -> pausedWhile(ctx, staff::admin));
        for (String upload : List.of("/api/candidate/upload", "/api/admin/banks", "/api/admin/sittings/:id/roster",
                "/api/admin/sittings/:id/photos")) {
            router.post(upload).handler(uploadBody);
        }
        router.post("/api/candidate/upload").handler(candidate::upload);
        router.post("/api/admin/banks").handler(admin::uploadBank);
        router.post("/api/admin/sittings/:id/roster").handler(admin::importRoster);
        router.post("/api/admin/sittings/:id/photos").handler(photos::importArchive);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT));

        router.get("/api/openapi.yaml").handler(document::serve);
        router.get("/api/time").handler(candidate::time);
        router.post("/api/terminal/enrol").handler(candidate::enrol);
        router.post("/api/candidate/login").handler(candidate::login);
        router.get("/api/candidate/paper").handler(candidate::paper);
        router.get("/api/candidate/answers").handler(candidate::answers);
        router.get("/api/candidate/resource/:name").handler(candidate::resource);
        router.get("/api/candidate/photo").handler(photos::ownPhoto);
        router.get("/api/candidate/offline-credentials").handler(offline::credentials);

        router.post("/api/agent/events").handler(agent::events);
        router.post("/api/public/tickets").handler(admission::download);
        router.post("/api/public/results").handler(publication::lookup);

        router.post("/api/admin/login").handler(sessions::login);
        router.post("/api/public/certificates/verify").handler(evaluation::verify);
        router.get("/api/public/receipt-keys").handler(receipts::keys);
        router.post("/api/public/receipts/verify").handler(receipts::verify);
        router.post("/api/staff/refresh").handler(sessions::refresh);
        router.get("/api/staff/me").handler(staff::anyStaff).handler(live::me);
        router.post("/api/staff/logout").handler(staff::anyStaff).handler(sessions::logout);
        router.get("/api/admin/sittings/:id/objective-answers").handler(staff::adminOrObserverRead)
                .handler(objectiveAnswers::objectiveAnswers);
        router.route("/api/admin/*").handler(staff::admin);
        router.get("/api/admin/banks").handler(admin::banks);
        router.post("/api/admin/staff").handler(admin::createStaff);
        router.get("/api/admin/banks/:bankId/qti").handler(bankExport::exportQti);
        router.post("/api/admin/sittings").handler(admin::createSitting);
        router.get("/api/admin/sittings").handler(admin::listSittings);
        router.get("/api/admin/sittings/:id").handler(admin::getSitting);
        router.post("/api/admin/sittings/:id/rooms").handler(admin::addRoom);
        router.put("/api/admin/sittings/:id/blueprint").handler(admin::attachBlueprint);
        router.post("/api/admin/sittings/:id/assemble").handler(admin::assemble);
        router.post("/api/admin/sittings/:id/start").handler(admin::start);
        router.get("/api/admin/sittings/:id/rules").handler(roomRules::rules);
        router.put("/api/admin/sittings/:id/rules").handler(roomRules::updateRules);
        router.get("/api/admin/sittings/:id/results").handler(admin::results);
        router.get("/api/admin/sittings/:id/results/export").handler(publication::export);
        router.post("/api/admin/sittings/:id/results/release").handler(publication::release);
        router.get("/api/admin/sittings/:id/results/release").handler(publication::releaseState);
        router.post("/api/admin/sittings/:id/reviews").handler(reviews::request);
        router.get("/api/admin/sittings/:id/reviews").handler(reviews::list);
        router.post("/api/admin/sittings/:id/agent-keys").handler(admin::agentKey);
        router.get("/api/admin/sittings/:id/audit").handler(admin::audit);
        router.get("/api/admin/sittings/:id/photos").handler(photos::coverage);
        router.get("/api/admin/sittings/:id/admission").handler(admission::settings);
        router.put("/api/admin/sittings/:id/admission").handler(admission::saveSettings);
        router.get("/api/admin/sittings/:id/tickets").handler(admission::batch);
        router.get("/api/admin/sittings/:id/tickets/:ticket").handler(admission::ticket);
        router.get("/api/admin/sittings/:id/photos/:ticket").handler(photos::staffPhoto);
        router.get("/api/admin/bans").handler(decisions::bans);
        router.post("/api/admin/bans/:decisionId/lift").handler(decisions::liftBan);
        router.post("/api/admin/sittings/:id/certificates").handler(decisions::issueCertificates);
        router.get("/api/admin/certificates").handler(decisions::certificates);
        router.get("/api/admin/certificates/:number/pdf").handler(evaluation::certificatePdf);
        router.get("/api/admin/evaluations/:evaluationId").handler(evaluation::evaluation);
        router.get("/api/admin/attempts/:attemptId/receipt").handler(receipts::adminReceipt);
        router.get("/api/admin/attempts/:attemptId/history").handler(histories::export);
        router.post("/api/admin/sittings/:id/errata").handler(errata::apply);
        router.get("/api/admin/sittings/:id/errata").handler(errata::list);

        router.route("/api/proctor/*").handler(staff::proctor);
        router.get("/api/proctor/live").handler(live::stream);
        router.get("/api/proctor/sittings").handler(proctorRooms::sittings);
        router.get("/api/proctor/sittings/:id/rooms").handler(proctorRooms::rooms);
        router.post("/api/proctor/sittings/:id/seats/:seat/confirm-identity").handler(identity::confirmSeat);
        router.post("/api/proctor/sittings/:id/rooms/:roomId/confirm-identity").handler(identity::confirmRoom);
        router.get("/api/proctor/sittings/:id/identity").handler(identity::checks);
        router.get("/api/proctor/sittings/:id/identity/required").handler(identity::required);
        router.post("/api/proctor/sittings/:id/seats/:seat/:action").handler(proctor::command);
        router.post("/api/proctor/sittings/:id/rooms/:roomId/:action").handler(proctor::roomCommand);
        router.post("/api/proctor/sittings/:id/all-rooms/:action").handler(proctor::sittingCommand);
        router.post("/api/proctor/sittings/:id/announcements").handler(announcements::announce);
        router.get("/api/proctor/sittings/:id/announcements").handler(announcements::list);
        router.post("/api/proctor/sittings/:id/decisions").handler(decisions::decide);
        router.get("/api/proctor/sittings/:id/decisions").handler(decisions::list);
        router.post("/api/proctor/sittings/:id/decisions/:decisionId/revisions").handler(decisions::revise);
        router.get("/api/proctor/sittings/:id/attempts").handler(proctor::attempts);
        router.get("/api/proctor/sittings/:id/events").handler(proctor::events);
        router.get("/api/proctor/sittings/:id/photos/:ticket").handler(photos::staffPhoto);
        router.post("/api/proctor/sittings/:id/offline-answers").handler(offline::upload);

        router.get("/api/marking/sittings").handler(staff::marking).handler(marking::sittings);
        router.post("/api/marking/sittings/:id/open").handler(staff::chiefMarker).handler(marking::open);
        router.get("/api/marking/sittings/:id/scripts").handler(staff::marking).handler(marking::scripts);
        router.get("/api/marking/sittings/:id/progress").handler(staff::chiefMarker).handler(marking::progress);
        router.get("/api/marking/scripts/:scriptId").handler(staff::marking).handler(marking::sheet);
        router.get("/api/marking/scripts/:scriptId/files/:index").handler(staff::marking).handler(marking::file);
        router.post("/api/marking/scripts/:scriptId/marks").handler(staff::marker).handler(marking::mark);
        router.post("/api/marking/scripts/:scriptId/arbitration").handler(staff::chiefMarker)
                .handler(marking::arbitrate);
        router.post("/api/marking/scripts/:scriptId/reopen").handler(staff::chiefMarker).handler(marking::reopen);
        router.get("/api/marking/sittings/:id/reviews").handler(staff::chiefMarker).handler(reviews::list);
        router.post("/api/marking/reviews/:reviewId/decision").handler(staff::chiefMarker).handler(reviews::decide);

        router.route("/api/*").handler(ctx -> ctx.fail(404));
        router.get("/").handler(ctx -> ctx.redirect("/candidate/"));
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false)
                .setIndexPage("index.html"));
        router.route().failureHandler(Replies::failure);

        int limit = s.config().maxMessageBytes() * 4;
        HttpServerOptions options = new HttpServerOptions()
                .setHost(s.config().host())
                .setPort(s.config().httpPort())
                .setMaxWebSocketFrameSize(limit)
                .setMaxWebSocketMessageSize(limit)
                // The seat socket's one subprotocol: selected from the page's offer, so the token offered beside it
                // (SeatSocketAuth) is never echoed in the response.
                .setWebSocketSubProtocols(List.of(SeatSocketAuth.SUBPROTOCOL))
                // No WebSocket extension is offered, so the frame decoder refuses a frame with RSV bits set (a
                // protocol violation, closed with 1002) instead of reading it as if nothing were set. Seat messages
                // are small; the paper and other large answers go over HTTP, compressed there.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setCompressionSupported(true);
        if (tls != null) {
            // The seat socket is upgraded on this same server, so it is wss:// whenever the pages are https://.
            options.setSsl(true).setKeyCertOptions(tls.options());
        }
        // The clustered consumers are in place before the first request: a seat served earlier could miss a release.
        return Future.all(sockets.start(), live.start())
                .compose(v -> vertx.createHttpServer(options).requestHandler(router).listen())
                .onSuccess(srv -> server = srv)
                .compose(srv -> listenRedirect());
    }

    /**
     * The optional plain-HTTP port: every request is sent to the same path on the HTTPS port, so an address typed
     * without {@code https://} still arrives, while nothing (no page, no API, no socket) is served in the clear.
     */
    private Future<?> listenRedirect() {
        int port = s.config().httpRedirectPort();
        if (tls == null || port < 0) {
            return Future.succeededFuture();
        }
        HttpServerOptions options = new HttpServerOptions().setHost(s.config().host()).setPort(port);
        return vertx.createHttpServer(options).requestHandler(this::redirectToHttps).listen()
                .onSuccess(srv -> redirectServer = srv);
    }

    private void redirectToHttps(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        // A request without a Host header (HTTP/1.0) goes to the configured address, or this machine's name for a
        // wildcard, which the browser could not open.
        String configured = s.config().host();
        String host = authority != null ? authority.host()
                : configured.equals("0.0.0.0") || configured.equals("::") ? "localhost" : configured;
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String location = "https://" + host + ":" + server.actualPort() + request.uri();
        // 308 keeps the method and body (a POST stays a POST); browsers follow it like 301.
        request.response().setStatusCode(308).putHeader("Location", location)
                .putHeader("Content-Length", "0").end();
    }

    @Override
    public Future<?> stop() {
        sockets.stop();
        Future<Void> streams = live == null ? Future.succeededFuture() : live.stop();
        return streams.transform(v -> redirectServer == null ? Future.succeededFuture() : redirectServer.close())
                .transform(v -> server == null ? Future.succeededFuture() : server.close());
    }

    /** The port actually bound (the configured one, or the free one picked for port 0). */
    public int port() {
        return server.actualPort();
    }

    /** The plain-HTTP redirect port actually bound, or -1 when there is none. */
    public int redirectPort() {
        return redirectServer == null ? -1 : redirectServer.actualPort();
    }

    /** The public port's routes, for the test that holds them against the OpenAPI document. */
    public Router router() {
        return router;
    }

    /**
     * Runs an asynchronous check (a token) with the request paused, so that a body handler after it still reads the
     * whole body, and one that is refused is never read.
     */
    static void pausedWhile(RoutingContext ctx, Handler<RoutingContext> check) {
        ctx.request().pause();
        check.handle(ctx);
    }

    /**
     * The seat socket: the candidate token comes in the {@code Sec-WebSocket-Protocol} header
     * ({@link SeatSocketAuth}), and one in the URL is refused before the upgrade, as on every HTTP endpoint.
     */
    private void seatSocket(RoutingContext ctx) {
        if (Bearer.refusedInQuery(ctx, SeatSocketAuth.HEADER + ": " + SeatSocketAuth.SUBPROTOCOL + ", "
                + SeatSocketAuth.TOKEN_PREFIX + "<token>")) {
            return;
        }
        String token = SeatSocketAuth.token(ctx.request().getHeader(SeatSocketAuth.HEADER));
        ctx.request().toWebSocket().onSuccess(ws -> sockets.open(ws, token)).onFailure(ctx::fail);
    }
}
