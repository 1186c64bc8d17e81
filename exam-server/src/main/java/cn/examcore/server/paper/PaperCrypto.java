package cn.examcore.server.paper;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for papers handed out during check-in: one random key per attempt, kept on the server until
 * the start. The ciphertext carries the 128-bit tag at its end, which is the layout WebCrypto expects.
 */
public final class PaperCrypto {

    public static final int IV_BYTES = 12;
    public static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PaperCrypto() {
    }

    /** A sealed paper: nonce and ciphertext-with-tag. */
    public record Sealed(byte[] iv, byte[] ciphertext) {
    }

    public static byte[] newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    public static Sealed seal(byte[] key, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secret(key), new GCMParameterSpec(TAG_BITS, iv));
            return new Sealed(iv, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Seals {@code plaintext} with a nonce it was sealed with before, giving the same ciphertext again (AES-GCM is
     * deterministic). Only ever for the very plaintext sealed first under this key and nonce: a different one would
     * reuse the nonce, which GCM does not survive. {@code PaperService} calls it with a kept copy of that plaintext.
     */
    public static byte[] sealAgain(byte[] key, byte[] iv, byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, secret(key), new GCMParameterSpec(TAG_BITS, iv));
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts and authenticates; fails when key, nonce or ciphertext were altered. */
    public static byte[] open(byte[] key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, secret(key), new GCMParameterSpec(TAG_BITS, iv));
        return cipher.doFinal(ciphertext);
    }

    private static SecretKey secret(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }
}
