package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.RateLimiter;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.events.AuditLog;
import cn.examcore.server.staff.StaffSessions;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Staff sign-in, renewal and sign-out:
 * <ul>
 *   <li>{@code POST /api/admin/login} {username, password}: the access token ({@code token}, minutes long,
 *   {@code expiresAt}) and the refresh token ({@code refreshToken}, {@code sessionEndsAt});</li>
 *   <li>{@code POST /api/staff/refresh} with the refresh token as bearer: a new access token for the account as it
 *   is now, until the session ends;</li>
 *   <li>{@code POST /api/staff/logout} with the access token: every token of the account stops working.</li>
 * </ul>
 */
final class StaffSessionApi {

    /** Renewals per client address: a page renews every few minutes, a loop would not. */
    private final RateLimiter renewals = new RateLimiter(60, Duration.ofSeconds(2), 10_000);

    private final StaffSessions sessions;
    private final AuditLog audit;
    private final ClientAddress clients;

    StaffSessionApi(StaffSessions sessions, AuditLog audit, ClientAddress clients) {
        this.sessions = sessions;
        this.audit = audit;
        this.clients = clients;
    }

    void login(RoutingContext ctx) {
        JsonNode body = Body.object(ctx);
        String username = Body.text(body, "username", 100);
        String password = Body.text(body, "password", 1024);
        sessions.login(username, password, clients.of(ctx))
                .onSuccess(s -> Replies.ok(ctx, reply(s))).onFailure(ctx::fail);
    }

    void refresh(RoutingContext ctx) {
        String client = clients.of(ctx);
        if (!renewals.tryAcquire(client)) {
            ctx.fail(new ExamException(ErrorType.RATE_LIMITED, "too many token renewals from this address",
                    Map.of("retryAfterSeconds", Math.max(1, renewals.retryAfter(client).toSeconds()))));
            return;
        }
        String token = Bearer.of(ctx.request());
        if (token == null) {
            ctx.fail(ExamException.field(ErrorType.UNAUTHORIZED, "Authorization",
                    "renewing needs the refresh token of the sign-in as 'Authorization: Bearer <refreshToken>'"));
            return;
        }
        sessions.refresh(token).onSuccess(s -> Replies.ok(ctx, reply(s))).onFailure(ctx::fail);
    }

    /**
     * Logs the caller out everywhere: every token of the account stops working on every node (another device's
     * session too; a role or room change does the same for the account it changes).
     */
    void logout(RoutingContext ctx) {
        String username = StaffAuth.claims(ctx).username();
        sessions.logout(username)
                .compose(v -> audit.record(username, "staff.logout", null, username, Map.of()))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static Map<String, Object> reply(StaffSessions.Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", s.accessToken());
        m.put("expiresAt", s.accessExpiresAt());
        if (s.refreshToken() != null) {
            m.put("refreshToken", s.refreshToken());
        }
        m.put("sessionEndsAt", s.sessionEndsAt());
        m.put("role", s.role());
        m.put("username", s.username());
        return m;
    }
}
