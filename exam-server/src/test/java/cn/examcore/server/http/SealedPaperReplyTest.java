package cn.examcore.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sealed paper's reply, written as bytes without a JSON generator, is the JSON the page reads. */
class SealedPaperReplyTest {

    @Test
    void isTheJsonTheGeneratorWouldWrite() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 2, 3, 16, 1000, 40_001}) {
            byte[] iv = new byte[12];
            byte[] ciphertext = new byte[size];
            random.nextBytes(iv);
            random.nextBytes(ciphertext);

            Buffer reply = CandidateApi.sealedPaper(iv, ciphertext);

            JsonNode json = Json.tree(reply.toString(StandardCharsets.UTF_8));
            assertThat(json.size()).isEqualTo(3);
            assertThat(json.get("alg").asText()).isEqualTo("AES-GCM");
            assertThat(Base64.getDecoder().decode(json.get("iv").asText())).isEqualTo(iv);
            assertThat(Base64.getDecoder().decode(json.get("ciphertext").asText())).isEqualTo(ciphertext);
            assertThat(reply.getBytes()).isEqualTo(Json.encodeBytes(new Sealed("AES-GCM",
                    Base64.getEncoder().encodeToString(iv), Base64.getEncoder().encodeToString(ciphertext))));
        }
    }

    /** What the generator writes, fields in this order. */
    record Sealed(String alg, String iv, String ciphertext) {
    }
}
