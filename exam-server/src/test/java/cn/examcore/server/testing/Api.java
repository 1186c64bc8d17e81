package cn.examcore.server.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.concurrent.TimeUnit;

/** A blocking HTTP client for tests against a {@link TestNode}: real HTTP, one call at a time. */
public final class Api implements AutoCloseable {

    private final Vertx vertx;
    private final WebClient client;
    private final String base;

    public Api(String baseUrl) {
        this.vertx = Vertx.vertx();
        this.client = WebClient.create(vertx);
        this.base = baseUrl;
    }

    /**
     * A client whose requests come from {@code localAddress} (any of 127.0.0.0/8 on loopback): another client
     * address for the throttles that are kept per address.
     */
    public Api(String baseUrl, String localAddress) {
        this.vertx = Vertx.vertx();
        this.client = WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress));
        this.base = baseUrl;
    }

    /** A client with its own options (TLS: the certificates it trusts). */
    public Api(String baseUrl, WebClientOptions options) {
        this.vertx = Vertx.vertx();
        this.client = WebClient.create(vertx, options);
        this.base = baseUrl;
    }

    /** A response: status, body and headers. */
    public record Reply(int status, Buffer body, String contentType, io.vertx.core.MultiMap headers) {

        /** One header of the answer, or null. */
        public String header(String name) {
            return headers == null ? null : headers.get(name);
        }

        /** The Retry-After header, or null. */
        public String retryAfter() {
            return header("Retry-After");
        }

        public JsonObject json() {
            return body == null ? null : new JsonObject(body);
        }

        public JsonArray array() {
            return new JsonArray(body);
        }

        public String code() {
            return json().getString("code");
        }

        /**
         * The body as text; for a 5xx answer followed by the last errors the server logged (ServerErrors), since its
         * body says only "internal error" and the assertion message is what a failing run shows.
         */
        public String text() {
            String text = body == null ? "" : body.toString();
            if (status < 500) {
                return text;
            }
            String logged = ServerErrors.recent();
            return logged.isEmpty() ? text : text + "\n-- errors the server logged last:\n" + logged;
        }
    }

    public Reply get(String path, String token) {
        return send(HttpMethod.GET, path, token, null);
    }

    /** A GET with extra request headers (e.g. a certificate's verification code for its PDF). */
    public Reply get(String path, String token, java.util.Map<String, String> headers) {
        HttpRequest<Buffer> r = request(HttpMethod.GET, path, token);
        headers.forEach(r::putHeader);
        return await(r.send());
    }

    public Reply post(String path, String token, Object json) {
        return send(HttpMethod.POST, path, token, json);
    }

    public Reply put(String path, String token, Object json) {
        return send(HttpMethod.PUT, path, token, json);
    }

    /** Posts raw text as the body (for malformed JSON). */
    public Reply postRaw(String path, String token, String body) {
        HttpRequest<Buffer> r = request(HttpMethod.POST, path, token).putHeader("Content-Type", "application/json");
        return await(r.sendBuffer(Buffer.buffer(body)));
    }

    /** Posts a file as the raw body with {@code ?fileName=}. */
    public Reply postFile(String path, String token, String fileName, byte[] content) {
        HttpRequest<Buffer> r = request(HttpMethod.POST, path + "?fileName=" + fileName, token)
                .putHeader("Content-Type", "application/octet-stream");
        return await(r.sendBuffer(Buffer.buffer(content)));
    }

    /** A raw-body upload with further query parameters (URL-encoded here), as the admin page sends a bank. */
    public Reply postFile(String path, String token, String fileName, byte[] content,
                          java.util.Map<String, String> params) {
        StringBuilder query = new StringBuilder(path).append("?fileName=").append(encode(fileName));
        params.forEach((k, v) -> query.append('&').append(encode(k)).append('=').append(encode(v)));
        HttpRequest<Buffer> r = request(HttpMethod.POST, query.toString(), token)
                .putHeader("Content-Type", "application/octet-stream");
        return await(r.sendBuffer(Buffer.buffer(content)));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A multipart upload with the file in field {@code file}, as the candidate page sends a deliverable. */
    public Reply postMultipart(String path, String token, String fileName, byte[] content) {
        MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName, Buffer.buffer(content),
                "application/octet-stream");
        return await(request(HttpMethod.POST, path, token).sendMultipartForm(form));
    }

    private Reply send(HttpMethod method, String path, String token, Object json) {
        HttpRequest<Buffer> r = request(method, path, token);
        if (json == null) {
            return await(r.send());
        }
        return await(r.sendJson(json));
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
        HttpRequest<Buffer> r = client.requestAbs(method, base + path);
        if (token != null) {
            r.putHeader("Authorization", "Bearer " + token);
        }
        return r;
    }

    private static Reply await(Future<HttpResponse<Buffer>> f) {
        try {
            HttpResponse<Buffer> resp = f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new Reply(resp.statusCode(), resp.body(), resp.getHeader("Content-Type"), resp.headers());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        }
    }

    /** Starts the node's sitting now (the admin start, which releases the key), and checks it was accepted. */
    public void startSitting(TestNode node) {
        startSitting(node, node.sittingId());
    }

    /** Starts one of the node's sittings now (the admin start), and checks it was accepted. */
    public void startSitting(TestNode node, String sittingId) {
        Reply reply = post("/api/admin/sittings/" + sittingId + "/start", adminToken(node), new JsonObject());
        if (reply.status() != 200) {
            throw new AssertionError("admin start answered " + reply.status() + ": " + reply.text());
        }
    }

    /** Staff login as the node's administrator; returns the token. */
    public String adminToken(TestNode node) {
        Reply r = post("/api/admin/login", null, new JsonObject().put("username", node.adminUser())
                .put("password", node.adminPassword()));
        if (r.status() != 200) {
            throw new IllegalStateException("admin login failed: " + r.text());
        }
        return r.json().getString("token");
    }

    /** Enrols a terminal at the seat; returns the terminal token. */
    public String enrol(String seatCode, String pin) {
        Reply r = post("/api/terminal/enrol", null, new JsonObject().put("seatCode", seatCode).put("pin", pin));
        if (r.status() != 200) {
            throw new IllegalStateException("enrolment failed: " + r.text());
        }
        return r.json().getString("terminalToken");
    }

    /** Logs a candidate in at a terminal; returns the whole reply. */
    public Reply login(String terminalToken, String ticket, String idNumber) {
        return post("/api/candidate/login", null, new JsonObject().put("terminalToken", terminalToken)
                .put("ticket", ticket).put("idNumber", idNumber));
    }

    /** Enrols the demo seat of candidate i and logs that candidate in; returns the candidate token reply. */
    public JsonObject loginDemo(TestNode node, int i) {
        String terminal = enrol(node.seatCodes().get(i), node.pin());
        Reply r = login(terminal, node.candidate(i).ticket(), node.candidate(i).idNumber());
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.text());
        }
        return r.json();
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
