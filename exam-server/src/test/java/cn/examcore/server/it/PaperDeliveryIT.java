package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.paper.PaperCrypto;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.SeatClient;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Encrypted paper delivery")
class PaperDeliveryIT {

    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.builder().leadSeconds(600).start();
        api = new Api(node.baseUrl());
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    @Test
    @DisplayName("The paper fetched at check-in decrypts only with the key the socket delivers at the start, and holds no answer key")
    void paperDecryptsWithTheKeyPushedAtStart() throws Exception {
        JsonObject login = api.loginDemo(node, 0);
        String token = login.getString("token");
        Api.Reply paper = api.get("/api/candidate/paper", token);
        assertThat(paper.status()).isEqualTo(200);
        byte[] iv = Base64.getDecoder().decode(paper.json().getString("iv"));
        byte[] ciphertext = Base64.getDecoder().decode(paper.json().getString("ciphertext"));
        assertThat(paper.json().getString("alg")).isEqualTo("AES-GCM");

        try (SeatClient seat = SeatClient.connect(api.vertx(), node.port(), token)) {
            JsonObject welcome = seat.hello(new JsonArray());
            assertThat(welcome.getString("state")).isEqualTo("WAITING");
            assertThat(welcome.containsKey("key")).isFalse();

            String admin = api.adminToken(node);
            assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                    .isEqualTo(200);
            JsonObject key = seat.next("key");
            JsonObject state = seat.next("state");
            assertThat(state.getString("state")).isEqualTo("ANSWERING");

            byte[] plain = PaperCrypto.open(Base64.getDecoder().decode(key.getString("key")), iv, ciphertext);
            String text = new String(plain, StandardCharsets.UTF_8);
            JsonObject view = new JsonObject(text);
            assertThat(view.getString("attemptId")).isEqualTo(login.getString("attemptId"));
            assertThat(view.getJsonArray("sections")).isNotEmpty();
            assertThat(text).doesNotContain("correctOptions", "correctTrueFalse", "accepted", "rubric",
                    "explanation", "sourceOptionIds", "itemId");

            JsonObject saved = seat.save(1, view.getJsonArray("sections").getJsonObject(0).getJsonArray("items")
                    .getJsonObject(0).getJsonArray("options").getJsonObject(0).getString("id"), 1);
            assertThat(saved.getString("type")).isEqualTo("saved");
        }
    }
}
