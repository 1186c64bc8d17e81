package cn.examcore.server.http;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Where callers put their tokens and keys: the Authorization header, and nowhere else on an HTTP endpoint. A token
 * in a URL ends up in access logs, proxy logs and browser history for its whole life. The seat socket takes its token
 * in the one header a browser's WebSocket can set, {@code Sec-WebSocket-Protocol} ({@code SeatSocketAuth}, read by
 * {@code HttpVerticle}), and refuses a {@code ?token=} as well.
 */
public final class Bearer {

    /** The query parameter that is refused on every HTTP endpoint. */
    static final String QUERY_PARAMETER = "token";

    private Bearer() {
    }

    /** The bearer token of the request's Authorization header, or null when there is none. */
    public static String of(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return null;
    }

    /** Route guard of every HTTP API: a {@code ?token=} is refused (400 naming {@code token}) before anything else. */
    static void refuseInQuery(RoutingContext ctx) {
        if (!refusedInQuery(ctx, "Authorization: Bearer <token>")) {
            ctx.next();
        }
    }

    /**
     * Fails the request with 400 naming {@code token} when its URL carries one, saying which header it goes in
     * instead; true when it did.
     */
    static boolean refusedInQuery(RoutingContext ctx, String header) {
        if (ctx.request().getParam(QUERY_PARAMETER) == null) {
            return false;
        }
        ctx.fail(ExamException.field(ErrorType.BAD_REQUEST, QUERY_PARAMETER, "a token goes in the header " + header
                + ", never in the URL"));
        return true;
    }
}
