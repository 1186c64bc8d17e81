package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.ExamException;
import cn.examcore.server.staff.StaffAccounts;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Route guards for staff: a valid staff token of one of the allowed roles, stored in the context. A staff token is
 * only taken from the {@code Authorization} header ({@link Bearer}: {@code ?token=} is refused on every HTTP route).
 * The read-only {@link Role#OBSERVER} passes the
 * proctor guard for reads (GET) only, so every action route refuses it whatever the handler behind it checks.
 */
final class StaffAuth {

    private static final String KEY = "staff";

    private final TokenService tokens;
    private final StaffAccounts accounts;

    StaffAuth(TokenService tokens, StaffAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    void admin(RoutingContext ctx) {
        require(ctx, EnumSet.of(Role.ADMIN));
    }

    void proctor(RoutingContext ctx) {
        require(ctx, readOnly(ctx) ? EnumSet.of(Role.ADMIN, Role.PROCTOR, Role.OBSERVER)
                : EnumSet.of(Role.ADMIN, Role.PROCTOR));
    }

    /** A marking route a marker or the chief marker may use (what each may see is the marking service's). */
    void marking(RoutingContext ctx) {
        require(ctx, EnumSet.of(Role.MARKER, Role.CHIEF_MARKER));
    }

    /** A marker's own route: marking a script allocated to them. */
    void marker(RoutingContext ctx) {
        require(ctx, EnumSet.of(Role.MARKER));
    }

    /** A route of the chief marker alone: opening, progress, arbitration, reopening. */
    void chiefMarker(RoutingContext ctx) {
        require(ctx, EnumSet.of(Role.CHIEF_MARKER));
    }

    /** An administrator's route that an observer may also read (GET only), e.g. the objective answers. */
    void adminOrObserverRead(RoutingContext ctx) {
        require(ctx, readOnly(ctx) ? EnumSet.of(Role.ADMIN, Role.OBSERVER) : EnumSet.of(Role.ADMIN));
    }

    /** Any staff token, whatever its role (who am I?). */
    void anyStaff(RoutingContext ctx) {
        require(ctx, EnumSet.allOf(Role.class));
    }

    private static boolean readOnly(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return m == HttpMethod.GET || m == HttpMethod.HEAD;
    }

    private void require(RoutingContext ctx, Set<Role> roles) {
        String token = Bearer.of(ctx.request());
        if (token == null) {
            ctx.fail(new ExamException(ErrorType.UNAUTHORIZED, "log in first: this API needs a staff token"));
            return;
        }
        // A token of an account that changed or logged out since is refused (STALE_TOKEN), on every node.
        tokens.verify(token, StaffClaims.class, accounts::current).onSuccess(claims -> {
            if (!roles.contains(claims.role())) {
                ctx.fail(new ExamException(ErrorType.FORBIDDEN, "your role " + claims.role() + " may not do this"
                        + (claims.role().mayAct() ? "" : ": it is read-only")));
                return;
            }
            ctx.put(KEY, claims);
            ctx.next();
        }).onFailure(ctx::fail);
    }

    static StaffClaims claims(RoutingContext ctx) {
        return ctx.get(KEY);
    }
}
