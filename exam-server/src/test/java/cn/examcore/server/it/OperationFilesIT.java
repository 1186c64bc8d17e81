package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Files named in operation answers: a candidate may hand in only what its own attempt uploaded. Candidate A
 * uploads a deliverable; candidate B quotes its id in a save, a hello and a submit, and each is refused.
 */
@DisplayName("Files in operation answers")
class OperationFilesIT {

    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.builder().demo(DemoSitting.Options.operation(600)).start();
        api = new Api(node.baseUrl());
        String admin = api.adminToken(node);
        assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    private static String upload(String token, String name) {
        Api.Reply r = api.postMultipart("/api/candidate/upload", token, name,
                ("deliverable " + name).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().getString("fileId");
    }

    private static JsonObject operationValue(String text, String... fileIds) {
        return new JsonObject().put("text", text).put("files", new JsonArray(java.util.List.of((Object[]) fileIds)));
    }

    private static JsonObject held(String token) {
        Api.Reply r = api.get("/api/candidate/answers", token);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject heldItem(String token, int item) {
        return held(token).getJsonArray("answers").stream().map(o -> (JsonObject) o)
                .filter(a -> a.getInteger("item") == item).findFirst().orElse(null);
    }

    private static void refusedFor(JsonObject error, String field, int item, String fileId) {
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo("BAD_VALUE");
        JsonObject d = error.getJsonObject("details");
        assertThat(d.getString("field")).isEqualTo(field);
        assertThat(d.getInteger("item")).isEqualTo(item);
        assertThat(d.getString("fileId")).isEqualTo(fileId);
        assertThat(d.containsKey("rev")).as("every refusal of a save, hello entry or submit names the rev").isTrue();
        assertThat(error.getString("message")).contains("item " + item).contains(fileId);
    }

    @Test
    @DisplayName("Candidate B cannot save, hello or submit an answer naming candidate A's upload or an unknown file; "
            + "nothing changes, and B's own upload is taken")
    void foreignFilesAreRefused() {
        JsonObject a = api.loginDemo(node, 0);
        JsonObject b = api.loginDemo(node, 1);
        String tokenA = a.getString("token");
        String tokenB = b.getString("token");
        PaperItem taskB = Papers.first(Papers.of(node, b.getString("attemptId")), ItemType.OPERATION);
        PaperItem taskA = Papers.first(Papers.of(node, a.getString("attemptId")), ItemType.OPERATION);
        String fileOfA = upload(tokenA, "plan-a.docx");

        try (SeatClient seatA = SeatClient.connect(api.vertx(), node.port(), tokenA)) {
            seatA.hello(new JsonArray());
            assertThat(seatA.save(taskA.number(), operationValue("mine", fileOfA), 1).getString("type"))
                    .isEqualTo("saved");
        }

        try (SeatClient seatB = SeatClient.connect(api.vertx(), node.port(), tokenB)) {
            seatB.hello(new JsonArray());

            JsonObject stolen = seatB.save(taskB.number(), operationValue("copied", fileOfA), 1);
            refusedFor(stolen, "value", taskB.number(), fileOfA);
            assertThat(stolen.getJsonObject("details").getLong("rev")).isEqualTo(1);
            JsonObject unknown = seatB.save(taskB.number(), operationValue("made up", "no-such-file"), 2);
            refusedFor(unknown, "value", taskB.number(), "no-such-file");
            assertThat(heldItem(tokenB, taskB.number())).isNull();

            PaperItem essay = Papers.first(Papers.of(node, b.getString("attemptId")), ItemType.ESSAY);
            seatB.send(new JsonObject().put("type", "hello").put("answers", new JsonArray()
                    .add(new JsonObject().put("item", taskB.number()).put("value", operationValue("x", fileOfA))
                            .put("rev", 3))
                    .add(new JsonObject().put("item", essay.number()).put("value", new JsonObject().put("text", "ok"))
                            .put("rev", 1))));
            refusedFor(seatB.next("error"), "answers[0].value", taskB.number(), fileOfA);
            JsonObject welcome = seatB.next("welcome");
            assertThat(welcome.getJsonArray("answers")).hasSize(1);
            assertThat(welcome.getJsonArray("answers").getJsonObject(0).getInteger("item"))
                    .isEqualTo(essay.number());

            seatB.send(new JsonObject().put("type", "submit").put("digest", "0".repeat(64)).put("answers",
                    new JsonArray().add(new JsonObject().put("item", taskB.number())
                            .put("value", operationValue("x", fileOfA)).put("rev", 4))));
            refusedFor(seatB.next("error"), "answers[0].value", taskB.number(), fileOfA);
            assertThat(held(tokenB).getString("state")).isEqualTo("ANSWERING");
            assertThat(heldItem(tokenB, taskB.number())).isNull();

            String fileOfB = upload(tokenB, "plan-b.docx");
            assertThat(seatB.save(taskB.number(), operationValue("own", fileOfB), 5).getString("type"))
                    .isEqualTo("saved");
            assertThat(heldItem(tokenB, taskB.number()).getJsonObject("value").getJsonArray("files"))
                    .containsExactly(fileOfB);
        }
        assertThat(heldItem(tokenA, taskA.number()).getJsonObject("value").getJsonArray("files"))
                .containsExactly(fileOfA);
    }
}
