package cn.examcore.server.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The attempt id is remembered per node, and the remembered id is always the derived one. */
@DisplayName("Attempt ids")
class AttemptIdTest {

    /** The definition, written out here independently of the class under test. */
    private static String derived(String sittingId, String ticket, String subject) {
        return UUID.nameUUIDFromBytes((sittingId + "\n" + ticket + "\n" + subject).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Test
    @DisplayName("A remembered attempt id equals the name-based UUID of sitting, ticket and subject, first time and after")
    void rememberedEqualsDerived() {
        String sitting = "sitting-" + UUID.randomUUID();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String ticket = "T-" + i;
            String first = PaperService.attemptId(sitting, ticket, "THEORY");
            assertThat(first).isEqualTo(derived(sitting, ticket, "THEORY"));
            assertThat(PaperService.attemptId(sitting, ticket, "THEORY")).isEqualTo(first);
            assertThat(PaperService.attemptId(sitting, ticket, "OPERATION"))
                    .isEqualTo(derived(sitting, ticket, "OPERATION")).isNotEqualTo(first);
            ids.add(first);
        }
        assertThat(ids).hasSize(2_000);
        assertThat(PaperService.attemptId(sitting + "x", "T-1", "THEORY"))
                .isEqualTo(derived(sitting + "x", "T-1", "THEORY"));
    }

    @Test
    @DisplayName("Attempt ids are remembered, so hot paths do not hash them again")
    void remembered() {
        String sitting = "sitting-" + UUID.randomUUID();
        String id = PaperService.attemptId(sitting, "T-1", "THEORY");
        int before = PaperService.rememberedAttemptIds();
        for (int i = 0; i < 100; i++) {
            assertThat(PaperService.attemptId(sitting, "T-1", "THEORY")).isEqualTo(id);
        }
        assertThat(before).isPositive();
        assertThat(PaperService.rememberedAttemptIds()).as("no new entry for an id already known")
                .isLessThanOrEqualTo(before);
        assertThat(PaperService.derivedAttemptId(sitting + "\nT-1\nTHEORY")).isEqualTo(id);
    }
}
