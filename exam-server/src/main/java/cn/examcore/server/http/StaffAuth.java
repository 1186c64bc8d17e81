package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffClaims;
import cn.examcore.server.auth.TokenService;
import cn.examcore.server.common.ExamException;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/** Route guards for staff: a valid staff token of one of the allowed roles, stored in the context. */
final class StaffAuth {

    private static final String KEY = "staff";

    private final TokenService tokens;

    StaffAuth(TokenService tokens) {
        this.tokens = tokens;
    }

    void admin(RoutingContext ctx) {
        require(ctx, EnumSet.of(Role.ADMIN));
    }

    void proctor(RoutingContext ctx) {
        require(ctx, EnumSet.of(Role.ADMIN, Role.PROCTOR));
    }

    private void require(RoutingContext ctx, Set<Role> roles) {
        String token = Bearer.of(ctx.request());
        if (token == null) {
            ctx.fail(new ExamException(ErrorType.UNAUTHORIZED, "log in first: this API needs a staff token"));
            return;
        }
        tokens.verify(token, StaffClaims.class).onSuccess(claims -> {
            if (!roles.contains(claims.role())) {
                ctx.fail(new ExamException(ErrorType.FORBIDDEN, "your role " + claims.role() + " may not do this"));
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
