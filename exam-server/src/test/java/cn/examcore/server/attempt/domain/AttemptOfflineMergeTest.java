package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttemptOfflineMergeTest {

    private static final long T0 = 1_000_000L;
    private static final long DEADLINE = T0 + 3_600_000L;

    private static Attempt answering() {
        return Attempt.create("a1", "s1", "T1", "THEORY", "R101-01", T0, 3600)
                .saveAnswers(List.of(new Answer(1, "\"A\"", 2, T0 + 10), new Answer(2, "\"B\"", 1, T0 + 20)), T0 + 30);
    }

    private static Attempt frozen(Attempt.SubmitKind kind) {
        return answering().submit(List.of(), DEADLINE + Attempt.GRACE_MILLIS, kind);
    }

    @Test
    @DisplayName("an offline file merges into the deadline's freeze by revision, and the attempt stays frozen at the"
            + " same time")
    void mergesByRevision() {
        Attempt before = frozen(Attempt.SubmitKind.AUTO_SUBMITTED);
        Attempt after = before.mergeOffline(List.of(new Answer(1, "\"C\"", 3, 5), new Answer(2, "\"D\"", 1, 5),
                new Answer(3, "\"A\"", 1, 5)), 6, "n1");
        assertThat(after.answers().get(1).value()).as("a higher revision wins").isEqualTo("\"C\"");
        assertThat(after.answers().get(2).value()).as("an equal revision changes nothing").isEqualTo("\"B\"");
        assertThat(after.answers().get(3).value()).isEqualTo("\"A\"");
        assertThat(after.state()).isEqualTo(AttemptState.SUBMITTED);
        assertThat(after.submittedAt()).isEqualTo(before.submittedAt());
        assertThat(after.submitKind()).isEqualTo(Attempt.SubmitKind.AUTO_SUBMITTED);
        assertThat(after.digest()).isNotEqualTo(before.digest());
        // The answer history records what the file brought in, and nothing else.
        assertThat(after.history().entries().subList(before.history().size(), after.history().size()))
                .extracting(AnswerHistory.Entry::kind, AnswerHistory.Entry::item, AnswerHistory.Entry::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AnswerHistory.Kind.OFFLINE, 1, "n1"),
                        org.assertj.core.groups.Tuple.tuple(AnswerHistory.Kind.OFFLINE, 3, "n1"));
    }

    @Test
    @DisplayName("a file whose answers the attempt holds already returns the very same attempt (a replay changes"
            + " nothing)")
    void replayChangesNothing() {
        Attempt before = frozen(Attempt.SubmitKind.AUTO_SUBMITTED);
        assertThat(before.mergeOffline(List.of(new Answer(1, "\"C\"", 2, 5)), 6, "n1")).isSameAs(before);
    }

    @Test
    @DisplayName("an open attempt, a candidate's own submission and a proctor's are refused")
    void onlyTheDeadlinesFreeze() {
        assertThatThrownBy(() -> answering().mergeOffline(List.of(new Answer(1, "\"C\"", 9, 5)), 6, "n1"))
                .isInstanceOf(AttemptRejected.class).hasMessageContaining("still open");
        assertThatThrownBy(() -> frozen(Attempt.SubmitKind.SUBMITTED).mergeOffline(List.of(new Answer(1, "\"C\"", 9,
                5)), 6, "n1")).isInstanceOf(AttemptRejected.class).hasMessageContaining("candidate's own submission");
        assertThatThrownBy(() -> frozen(Attempt.SubmitKind.FORCED).mergeOffline(List.of(new Answer(1, "\"C\"", 9,
                5)), 6, "n1")).isInstanceOf(AttemptRejected.class).hasMessageContaining("a proctor");
    }
}
