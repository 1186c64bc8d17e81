package cn.examcore.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import java.nio.CharBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Staff password hashing with Argon2id (through password4j), stored as the standard PHC string
 * {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, so the parameters travel with each hash and can be raised later
 * without invalidating existing ones ({@link #needsRehash}).
 *
 * <p>Defaults ({@link #defaults()}): 19 MiB memory, 2 passes, 1 lane, 16-byte salt, 32-byte output: the
 * OWASP-recommended minimum for Argon2id. Measured on the 2-core development machine (Java 17, password4j's
 * pure-Java Argon2, after JIT warm-up, runs of 15–30 verifies): about 45–130 ms per hash (fastest 43 ms,
 * median 126 ms) while the machine was lightly loaded, and a median of 160–230 ms while parallel builds kept it
 * saturated. That is slow enough to make offline guessing expensive and fast enough that a login burst does not
 * stall a node. Run it on a worker thread, never on an event loop.
 *
 * <p>{@link #verifyUnknownUser} spends the same time as a real verify, so that a login for a name that does not
 * exist cannot be told apart by its response time.
 */
public final class PasswordHasher {

    /** Longest password accepted; beyond this is an attempt to waste CPU, not a password. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    private static final int SALT_BYTES = 16;
    private static final int OUTPUT_BYTES = 32;

    private final Argon2Function function;
    private final String dummyHash;

    /**
     * @param memoryKiB   Argon2 memory cost in KiB (at least 8 × parallelism)
     * @param iterations  Argon2 time cost (passes over memory, at least 1)
     * @param parallelism Argon2 lanes (at least 1)
     */
    public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("bad Argon2 parameters: memoryKiB=" + memoryKiB
                    + " (at least 8 x parallelism), iterations=" + iterations + " (at least 1), parallelism="
                    + parallelism + " (at least 1)");
        }
        this.function = Argon2Function.getInstance(memoryKiB, iterations, parallelism, OUTPUT_BYTES, Argon2.ID);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        // The dummy is a real hash with the same parameters, so a dummy verify costs what a real one costs.
        this.dummyHash = hash(HexFormat.of().formatHex(random));
    }

    /** The production parameters (see the class comment for the measured cost). */
    public static PasswordHasher defaults() {
        return new PasswordHasher(19 * 1024, 2, 1);
    }

    /** Hashes a password with a fresh random salt; the caller may wipe {@code password} afterwards. */
    public String hash(char[] password) {
        checkPassword(password);
        return Password.hash(CharBuffer.wrap(password)).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    /** Hashes a password with a fresh random salt. */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        return hash(password.toCharArray());
    }

    /**
     * True when {@code password} matches {@code encoded}. The encoded string's own parameters are used, so hashes
     * made with older settings still verify.
     *
     * @throws IllegalArgumentException when {@code encoded} is not an Argon2 PHC string (a corrupt account record)
     */
    public boolean verify(char[] password, String encoded) {
        Objects.requireNonNull(password, "password");
        Argon2Function stored = parse(encoded);
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        return Password.check(CharBuffer.wrap(password), encoded).with(stored);
    }

    /** As {@link #verify(char[], String)}. */
    public boolean verify(String password, String encoded) {
        Objects.requireNonNull(password, "password");
        return verify(password.toCharArray(), encoded);
    }

    /**
     * Spends the time of one verify against a throw-away hash and returns false: call it when the user name is
     * unknown, so the response time does not reveal which names exist.
     */
    public boolean verifyUnknownUser(char[] password) {
        char[] probe = password == null || password.length == 0 || password.length > MAX_PASSWORD_CHARS
                ? new char[] {'x'} : password;
        Password.check(CharBuffer.wrap(probe), dummyHash).with(function);
        return false;
    }

    /** True when {@code encoded} was made with other parameters than this hasher's: re-hash at the next login. */
    public boolean needsRehash(String encoded) {
        Argon2Function stored = parse(encoded);
        return stored.getMemory() != function.getMemory() || stored.getIterations() != function.getIterations()
                || stored.getParallelism() != function.getParallelism() || stored.getVariant() != Argon2.ID;
    }

    private static void checkPassword(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new IllegalArgumentException("password is empty");
        }
        if (password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password is longer than " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    private static Argon2Function parse(String encoded) {
        if (encoded == null || !encoded.startsWith("$argon2")) {
            throw new IllegalArgumentException("stored password hash is not an Argon2 PHC string");
        }
        try {
            return Argon2Function.getInstanceFromHash(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("stored password hash is malformed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + function.getMemory() + "KiB t=" + function.getIterations()
                + " p=" + function.getParallelism() + "]";
    }
}
