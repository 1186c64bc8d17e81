package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.ErrorType;
import cn.examcore.server.proctoring.ProctorCommand;
import cn.examcore.server.results.ResultsExporter;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Holds the OpenAPI document the node serves against what the node really does: its registered routes, the Java
 * records and enums the document names in {@code x-java-type}, the error codes of {@code ErrorType}, the export's
 * columns and the fields of live answers.
 */
@DisplayName("The served OpenAPI document")
class OpenApiIT {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final String SEAT_ACTIONS = "/api/proctor/sittings/:id/seats/:seat/:action";

    static TestNode node;
    static Api api;
    static String admin;
    static JsonNode doc;
    static HttpResponse<byte[]> served;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        node = TestNode.builder().leadSeconds(600).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.baseUrl() + "/api/openapi.yaml")).build(), HttpResponse.BodyHandlers.ofByteArray());
        doc = new YAMLMapper().readTree(served.body());
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    @Test
    @DisplayName("is served publicly as cacheable YAML, the classpath resource byte for byte, and answers 304 to its ETag")
    void servedAndCacheable() throws IOException, InterruptedException {
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/yaml"));
        assertThat(served.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c)
                .contains("public"));
        try (InputStream in = OpenApiIT.class.getClassLoader().getResourceAsStream("openapi/openapi.yaml")) {
            assertThat(in).isNotNull();
            assertThat(served.body()).isEqualTo(in.readAllBytes());
        }
        String etag = served.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(node.baseUrl() + "/api/openapi.yaml")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    @DisplayName("is a valid OpenAPI 3.1 document: the specification's schema holds and every reference resolves")
    void validOpenApi31() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = new ObjectMapper().convertValue(doc, Map.class);
        JsonObject contract = new JsonObject(tree);
        // vertx-openapi's OpenAPIContract.from() would also refuse media types its request validator cannot
        // handle (application/yaml, text/csv, .xlsx), which are legitimate here; its version check, the
        // specification's JSON schema and its reference resolution are what this test wants.
        OpenAPIVersion version = OpenAPIVersion.fromContract(contract);
        assertThat(version).isEqualTo(OpenAPIVersion.V3_1);
        SchemaRepository repository = await(version.getRepository(node.node().vertx(), "app://"));
        OutputUnit result = await(version.validateContract(node.node().vertx(), repository, contract));
        assertThat(result.getValid()).as("validation against the OpenAPI 3.1 schema: %s", result.getErrors())
                .isTrue();
        JsonObject resolved = await(version.resolve(node.node().vertx(), repository, contract));
        assertThat(resolved.getJsonObject("paths").fieldNames()).containsAll(names(doc.path("paths")));
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("documents every route of the public port, and every documented operation is a route")
    void routesAndOperationsAgree() {
        Set<String> routes = new TreeSet<>();
        for (Route r : node.node().http().router().getRoutes()) {
            // Handlers for every method (guards, body handler) and prefix routes (/api/*, static /*) are not
            // operations of their own. A path with :params is a regex route inside Vert.x but keeps its path.
            if (r.getPath() == null || !r.isExactPath() || r.methods() == null || r.methods().isEmpty()) {
                continue;
            }
            for (HttpMethod m : r.methods()) {
                routes.add(m.name() + " " + r.getPath());
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Operation op : operations()) {
            if (op.managementPort()) {
                continue;
            }
            String route = op.node().path("x-vertx-route").asText(null);
            if (route == null) {
                documented.add(op.method() + " " + TEMPLATE.matcher(op.path()).replaceAll(":$1"));
            } else {
                assertThat(matchesRoute(op.path(), route)).as("%s %s is served by the route %s", op.method(),
                        op.path(), route).isTrue();
                documented.add(op.method() + " " + route);
            }
        }
        assertThat(routes).as("routes of the public port without an operation in openapi.yaml")
                .isSubsetOf(documented);
        assertThat(documented).as("operations in openapi.yaml without a route").isSubsetOf(routes);
    }

    @Test
    @DisplayName("lists one operation per proctor seat action, exactly the actions ProctorCommand knows")
    void seatActionsAreEveryAction() {
        Set<String> documented = new TreeSet<>();
        for (Operation op : operations()) {
            if (SEAT_ACTIONS.equals(op.node().path("x-vertx-route").asText(null))) {
                documented.add(op.path().substring(op.path().lastIndexOf('/') + 1));
            }
        }
        Set<String> actions = Arrays.stream(ProctorCommand.Action.values())
                .map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(actions);
    }

    @Test
    @DisplayName("declares every path parameter of every operation")
    void pathParametersDeclared() {
        for (Operation op : operations()) {
            Set<String> declared = new TreeSet<>();
            List<JsonNode> params = new ArrayList<>();
            doc.path("paths").path(op.path()).path("parameters").forEach(params::add);
            op.node().path("parameters").forEach(params::add);
            for (JsonNode p : params) {
                JsonNode resolved = resolve(p);
                if ("path".equals(resolved.path("in").asText())) {
                    declared.add(resolved.path("name").asText());
                }
            }
            Set<String> inPath = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(op.path());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertThat(declared).as("path parameters of %s %s", op.method(), op.path()).isEqualTo(inPath);
        }
    }

    @Test
    @DisplayName("names the records and enums it shows as they are in Java: same fields, same constants")
    void schemasMatchJavaTypes() throws ClassNotFoundException {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("components").path("schemas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String javaType = e.getValue().path("x-java-type").asText(null);
            if (javaType == null) {
                continue;
            }
            Class<?> type = Class.forName(javaType);
            if (type.isRecord()) {
                Set<String> components = new TreeSet<>();
                Set<String> required = new TreeSet<>();
                for (RecordComponent c : type.getRecordComponents()) {
                    components.add(c.getName());
                    JsonInclude include = c.getAccessor().getAnnotation(JsonInclude.class);
                    if (include == null || include.value() == JsonInclude.Include.ALWAYS) {
                        required.add(c.getName());
                    }
                }
                typeName(type).ifPresent(t -> {
                    // A subtype of a sealed message interface also carries its type name (@JsonTypeInfo).
                    components.add(t.getKey());
                    required.add(t.getKey());
                    assertThat(e.getValue().path("properties").path(t.getKey()).path("const").asText())
                            .as("type name of schema %s", e.getKey()).isEqualTo(t.getValue());
                });
                assertThat(names(e.getValue().path("properties"))).as("properties of schema %s (%s)", e.getKey(),
                        javaType).isEqualTo(components);
                assertThat(texts(e.getValue().path("required"))).as("required of schema %s", e.getKey())
                        .isEqualTo(required);
            } else if (type.isEnum()) {
                Set<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(texts(e.getValue().path("enum"))).as("constants of schema %s (%s)", e.getKey(), javaType)
                        .isEqualTo(constants);
            } else {
                throw new AssertionError("x-java-type of " + e.getKey() + " is neither a record nor an enum");
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
        JsonNode status = doc.path("components").path("schemas").path("ErrorCode").path("x-status");
        for (ErrorType t : ErrorType.values()) {
            assertThat(status.path(t.name()).asInt()).as("x-status of %s", t).isEqualTo(t.status());
        }
    }

    @Test
    @DisplayName("lists each error code under the HTTP status its ErrorType is answered with")
    void errorCodesUnderTheirStatus() {
        int checked = 0;
        for (Operation op : operations()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                int status = Integer.parseInt(r.getKey());
                JsonNode response = resolve(r.getValue());
                for (String code : texts(response.path("x-error-codes"))) {
                    assertThat(ErrorType.valueOf(code).status()).as("%s under %s of %s %s", code, status,
                            op.method(), op.path()).isEqualTo(status);
                    checked++;
                }
                if (!op.managementPort() && status >= 400 && response.has("content") && response.path("content").has("application/json")) {
                    assertThat(response.has("x-error-codes")).as("x-error-codes of %s %s %s", op.method(),
                            op.path(), status).isTrue();
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    @DisplayName("lists the export's columns exactly as ResultsExporter writes them")
    void exportColumns() {
        JsonNode export = doc.path("paths").path("/api/admin/sittings/{id}/results/export").path("get");
        assertThat(texts(export.path("x-columns"), new ArrayList<>())).isEqualTo(ResultsExporter.HEADERS);
    }

    @Test
    @DisplayName("shows the fields of live answers: sittings, rooms, results, attempts, events, audit, logins")
    void liveAnswersHaveTheDocumentedFields() {
        String sitting = node.sittingId();
        api.post("/api/admin/sittings/" + sitting + "/start", admin, null);
        JsonObject login = api.loginDemo(node, 0);
        String attemptId = login.getString("attemptId");
        String candidate = login.getString("token");

        assertFields("post", "/api/admin/login", "200", api.post("/api/admin/login", null, new JsonObject()
                .put("username", node.adminUser()).put("password", node.adminPassword())).json());
        assertFields("post", "/api/candidate/login", "200", login);
        assertFields("post", "/api/terminal/enrol", "200", api.post("/api/terminal/enrol", null, new JsonObject()
                .put("seatCode", node.seatCodes().get(1)).put("pin", node.pin())).json());
        assertFields("get", "/api/time", "200", api.get("/api/time", null).json());
        assertFields("get", "/api/candidate/answers", "200", api.get("/api/candidate/answers", candidate).json());
        assertFields("get", "/api/candidate/paper", "200", api.get("/api/candidate/paper", candidate).json());
        assertFields("get", "/api/admin/sittings", "200", api.get("/api/admin/sittings", admin).array());
        assertFields("get", "/api/admin/sittings/{id}", "200", api.get("/api/admin/sittings/" + sitting, admin)
                .json());
        assertFields("get", "/api/admin/sittings/{id}/results", "200",
                api.get("/api/admin/sittings/" + sitting + "/results", admin).array());
        assertFields("get", "/api/admin/sittings/{id}/audit", "200",
                api.get("/api/admin/sittings/" + sitting + "/audit", admin).array());
        assertFields("get", "/api/proctor/sittings", "200", api.get("/api/proctor/sittings", admin).array());
        assertFields("get", "/api/proctor/sittings/{id}/rooms", "200",
                api.get("/api/proctor/sittings/" + sitting + "/rooms", admin).json());
        assertFields("get", "/api/proctor/sittings/{id}/attempts", "200",
                api.get("/api/proctor/sittings/" + sitting + "/attempts", admin).array());
        assertFields("get", "/api/proctor/sittings/{id}/events", "200",
                api.get("/api/proctor/sittings/" + sitting + "/events?attemptId=" + attemptId, admin).array());
        assertFields("post", "/api/proctor/sittings/{id}/seats/{seat}/pause", "200",
                api.post("/api/proctor/sittings/" + sitting + "/seats/" + node.candidate(0).seatCode() + "/pause",
                        admin, new JsonObject()).json());
        assertFields("get", "/api/admin/sittings", "401", api.get("/api/admin/sittings", null).json());
        JsonObject unknown = api.get("/api/admin/sittings/no-such-sitting", admin).json();
        assertFields("get", "/api/admin/sittings/{id}", "404", unknown);
        assertThat(unknown.getString("code")).isEqualTo("UNKNOWN_SITTING");
    }

    @Test
    @DisplayName("asks for the token and role each route really demands: none, a candidate's, an agent key, ADMIN,"
            + " PROCTOR, MARKER or CHIEF_MARKER")
    void securityAsDocumented() throws Exception {
        api.post("/api/admin/staff", admin, new JsonObject().put("username", "openapi-proctor")
                .put("password", "a-long-proctor-password").put("role", "PROCTOR"));
        String proctor = api.post("/api/admin/login", null, new JsonObject().put("username", "openapi-proctor")
                .put("password", "a-long-proctor-password")).json().getString("token");
        api.post("/api/admin/staff", admin, new JsonObject().put("username", "openapi-observer")
                .put("password", "a-long-observer-password").put("role", "OBSERVER"));
        String observer = api.post("/api/admin/login", null, new JsonObject().put("username", "openapi-observer")
                .put("password", "a-long-observer-password")).json().getString("token");
        String marker = staffToken("openapi-marker", "MARKER");
        String chief = staffToken("openapi-chief", "CHIEF_MARKER");
        HttpClient client = HttpClient.newHttpClient();
        int checked = 0;
        for (Operation op : operations()) {
            if (op.managementPort() || op.path().equals("/ws/seat")) {
                continue;
            }
            JsonNode security = op.node().has("security") ? op.node().path("security") : doc.path("security");
            String what = op.method() + " " + op.path();
            String url = node.baseUrl() + TEMPLATE.matcher(op.path()).replaceAll("x");
            HttpResponse<String> anonymous = client.send(request(url, op.method(), null),
                    HttpResponse.BodyHandlers.ofString());
            if (security.isEmpty()) {
                assertThat(anonymous.statusCode()).as(what + " is public").isNotIn(401, 403);
                checked++;
                continue;
            }
            assertThat(security).as(what).hasSize(1);
            Map.Entry<String, JsonNode> scheme = security.get(0).fields().next();
            String expected = switch (scheme.getKey()) {
                case "staffBearer", "staffRefreshBearer" -> "UNAUTHORIZED";
                case "candidateBearer" -> "BAD_TOKEN";
                case "agentKey" -> "BAD_AGENT_KEY";
                default -> throw new AssertionError("unknown scheme " + scheme.getKey() + " at " + what);
            };
            assertThat(anonymous.statusCode()).as(what + " without a token").isEqualTo(401);
            assertThat(new JsonObject(anonymous.body()).getString("code")).as(what).isEqualTo(expected);
            if (scheme.getKey().equals("staffRefreshBearer")) {
                // Only the refresh token opens it: an access token of any role is the wrong kind.
                HttpResponse<String> withAccess = client.send(request(url, op.method(), proctor),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(withAccess.statusCode()).as(what + " with an access token").isEqualTo(401);
                assertThat(new JsonObject(withAccess.body()).getString("code")).as(what).isEqualTo("WRONG_KIND");
                checked++;
                continue;
            }
            if (op.path().equals("/api/staff/logout")) {
                // With a token it would retire the tokens the rest of this loop uses; StaffTokensIT covers it.
                checked++;
                continue;
            }
            if (scheme.getKey().equals("staffBearer")) {
                Set<String> roles = texts(scheme.getValue());
                int asProctor = statusOnly(client, request(url, op.method(), proctor));
                if (roles.contains("PROCTOR")) {
                    assertThat(asProctor).as(what + " with a PROCTOR token").isNotEqualTo(401);
                } else if (roles.contains("MARKER") || roles.contains("CHIEF_MARKER")) {
                    assertThat(roles).as(what).isSubsetOf("MARKER", "CHIEF_MARKER");
                    assertThat(asProctor).as(what + " with a PROCTOR token").isEqualTo(403);
                } else {
                    assertThat(roles).as(what).contains("ADMIN").isSubsetOf("ADMIN", "OBSERVER");
                    assertThat(asProctor).as(what + " with a PROCTOR token").isEqualTo(403);
                }
                // The read-only service account reaches exactly the operations that name it.
                int asObserver = statusOnly(client, request(url, op.method(), observer));
                if (roles.contains("OBSERVER")) {
                    assertThat(asObserver).as(what + " with an OBSERVER token").isNotIn(401, 403);
                } else {
                    assertThat(asObserver).as(what + " with an OBSERVER token").isEqualTo(403);
                }
                // Markers reach exactly the operations that name their role, and nothing of a sitting's set-up.
                int asMarker = statusOnly(client, request(url, op.method(), marker));
                int asChief = statusOnly(client, request(url, op.method(), chief));
                if (roles.contains("MARKER")) {
                    assertThat(asMarker).as(what + " with a MARKER token").isNotIn(401, 403);
                } else {
                    assertThat(asMarker).as(what + " with a MARKER token").isEqualTo(403);
                }
                if (roles.contains("CHIEF_MARKER")) {
                    assertThat(asChief).as(what + " with a CHIEF_MARKER token").isNotIn(401, 403);
                } else {
                    assertThat(asChief).as(what + " with a CHIEF_MARKER token").isEqualTo(403);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(40);
    }

    private static String staffToken(String username, String role) {
        api.post("/api/admin/staff", admin, new JsonObject().put("username", username)
                .put("password", "a-long-" + role.toLowerCase(Locale.ROOT) + "-password").put("role", role));
        return api.post("/api/admin/login", null, new JsonObject().put("username", username)
                .put("password", "a-long-" + role.toLowerCase(Locale.ROOT) + "-password")).json().getString("token");
    }

    /** The status alone, without waiting for the body: an authorised live stream never ends. */
    private static int statusOnly(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static HttpRequest request(String url, String method, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    @Test
    @DisplayName("shows the fields of the seat socket's welcome, pong and error messages")
    void seatMessagesHaveTheDocumentedFields() {
        api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null);
        JsonObject login = api.loginDemo(node, 2);
        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), login.getString("token"))) {
            assertMessageFields("WelcomeMessage", seat.hello(new JsonArray()));
            seat.send(new JsonObject().put("type", "ping").put("clientTime", 42));
            assertMessageFields("PongMessage", seat.next("pong"));
            seat.send(new JsonObject().put("type", "no-such-type"));
            assertMessageFields("ErrorMessage", seat.next("error"));
        }
    }

    private static void assertMessageFields(String schemaName, JsonObject live) {
        JsonNode schema = doc.path("components").path("schemas").path(schemaName);
        assertThat(live.fieldNames()).as(schemaName).isSubsetOf(names(schema.path("properties")))
                .containsAll(texts(schema.path("required")));
        assertThat(live.getString("type")).as(schemaName).isEqualTo(schema.path("properties").path("type")
                .path("const").asText());
    }

    @Test
    @DisplayName("documents the management port's endpoints, and each answers there")
    void managementEndpoints() throws IOException, InterruptedException {
        List<String> paths = new ArrayList<>();
        for (Operation op : operations()) {
            if (op.managementPort()) {
                paths.add(op.path());
            }
        }
        assertThat(paths).containsExactlyInAnyOrder("/health", "/ready", "/metrics");
        HttpClient client = HttpClient.newHttpClient();
        for (String path : paths) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.managementPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isIn(200, 503);
        }
    }

    /** The type property and name a record is written with when it implements a {@code @JsonTypeInfo} interface. */
    private static Optional<Map.Entry<String, String>> typeName(Class<?> type) {
        for (Class<?> parent : type.getInterfaces()) {
            JsonTypeInfo info = parent.getAnnotation(JsonTypeInfo.class);
            JsonSubTypes subtypes = parent.getAnnotation(JsonSubTypes.class);
            if (info == null || subtypes == null) {
                continue;
            }
            for (JsonSubTypes.Type t : subtypes.value()) {
                if (t.value().equals(type)) {
                    return Optional.of(Map.entry(info.property(), t.name()));
                }
            }
            throw new AssertionError(type + " is no declared subtype of " + parent);
        }
        return Optional.empty();
    }

    // ---- reading the document

    private record Operation(String method, String path, JsonNode node) {
        boolean managementPort() {
            return "management".equals(node.path("x-examcore-port").asText(null));
        }
    }

    private static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (OPERATIONS.contains(m.getKey())) {
                ops.add(new Operation(m.getKey().toUpperCase(Locale.ROOT), p.getKey(), m.getValue()));
            }
        }));
        assertThat(ops).hasSizeGreaterThan(40);
        return ops;
    }

    /** A documented path such as {@code …/seats/{seat}/pause} served by a route such as {@code …/:seat/:action}. */
    private static boolean matchesRoute(String path, String route) {
        String[] p = path.split("/", -1);
        String[] r = route.split("/", -1);
        if (p.length != r.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            Matcher template = TEMPLATE.matcher(p[i]);
            if (template.matches()) {
                if (!r[i].equals(":" + template.group(1))) {
                    return false;
                }
            } else if (!r[i].startsWith(":") && !r[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("only local references are expected: " + ref);
            }
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                throw new AssertionError("dangling reference " + ref);
            }
            current = target;
        }
        return current;
    }

    /** Property names of a schema, following references and {@code allOf}. */
    private static Set<String> properties(JsonNode schema) {
        JsonNode s = resolve(schema);
        Set<String> names = new TreeSet<>(names(s.path("properties")));
        s.path("allOf").forEach(part -> names.addAll(properties(part)));
        return names;
    }

    private static void assertFields(String method, String path, String status, Object live) {
        JsonNode operation = doc.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as("%s %s documented", method, path).isFalse();
        JsonNode response = resolve(operation.path("responses").path(status));
        JsonNode schema = resolve(response.path("content").path("application/json").path("schema"));
        String what = method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
        if (live instanceof JsonArray array) {
            assertThat(schema.path("type").asText()).as(what).isEqualTo("array");
            assertThat(array).as(what + " (needs an element to compare)").isNotEmpty();
            for (Object element : array) {
                assertThat(((JsonObject) element).fieldNames()).as(what + " element")
                        .isEqualTo(properties(schema.path("items")));
            }
        } else {
            assertThat(((JsonObject) live).fieldNames()).as(what).isEqualTo(properties(schema));
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        return texts(array, new LinkedHashSet<>()).stream().collect(Collectors.toCollection(TreeSet::new));
    }

    private static <C extends java.util.Collection<String>> C texts(JsonNode array, C into) {
        if (array.isMissingNode()) {
            return into;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + array);
        }
        array.forEach(n -> into.add(n.asText()));
        return into;
    }
}
