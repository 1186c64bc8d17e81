package cn.examcore.server.offline.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of the offline answer file, written so that WebCrypto in the candidate page does exactly the same
 * (the page's {@code offline.js} is the other half):
 * <ul>
 *   <li><b>Secrecy</b>: ECIES-style hybrid encryption to the sitting's P-256 key. The page makes an ephemeral P-256
 *   key pair, takes the ECDH shared secret (the 32-byte x coordinate) with the sitting's public key, derives an
 *   AES-256 key with HKDF-SHA256 (salt {@value #FORMAT}, info {@code FORMAT|attemptId}) and seals the answers with
 *   AES-GCM, the file's header as additional data. Only a holder of the sitting's private key (the servers) reads
 *   it; the page keeps no key that could open a file afterwards.</li>
 *   <li><b>Authenticity</b>: HMAC-SHA256 over header and ciphertext with the attempt's own MAC key, which the server
 *   derives from its secret and the attempt id (so it is never shared between attempts) and gives only to that
 *   attempt's page. Encryption alone would not do: anybody may encrypt to a public key.</li>
 * </ul>
 */
public final class OfflineCrypto {

    /** The file format, also the HKDF salt: a new format gets a new name. */
    public static final String FORMAT = "examcore-offline-answers/1";
    private static final String MAC_LABEL = "examcore-offline-mac/1|";
    private static final String WRAP_LABEL = "examcore-offline-keywrap/1|";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OfflineCrypto() {
    }

    /** A new key pair for a sitting (P-256, which every browser's WebCrypto has). */
    public static KeyPair newSittingKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys", e);
        }
    }

    /**
     * The attempt's offline MAC key: HMAC-SHA256 of a label and the attempt id under the server's secret. Every node
     * of a cluster derives the same key, and a key says nothing about another attempt's.
     */
    public static byte[] macKey(byte[] serverSecret, String attemptId) {
        return hmac(serverSecret, (MAC_LABEL + attemptId).getBytes(StandardCharsets.UTF_8));
    }

    /** The AES-256 key that seals a sitting's private key at rest, derived like the MAC keys under its own label. */
    public static byte[] wrapKey(byte[] serverSecret, String sittingId) {
        return hmac(serverSecret, (WRAP_LABEL + sittingId).getBytes(StandardCharsets.UTF_8));
    }

    /** The file's MAC (base64) under {@code macKey}. */
    public static String mac(byte[] macKey, OfflineFile file) {
        return Base64.getEncoder().encodeToString(hmac(macKey, file.macInput()));
    }

    /** Whether the file's MAC is the one {@code macKey} gives, compared in constant time. */
    public static boolean macValid(byte[] macKey, OfflineFile file) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(file.mac());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(macKey, file.macInput()), given);
    }

    /**
     * Seals answers as the page does (tests and tools use it; the page has its own copy in JavaScript).
     *
     * @param plaintext the answers' JSON text in UTF-8
     */
    public static OfflineFile seal(PublicKey sittingKey, byte[] macKey, String attemptId, String ticket,
                                   String seatCode, long createdAt, byte[] plaintext) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair ephemeral = g.generateKeyPair();
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            String epk = Base64.getEncoder().encodeToString(ephemeral.getPublic().getEncoded());
            OfflineFile unsealed = new OfflineFile(FORMAT, attemptId, ticket, seatCode, createdAt, epk,
                    Base64.getEncoder().encodeToString(iv), "", "");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey(ephemeral.getPrivate(), sittingKey, attemptId),
                    new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(unsealed.header());
            OfflineFile sealed = new OfflineFile(FORMAT, attemptId, ticket, seatCode, createdAt, epk, unsealed.iv(),
                    Base64.getEncoder().encodeToString(cipher.doFinal(plaintext)), "");
            return sealed.withMac(mac(macKey, sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing an offline file failed", e);
        }
    }

    /**
     * Opens the file with the sitting's private key. Check the MAC first: this proves only that the file was
     * encrypted to the sitting, not who wrote it.
     *
     * @return the answers' JSON text in UTF-8
     * @throws GeneralSecurityException when the key does not fit or header or ciphertext were changed
     */
    public static byte[] open(PrivateKey sittingKey, OfflineFile file) throws GeneralSecurityException {
        byte[] iv;
        byte[] ciphertext;
        PublicKey epk;
        try {
            iv = Base64.getDecoder().decode(file.iv());
            ciphertext = Base64.getDecoder().decode(file.ciphertext());
            epk = parsePublic(file.epk());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the file's sealed parts are not base64 keys and bytes", e);
        }
        if (iv.length != IV_BYTES) {
            throw new GeneralSecurityException("the nonce must be " + IV_BYTES + " bytes, was " + iv.length);
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, aesKey(sittingKey, epk, file.attemptId()), new GCMParameterSpec(TAG_BITS,
                iv));
        cipher.updateAAD(file.header());
        return cipher.doFinal(ciphertext);
    }

    /** The base64 X.509 form of a public key, as the page imports it ({@code importKey('spki', ...)}). */
    public static String spki(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Reads a base64 X.509 P-256 public key.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static PublicKey parsePublic(String base64Spki) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64Spki)));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a base64 X.509 EC public key", e);
        }
    }

    /** Reads a PKCS#8 EC private key. */
    public static PrivateKey parsePrivate(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static SecretKeySpec aesKey(PrivateKey own, PublicKey other, String attemptId)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(own);
        agreement.doPhase(other, true);
        byte[] shared = agreement.generateSecret();
        byte[] key = hkdf(shared, FORMAT.getBytes(StandardCharsets.UTF_8),
                (FORMAT + "|" + attemptId).getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(key, "AES");
    }

    /** HKDF-SHA256 (RFC 5869) for one 32-byte output block, which is all an AES-256 key needs. */
    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        byte[] prk = hmac(salt, ikm);
        byte[] block = new byte[info.length + 1];
        System.arraycopy(info, 0, block, 0, info.length);
        block[info.length] = 1;
        return hmac(prk, block);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
