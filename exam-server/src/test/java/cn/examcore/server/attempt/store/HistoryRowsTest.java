package cn.examcore.server.attempt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.AnswerHistory.Kind;
import cn.examcore.server.attempt.domain.AnswerHistory.Link;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The packed form of a history run ({@code answer_history.earlier}): what it keeps, and what it refuses to read. */
@DisplayName("History runs (packed entries of one row)")
class HistoryRowsTest {

    /** Every kind of entry a chain holds: held, cleared, too long to hold, quoted and non-ASCII values, a MERGE. */
    private static List<Link> chain() {
        AnswerHistory h = AnswerHistory.empty()
                .append("a1", Kind.SAVE, List.of(new Answer(1, "\"A \\\"quoted\\\" 答案\"", 1, 10)), 1000, "n1")
                .append("a1", Kind.SAVE, List.of(new Answer(1, null, 2, 11)), 1001, "n1")
                .append("a1", Kind.VECTOR, List.of(new Answer(2, "\"" + "长".repeat(300) + "\"", 1, 12),
                        new Answer(3, "[1,2]", 4, 12)), 1002, null)
                .mergeMark("a1", 7, "ab".repeat(32), 1003, "n2")
                .append("a1", Kind.ADOPTED, List.of(new Answer(4, "{\"x\":\"\\u0001\\n\"}", 9, 13)), 1004, "n2")
                .append("a1", Kind.FINAL, List.of(new Answer(5, "false", 1, 14)), 1005, "n2");
        return h.links("a1");
    }

    @Test
    @DisplayName("A run packs and unpacks to the same entries and hashes: digests of held values recomputed, the digest"
            + " of a value too long to hold kept, a cleared answer kept as cleared")
    void roundTrip() {
        List<Link> links = chain();
        assertThat(links.get(2).entry().value()).as("the long value is held as its digest only").isNull();
        for (int from = 0; from < links.size() - 1; from++) {
            List<Link> run = links.subList(from, links.size());
            String packed = HistoryRows.pack(run.subList(0, run.size() - 1));
            assertThat(HistoryRows.unpack(packed, run.get(run.size() - 1))).isEqualTo(run);
        }
        assertThat(HistoryRows.unpack(null, links.get(0))).containsExactly(links.get(0));
    }

    @Test
    @DisplayName("A packed run that is not JSON, not [start, entry…], has a malformed entry or an unknown kind, or does not"
            + " chain to its row, is refused with what is wrong")
    void damagedRunsAreRefused() {
        List<Link> links = chain();
        Link last = links.get(3);
        String good = HistoryRows.pack(links.subList(0, 3));
        assertThatThrownBy(() -> HistoryRows.unpack("[\"abc\", [", last))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before 4 are not JSON");
        assertThatThrownBy(() -> HistoryRows.unpack("{\"a\":1}", last))
                .hasMessageContaining("before 4 are not [start hash, entry…]");
        assertThatThrownBy(() -> HistoryRows.unpack("[\"abc\"]", last))
                .hasMessageContaining("before 4 are not [start hash, entry…]");
        assertThatThrownBy(() -> HistoryRows.unpack("[\"abc\", [\"SAVE\", 1]]", last))
                .hasMessageContaining("packed history entry 3 is not [kind, item, rev, at, node, value(, digest)]");
        assertThatThrownBy(() -> HistoryRows.unpack(good.replace("\"SAVE\"", "\"ERASE\""), last))
                .hasMessageContaining("packed history entry 1 has an unknown kind ERASE");
        assertThatThrownBy(() -> HistoryRows.unpack(good.replace("1001", "1009"), last))
                .hasMessageContaining("the packed entries before 4 hash to ")
                .hasMessageContaining("but entry 4 follows " + last.prev());
        assertThatThrownBy(() -> HistoryRows.unpack(good, links.get(4)))
                .as("a run given to the wrong row").hasMessageContaining("but entry 5 follows");
    }
}
