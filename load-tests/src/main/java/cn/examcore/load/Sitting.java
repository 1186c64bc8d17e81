package cn.examcore.load;

import cn.examcore.server.demo.DemoSitting;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 场次: a sitting of N seats on real exam-server processes, ready for check-in: the nodes started on loopback (one
 * on the embedded H2 default, or a cluster sharing the local PostgreSQL in a fresh schema, dropped on close) and
 * the sitting built through the admin API. Both load tools start from it: {@link LoadRun} (the Vert.x generator)
 * and the Gatling simulations ({@code cn.examcore.load.gatling}).
 */
public final class Sitting implements AutoCloseable {

    public static final String PIN = "246810";
    private static final String ADMIN_PASSWORD = "load-test-admin-password";
    private static final String JWT_SECRET = "load-tests-shared-secret-0123456789abcdef";
    /** The cluster's one paper-assembly secret, shared like the token secret. */
    private static final String PAPER_SECRET = "load-tests-paper-secret-0123456789abcdef";
    private static final int SEATS_PER_ROOM = 40;
    private static final int BIRTH_DAYS = 16_000;
    private static final long ADMIN_TOKEN_RENEW_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final LoadConfig cfg;
    private final WebClient http;
    private final Map<String, Object> figures;
    private final long origin = System.currentTimeMillis();
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<Seat> seats = new ArrayList<>();
    private final List<String> roomIds = new ArrayList<>();
    private String adminToken;
    private long adminTokenNanos;
    private String sittingId;
    private String agentKey;
    private String schema;

    /** A sitting of {@code cfg.seats()} seats on {@code cfg.nodes()} nodes; set-up figures go into {@code figures}. */
    public Sitting(LoadConfig cfg, WebClient http, Map<String, Object> figures) {
        this.cfg = cfg;
        this.http = http;
        this.figures = figures;
    }

    public List<ServerProcess> nodes() {
        return nodes;
    }

    /** The rooms' ids, in the order they were created, once {@link #build()} has run. */
    public List<String> roomIds() {
        return roomIds;
    }

    /** The seats, in roster order, once {@link #build()} has run. */
    public List<Seat> seats() {
        return seats;
    }

    /**
     * One record per seat for a Gatling feeder: {@code index}, {@code seatCode}, {@code ticket}, {@code idNumber},
     * {@code base} (http://host:port of the seat's node) and {@code wsBase} (ws://host:port).
     */
    public List<Map<String, Object>> feederRecords() {
        return seats.stream().<Map<String, Object>>map(s -> Map.of("index", s.index, "seatCode", s.seatCode,
                "ticket", s.ticket, "idNumber", s.idNumber, "base", "http://" + s.host + ":" + s.port,
                "wsBase", "ws://" + s.host + ":" + s.port)).toList();
    }

    /** Releases the sitting now (the proctor's start: every attempt gets its key and deadline). */
    public void release() throws Exception {
        json(admin("POST", "/api/admin/sittings/" + sittingId + "/start").send(), 200);
    }

    public String sittingId() {
        return sittingId;
    }

    /**
     * The administrator's token, logged in again once it is 10 minutes old: staff tokens live 15 minutes, and a run
     * with 30-s rate steps and thousands of seats outlasts that (the deadline storm's results were then refused).
     * Called from the orchestrating thread only (the login waits for its answer).
     */
    public String adminToken() {
        if (adminToken == null || System.nanoTime() - adminTokenNanos > ADMIN_TOKEN_RENEW_NANOS) {
            try {
                adminToken = json(http.postAbs(nodes.get(0).baseUrl() + "/api/admin/login")
                        .sendJsonObject(new JsonObject().put("username", "admin").put("password", ADMIN_PASSWORD)),
                        200).getString("token");
            } catch (Exception e) {
                throw new IllegalStateException("the administrator's login failed: " + e.getMessage(), e);
            }
            adminTokenNanos = System.nanoTime();
        }
        return adminToken;
    }

    public String agentKey() {
        return agentKey;
    }

    /** Starts the nodes (each waited for until ready); "nodes" and "seats" go into the figures. */
    public void startNodes() throws Exception {
        String cluster = "load-" + Long.toHexString(origin);
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < cfg.nodes(); i++) {
            clusterPorts.add(ServerProcess.freePort());
        }
        String members = String.join(",", clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList());
        if (cfg.nodes() > 1) {
            schema = "load_" + Long.toHexString(origin);
        }
        for (int i = 0; i < cfg.nodes(); i++) {
            int httpPort = ServerProcess.freePort();
            int mgmtPort = ServerProcess.freePort();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("EXAMCORE_HOST", "0.0.0.0");
            env.put("EXAMCORE_HTTP_PORT", Integer.toString(httpPort));
            env.put("EXAMCORE_MANAGEMENT_PORT", Integer.toString(mgmtPort));
            env.put("EXAMCORE_CLUSTER_NAME", cluster);
            env.put("EXAMCORE_CLUSTER_PORT", Integer.toString(clusterPorts.get(i)));
            env.put("EXAMCORE_CLUSTER_MEMBERS", members);
            env.put("EXAMCORE_DATA_DIR", cfg.out().resolve("node" + i + "-data").toString());
            env.put("EXAMCORE_JWT_SECRET", JWT_SECRET);
            env.put("EXAMCORE_PAPER_SECRET", PAPER_SECRET);
            env.put("EXAMCORE_ADMIN_PASSWORD", ADMIN_PASSWORD);
            if (schema != null) {
                env.put("EXAMCORE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
                env.put("EXAMCORE_DB_USER", "postgres");
                env.put("EXAMCORE_DB_SCHEMA", schema);
            }
            // 8-MB G1 regions, as the README's operations section recommends for a node's heap: the write-behind's
            // and the seat list's 1-MB buffers are humongous objects in 2-MB regions (a third of the collections in
            // runs M and M2 of RESULTS.md).
            List<String> jvm = new ArrayList<>(List.of("-Xmx" + cfg.heapMb() + "m", "-Xms" + cfg.heapMb() + "m",
                    "-XX:+UseG1GC", "-XX:G1HeapRegionSize=8m"));
            // Extra JVM options for every node (NODE_JVM_OPTS, e.g. a G1 pause goal), to measure one at a time; they
            // come last, so they override the defaults above.
            String extra = System.getenv().getOrDefault("NODE_JVM_OPTS", "").trim();
            if (!extra.isEmpty()) {
                jvm.addAll(List.of(extra.split("\\s+")));
            }
            ServerProcess p = ServerProcess.start("node" + i, jvm,
                    List.of("-jar", cfg.serverJar().toString()), env, cfg.out().resolve("node" + i + ".log"),
                    httpPort, mgmtPort);
            nodes.add(p);
        }
        // All started before any is awaited: a member finishes starting only once a majority of the cluster is
        // up (split-brain protection), so waiting for node 0 before starting node 1 never ends.
        for (ServerProcess p : nodes) {
            p.awaitReady(java.time.Duration.ofMinutes(2));
        }
        figures.put("nodes", cfg.nodes());
        figures.put("seats", cfg.seats());
    }

    /**
     * Builds the sitting through the admin API of the first node: rooms of 40, the roster, the sample bank and
     * theory blueprint, papers assembled, an agent key. The seats are spread over the nodes round-robin.
     */
    public void build() throws Exception {
        int durationMinutes = Math.max(1, (int) Math.ceil(LoadRun.phasesBudgetSeconds(cfg) / 60.0));
        figures.put("sitting.durationMinutes", durationMinutes);
        JsonObject sitting = json(admin("POST", "/api/admin/sittings").sendJsonObject(new JsonObject()
                .put("title", "负载测试 " + cfg.seats()).put("occupation", "企业人力资源管理师").put("level", 4)
                .put("subject", "THEORY").put("t0", System.currentTimeMillis() + 3_600_000L)
                .put("durationMinutes", durationMinutes).put("checkInMinutes", 240).put("passMark", 60)
                .put("enrolmentPin", PIN)), 201);
        sittingId = sitting.getString("id");
        StringBuilder csv = new StringBuilder("准考证号,身份证号,姓名,考场,座位号,科目\n");
        int rooms = (cfg.seats() + SEATS_PER_ROOM - 1) / SEATS_PER_ROOM;
        int index = 0;
        for (int r = 0; r < rooms; r++) {
            int size = Math.min(SEATS_PER_ROOM, cfg.seats() - r * SEATS_PER_ROOM);
            String room = String.format("L%03d", r + 1);
            JsonObject created = json(admin("POST", "/api/admin/sittings/" + sittingId + "/rooms")
                    .sendJsonObject(new JsonObject().put("name", room).put("rows", 1).put("cols", size)), 201);
            roomIds.add(created.getString("id"));
            JsonArray codes = created.getJsonArray("seatCodes");
            for (int k = 0; k < codes.size(); k++, index++) {
                String ticket = String.format("20261%06d", 100000 + index);
                // Birth dates cycle through 16,000 days from 1960 (the node refuses one in the future, which 25,000
                // consecutive days from 1970 would reach); the sequence digits tell the cycles apart.
                LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(index % BIRTH_DAYS);
                String body = String.format("310101%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                        birth.getDayOfMonth(), 101 + index / BIRTH_DAYS);
                String id = body + DemoSitting.checkChar(body);
                ServerProcess node = nodes.get(index % nodes.size());
                seats.add(new Seat(index, codes.getString(k), ticket, id, "127.0.0.1", node.httpPort()));
                csv.append(ticket).append(',').append(id).append(",考生").append(index).append(',').append(room)
                        .append(',').append(codes.getString(k)).append(",理论知识\n");
            }
        }
        json(admin("POST", "/api/admin/sittings/" + sittingId + "/roster?fileName=roster.csv")
                .sendBuffer(Buffer.buffer(csv.toString())), 200);
        JsonObject bank = json(admin("POST", "/api/admin/banks?fileName=hr-4.json")
                .sendBuffer(Buffer.buffer(resource("/samples/hr-4.json"))), 201);
        json(admin("PUT", "/api/admin/sittings/" + sittingId + "/blueprint").sendJsonObject(new JsonObject()
                .put("bankId", bank.getString("bankId"))
                .put("blueprint", new JsonObject(new String(resource("/samples/hr-4-theory.blueprint.json"),
                        StandardCharsets.UTF_8)))), 200);
        long t = System.nanoTime();
        json(admin("POST", "/api/admin/sittings/" + sittingId + "/assemble").send(), 200);
        figures.put("setup.assembleSeconds", (System.nanoTime() - t) / 1e9);
        agentKey = json(admin("POST", "/api/admin/sittings/" + sittingId + "/agent-keys").send(), 201)
                .getString("agentKey");
    }

    /** An admin API request to the first node, with the admin's token. */
    public io.vertx.ext.web.client.HttpRequest<Buffer> admin(String method, String path) {
        var m = io.vertx.core.http.HttpMethod.valueOf(method);
        return http.requestAbs(m, nodes.get(0).baseUrl() + path).bearerTokenAuthentication(adminToken())
                .timeout(600_000);
    }

    /** Waits (bounded) for a generator future from the orchestrating thread. */
    public static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    }

    /** The response's JSON body, after checking its status. */
    public static JsonObject json(Future<HttpResponse<Buffer>> f, int status) throws Exception {
        HttpResponse<Buffer> r = get(f);
        if (r.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.body() == null || r.body().length() == 0 ? new JsonObject() : r.bodyAsJsonObject();
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = Sitting.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    /** Stops the nodes and drops the cluster's schema; an interrupt stops the wait and stays set (see ServerProcess). */
    @Override
    public void close() throws IOException {
        for (ServerProcess p : nodes) {
            p.close();
        }
        if (schema != null) {
            Process drop = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-c",
                    "DROP SCHEMA IF EXISTS " + schema + " CASCADE").inheritIO().start();
            try {
                drop.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
