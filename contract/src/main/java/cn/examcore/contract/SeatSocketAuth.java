package cn.examcore.contract;

import java.util.List;

/**
 * How a seat socket ({@code GET /ws/seat}) carries its candidate token: in the {@code Sec-WebSocket-Protocol}
 * header, the one header a browser's {@code new WebSocket(url, protocols)} lets a page set. The page offers two
 * subprotocols, {@value #SUBPROTOCOL} and {@value #TOKEN_PREFIX}{@code <token>}; the server selects the first, so
 * the token is never echoed back, and reads the token from the second. A token in the URL ({@code ?token=}) would end
 * up in access logs, proxy logs and browser history; the server refuses one there.
 *
 * <p>A candidate token is a JWT: base64url and dots only, all of them characters a subprotocol name may hold.
 */
public final class SeatSocketAuth {

    /** The seat socket's path. */
    public static final String PATH = "/ws/seat";
    /** The subprotocol the server selects: the seat messages' version ({@link PageMessage}, {@link SeatMessage}). */
    public static final String SUBPROTOCOL = "examcore.seat.v1";
    /** What precedes the token in the second subprotocol offered. */
    public static final String TOKEN_PREFIX = "examcore.token.";
    /** The HTTP header the subprotocols travel in. */
    public static final String HEADER = "Sec-WebSocket-Protocol";

    private SeatSocketAuth() {
    }

    /** The subprotocols a client offers for {@code token}, in the order the server expects them. */
    public static List<String> subProtocols(String token) {
        return List.of(SUBPROTOCOL, TOKEN_PREFIX + token);
    }

    /**
     * The token among the subprotocols of a {@code Sec-WebSocket-Protocol} header value (comma-separated), or null
     * when the header is absent or offers none.
     */
    public static String token(String header) {
        if (header == null) {
            return null;
        }
        for (String offered : header.split(",")) {
            String p = offered.strip();
            if (p.startsWith(TOKEN_PREFIX) && p.length() > TOKEN_PREFIX.length()) {
                return p.substring(TOKEN_PREFIX.length());
            }
        }
        return null;
    }
}
