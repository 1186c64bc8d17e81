package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The paper seed")
class PaperSeedTest {

    private static final byte[] SECRET = "a-paper-secret-of-at-least-32-bytes-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "another-paper-secret-of-32-bytes-or-more-98765".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("is the same for the same secret and inputs, and differs with the secret or any input")
    void keyedAndReproducible() {
        long seed = PaperService.seed(SECRET, "s-1", "T-0001", "THEORY");

        assertThat(PaperService.seed(SECRET, "s-1", "T-0001", "THEORY")).isEqualTo(seed);
        assertThat(PaperService.seed(OTHER, "s-1", "T-0001", "THEORY")).isNotEqualTo(seed);
        assertThat(PaperService.seed(SECRET, "s-1", "T-0002", "THEORY")).isNotEqualTo(seed);
        assertThat(PaperService.seed(SECRET, "s-2", "T-0001", "THEORY")).isNotEqualTo(seed);
        assertThat(PaperService.seed(SECRET, "s-1", "T-0001", "OPERATION")).isNotEqualTo(seed);
    }

    @Test
    @DisplayName("is not the SHA-256 of sitting, ticket and subject that a candidate could compute")
    void notThePublicHash() throws Exception {
        byte[] publicHash = MessageDigest.getInstance("SHA-256")
                .digest("s-1|T-0001|THEORY".getBytes(StandardCharsets.UTF_8));

        assertThat(PaperService.seed(SECRET, "s-1", "T-0001", "THEORY"))
                .isNotEqualTo(ByteBuffer.wrap(publicHash).getLong());
    }
}
