package cn.examcore.server.http;

import io.vertx.core.http.HttpServerRequest;

/** Where callers put their tokens: the Authorization header, or {@code ?token=} where a header cannot be set. */
public final class Bearer {

    private Bearer() {
    }

    /** The bearer token of the request, or null when there is none. */
    public static String of(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return request.getParam("token");
    }
}
