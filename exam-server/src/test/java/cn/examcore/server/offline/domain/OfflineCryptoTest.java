package cn.examcore.server.offline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OfflineCryptoTest {

    private static final byte[] SECRET = "a-server-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ANSWERS = "{\"attemptId\":\"a1\",\"answers\":[{\"item\":1,\"value\":\"A\",\"rev\":3}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final KeyPair SITTING = OfflineCrypto.newSittingKeyPair();

    private static OfflineFile sealed() {
        return OfflineCrypto.seal(SITTING.getPublic(), OfflineCrypto.macKey(SECRET, "a1"), "a1", "T1", "R101-01",
                1234L, ANSWERS);
    }

    @Test
    @DisplayName("a sealed file verifies under its attempt's key and opens with the sitting's private key")
    void roundTrip() throws GeneralSecurityException {
        OfflineFile file = sealed();
        assertThat(OfflineCrypto.macValid(OfflineCrypto.macKey(SECRET, "a1"), file)).isTrue();
        assertThat(OfflineCrypto.open(SITTING.getPrivate(), file)).isEqualTo(ANSWERS);
        assertThat(file.ciphertext()).doesNotContain("attemptId");
    }

    @Test
    @DisplayName("each attempt has its own MAC key, so another attempt's key does not verify the file")
    void macKeysArePerAttempt() {
        assertThat(OfflineCrypto.macKey(SECRET, "a1")).isNotEqualTo(OfflineCrypto.macKey(SECRET, "a2"));
        assertThat(OfflineCrypto.macValid(OfflineCrypto.macKey(SECRET, "a2"), sealed())).isFalse();
        assertThat(OfflineCrypto.macValid(OfflineCrypto.macKey("another-secret-of-at-least-32-bytes!!"
                .getBytes(StandardCharsets.UTF_8), "a1"), sealed())).isFalse();
    }

    @Test
    @DisplayName("one changed byte of the ciphertext, or a changed seat in the header, breaks the MAC and the"
            + " decryption")
    void changesAreCaught() {
        OfflineFile file = sealed();
        byte[] ct = Base64.getDecoder().decode(file.ciphertext());
        ct[ct.length / 2] ^= 1;
        OfflineFile changed = new OfflineFile(file.format(), file.attemptId(), file.ticket(), file.seatCode(),
                file.createdAt(), file.epk(), file.iv(), Base64.getEncoder().encodeToString(ct), file.mac());
        byte[] key = OfflineCrypto.macKey(SECRET, "a1");
        assertThat(OfflineCrypto.macValid(key, changed)).isFalse();
        assertThatThrownBy(() -> OfflineCrypto.open(SITTING.getPrivate(), changed))
                .isInstanceOf(GeneralSecurityException.class);
        OfflineFile otherSeat = new OfflineFile(file.format(), file.attemptId(), file.ticket(), "R101-02",
                file.createdAt(), file.epk(), file.iv(), file.ciphertext(), file.mac());
        assertThat(OfflineCrypto.macValid(key, otherSeat)).isFalse();
        assertThatThrownBy(() -> OfflineCrypto.open(SITTING.getPrivate(), otherSeat))
                .as("the header is the cipher's additional data too").isInstanceOf(GeneralSecurityException.class);
        assertThat(OfflineCrypto.macValid(key, file.withMac("not base64!"))).isFalse();
    }

    @Test
    @DisplayName("a file sealed to another sitting's key does not open")
    void anotherSittingsKey() {
        KeyPair other = OfflineCrypto.newSittingKeyPair();
        assertThatThrownBy(() -> OfflineCrypto.open(other.getPrivate(), sealed()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    @DisplayName("the key derivation is HKDF-SHA256 as RFC 5869 defines it (test case 1, first block), as WebCrypto"
            + " computes it in the page")
    void hkdfMatchesTheRfc() {
        byte[] ikm = new byte[22];
        java.util.Arrays.fill(ikm, (byte) 0x0b);
        byte[] okm = OfflineCrypto.hkdf(ikm, HexFormat.of().parseHex("000102030405060708090a0b0c"),
                HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9"));
        assertThat(HexFormat.of().formatHex(okm))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
    }

    @Test
    @DisplayName("the public key travels as base64 X.509 and reads back")
    void publicKeyForm() {
        assertThat(OfflineCrypto.parsePublic(OfflineCrypto.spki(SITTING.getPublic()))).isEqualTo(SITTING.getPublic());
        assertThatThrownBy(() -> OfflineCrypto.parsePublic("bm90IGEga2V5")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
