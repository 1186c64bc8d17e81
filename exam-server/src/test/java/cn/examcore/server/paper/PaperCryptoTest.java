package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Paper encryption")
class PaperCryptoTest {

    @Test
    @DisplayName("A sealed paper opens with its key and fails with any other key or a flipped bit")
    void sealAndOpen() throws Exception {
        byte[] key = PaperCrypto.newKey();
        assertThat(key).hasSize(32);
        byte[] text = "{\"attemptId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        PaperCrypto.Sealed s = PaperCrypto.seal(key, text);
        assertThat(s.iv()).hasSize(12);
        assertThat(s.ciphertext()).hasSize(text.length + 16);
        assertThat(PaperCrypto.open(key, s.iv(), s.ciphertext())).isEqualTo(text);
        assertThatThrownBy(() -> PaperCrypto.open(PaperCrypto.newKey(), s.iv(), s.ciphertext()))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] tampered = s.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> PaperCrypto.open(key, s.iv(), tampered)).isInstanceOf(GeneralSecurityException.class);
    }
}
