package cn.examcore.server.auth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("PasswordHasher")
class PasswordHasherTest {

    // Cheap parameters keep the suite fast; the production parameters get one round trip of their own.
    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    @DisplayName("the production parameters produce an Argon2id PHC string that verifies")
    void productionDefaults() {
        PasswordHasher defaults = PasswordHasher.defaults();

        String encoded = defaults.hash("Exam!core-2025");

        assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(defaults.verify("Exam!core-2025", encoded)).isTrue();
        assertThat(defaults.verify("exam!core-2025", encoded)).isFalse();
    }

    @Test
    @DisplayName("the right password verifies and any other does not")
    void verifies() {
        String encoded = hasher.hash("correct horse".toCharArray());

        assertThat(hasher.verify("correct horse".toCharArray(), encoded)).isTrue();
        assertThat(hasher.verify("correct horse ", encoded)).isFalse();
        assertThat(hasher.verify("Correct horse", encoded)).isFalse();
        assertThat(hasher.verify("", encoded)).isFalse();
    }

    @Test
    @DisplayName("the same password hashes differently each time because each hash has its own salt")
    void salted() {
        String a = hasher.hash("same");
        String b = hasher.hash("same");

        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("same", a)).isTrue();
        assertThat(hasher.verify("same", b)).isTrue();
    }

    @Test
    @DisplayName("a hash made with other parameters still verifies and is reported as needing a rehash")
    void olderParameters() {
        PasswordHasher stronger = new PasswordHasher(2048, 2, 1);
        String old = hasher.hash("pw");

        assertThat(stronger.verify("pw", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("pw"))).isFalse();
    }

    @Test
    @DisplayName("verifying an unknown user always fails")
    void unknownUser() {
        assertThat(hasher.verifyUnknownUser("anything".toCharArray())).isFalse();
        assertThat(hasher.verifyUnknownUser(new char[0])).isFalse();
        assertThat(hasher.verifyUnknownUser(null)).isFalse();
    }

    @Test
    @DisplayName("verifying an unknown user costs about as much as verifying a real one")
    void unknownUserTiming() {
        PasswordHasher measured = new PasswordHasher(8192, 1, 1);
        String encoded = measured.hash("secret");
        for (int i = 0; i < 5; i++) {
            measured.verify("secret", encoded);
            measured.verifyUnknownUser("secret".toCharArray());
        }
        long[] real = new long[9];
        long[] dummy = new long[9];
        // Interleaved so that background load hits both series alike; medians shrug off single outliers.
        for (int i = 0; i < real.length; i++) {
            long t0 = System.nanoTime();
            measured.verify("wrong", encoded);
            long t1 = System.nanoTime();
            measured.verifyUnknownUser("wrong".toCharArray());
            long t2 = System.nanoTime();
            real[i] = t1 - t0;
            dummy[i] = t2 - t1;
        }
        double ratio = (double) median(dummy) / median(real);

        assertThat(ratio).as("unknown-user verify time / real verify time").isBetween(0.25, 4.0);
    }

    @Test
    @DisplayName("an empty or absurdly long password cannot be hashed")
    void badPasswords() {
        assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        char[] huge = new char[PasswordHasher.MAX_PASSWORD_CHARS + 1];
        Arrays.fill(huge, 'a');
        assertThatThrownBy(() -> hasher.hash(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than");
        assertThat(hasher.verify(huge, hasher.hash("a"))).isFalse();
    }

    @Test
    @DisplayName("a stored value that is not an Argon2 hash is reported as a corrupt record")
    void corruptStoredHash() {
        assertThatThrownBy(() -> hasher.verify("pw", "plain-text-password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Argon2");
        assertThatThrownBy(() -> hasher.verify("pw", "$argon2id$v=19$garbage"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> hasher.verify("pw", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("parameters below Argon2's minimums are refused when the hasher is built")
    void badParameters() {
        assertThatThrownBy(() -> new PasswordHasher(4, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryKiB=4");
        assertThatThrownBy(() -> new PasswordHasher(1024, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations=0");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
