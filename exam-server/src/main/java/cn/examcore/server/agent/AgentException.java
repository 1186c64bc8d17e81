package cn.examcore.server.agent;

/** The server refused a batch, or could not be reached. */
public final class AgentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    /**
     * @param status the HTTP status, or 0 when no response arrived
     * @param body   the response body (the server's error JSON), or empty
     */
    public AgentException(String message, int status, String body, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body == null ? "" : body;
    }

    /** The HTTP status, or 0 when the server was not reached. */
    public int status() {
        return status;
    }

    /** The server's response body, e.g. {@code {"code":"BAD_REQUEST","message":"events[3].kind: …"}}. */
    public String body() {
        return body;
    }
}
