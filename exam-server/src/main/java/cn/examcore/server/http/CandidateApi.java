package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.SeatEvent;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.store.AttemptStore;
import cn.examcore.server.auth.CandidateClaims;
import cn.examcore.server.auth.RateLimits;
import cn.examcore.server.auth.TerminalClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.events.EventService;
import cn.examcore.server.paper.BankLibrary;
import cn.examcore.server.paper.PaperService;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.sitting.store.SetupStore.SeatInSitting;
import cn.examcore.server.sitting.store.SetupStore;
import cn.examcore.server.sitting.store.StoredUpload;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/** The terminal and candidate endpoints of docs/candidate-protocol.md §1–3. */
final class CandidateApi {

    /** A candidate token lives through the longest sitting day. */
    private static final Duration CANDIDATE_TTL = Duration.ofHours(12);
    /** Enrolment looks for sittings whose T0 is at most this far in the past. */
    private static final long ENROL_WINDOW_MILLIS = 24L * 3600 * 1000;

    private final ServerConfig config;
    private final Vertx vertx;
    private final LongSupplier clock;
    private final SetupStore setup;
    private final AttemptStore attempts;
    private final EventService events;
    private final BankLibrary banks;
    private final PaperService papers;
    private final TokenService tokens;
    private final RateLimits limits;

    CandidateApi(ServerConfig config, Vertx vertx, LongSupplier clock, SetupStore setup, AttemptStore attempts,
                 EventService events, BankLibrary banks, PaperService papers, TokenService tokens,
                 RateLimits limits) {
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.setup = setup;
        this.attempts = attempts;
        this.events = events;
        this.banks = banks;
        this.papers = papers;
        this.tokens = tokens;
        this.limits = limits;
    }

    private long now() {
        return clock.getAsLong();
    }

    void enrol(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String seatCode = Body.text(body, "seatCode", 100);
        String pin = Body.text(body, "pin", 64);
        if (!limits.enrol().tryAcquire("enrol:" + seatCode)) {
            throw new ExamException(ErrorType.RATE_LIMITED, "too many enrolment attempts for this seat; wait a "
                    + "little", Map.of("retryAfterSeconds", limits.enrol().retryAfter("enrol:" + seatCode)
                    .toSeconds() + 1));
        }
        setup.seatsByCode(seatCode, now() - ENROL_WINDOW_MILLIS).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.UNKNOWN_SEAT, "seatCode",
                        "no seat " + seatCode + " in a current sitting"));
            }
            List<SeatInSitting> pinMatches = found.stream()
                    .filter(f -> MessageDigest.isEqual(f.sitting().enrolmentPin().getBytes(StandardCharsets.UTF_8),
                            pin.getBytes(StandardCharsets.UTF_8)))
                    .toList();
            // The same room may serve several sittings: take the earliest one not yet over, else the latest.
            long now = now();
            Optional<SeatInSitting> match = pinMatches.stream()
                    .filter(f -> f.sitting().startAt() + f.sitting().durationSeconds() * 1000 > now)
                    .min(java.util.Comparator.comparingLong(f -> f.sitting().t0()))
                    .or(() -> pinMatches.stream().max(java.util.Comparator.comparingLong(f -> f.sitting().t0())));
            if (match.isEmpty()) {
                return Future.failedFuture(ExamException.field(ErrorType.BAD_PIN, "pin", "the PIN is not right"));
            }
            SeatInSitting m = match.get();
            return setup.rooms(m.sitting().id()).map(rooms -> {
                String roomName = rooms.stream().filter(r -> r.id().equals(m.seat().roomId())).findFirst()
                        .map(r -> r.name()).orElse("");
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("terminalToken", tokens.issueTerminal(m.seat().code(), m.sitting().id()));
                out.put("seatCode", m.seat().code());
                out.put("roomName", roomName);
                out.put("sittingTitle", m.sitting().title());
                return out;
            });
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void login(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String terminalToken = Body.text(body, "terminalToken", 4096);
        String ticket = Body.text(body, "ticket", 64);
        String idNumber = Body.text(body, "idNumber", 64);
        tokens.verify(terminalToken, TerminalClaims.class).compose(terminal -> {
            String terminalKey = "terminal:" + terminal.sittingId() + ":" + terminal.seatCode();
            String ticketKey = "ticket:" + terminal.sittingId() + ":" + ticket;
            if (!limits.terminal().tryAcquire(terminalKey) || !limits.ticket().tryAcquire(ticketKey)) {
                return Future.failedFuture(new ExamException(ErrorType.RATE_LIMITED,
                        "too many login attempts; wait a little and try again"));
            }
            return setup.sitting(terminal.sittingId()).compose(sitting -> {
                if (sitting.isEmpty()) {
                    return Future.failedFuture(new ExamException(ErrorType.STALE_TOKEN,
                            "the terminal is enrolled for a sitting that no longer exists; enrol it again"));
                }
                return setup.candidate(terminal.sittingId(), ticket)
                        .compose(c -> {
                            boolean match = c.isPresent() && MessageDigest.isEqual(
                                    c.get().idNumber().toUpperCase().getBytes(StandardCharsets.UTF_8),
                                    idNumber.toUpperCase().getBytes(StandardCharsets.UTF_8));
                            if (!match) {
                                return Future.failedFuture(new ExamException(ErrorType.BAD_CREDENTIALS,
                                        "the ticket number and ID number do not match a candidate of this sitting"));
                            }
                            return admit(sitting.get(), c.get(), terminal, ticketKey);
                        });
            });
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    private Future<Map<String, Object>> admit(Sitting sitting, cn.examcore.server.sitting.domain.Candidate c,
                                              TerminalClaims terminal, String ticketKey) {
        long now = now();
        if (now < sitting.checkInOpensAt()) {
            return Future.failedFuture(new ExamException(ErrorType.CHECK_IN_NOT_OPEN, "check-in opens at "
                    + sitting.checkInOpensAt(), Map.of("checkInOpensAt", sitting.checkInOpensAt())));
        }
        if (!c.subjects().contains(sitting.subject())) {
            return Future.failedFuture(new ExamException(ErrorType.FORBIDDEN, "the candidate is not entered for "
                    + sitting.subject().chineseName() + " in this sitting"));
        }
        String attemptId = PaperService.attemptId(sitting.id(), c.ticket(), sitting.subject().name());
        if (!c.seatCode().equals(terminal.seatCode())) {
            Map<String, Object> detail = Map.of("ticket", c.ticket(), "assignedSeat", c.seatCode(),
                    "terminalSeat", terminal.seatCode());
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Source.SERVER,
                    SeatEvent.ServerKind.WRONG_SEAT.name(), detail, 0).compose(e -> Future.failedFuture(
                    new ExamException(ErrorType.WRONG_SEAT, "this is not your seat; ask a proctor for your seat")));
        }
        return attempts.get(attemptId).compose(a -> {
            if (a.stateAt(now) == AttemptState.SUBMITTED) {
                return Future.failedFuture(new ExamException(ErrorType.ALREADY_SUBMITTED,
                        "this paper has already been submitted"));
            }
            limits.ticket().reset(ticketKey);
            String token = tokens.issueCandidate(attemptId, terminal.seatCode(), c.ticket(), CANDIDATE_TTL);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("token", token);
            out.put("attemptId", attemptId);
            out.put("candidate", Map.of("name", c.name(), "ticket", c.ticket()));
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("id", sitting.id());
            st.put("title", sitting.title());
            st.put("occupation", sitting.occupation());
            st.put("level", sitting.level());
            st.put("subject", sitting.subject().name());
            st.put("t0", a.startAt());
            st.put("durationSeconds", sitting.durationSeconds());
            st.put("checkInOpensAt", sitting.checkInOpensAt());
            out.put("sitting", st);
            out.put("serverNow", now());
            // The nodes the page's socket fails over between (empty: its own origin).
            out.put("socketUrls", config.seatSocketUrls());
            return events.record(sitting.id(), attemptId, terminal.seatCode(), SeatEvent.Source.SERVER,
                    SeatEvent.ServerKind.LOGIN.name(), Map.of(), 0).map(out);
        });
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
        candidate(ctx).compose(c -> attempts.get(c.attemptId())).onSuccess(a -> {
            long now = now();
            List<Map<String, Object>> list = a.answers().values().stream().map(ans -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", ans.item());
                m.put("value", ans.value() == null ? null : cn.examcore.server.common.Json.tree(ans.value()));
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
        candidate(ctx).compose(c -> attempts.get(c.attemptId()).compose(a -> {
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
            ctx.response().putHeader("Content-Type", r.get().mediaType()).putHeader("Cache-Control", "private")
                    .end(io.vertx.core.buffer.Buffer.buffer(r.get().bytes()));
        }).onFailure(ctx::fail);
    }

    void upload(RoutingContext ctx) {
        List<FileUpload> files = ctx.fileUploads();
        candidate(ctx).compose(c -> attempts.get(c.attemptId())).compose(a -> {
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
                String id = UUID.randomUUID().toString();
                String name = f.fileName() == null || f.fileName().isBlank() ? "upload" : f.fileName();
                return setup.saveUpload(new StoredUpload(id, a.id(), name,
                        f.contentType() == null ? "application/octet-stream" : f.contentType(), buf.getBytes(),
                        now())).map(v -> Map.<String, Object>of("fileId", id, "name", name, "size", buf.length()));
            });
        }).onSuccess(out -> Replies.ok(ctx, out)).onFailure(ctx::fail);
    }

    void time(RoutingContext ctx) {
        Replies.ok(ctx, Map.of("serverNow", now()));
    }
}
