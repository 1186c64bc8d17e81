package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.Receipt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer digest and signed receipt")
class DigestAndReceiptTest {

    private static final KeyPair OLD = pair();
    private static final KeyPair NEW = pair();
    private static final ReceiptSigner SIGNER = new ReceiptSigner("rk-new", NEW.getPrivate(),
            Map.of("rk-new", NEW.getPublic(), "rk-old", OLD.getPublic()));
    private static final Receipts RECEIPTS = new Receipts(SIGNER);

    @Test
    @DisplayName("The digest covers answered items in number order as number:rev; and skips cleared ones")
    void canonicalForm() {
        List<Answer> answers = List.of(new Answer(7, "\"A\"", 2, 0), new Answer(1, "true", 3, 0),
                new Answer(2, "[\"x\"]", 1, 0), new Answer(4, null, 9, 0));
        assertThat(Digest.canonical(answers)).isEqualTo("1:3;2:1;7:2;");
        // SHA-256 of "1:3;2:1;7:2;" computed independently with sha256sum.
        assertThat(Digest.of(answers)).isEqualTo("a5d0ef82814b022c3243045ed216e8ce1cc1865d9530431a26f888bf52340c97");
        assertThat(Digest.of(List.of())).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    @DisplayName("The values digest binds each answered item's value: the same revisions with another value differ")
    void valuesDigest() {
        // SHA-256 of "true" and of "\"A\"" computed independently with sha256sum.
        assertThat(Digest.valuesCanonical(List.of(new Answer(7, "\"A\"", 2, 0), new Answer(1, "true", 3, 0),
                new Answer(4, null, 9, 0)))).isEqualTo(
                "1:3:b5bea41b6c623f7c09f1bf24dcae58ebab3c0cdd90ad966bc43a45b44867e12b;"
                        + "7:2:798640599597df7a8daa32b1132f07850a68b5e71bd295650399a38074f52804;");
    }

    @Test
    @DisplayName("A receipt counts answered items, carries both digests and says whether the page's digest matched")
    void receipt() {
        Attempt a = submitted("\"A\"");
        Receipt ok = RECEIPTS.of(a, Digest.sha256Hex("1:1;"));
        assertThat(ok.answered()).isEqualTo(1);
        assertThat(ok.ticket()).isEqualTo("T");
        assertThat(ok.digest()).isEqualTo(Digest.sha256Hex("1:1;"));
        assertThat(ok.valuesDigest()).isEqualTo(Digest.sha256Hex("1:1:" + Digest.sha256Hex("\"A\"") + ";"));
        assertThat(ok.digestMatches()).isTrue();
        assertThat(ok.code()).matches("[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");
        assertThat(RECEIPTS.of(a, Digest.sha256Hex("1:2;")).digestMatches()).isFalse();
        assertThat(RECEIPTS.of(a, null).digestMatches()).isNull();
        assertThat(RECEIPTS.of(a, null).code()).isEqualTo(ok.code());
        assertThat(RECEIPTS.of(submitted("\"B\""), null).valuesDigest()).as("another value, same revision")
                .isNotEqualTo(ok.valuesDigest());
    }

    @Test
    @DisplayName("A signed receipt verifies; rebuilt later it carries the same signature; the page's match is not signed")
    void signatureVerifies() {
        Receipt r = RECEIPTS.of(submitted("\"A\""), Digest.sha256Hex("1:1;"));
        assertThat(r.keyId()).isEqualTo("rk-new");
        assertThat(SIGNER.verify(r)).isEqualTo(ReceiptSigner.Verdict.VALID);
        Receipt rebuilt = RECEIPTS.of(submitted("\"A\""), null);
        assertThat(rebuilt.signature()).isEqualTo(r.signature());
        assertThat(SIGNER.verify(rebuilt)).isEqualTo(ReceiptSigner.Verdict.VALID);
    }

    @Test
    @DisplayName("Changing any signed field, the key id or the signature makes the check fail, naming why")
    void tamperingIsDetected() {
        Receipt r = RECEIPTS.of(submitted("\"A\""), null);
        List<UnaryOperator<Receipt>> tampering = List.of(
                x -> new Receipt("att2", x.submittedAt(), x.answered(), x.digest(), null, x.code(), x.ticket(),
                        x.valuesDigest(), x.keyId(), x.signature()),
                x -> new Receipt(x.attemptId(), x.submittedAt() + 1, x.answered(), x.digest(), null, x.code(),
                        x.ticket(), x.valuesDigest(), x.keyId(), x.signature()),
                x -> new Receipt(x.attemptId(), x.submittedAt(), x.answered() + 1, x.digest(), null, x.code(),
                        x.ticket(), x.valuesDigest(), x.keyId(), x.signature()),
                x -> new Receipt(x.attemptId(), x.submittedAt(), x.answered(), Digest.sha256Hex("x"), null, x.code(),
                        x.ticket(), x.valuesDigest(), x.keyId(), x.signature()),
                x -> new Receipt(x.attemptId(), x.submittedAt(), x.answered(), x.digest(), null, "AAAA-BBBB-CCCC",
                        x.ticket(), x.valuesDigest(), x.keyId(), x.signature()),
                x -> new Receipt(x.attemptId(), x.submittedAt(), x.answered(), x.digest(), null, x.code(), "T2",
                        x.valuesDigest(), x.keyId(), x.signature()),
                x -> new Receipt(x.attemptId(), x.submittedAt(), x.answered(), x.digest(), null, x.code(),
                        x.ticket(), Digest.sha256Hex("y"), x.keyId(), x.signature()),
                x -> x.signed("rk-old", x.signature()),
                x -> x.signed(x.keyId(), "AAAA" + x.signature().substring(4)),
                x -> x.signed(x.keyId(), "not base64 at all!"));
        for (UnaryOperator<Receipt> change : tampering) {
            assertThat(SIGNER.verify(change.apply(r))).isEqualTo(ReceiptSigner.Verdict.BAD_SIGNATURE);
        }
        assertThat(SIGNER.verify(r.signed("rk-gone", r.signature()))).isEqualTo(ReceiptSigner.Verdict.UNKNOWN_KEY);
        assertThat(SIGNER.verify(r.signed(null, null))).isEqualTo(ReceiptSigner.Verdict.UNSIGNED);
    }

    @Test
    @DisplayName("After a rotation receipts of the retired key still verify with its public key alone")
    void rotation() {
        Receipts before = new Receipts(new ReceiptSigner("rk-old", OLD.getPrivate(), Map.of("rk-old", OLD.getPublic())));
        Receipt old = before.of(submitted("\"A\""), null);
        assertThat(SIGNER.verify(old)).isEqualTo(ReceiptSigner.Verdict.VALID);
        Map<String, PublicKey> onlyNew = Map.of("rk-new", NEW.getPublic());
        assertThat(ReceiptSigner.verifierOf(onlyNew).verify(old)).isEqualTo(ReceiptSigner.Verdict.UNKNOWN_KEY);
        assertThatThrownBy(() -> ReceiptSigner.verifierOf(onlyNew).sign(old)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ReceiptSigner("rk-x", NEW.getPrivate(), onlyNew))
                .hasMessageContaining("rk-x");
    }

    @Test
    @DisplayName("The signature is the one the JDK's own Ed25519 gives for the key and the signed text (RFC 8032), so"
            + " any Ed25519 verifier accepts it; a key of another algorithm is refused, naming it")
    void signatureIsStandardEd25519() throws Exception {
        for (String value : List.of("\"A\"", "\"答案\"", "[1,2]")) {
            Receipt unsigned = Receipts.unsigned(submitted(value), null);
            java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
            jdk.initSign(NEW.getPrivate());
            jdk.update(ReceiptSigner.payload(unsigned, "rk-new").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(SIGNER.sign(unsigned).signature()).as(value)
                    .isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(jdk.sign()));
        }
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThatThrownBy(() -> new ReceiptSigner("rk-rsa", rsa.getPrivate(), Map.of("rk-rsa", rsa.getPublic())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the receipt key rk-rsa is not an Ed25519 private key (RSA)");
    }

    private static Attempt submitted(String value) {
        return Attempt.create("att", "s", "T", "THEORY", "R-01", 0, 60)
                .submit(List.of(new Answer(1, value, 1, 0), new Answer(2, null, 2, 0)), 1000,
                        Attempt.SubmitKind.SUBMITTED);
    }

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
