package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.attempt.domain.AnswerHistory.Kind;
import cn.examcore.server.attempt.domain.AnswerHistory.Link;
import cn.examcore.server.attempt.domain.AnswerHistory.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer history (hash chain)")
class AnswerHistoryTest {

    private static final long T0 = 1_000_000;

    private static Attempt answering() {
        return Attempt.create("att-1", "s1", "T-1", "THEORY", "R1-01", T0, 3600);
    }

    /** An attempt after saves, a reconnect's vector and a submission, as the entry processor makes them. */
    private static Attempt worked() {
        Attempt a = answering();
        a = a.saveAnswers(List.of(new Answer(1, "\"A\"", 1, T0 + 10)), T0 + 10, "n1");
        a = a.saveAnswers(List.of(new Answer(2, "true", 1, T0 + 20)), T0 + 20, "n1");
        a = a.saveAnswers(List.of(new Answer(1, "\"B\"", 2, T0 + 30)), T0 + 30, "n2");
        a = a.mergeVector(List.of(new Answer(3, "\"x".repeat(100) + "\"", 1, T0 + 40),
                new Answer(2, null, 2, T0 + 40)), T0 + 40, "n2");
        return a.submit(List.of(new Answer(1, "\"C\"", 3, T0 + 50)), T0 + 50, Attempt.SubmitKind.SUBMITTED, "n1");
    }

    @Test
    @DisplayName("Every accepted change is one entry with its kind, node and time; a lower revision or a repeat adds none")
    void entriesFollowAcceptedChanges() {
        Attempt a = worked();
        List<AnswerHistory.Entry> entries = a.history().entries();
        assertThat(entries).extracting(AnswerHistory.Entry::kind).containsExactly(Kind.SAVE, Kind.SAVE, Kind.SAVE,
                Kind.VECTOR, Kind.VECTOR, Kind.FINAL);
        assertThat(entries).extracting(AnswerHistory.Entry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(entries.get(2).node()).isEqualTo("n2");
        assertThat(entries.get(2).at()).isEqualTo(T0 + 30);
        assertThat(entries.get(4).value()).as("a cleared answer").isNull();
        assertThat(entries.get(4).valueDigest()).isNull();

        Attempt same = a.reopen(T0 + 60).saveAnswers(List.of(new Answer(1, "\"Z\"", 3, T0 + 61)), T0 + 61, "n1");
        assertThat(same.history().size()).as("an equal revision is not a change").isEqualTo(6);
        Attempt raised = same.saveAnswers(List.of(new Answer(4, "\"A\"", 1, T0 + 62), new Answer(4, "\"B\"", 2,
                T0 + 62)), T0 + 62, "n1");
        assertThat(raised.history().size()).as("one batch raising an item twice records the revision that stands")
                .isEqualTo(7);
        assertThat(raised.history().entry(6).rev()).isEqualTo(2);
    }

    @Test
    @DisplayName("Entries without digests are the same entries, the held values' digests left uncomputed")
    void entriesWithoutDigests() {
        AnswerHistory h = worked().history();
        List<AnswerHistory.Entry> full = h.entries();
        List<AnswerHistory.Entry> light = h.entriesWithoutDigests();
        assertThat(light).hasSameSizeAs(full).isNotEmpty();
        for (int i = 0; i < full.size(); i++) {
            AnswerHistory.Entry f = full.get(i);
            assertThat(light.get(i)).isEqualTo(new AnswerHistory.Entry(f.seq(), f.kind(), f.item(), f.rev(), f.at(),
                    f.node(), f.value(), f.value() == null ? f.valueDigest() : null));
        }
    }

    @Test
    @DisplayName("A long value is kept as its digest only, and the chain still covers it")
    void longValueAsDigest() {
        Attempt a = worked();
        AnswerHistory.Entry essay = a.history().entry(3);
        assertThat(essay.item()).isEqualTo(3);
        assertThat(essay.value()).isNull();
        assertThat(essay.valueDigest()).isEqualTo(Digest.sha256Hex(a.answers().get(3).value()));
        assertThat(a.history().replay().get(3).matches(a.answers().get(3))).isTrue();
    }

    @Test
    @DisplayName("Replaying the history gives exactly the stored answers, and a receipt's values digest")
    void replayGivesAnswers() {
        Attempt a = worked();
        assertThat(a.history().differences(a.answers())).isEmpty();
        assertThat(AnswerHistory.valuesDigest(a.history().replay())).isEqualTo(Digest.ofValues(a.answers().values()));
        Attempt other = a.reopen(T0 + 60).saveAnswers(List.of(new Answer(5, "\"D\"", 1, T0 + 61)), T0 + 61, "n1");
        assertThat(a.history().differences(other.answers())).containsExactly(5);
    }

    @Test
    @DisplayName("The chain starts at the attempt's genesis, links every entry to the one before, and ends at the head")
    void chainVerifies() {
        Attempt a = worked();
        List<Link> links = a.history().links(a.id());
        assertThat(links.get(0).prev()).isEqualTo(AnswerHistory.genesis("att-1"));
        for (int i = 1; i < links.size(); i++) {
            assertThat(links.get(i).prev()).isEqualTo(links.get(i - 1).hash());
        }
        assertThat(links.get(links.size() - 1).hash()).isEqualTo(a.history().head(a.id()));
        assertThat(AnswerHistory.verify(a.id(), links, a.history().head(a.id())).valid()).isTrue();
        assertThat(AnswerHistory.verify("att-2", links, a.history().head(a.id())).brokenAt())
                .as("another attempt's genesis").isEqualTo(1);
        assertThat(AnswerHistory.genesis("att-1")).isNotEqualTo(AnswerHistory.genesis("att-2"));
    }

    @Test
    @DisplayName("A changed value, a removed entry, a reordered entry and a cut tail each break the chain at that entry")
    void tamperingIsNamed() {
        Attempt a = worked();
        String head = a.history().head(a.id());
        List<Link> links = a.history().links(a.id());

        List<Link> changed = new ArrayList<>(links);
        Link l = changed.get(2);
        AnswerHistory.Entry e = l.entry();
        changed.set(2, new Link(new AnswerHistory.Entry(e.seq(), e.kind(), e.item(), e.rev(), e.at(), e.node(),
                "\"D\"", Digest.sha256Hex("\"D\"")), l.prev(), l.hash()));
        Verdict v = AnswerHistory.verify(a.id(), changed, head);
        assertThat(v.valid()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(3);
        assertThat(v.reason()).contains("entry 3");

        List<Link> valueOnly = new ArrayList<>(links);
        valueOnly.set(2, new Link(new AnswerHistory.Entry(e.seq(), e.kind(), e.item(), e.rev(), e.at(), e.node(),
                "\"D\"", e.valueDigest()), l.prev(), l.hash()));
        assertThat(AnswerHistory.verify(a.id(), valueOnly, head).brokenAt()).isEqualTo(3);

        List<Link> removed = new ArrayList<>(links);
        removed.remove(1);
        assertThat(AnswerHistory.verify(a.id(), removed, head).brokenAt()).isEqualTo(2);

        List<Link> reordered = new ArrayList<>(links);
        Collections.swap(reordered, 3, 4);
        Verdict r = AnswerHistory.verify(a.id(), reordered, head);
        assertThat(r.brokenAt()).isEqualTo(4);
        assertThat(r.reason()).contains("entry 4");

        List<Link> cut = new ArrayList<>(links.subList(0, links.size() - 1));
        Verdict c = AnswerHistory.verify(a.id(), cut, head);
        assertThat(c.valid()).isFalse();
        assertThat(c.brokenAt()).isEqualTo(links.size());
    }

    @Test
    @DisplayName("A history restored from its entries has the same head, and a wrong head is refused")
    void restore() {
        Attempt a = worked();
        AnswerHistory h = a.history();
        AnswerHistory back = AnswerHistory.restore(a.id(), h.entries(), h.head(a.id()));
        assertThat(back).isEqualTo(h);
        assertThat(back.links(a.id())).isEqualTo(h.links(a.id()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnswerHistory.restore(a.id(), h.entries(),
                AnswerHistory.genesis(a.id()))).isInstanceOf(IllegalStateException.class).hasMessageContaining("att-1");
    }

    @Test
    @DisplayName("ADOPTED entries make a history replay to answers it did not record, and only where they differ")
    void adopt() {
        Attempt a = worked();
        Answer extra = new Answer(9, "\"Q\"", 4, T0 + 70);
        java.util.Map<Integer, Answer> more = new java.util.TreeMap<>(a.answers());
        more.put(9, extra);
        AnswerHistory adopted = a.history().adopt(a.id(), more, "merge");
        assertThat(adopted.size()).isEqualTo(a.history().size() + 1);
        assertThat(adopted.entry(adopted.size() - 1).kind()).isEqualTo(Kind.ADOPTED);
        assertThat(adopted.differences(more)).isEmpty();
        assertThat(a.history().adopt(a.id(), a.answers(), "merge")).isSameAs(a.history());
    }
}
