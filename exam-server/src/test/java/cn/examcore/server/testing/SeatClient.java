package cn.examcore.server.testing;

import cn.examcore.contract.SeatSocketAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A seat socket for tests, speaking docs/candidate-protocol.md §4 over a real WebSocket. Incoming messages are
 * queued; {@link #next} waits for the next one matching a condition (never sleeps a fixed time).
 */
public final class SeatClient implements AutoCloseable {

    private final WebSocket ws;
    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private volatile boolean closed;

    private SeatClient(WebSocket ws) {
        this.ws = ws;
        ws.textMessageHandler(t -> inbox.add(new JsonObject(t)));
        ws.closeHandler(v -> closed = true);
    }

    public static SeatClient connect(Vertx vertx, int port, String token) {
        return connect(vertx, new WebSocketClientOptions(), "127.0.0.1", port, token);
    }

    /** A socket with the client's own options ({@code wss://}: TLS and the certificates it trusts). */
    public static SeatClient connect(Vertx vertx, WebSocketClientOptions options, String host, int port,
                                     String token) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions(options)
                .setMaxMessageSize(4 * 1024 * 1024).setMaxFrameSize(4 * 1024 * 1024));
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(host).setPort(port)
                .setURI(SeatSocketAuth.PATH).setSubProtocols(SeatSocketAuth.subProtocols(token));
        try {
            // Handlers are attached in the completion callback, on the socket's event loop, before any frame is
            // dispatched: a server that answers with an error and closes at once is still heard.
            return client.connect(o).map(SeatClient::new).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("socket connect failed: " + e, e);
        }
    }

    public void send(JsonObject message) {
        ws.writeTextMessage(message.encode());
    }

    public void sendRaw(String text) {
        ws.writeTextMessage(text);
    }

    /** Sends {@code hello} with the vector and returns the {@code welcome}. */
    public JsonObject hello(JsonArray answers) {
        send(new JsonObject().put("type", "hello").put("answers", answers));
        return next("welcome");
    }

    /** Sends one save and returns the server's reply to it ({@code saved} or {@code error}). */
    public JsonObject save(int item, Object value, long rev) {
        send(new JsonObject().put("type", "save").put("item", item).put("value", value).put("rev", rev));
        return next(m -> m.getString("type").equals("saved") || m.getString("type").equals("error"),
                Duration.ofSeconds(20));
    }

    /** The next message of this type. */
    public JsonObject next(String type) {
        return next(m -> type.equals(m.getString("type")), Duration.ofSeconds(20));
    }

    /** The next message of this type, waiting at most {@code timeout}. */
    public JsonObject next(String type, Duration timeout) {
        return next(m -> type.equals(m.getString("type")), timeout);
    }

    /** Waits for the next message matching {@code which}; other messages are kept in {@link #seen()}. */
    public JsonObject next(Predicate<JsonObject> which, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching message within " + timeout + "; seen " + seen);
            }
            JsonObject m;
            try {
                m = inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            if (m == null) {
                continue;
            }
            seen.add(m);
            if (which.test(m)) {
                return m;
            }
        }
    }

    /** Every message received so far, in order. */
    public List<JsonObject> seen() {
        return seen;
    }

    /** The close code the server sent (e.g. 4410 after a seat change); null while open. */
    public Short closeStatus() {
        return ws.closeStatusCode();
    }

    public boolean isClosed() {
        return closed || ws.isClosed();
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            ws.close();
        }
    }
}
