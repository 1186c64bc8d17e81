package cn.examcore.server.attempt.domain;

import cn.examcore.contract.Receipt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs 交卷回执 with the node's Ed25519 key and checks receipts against the public keys it knows. Ed25519 is
 * deterministic: the same receipt signed again by the same key (a reload, another node sharing the key) carries
 * the same signature. Keys rotate by adding a new one: receipts signed by a retired key still verify as long as its
 * public key is kept.
 *
 * <p>Signing uses BouncyCastle's Ed25519 rather than the JDK's: at the deadline a node signs one receipt per attempt
 * it freezes, and the JDK 17 provider's arithmetic was 40 % of the node's CPU in the 10,000-seat deadline storm's
 * profile (load-tests/RESULTS.md). Ed25519 signatures are fully determined by key and message (RFC 8032), so both
 * give the same bytes; verification, which is rare (an endpoint, the command-line check), stays with the JDK.
 */
public final class ReceiptSigner {

    /** The outcome of a check, worded for whoever asked. */
    public enum Verdict {
        VALID("the signature is valid for this receipt"),
        UNSIGNED("the receipt carries no keyId or signature"),
        UNKNOWN_KEY("no public key with this keyId is known here"),
        BAD_SIGNATURE("the signature does not match the receipt: a field was changed or the signature is not ours");

        private final String meaning;

        Verdict(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }

    static final String ALGORITHM = "Ed25519";
    private static final String VERSION = "examcore-receipt-v1";

    private final String activeId;
    /** The active private key as BouncyCastle holds it (immutable, so shared by every signing thread). */
    private final Ed25519PrivateKeyParameters signingKey;
    private final Map<String, PublicKey> publicKeys;

    /**
     * @param activeId   the id of the key new receipts are signed with; must be among {@code publicKeys}
     * @param activeKey  its private key
     * @param publicKeys every key id this node can verify, with its public key
     */
    public ReceiptSigner(String activeId, PrivateKey activeKey, Map<String, PublicKey> publicKeys) {
        this.activeId = Objects.requireNonNull(activeId, "activeId");
        this.publicKeys = Map.copyOf(publicKeys);
        if (!this.publicKeys.containsKey(activeId)) {
            throw new IllegalArgumentException("the public key of the active receipt key " + activeId + " is missing");
        }
        this.signingKey = signingKey(activeId, Objects.requireNonNull(activeKey, "activeKey"));
    }

    private static Ed25519PrivateKeyParameters signingKey(String id, PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || !ALGORITHM.equalsIgnoreCase(ed.getParams().getName())) {
            throw new IllegalArgumentException("the receipt key " + id + " is not an Ed25519 private key ("
                    + key.getAlgorithm() + ")");
        }
        byte[] seed = ed.getBytes().orElseThrow(() -> new IllegalArgumentException("the receipt key " + id
                + " does not reveal its bytes, so it cannot sign here"));
        return new Ed25519PrivateKeyParameters(seed, 0);
    }

    /** A checker only: verifies with {@code publicKeys} and cannot sign. */
    public static ReceiptSigner verifierOf(Map<String, PublicKey> publicKeys) {
        return new ReceiptSigner(publicKeys);
    }

    private ReceiptSigner(Map<String, PublicKey> publicKeys) {
        this.activeId = null;
        this.signingKey = null;
        this.publicKeys = Map.copyOf(publicKeys);
    }

    public String activeKeyId() {
        return activeId;
    }

    /** Key id to public key, sorted by id. */
    public Map<String, PublicKey> publicKeys() {
        return new TreeMap<>(publicKeys);
    }

    /** {@code unsigned} with this node's key id and signature. */
    public Receipt sign(Receipt unsigned) {
        if (signingKey == null) {
            throw new IllegalStateException("this checker holds no private key");
        }
        byte[] message = payload(unsigned, activeId).getBytes(StandardCharsets.UTF_8);
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, signingKey);
        s.update(message, 0, message.length);
        return unsigned.signed(activeId, Base64.getUrlEncoder().withoutPadding().encodeToString(s.generateSignature()));
    }

    public Verdict verify(Receipt receipt) {
        if (receipt.keyId() == null || receipt.signature() == null) {
            return Verdict.UNSIGNED;
        }
        PublicKey key = publicKeys.get(receipt.keyId());
        if (key == null) {
            return Verdict.UNKNOWN_KEY;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(receipt.signature());
        } catch (IllegalArgumentException e) {
            return Verdict.BAD_SIGNATURE;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(payload(receipt, receipt.keyId()).getBytes(StandardCharsets.UTF_8));
            return s.verify(signature) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
        } catch (java.security.SignatureException e) {
            return Verdict.BAD_SIGNATURE;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("checking a receipt with " + receipt.keyId() + " failed", e);
        }
    }

    /**
     * What is signed: one line per field, in this order, UTF-8, each line ending in a newline:
     * {@code examcore-receipt-v1}, keyId, attemptId, ticket, submittedAt, answered, digest, valuesDigest, code.
     * A field holding a line break is written escaped ({@code \n}) so that no two receipts share a text.
     */
    public static String payload(Receipt r, String keyId) {
        StringBuilder sb = new StringBuilder(VERSION).append('\n');
        for (Object field : new Object[] {keyId, r.attemptId(), r.ticket(), r.submittedAt(), r.answered(), r.digest(),
                r.valuesDigest(), r.code()}) {
            sb.append(String.valueOf(field).replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        }
        return sb.toString();
    }
}
