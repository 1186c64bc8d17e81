package cn.examcore.proctor.upstream;

/**
 * exam-server refused a request (or could not be reached: status 503): its status and its {@code {code, message,
 * details}} body, which the console hands to the browser unchanged.
 */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public Refused(int status, String body) {
        super("exam-server answered " + status + ": " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
