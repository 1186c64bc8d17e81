package cn.examcore.proctor.upstream;

import cn.examcore.contract.AuditRecord;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatProgress;
import cn.examcore.platform.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one upstream: exam-server's live stream ({@code GET /api/proctor/live}, every sitting, every room)
 * read as the console's service account, each message decoded into its contract record and handed to the
 * {@link Sink}, as the event-bus consumers of the lite-member console did. When the stream ends (the node stops, the
 * service token expires, the console read too slowly, the network broke, or nothing came for
 * {@link #SILENCE_MILLIS}, three missed heartbeats) it reconnects with a growing pause, and the sink is told
 * {@link Sink#connected()} so that it re-reads what it may have missed from the stored events.
 */
public final class UpstreamFeed {

    /** A stream that says nothing, not even its heartbeat comment, for this long is taken as dead. */
    static final long SILENCE_MILLIS = 45_000;
    private static final long MAX_PAUSE_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFeed.class);

    /** Where the stream's records go; called on the console verticle's event loop. */
    public interface Sink {
        void onEvent(SeatEvent e);

        void onAudit(AuditRecord r);

        void onProgress(SeatProgress p);

        /** The stream is open (again): whatever happened while it was not must be read from the stored events. */
        void connected();
    }

    private final Vertx vertx;
    private final ExamServerClient exam;
    private final HttpClient client;
    private final Sink sink;
    private HttpClientResponse current;
    private volatile boolean open;
    private boolean closed;
    private long pause = 500;
    private long lastHeard;
    private long watchdog = -1;
    private volatile long messages;
    private final List<Promise<Void>> waitingForOpen = new ArrayList<>();

    public UpstreamFeed(Vertx vertx, ExamServerClient exam, Sink sink) {
        this.vertx = vertx;
        this.exam = exam;
        this.client = vertx.createHttpClient(exam.clientOptions());
        this.sink = sink;
    }

    /** Connects now and keeps the stream open until {@link #close()}. */
    public void start() {
        watchdog = vertx.setPeriodic(5_000, id -> {
            if (open && System.currentTimeMillis() - lastHeard > SILENCE_MILLIS) {
                LOG.warn("the upstream live stream said nothing for {} ms: reconnecting", SILENCE_MILLIS);
                drop();
            }
        });
        connect();
    }

    /** True while the upstream stream is open. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Completes when the stream is open: at once if it is, else at its next (re)connection; fails once the feed is
     * closed. Call it on the console verticle's event loop.
     */
    public Future<Void> whenOpen() {
        if (open) {
            return Future.succeededFuture();
        }
        if (closed) {
            return Future.failedFuture(new IllegalStateException("the upstream feed is closed"));
        }
        Promise<Void> p = Promise.promise();
        waitingForOpen.add(p);
        return p.future();
    }

    /** Messages received since start. */
    public long messages() {
        return messages;
    }

    public void close() {
        closed = true;
        List.copyOf(waitingForOpen).forEach(p -> p.tryFail("the upstream feed is closed"));
        waitingForOpen.clear();
        vertx.cancelTimer(watchdog);
        drop();
        client.close();
    }

    private void connect() {
        if (closed) {
            return;
        }
        exam.serviceToken().onFailure(e -> retry("the service account could not log in: " + e.getMessage()))
                .onSuccess(token -> {
                    SocketAddress o = exam.origin();
                    RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setServer(o)
                            .setHost(o.host()).setPort(o.port()).setURI("/api/proctor/live")
                            .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
                    client.request(req).compose(r -> r.send()).onFailure(e -> retry(e.getMessage()))
                            .onSuccess(this::opened);
                });
    }

    private void opened(HttpClientResponse resp) {
        if (resp.statusCode() != 200) {
            if (resp.statusCode() == 401) {
                exam.forgetServiceToken();
            }
            resp.body().onComplete(b -> retry("exam-server answered " + resp.statusCode() + ": "
                    + (b.succeeded() ? b.result() : "")));
            return;
        }
        current = resp;
        open = true;
        pause = 500;
        lastHeard = System.currentTimeMillis();
        Frame frame = new Frame();
        RecordParser lines = RecordParser.newDelimited("\n", line -> {
            lastHeard = System.currentTimeMillis();
            frame.line(line.toString(StandardCharsets.UTF_8));
        });
        resp.handler(lines);
        resp.endHandler(v -> ended(resp, "the stream ended" + (frame.endReason == null ? ""
                : " (" + frame.endReason + ")")));
        resp.exceptionHandler(e -> ended(resp, e.getMessage()));
        LOG.info("upstream live stream open at {}", resp.request().absoluteURI());
        sink.connected();
        List.copyOf(waitingForOpen).forEach(Promise::tryComplete);
        waitingForOpen.clear();
    }

    private void ended(HttpClientResponse resp, String why) {
        if (current != resp) {
            return;
        }
        current = null;
        open = false;
        retry(why);
    }

    private void drop() {
        HttpClientResponse r = current;
        current = null;
        open = false;
        if (r != null) {
            r.request().reset();
            retry("dropped");
        }
    }

    private void retry(String why) {
        if (closed) {
            return;
        }
        LOG.warn("upstream live stream not open ({}); trying again in {} ms", why, pause);
        long wait = pause;
        pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        vertx.setTimer(wait, id -> {
            if (current == null) {
                connect();
            }
        });
    }

    /** One server-sent event being read: {@code event:} and {@code data:} lines up to the blank line. */
    private final class Frame {
        private String event = "message";
        private final StringBuilder data = new StringBuilder();
        private String endReason;

        void line(String raw) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
            // Comments (the heartbeat), id: and retry: only prove the stream alive.
        }

        private void dispatch() {
            String json = data.toString();
            String kind = event;
            event = "message";
            data.setLength(0);
            if (json.isEmpty()) {
                return;
            }
            messages++;
            try {
                switch (kind) {
                    case "seat-event" -> sink.onEvent(Json.decode(json, SeatEvent.class));
                    case "audit" -> sink.onAudit(Json.decode(json, AuditRecord.class));
                    case "progress" -> sink.onProgress(Json.decode(json, SeatProgress.class));
                    case "end" -> endReason = Json.tree(json).path("reason").asText();
                    default -> {
                        // "open" and kinds a newer exam-server may add are not for the rules.
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("ignored an upstream {} message that does not decode: {}", kind, e.getMessage());
            }
        }
    }
}
