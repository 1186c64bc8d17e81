package cn.examcore.server.http;

import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.contract.ErrorType;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.auth.PasswordChecks;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.conduct.ResultAdjustments;
import cn.examcore.server.conduct.domain.ResultAdjustment.Cancellation;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.sitting.SittingAdmin;
import cn.examcore.server.sitting.SittingRequest;
import cn.examcore.server.sitting.domain.Sitting;
import cn.examcore.server.staff.StaffAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The administrator API under {@code /api/admin} (admin role; the login is {@link StaffSessionApi}). */
final class AdminApi {

    private final Vertx vertx;
    private final StaffAccounts staff;
    private final AuditLog audit;
    private final PasswordChecks passwords;
    private final SittingAdmin admin;
    private final ResultAdjustments results;

    AdminApi(Vertx vertx, StaffAccounts staff, AuditLog audit, PasswordChecks passwords, SittingAdmin admin,
             ResultAdjustments results, EvaluationApi evaluations) {
        this.evaluations = evaluations;
        this.vertx = vertx;
        this.staff = staff;
        this.audit = audit;
        this.passwords = passwords;
        this.admin = admin;
        this.results = results;
    }

    private final EvaluationApi evaluations;

    private static String actor(RoutingContext ctx) {
        return StaffAuth.claims(ctx).username();
    }

    void createStaff(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String username = Body.text(body, "username", 100);
        String password = Body.text(body, "password", 1024);
        if (password.length() < 10) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "password", "a password needs at least 10 characters");
        }
        Role role;
        try {
            role = Role.valueOf(Body.text(body, "role", 20).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "role",
                    "role must be ADMIN, PROCTOR, OBSERVER (read-only), MARKER or CHIEF_MARKER");
        }
        List<String> rooms = new ArrayList<>();
        JsonNode r = body.get("roomIds");
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "roomIds", "roomIds must be an array of room ids");
            }
            for (int i = 0; i < r.size(); i++) {
                if (!r.get(i).isTextual() || r.get(i).asText().isBlank()) {
                    throw ExamException.field(ErrorType.BAD_REQUEST, "roomIds[" + i + "]",
                            "roomIds[" + i + "] must be a room id");
                }
                rooms.add(r.get(i).asText().strip());
            }
        }
        passwords.hash(password)
                .compose(hash -> staff.save(new StaffAccount(username, hash, role, Set.copyOf(rooms))))
                .compose(v -> audit.record(actor(ctx), "staff.save", null, username,
                        Map.of("role", role.name(), "roomIds", rooms)))
                .onSuccess(v -> Replies.json(ctx, 201, Map.of("username", username, "role", role.name())))
                .onFailure(ctx::fail);
    }

    void createSitting(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String subjectText = Body.text(b, "subject", 20);
        Subject subject = SittingAdmin.subject(subjectText);
        SittingRequest r = new SittingRequest(Body.text(b, "title", 400), Body.text(b, "occupation", 200),
                (int) Body.integer(b, "level", 1, 5), subject, instant(b, "t0"),
                (int) Body.integer(b, "durationMinutes", 1, 600),
                (int) Body.optionalInteger(b, "checkInMinutes", 0, 240, 30),
                (int) Body.optionalInteger(b, "passMark", 0, 100, 60),
                Body.optionalText(b, "enrolmentPin", 32, null));
        admin.createSitting(r, actor(ctx)).onSuccess(st -> Replies.json(ctx, 201, sittingJson(st)))
                .onFailure(ctx::fail);
    }

    private static long instant(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v != null && v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v != null && v.isTextual()) {
            try {
                return Instant.parse(v.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ExamException.field(ErrorType.BAD_REQUEST, field, field
                        + " must be epoch milliseconds or an ISO-8601 instant such as 2026-04-25T01:00:00Z");
            }
        }
        throw ExamException.field(ErrorType.BAD_REQUEST, field, field + " is required");
    }

    static Map<String, Object> sittingJson(Sitting st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", st.id());
        m.put("title", st.title());
        m.put("occupation", st.occupation());
        m.put("level", st.level());
        m.put("subject", st.subject().name());
        m.put("t0", st.t0());
        m.put("startAt", st.startAt());
        m.put("durationMinutes", st.durationMinutes());
        m.put("checkInMinutes", st.checkInMinutes());
        m.put("checkInOpensAt", st.checkInOpensAt());
        m.put("passMark", st.passMark());
        m.put("enrolmentPin", st.enrolmentPin());
        m.put("bankId", st.bankId());
        m.put("blueprintAttached", st.blueprintJson() != null);
        m.put("assembledAt", st.assembledAt());
        return m;
    }

    void listSittings(RoutingContext ctx) {
        admin.sittings().onSuccess(list -> Replies.ok(ctx, list.stream().map(AdminApi::sittingJson).toList()))
                .onFailure(ctx::fail);
    }

    void getSitting(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        admin.sitting(id).compose(st -> Future.all(admin.rooms(id), admin.seats(id),
                admin.candidates(id)).map(all -> {
                    Map<String, Object> m = sittingJson(st);
                    m.put("rooms", all.resultAt(0));
                    m.put("seats", ((List<?>) all.resultAt(1)).size());
                    m.put("candidates", ((List<?>) all.resultAt(2)).size());
                    return m;
                })).onSuccess(m -> Replies.ok(ctx, m)).onFailure(ctx::fail);
    }

    void addRoom(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String name = Body.text(b, "name", 40);
        int rows = (int) Body.integer(b, "rows", 1, 500);
        int cols = (int) Body.integer(b, "cols", 1, 500);
        List<String> codes = new ArrayList<>();
        JsonNode c = b.get("seatCodes");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw ExamException.field(ErrorType.BAD_REQUEST, "seatCodes", "seatCodes must be an array of strings");
            }
            c.forEach(n -> codes.add(n.isTextual() ? n.asText() : null));
        }
        String sittingId = ctx.pathParam("id");
        admin.addRoom(sittingId, name, rows, cols, codes, actor(ctx))
                .compose(room -> admin.seats(sittingId).map(seats -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", room.id());
                    m.put("name", room.name());
                    m.put("rows", room.rows());
                    m.put("cols", room.cols());
                    m.put("seatCodes", seats.stream().filter(x -> x.roomId().equals(room.id()))
                            .map(x -> x.code()).toList());
                    return m;
                }))
                .onSuccess(m -> Replies.json(ctx, 201, m)).onFailure(ctx::fail);
    }

    void importRoster(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Uploads.read(vertx, ctx).compose(u -> admin.importRoster(id, u.fileName(), u.content(), actor(ctx)))
                .onSuccess(out -> {
                    if (out.errors().isEmpty()) {
                        Replies.ok(ctx, Map.of("imported", out.imported()));
                    } else {
                        ctx.fail(new ExamException(ErrorType.ROSTER_REJECTED, "the roster has " + out.errors().size()
                                + " problem(s); nothing was imported", Map.of("errors", out.errors())));
                    }
                }).onFailure(ctx::fail);
    }

    void banks(RoutingContext ctx) {
        admin.banks().onSuccess(list -> Replies.ok(ctx, list)).onFailure(ctx::fail);
    }

    void uploadBank(RoutingContext ctx) {
        ImportContext context;
        try {
            context = importContext(ctx);
        } catch (ExamException e) {
            ctx.fail(e);
            return;
        }
        Uploads.read(vertx, ctx).compose(u -> admin.uploadBank(u.fileName(), u.content(), context, actor(ctx)))
                .onSuccess(r -> {
                    Map<String, Object> report = report(r);
                    if (r.accepted()) {
                        Replies.json(ctx, 201, report);
                    } else {
                        ctx.fail(new ExamException(ErrorType.BANK_REJECTED, "the bank has " + r.errors().size()
                                + " error(s); nothing was stored", report));
                    }
                }).onFailure(ctx::fail);
    }

    /** Longest occupation name accepted; the 2026 catalogue's longest is well under it. */
    private static final int MAX_OCCUPATION = 100;

    /**
     * The import defaults of a bank upload: query parameters (as {@code fileName} is) or multipart form fields
     * {@code occupation}, {@code level}, {@code subject}, {@code difficulty}, each optional. A value that is not
     * understood is refused naming its field, before anything is imported.
     */
    private static ImportContext importContext(RoutingContext ctx) {
        String occupation = uploadParam(ctx, "occupation");
        if (occupation != null && occupation.strip().length() > MAX_OCCUPATION) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "occupation", "occupation must be at most "
                    + MAX_OCCUPATION + " characters");
        }
        String level = uploadParam(ctx, "level");
        String subject = uploadParam(ctx, "subject");
        String difficulty = uploadParam(ctx, "difficulty");
        // Parsed one at a time so that the refusal names the field that is wrong.
        check("level", () -> ImportContext.parse(null, level, null, null));
        check("subject", () -> ImportContext.parse(null, null, subject, null));
        check("difficulty", () -> ImportContext.parse(null, null, null, difficulty));
        return ImportContext.parse(occupation, level, subject, difficulty);
    }

    private static void check(String field, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            throw ExamException.field(ErrorType.BAD_REQUEST, field, e.getMessage());
        }
    }

    private static String uploadParam(RoutingContext ctx, String name) {
        String form = ctx.request().getFormAttribute(name);
        return form != null ? form : ctx.request().getParam(name);
    }

    private static Map<String, Object> report(ImportResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accepted", r.accepted());
        r.bank().ifPresent(b -> {
            m.put("bankId", b.id());
            m.put("title", b.title());
            m.put("items", b.items().size());
        });
        List<Map<String, Object>> issues = new ArrayList<>();
        for (Issue i : r.issues()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("severity", i.severity().name());
            x.put("rule", i.rule().code());
            x.put("location", i.location().toString());
            x.put("message", i.message());
            issues.add(x);
        }
        m.put("issues", issues);
        return m;
    }

    void attachBlueprint(RoutingContext ctx) {
        JsonNode b = Body.object(ctx);
        String bankId = Body.text(b, "bankId", 200);
        JsonNode blueprint = b.get("blueprint");
        if (blueprint == null || !blueprint.isObject()) {
            throw ExamException.field(ErrorType.BAD_REQUEST, "blueprint", "blueprint must be the blueprint JSON object");
        }
        admin.attachBlueprint(ctx.pathParam("id"), bankId, Json.encode(blueprint), actor(ctx))
                .onSuccess(st -> Replies.ok(ctx, sittingJson(st))).onFailure(ctx::fail);
    }

    void assemble(RoutingContext ctx) {
        admin.assemble(ctx.pathParam("id"), actor(ctx)).onSuccess(n -> Replies.ok(ctx, Map.of("papers", n)))
                .onFailure(ctx::fail);
    }

    void start(RoutingContext ctx) {
        admin.start(ctx.pathParam("id"), actor(ctx)).onSuccess(st -> Replies.ok(ctx, sittingJson(st)))
                .onFailure(ctx::fail);
    }

    void agentKey(RoutingContext ctx) {
        admin.issueAgentKey(ctx.pathParam("id"), actor(ctx))
                .onSuccess(k -> Replies.json(ctx, 201, Map.of("agentKey", k))).onFailure(ctx::fail);
    }

    void audit(RoutingContext ctx) {
        audit.of(ctx.pathParam("id")).onSuccess(list -> Replies.ok(ctx, list)).onFailure(ctx::fail);
    }

    /** The results view: every line as it counts ({@link ResultAdjustments}), the original figures kept. */
    void results(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        results.of(id).compose(adjusted -> evaluations.ofSitting(id).map(levels -> Map.entry(adjusted, levels)))
                .onSuccess(both -> Replies.ok(ctx, both.getKey().lines().stream().map(a -> {
            ResultLine l = a.line();
            Result r = a.result().orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ticket", l.candidate().ticket());
            m.put("name", l.candidate().name());
            m.put("seatCode", l.candidate().seatCode());
            m.put("state", l.state() == null ? null : l.state().name());
            m.put("status", a.status());
            m.put("attemptId", r == null ? null : r.attemptId());
            m.put("objectiveScore", r == null ? null : r.objectiveScore());
            m.put("markedScore", r == null ? null : r.markedScore());
            m.put("total", r == null ? null : r.total());
            m.put("maxScore", r == null ? null : r.maxScore());
            m.put("pendingMarking", r != null && r.pendingMarking());
            m.put("passed", r == null ? null : r.passed());
            m.put("submittedAt", r == null ? null : r.submittedAt());
            m.put("submitKind", r == null ? null : r.submitKind());
            List<Cancellation> why = a.cancellations();
            m.put("cancellation", why.isEmpty() ? null : cancellationView(why.get(0)));
            m.put("cancellations", why.stream().map(AdminApi::cancellationView).toList());
            // 等级成绩: the evaluation this row belongs to and its level result across every sitting of it.
            var evaluation = both.getValue().get(l.candidate().ticket());
            m.put("evaluationId", l.candidate().evaluation().id());
            m.put("application", l.candidate().evaluation().application().name());
            m.put("levelResult", evaluation == null ? null : EvaluationApi.view(evaluation.level()));
            return m;
        }).toList())).onFailure(ctx::fail);
    }

    private static Map<String, Object> cancellationView(Cancellation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decisionId", c.decisionId());
        m.put("category", c.category().name());
        m.put("reason", c.reason());
        m.put("declaredInvalid", c.declaredInvalid());
        return m;
    }
}
