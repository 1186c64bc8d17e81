package cn.examcore.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's own ceilings, measured by the same generator code in the same run: a bare Vert.x WebSocket echo
 * (same connection count, same message size, same open-model steps) and a bare Hazelcast {@code IMap.setAsync}
 * (same backup configuration, one key per seat).
 */
public final class Ceilings {

    /** A save message as the seats send it, padded to the same length; the echo carries its due time back. */
    private static final String SAVE_LIKE = "{\"type\":\"save\",\"item\":7,\"value\":\"B\",\"rev\":12,\"t\":";

    private Ceilings() {
    }

    /** Echo ceiling: figures "echo.steady.p99Millis", "echo.steps.R.p99Millis", "echo.highestRateP99Under50ms". */
    public static Map<String, Object> echo(LoadConfig cfg) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        int port = ServerProcess.freePort();
        ServerProcess echo = ServerProcess.start("echo", List.of("-Xmx" + cfg.heapMb() + "m"),
                List.of("-cp", System.getProperty("java.class.path"), EchoServer.class.getName(),
                        Integer.toString(port)), Map.of(), cfg.out().resolve("echo.log"), port, port);
        try (echo) { // only to stop the child: the body talks to it over the port
            awaitHttp(port);
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            try {
                WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                        .setMaxConnections(cfg.seats() + 10).setConnectTimeout(30_000));
                List<WebSocket> sockets = new ArrayList<>();
                Series[] current = new Series[1];
                for (int i = 0; i < cfg.seats(); i += 200) {
                    List<Future<WebSocket>> batch = new ArrayList<>();
                    for (int k = i; k < Math.min(cfg.seats(), i + 200); k++) {
                        batch.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                                .setURI("/ws/echo")));
                    }
                    for (Future<WebSocket> f : batch) {
                        WebSocket ws = f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                        ws.textMessageHandler(text -> {
                            long due = Long.parseLong(text.substring(SAVE_LIKE.length(), text.length() - 1));
                            current[0].record((System.nanoTime() - due) / 1000, System.currentTimeMillis());
                        });
                        sockets.add(ws);
                    }
                }
                out.put("echo.connections", sockets.size());
                current[0] = new Series("echo-steady", System.currentTimeMillis());
                drive(vertx, sockets, cfg.steadyRate(), cfg.stepSeconds(), current[0]);
                out.put("echo.steady.p99Millis", current[0].pMillis(99));
                out.put("echo.steady.p999Millis", current[0].pMillis(99.9));
                int best = 0;
                for (int rate : cfg.stepRates()) {
                    current[0] = new Series("echo-" + rate, System.currentTimeMillis());
                    drive(vertx, sockets, rate, cfg.stepSeconds(), current[0]);
                    out.put("echo.steps." + rate + ".p99Millis", current[0].pMillis(99));
                    if (current[0].pMillis(99) > 50 || current[0].count() != (long) rate * cfg.stepSeconds()) {
                        break;
                    }
                    best = rate;
                }
                out.put("echo.highestRateP99Under50ms", best);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        return out;
    }

    private static void drive(Vertx vertx, List<WebSocket> sockets, int rate, int seconds, Series s)
            throws Exception {
        long total = (long) rate * seconds;
        AtomicLong issued = new AtomicLong();
        var done = new java.util.concurrent.CompletableFuture<Void>();
        long start = System.nanoTime();
        vertx.setPeriodic(5, id -> {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            while (issued.get() < due) {
                long k = issued.getAndIncrement();
                long intended = start + k * 1_000_000_000L / rate;
                sockets.get((int) (k % sockets.size())).writeTextMessage(SAVE_LIKE + intended + "}");
            }
            if (issued.get() >= total) {
                vertx.cancelTimer(id);
                done.complete(null);
            }
        });
        done.get(seconds + 60L, TimeUnit.SECONDS);
        long end = System.currentTimeMillis() + 15_000;
        while (s.count() < total && System.currentTimeMillis() < end) {
            Thread.sleep(20); // the orchestrating thread waits for the last echoes
        }
    }

    /** Hazelcast ceiling in its own process: figures prefixed "hz{members}.". */
    public static Map<String, Object> hazelcast(LoadConfig cfg, int members, int valueBytes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                HazelcastCeiling.class.getName(), Integer.toString(members), Integer.toString(cfg.seats()),
                Integer.toString(valueBytes), Integer.toString(cfg.stepSeconds())));
        cmd.add(Integer.toString(cfg.steadyRate()));
        cfg.stepRates().forEach(r -> cmd.add(Integer.toString(r)));
        Path log = cfg.out().resolve("hazelcast-" + members + ".log");
        List<String> jvm = List.of("-Xmx" + cfg.heapMb() + "m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        try (ServerProcess p = ServerProcess.start("hazelcast-" + members, jvm, cmd, Map.of(), log, 0, 0)) {
            long end = System.currentTimeMillis() + 10 * 60_000;
            while (System.currentTimeMillis() < end) {
                String text = Files.exists(log) ? Files.readString(log) : "";
                int at = text.indexOf("FIGURES ");
                if (at >= 0 && text.indexOf('\n', at) > 0) {
                    JsonObject f = new JsonObject(text.substring(at + 8, text.indexOf('\n', at)));
                    Map<String, Object> out = new LinkedHashMap<>();
                    f.forEach(e -> out.put("hz" + members + "." + e.getKey(), e.getValue()));
                    out.put("hz" + members + ".valueBytes", valueBytes);
                    return out;
                }
                if (!p.isAlive() && at < 0) {
                    throw new IllegalStateException("the Hazelcast ceiling exited without figures, see " + log);
                }
                Thread.sleep(200); // polling the child's log from the orchestrating thread
            }
            throw new IllegalStateException("the Hazelcast ceiling printed no figures, see " + log);
        }
    }

    private static void awaitHttp(int port) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100); // the echo process is still starting
            }
        }
        throw new IllegalStateException("echo server did not start on " + port);
    }
}
