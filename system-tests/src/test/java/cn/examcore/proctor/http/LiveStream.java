package cn.examcore.proctor.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One live stream of the console, opened with a fresh one-time ticket; its {@code data:} messages are queued as they
 * arrive and {@link #ended} completes when the console ends the stream.
 */
record LiveStream(LinkedBlockingQueue<JsonNode> messages, CompletableFuture<Void> ended) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static LiveStream open(String base, String sittingId, String token) throws IOException, InterruptedException {
        return openUrl(ProctorConsoleIT.streamUrl(base, sittingId, token));
    }

    static LiveStream openUrl(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        LiveStream s = new LiveStream(new LinkedBlockingQueue<>(), new CompletableFuture<>());
        CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        s.messages.add(Json.tree(line.substring(6)));
                    }
                }
            } catch (IOException e) {
                // the stream ends when the console closes
            }
            s.ended.complete(null);
        });
        return s;
    }

    /** The first message (within 15 s) that the condition accepts; earlier ones are passed to it and dropped. */
    JsonNode next(Predicate<JsonNode> which) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            JsonNode m = messages.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m != null && which.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no such message on the live stream within 15 s");
    }
}
