package cn.examcore.server.agent;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the server's agent endpoint that records every request; it answers 202 with the batch size,
 * or, from the configured request on, a given error. A test double of the server for testing the client only.
 */
final class RecordingServer implements AutoCloseable {

    record Received(String method, String path, String authorization, String contentType, JsonObject body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger failFrom = new AtomicInteger(Integer.MAX_VALUE);
    private volatile int failStatus;
    private volatile String failBody;

    RecordingServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            received.add(new Received(request.method().name(), request.path(), request.getHeader("Authorization"),
                    request.getHeader("Content-Type"), body));
            if (received.size() >= failFrom.get()) {
                request.response().setStatusCode(failStatus).putHeader("Content-Type", "application/json")
                        .end(failBody);
            } else {
                request.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("accepted", body.getJsonArray("events").size()).encode());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** From the {@code requestNumber}-th request (1-based) on, answer {@code status} with {@code body}. */
    void failFrom(int requestNumber, int status, String body) {
        this.failStatus = status;
        this.failBody = body;
        this.failFrom.set(requestNumber);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // Closing is the last thing a test does: keep the interrupt for the runner and stop waiting.
            Thread.currentThread().interrupt();
        }
    }
}
