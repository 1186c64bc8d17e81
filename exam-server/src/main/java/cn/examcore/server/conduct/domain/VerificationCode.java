package cn.examcore.server.conduct.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * 查验码: the code printed on a certificate, which a verifier gives with its number. Only a salted PBKDF2 hash is
 * stored, so a copy of the database does not let anyone verify (or forge a verification of) a certificate it does
 * not hold: about 49 bits of code at a few thousand HMAC rounds each is far beyond guessing offline, while the
 * public endpoint's throttle stops guessing online.
 */
public final class VerificationCode {

    /** No 0/O, 1/I/L: a code is read off paper and typed. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 10;
    /** Low enough to hash a sitting's thousands of certificates in seconds, high enough to make guessing slow. */
    private static final int ITERATIONS = 2000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationCode() {
    }

    /** A fresh code of 10 characters. */
    public static String generate() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** The code as compared: spaces removed, upper case. */
    public static String normalise(String code) {
        return code == null ? "" : code.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }

    /** The stored form of {@code code}: {@code pbkdf2-sha256$iterations$salt$hash}, salt and hash in Base64. */
    public static String hash(String code) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(normalise(code), salt, ITERATIONS));
    }

    /** Whether {@code code} (normalised first) is the one {@code stored} was made from; false for a malformed hash. */
    public static boolean matches(String code, String stored) {
        if (stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(normalise(code), salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String code, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(code.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
