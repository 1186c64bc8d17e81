package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.server.attempt.domain.Attempt.SubmitKind;
import cn.examcore.server.attempt.domain.AttemptRejected.Reason;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attempt state machine and clock")
class AttemptTest {

    private static final long T0 = 1_000_000L;
    private static final long DURATION = 3600;

    private static Attempt fresh() {
        return Attempt.create("a1", "s1", "T1", "THEORY", "R101-01", T0, DURATION);
    }

    private static Answer ans(int item, long rev) {
        return new Answer(item, "\"A\"", rev, 0);
    }

    @Test
    @DisplayName("Before T0 the attempt waits and refuses saves; from T0 it is answering")
    void waitsUntilT0() {
        Attempt a = fresh();
        assertThat(a.stateAt(T0 - 1)).isEqualTo(AttemptState.WAITING);
        assertThat(a.stateAt(T0)).isEqualTo(AttemptState.ANSWERING);
        assertThatThrownBy(() -> a.saveAnswers(List.of(ans(1, 1)), T0 - 1))
                .isInstanceOf(AttemptRejected.class)
                .satisfies(e -> assertThat(((AttemptRejected) e).reason()).isEqualTo(Reason.NOT_STARTED));
        assertThat(a.saveAnswers(List.of(ans(1, 1)), T0).answers()).containsKey(1);
    }

    @Test
    @DisplayName("The deadline is T0 plus the duration plus extensions")
    void deadlineWithExtension() {
        Attempt a = fresh();
        assertThat(a.deadline(T0)).isEqualTo(T0 + DURATION * 1000);
        assertThat(a.extend(300).deadline(T0)).isEqualTo(T0 + (DURATION + 300) * 1000);
    }

    @Test
    @DisplayName("Paused time is given back: the deadline moves while paused and keeps the pause after resuming")
    void pausesMoveTheDeadline() {
        Attempt paused = fresh().pause(T0 + 10_000);
        assertThat(paused.state()).isEqualTo(AttemptState.PAUSED);
        assertThat(paused.deadline(T0 + 70_000)).isEqualTo(T0 + DURATION * 1000 + 60_000);
        Attempt resumed = paused.resume(T0 + 130_000);
        assertThat(resumed.state()).isEqualTo(AttemptState.ANSWERING);
        assertThat(resumed.deadline(T0 + 500_000)).isEqualTo(T0 + DURATION * 1000 + 120_000);
        assertThat(resumed.pause(T0 + 200_000).resume(T0 + 230_000).deadline(T0 + 230_000))
                .isEqualTo(T0 + DURATION * 1000 + 150_000);
    }

    @Test
    @DisplayName("A paused seat refuses saves but takes a reconnect vector")
    void pausedRefusesSavesButMergesVector() {
        Attempt paused = fresh().pause(T0 + 1000);
        assertThatThrownBy(() -> paused.saveAnswers(List.of(ans(1, 1)), T0 + 2000))
                .isInstanceOf(AttemptRejected.class)
                .satisfies(e -> assertThat(((AttemptRejected) e).reason()).isEqualTo(Reason.PAUSED));
        assertThat(paused.mergeVector(List.of(ans(1, 1)), T0 + 2000).answers()).containsKey(1);
    }

    @Test
    @DisplayName("Resume is only legal from a pause and pause only while answering")
    void illegalTransitionsAreRefused() {
        assertThatThrownBy(() -> fresh().resume(T0)).isInstanceOf(AttemptRejected.class)
                .satisfies(e -> assertThat(((AttemptRejected) e).reason()).isEqualTo(Reason.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> fresh().pause(T0 - 1)).isInstanceOf(AttemptRejected.class);
    }

    @Test
    @DisplayName("A submitted attempt is frozen: saves, a second submit and extensions are refused")
    void submittedIsFrozen() {
        Attempt done = fresh().submit(List.of(ans(2, 3)), T0 + 5000, SubmitKind.SUBMITTED);
        assertThat(done.state()).isEqualTo(AttemptState.SUBMITTED);
        assertThat(done.submittedAt()).isEqualTo(T0 + 5000);
        assertThat(done.answers().get(2).rev()).isEqualTo(3);
        assertThatThrownBy(() -> done.saveAnswers(List.of(ans(1, 1)), T0 + 6000))
                .isInstanceOf(AttemptRejected.class)
                .satisfies(e -> assertThat(((AttemptRejected) e).reason()).isEqualTo(Reason.SUBMITTED));
        assertThatThrownBy(() -> done.submit(List.of(), T0 + 6000, SubmitKind.SUBMITTED))
                .isInstanceOf(AttemptRejected.class);
        assertThatThrownBy(() -> done.extend(60)).isInstanceOf(AttemptRejected.class);
        assertThat(done.dueAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("A candidate's submit after the deadline plus the grace is refused like a save; the deadline's freeze is not")
    void lateSubmitIsRefused() {
        long deadline = T0 + DURATION * 1000;
        Attempt a = fresh().saveAnswers(List.of(ans(1, 1)), T0 + 1000);
        Attempt inGrace = a.submit(List.of(ans(2, 1)), deadline + Attempt.GRACE_MILLIS, SubmitKind.SUBMITTED);
        assertThat(inGrace.answers()).containsKey(2);
        assertThatThrownBy(() -> a.submit(List.of(ans(2, 1)), deadline + Attempt.GRACE_MILLIS + 1,
                SubmitKind.SUBMITTED))
                .isInstanceOf(AttemptRejected.class)
                .satisfies(e -> assertThat(((AttemptRejected) e).reason()).isEqualTo(Reason.SUBMITTED));
        Attempt auto = a.submit(List.of(), deadline + Attempt.GRACE_MILLIS + 1, SubmitKind.AUTO_SUBMITTED);
        assertThat(auto.state()).isEqualTo(AttemptState.SUBMITTED);
        assertThat(auto.answers()).containsOnlyKeys(1);
    }

    @Test
    @DisplayName("The attempt is due only after the deadline plus the grace for saves on the wire, never while paused")
    void dueAfterDeadlineAndGrace() {
        Attempt a = fresh();
        long deadline = T0 + DURATION * 1000;
        assertThat(a.due(deadline)).isFalse();
        assertThat(a.due(deadline + Attempt.GRACE_MILLIS)).isTrue();
        assertThat(a.dueAt()).isEqualTo(deadline + Attempt.GRACE_MILLIS);
        assertThat(a.pause(T0 + 1).due(deadline + 10 * Attempt.GRACE_MILLIS)).isFalse();
        assertThat(a.pause(T0 + 1).dueAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("An early release moves a waiting attempt's start and deadline forward")
    void releaseStartsEarly() {
        Attempt released = fresh().startBy(T0 - 60_000);
        assertThat(released.startAt()).isEqualTo(T0 - 60_000);
        assertThat(released.deadline(T0)).isEqualTo(T0 - 60_000 + DURATION * 1000);
        assertThat(fresh().startBy(T0 + 5).startAt()).isEqualTo(T0);
    }

    @Test
    @DisplayName("A save or vector merge that wins nothing returns the very same attempt; one that wins leaves the old one as it was")
    void unchangedIsTheSameAttempt() {
        Attempt answering = fresh().saveAnswers(List.of(ans(1, 2), ans(4, 1)), T0 + 10);
        assertThat(answering.saveAnswers(List.of(ans(1, 2), ans(4, 0)), T0 + 20)).isSameAs(answering);
        assertThat(answering.mergeVector(List.of(ans(1, 1)), T0 + 20)).isSameAs(answering);
        Attempt paused = answering.pause(T0 + 30);
        assertThat(paused.mergeVector(List.of(ans(4, 1)), T0 + 40)).isSameAs(paused);

        Attempt next = answering.saveAnswers(List.of(new Answer(1, "\"B\"", 3, 0)), T0 + 50);
        assertThat(next).isNotSameAs(answering).isNotEqualTo(answering);
        assertThat(answering.answers().get(1).rev()).isEqualTo(2);
        assertThat(next.answers().get(1).value()).isEqualTo("\"B\"");
        assertThat(next.answers().get(4)).isSameAs(answering.answers().get(4));
        assertThat(next.answers()).isInstanceOf(Answers.class);
    }
}
