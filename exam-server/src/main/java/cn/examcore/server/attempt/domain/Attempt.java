package cn.examcore.server.attempt.domain;

import cn.examcore.server.attempt.domain.AttemptRejected.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 作答记录: one candidate's attempt at one subject's paper, with its clock and every answer. Pure values: each
 * change returns a new attempt and throws {@link AttemptRejected} when the state forbids it. A save or a vector
 * merge that changes nothing returns this very attempt, so the store tells a real change by identity instead of
 * comparing every answer.
 *
 * <p>The deadline is {@code startAt + duration + extensions + time spent paused}: a pause stops this seat's
 * clock, so the time a proctor held the seat is given back.
 *
 * @param id              attempt id
 * @param sittingId       the sitting
 * @param ticket          the candidate's admission ticket number
 * @param subject         the subject (enum name of {@code cn.examcore.bank.model.Subject})
 * @param seatCode        the assigned seat
 * @param state           the stored state; see {@link #effective(long)} for the state at a given time
 * @param startAt         when the clock starts (T0, or earlier when the room was released)
 * @param durationSeconds the sitting's duration
 * @param extensionSeconds extra time granted to this seat
 * @param pausedMillis    total length of the pauses already ended
 * @param pausedSince     start of the running pause, 0 when not paused
 * @param submittedAt     when it was frozen, 0 while open
 * @param submitKind      how it was frozen, null while open
 * @param answers         by item number (kept as {@link Answers}, in ascending item order)
 * @param history         every accepted change to the answers, hash-chained ({@link AnswerHistory}); changed in the
 *                        same step as the answers, so the two never disagree
 */
public record Attempt(String id, String sittingId, String ticket, String subject, String seatCode,
                      AttemptState state, long startAt, long durationSeconds, long extensionSeconds,
                      long pausedMillis, long pausedSince, long submittedAt, SubmitKind submitKind,
                      Map<Integer, Answer> answers, AnswerHistory history) {

    /** Saves that were on the wire when the deadline passed are still taken this long after it. */
    public static final long GRACE_MILLIS = 2_000;

    /** How an attempt was frozen. */
    public enum SubmitKind {
        /** The candidate submitted. */
        SUBMITTED,
        /** The deadline passed. */
        AUTO_SUBMITTED,
        /** A proctor or administrator ended it. */
        FORCED
    }

    public Attempt {
        // Immutable and shared with the attempts that follow from this one: a save copies one array, not a map.
        answers = Answers.of(answers);
        history = history == null ? AnswerHistory.empty() : history;
    }

    /** An attempt without a history yet (created, or rebuilt by code that sets the history afterwards). */
    public Attempt(String id, String sittingId, String ticket, String subject, String seatCode,
                   AttemptState state, long startAt, long durationSeconds, long extensionSeconds,
                   long pausedMillis, long pausedSince, long submittedAt, SubmitKind submitKind,
                   Map<Integer, Answer> answers) {
        this(id, sittingId, ticket, subject, seatCode, state, startAt, durationSeconds, extensionSeconds, pausedMillis,
                pausedSince, submittedAt, submitKind, answers, AnswerHistory.empty());
    }

    /** This attempt with {@code h} as its history (a merge or a load joins them). */
    public Attempt withHistory(AnswerHistory h) {
        return new Attempt(id, sittingId, ticket, subject, seatCode, state, startAt, durationSeconds, extensionSeconds,
                pausedMillis, pausedSince, submittedAt, submitKind, answers, h);
    }

    /** A fresh attempt waiting for its start. */
    public static Attempt create(String id, String sittingId, String ticket, String subject, String seatCode,
                                 long startAt, long durationSeconds) {
        return new Attempt(id, sittingId, ticket, subject, seatCode, AttemptState.WAITING, startAt, durationSeconds,
                0, 0, 0, 0, null, Map.of());
    }

    /** The deadline as of {@code now}; while paused it moves forward with the clock. */
    public long deadline(long now) {
        long running = pausedSince > 0 ? Math.max(0, now - pausedSince) : 0;
        return startAt + (durationSeconds + extensionSeconds) * 1000 + pausedMillis + running;
    }

    /**
     * The moment the timer must auto-submit, or {@link Long#MAX_VALUE} when no deadline can pass (paused or
     * already frozen). Stored alongside the attempt so a node can find its due attempts with an index.
     */
    public long dueAt() {
        return state == AttemptState.SUBMITTED || pausedSince > 0 ? Long.MAX_VALUE : deadline(0) + GRACE_MILLIS;
    }

    /** The state at {@code now}: a WAITING attempt whose start has come is ANSWERING. */
    public AttemptState stateAt(long now) {
        return state == AttemptState.WAITING && now >= startAt ? AttemptState.ANSWERING : state;
    }

    /** This attempt with its lazy start applied. */
    public Attempt effective(long now) {
        AttemptState s = stateAt(now);
        return s == state ? this : withState(s);
    }

    /** True when the deadline (plus the grace for saves on the wire) has passed and the attempt is still open. */
    public boolean due(long now) {
        AttemptState s = stateAt(now);
        return (s == AttemptState.ANSWERING) && now >= deadline(now) + GRACE_MILLIS;
    }

    /** The number of answered (not cleared) items. */
    public int answeredCount() {
        return (int) answers.values().stream().filter(Answer::answered).count();
    }

    /** The digest of the current answers. */
    public String digest() {
        return Digest.of(answers.values());
    }

    /**
     * Merges answers while the clock runs. A revision that does not win is not an error: the outcome tells
     * the caller it was already held, which is what the page needs to clear its journal.
     */
    public Attempt saveAnswers(Collection<Answer> incoming, long now) {
        return saveAnswers(incoming, now, null);
    }

    /** {@link #saveAnswers(Collection, long)}, each winning answer recorded in the history as taken by {@code node}. */
    public Attempt saveAnswers(Collection<Answer> incoming, long now, String node) {
        return effective(now).accept(incoming, now, node, AnswerHistory.Kind.SAVE);
    }

    private Attempt accept(Collection<Answer> incoming, long now, String node, AnswerHistory.Kind kind) {
        Attempt a = this;
        switch (a.state) {
            case WAITING -> throw new AttemptRejected(Reason.NOT_STARTED, "the sitting has not started yet");
            case PAUSED -> throw new AttemptRejected(Reason.PAUSED, "this seat is paused by a proctor");
            case SUBMITTED -> throw new AttemptRejected(Reason.SUBMITTED, "the attempt has been submitted");
            case ANSWERING -> {
                if (now > a.deadline(now) + GRACE_MILLIS) {
                    throw new AttemptRejected(Reason.SUBMITTED, "the time is up; the attempt is being submitted");
                }
            }
            default -> throw new IllegalStateException("no save rule for the state " + a.state);
        }
        return a.merged(incoming, now, node, kind);
    }

    /**
     * Merges a reconnecting page's vector. Unlike a save it is accepted while paused (the page may hold saves
     * made before the pause) but not before the start nor after the submission.
     */
    public Attempt mergeVector(Collection<Answer> incoming, long now) {
        return mergeVector(incoming, now, null);
    }

    /** {@link #mergeVector(Collection, long)}, recorded in the history as taken by {@code node}. */
    public Attempt mergeVector(Collection<Answer> incoming, long now, String node) {
        Attempt a = effective(now);
        if (a.state == AttemptState.PAUSED) {
            return a.merged(incoming, now, node, AnswerHistory.Kind.VECTOR);
        }
        return a.accept(incoming, now, node, AnswerHistory.Kind.VECTOR);
    }

    /** The answers merged with {@code incoming}; this very attempt when nothing won. */
    private Attempt merged(Collection<Answer> incoming, long now, String node, AnswerHistory.Kind kind) {
        Map<Integer, Answer> merged = AnswerMerge.merge(answers, incoming);
        return merged == answers ? this : withAnswers(merged, history.append(id, kind,
                won(answers, merged, incoming), now, node));
    }

    /**
     * The answers of {@code merged} that replaced those of {@code before}, one per item in the order the items first
     * came in: a batch that raises one item twice records only the revision that stands.
     */
    private static List<Answer> won(Map<Integer, Answer> before, Map<Integer, Answer> merged,
                                    Collection<Answer> incoming) {
        Answers old = Answers.of(before);
        Answers now = Answers.of(merged);
        if (incoming.size() == 1) {
            Answer only = now.get(incoming.iterator().next().item());
            return only == old.get(only.item()) ? List.of() : List.of(only);
        }
        List<Answer> won = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Answer in : incoming) {
            if (seen.add(in.item())) {
                Answer held = now.get(in.item());
                if (held != old.get(in.item())) {
                    won.add(held);
                }
            }
        }
        return won;
    }

    /** Freezes the attempt after merging the final vector. */
    public Attempt submit(Collection<Answer> finalVector, long now, SubmitKind kind) {
        return submit(finalVector, now, kind, null);
    }

    /** {@link #submit(Collection, long, SubmitKind)}, the final vector's winners recorded as taken by {@code node}. */
    public Attempt submit(Collection<Answer> finalVector, long now, SubmitKind kind, String node) {
        Attempt a = effective(now);
        if (a.state == AttemptState.SUBMITTED) {
            throw new AttemptRejected(Reason.SUBMITTED, "the attempt has already been submitted");
        }
        if (a.state == AttemptState.WAITING && kind != SubmitKind.FORCED) {
            throw new AttemptRejected(Reason.NOT_STARTED, "the sitting has not started yet");
        }
        if (kind == SubmitKind.SUBMITTED && a.state == AttemptState.ANSWERING && now > a.deadline(now) + GRACE_MILLIS) {
            // The page's final vector is held to the deadline like its saves: one that arrives after the grace would
            // carry answers entered after the time was up. The deadline scan freezes the attempt with what it holds.
            throw new AttemptRejected(Reason.SUBMITTED, "the time is up; the attempt is being submitted");
        }
        List<Answer> vector = List.copyOf(finalVector);
        Map<Integer, Answer> merged = AnswerMerge.merge(a.answers, vector);
        AnswerHistory h = merged == a.answers ? a.history
                : a.history.append(id, AnswerHistory.Kind.FINAL, won(a.answers, merged, vector), now, node);
        long pausedTotal = a.pausedSince > 0 ? a.pausedMillis + Math.max(0, now - a.pausedSince) : a.pausedMillis;
        return new Attempt(id, sittingId, ticket, subject, seatCode, AttemptState.SUBMITTED, startAt, durationSeconds,
                extensionSeconds, pausedTotal, 0, now, kind, merged, h);
    }

    /**
     * 离线答卷: merges the answers of the seat's offline file into the attempt the deadline froze, by revision like a
     * resend. The attempt stays frozen with the same submission time (the deadline's); only a deadline's freeze takes
     * a file, since a candidate's own submission carried the page's final vector and a proctor's ended the attempt
     * on purpose. Returns this very attempt when nothing won.
     */
    public Attempt mergeOffline(Collection<Answer> incoming, long now, String node) {
        if (state != AttemptState.SUBMITTED) {
            throw new AttemptRejected(Reason.ILLEGAL_TRANSITION, "the attempt is still open: its page sends its"
                    + " answers itself when it reconnects");
        }
        if (submitKind != SubmitKind.AUTO_SUBMITTED) {
            throw new AttemptRejected(Reason.SUBMITTED, "the attempt was frozen by "
                    + (submitKind == SubmitKind.SUBMITTED ? "the candidate's own submission" : "a proctor")
                    + ", not by its deadline; an offline file applies only to a deadline's freeze");
        }
        return merged(List.copyOf(incoming), now, node, AnswerHistory.Kind.OFFLINE);
    }

    /**
     * 调换座位: the same attempt (answers, clock, extensions, pauses) at another seat. Refused once submitted,
     * since a frozen attempt has nothing left to move for.
     */
    public Attempt atSeat(String newSeatCode, long now) {
        Attempt a = effective(now);
        if (a.state == AttemptState.SUBMITTED) {
            throw new AttemptRejected(Reason.SUBMITTED, "the attempt has already been submitted");
        }
        if (newSeatCode == null || newSeatCode.isBlank()) {
            throw new IllegalArgumentException("a seat code is required");
        }
        return new Attempt(id, sittingId, ticket, subject, newSeatCode, state, startAt, durationSeconds,
                extensionSeconds, pausedMillis, pausedSince, submittedAt, submitKind, answers, history);
    }

    /**
     * 重新开放: a submitted attempt continues with its answers. The time it stood submitted counts like a pause, so
     * the candidate gets back exactly the time that was left at the submission. It is credited as at least one
     * millisecond: the reopened attempt's paused time then always exceeds the submission's, which is how the database
     * store tells a reopened copy from a stale one taken before the submission.
     */
    public Attempt reopen(long now) {
        if (state != AttemptState.SUBMITTED) {
            throw new AttemptRejected(Reason.ILLEGAL_TRANSITION, "only a submitted attempt can be reopened, it is "
                    + stateAt(now));
        }
        long frozenFor = Math.max(1, now - submittedAt);
        return new Attempt(id, sittingId, ticket, subject, seatCode, AttemptState.ANSWERING, startAt, durationSeconds,
                extensionSeconds, pausedMillis + frozenFor, 0, 0, null, answers, history);
    }

    /** Stops this seat's clock. */
    public Attempt pause(long now) {
        Attempt a = effective(now);
        if (a.state != AttemptState.ANSWERING) {
            throw new AttemptRejected(Reason.ILLEGAL_TRANSITION, "only an answering seat can be paused, it is "
                    + a.state);
        }
        return new Attempt(id, sittingId, ticket, subject, seatCode, AttemptState.PAUSED, startAt, durationSeconds,
                extensionSeconds, pausedMillis, now, submittedAt, submitKind, answers, history);
    }

    /** Restarts this seat's clock; the paused time is added to the deadline. */
    public Attempt resume(long now) {
        if (state != AttemptState.PAUSED) {
            throw new AttemptRejected(Reason.ILLEGAL_TRANSITION, "only a paused seat can be resumed, it is "
                    + stateAt(now));
        }
        long total = pausedMillis + Math.max(0, now - pausedSince);
        return new Attempt(id, sittingId, ticket, subject, seatCode, AttemptState.ANSWERING, startAt,
                durationSeconds, extensionSeconds, total, 0, submittedAt, submitKind, answers, history);
    }

    /** Grants extra time to this seat. */
    public Attempt extend(long seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("an extension must be positive, was " + seconds);
        }
        if (state == AttemptState.SUBMITTED) {
            throw new AttemptRejected(Reason.SUBMITTED, "the attempt has already been submitted");
        }
        return new Attempt(id, sittingId, ticket, subject, seatCode, state, startAt, durationSeconds,
                extensionSeconds + seconds, pausedMillis, pausedSince, submittedAt, submitKind, answers, history);
    }

    /** Moves the start earlier (the room was released before T0); a later time changes nothing. */
    public Attempt startBy(long releasedAt) {
        if (state != AttemptState.WAITING || releasedAt >= startAt) {
            return this;
        }
        return new Attempt(id, sittingId, ticket, subject, seatCode, state, releasedAt, durationSeconds,
                extensionSeconds, pausedMillis, pausedSince, submittedAt, submitKind, answers, history);
    }

    private Attempt withState(AttemptState s) {
        return new Attempt(id, sittingId, ticket, subject, seatCode, s, startAt, durationSeconds, extensionSeconds,
                pausedMillis, pausedSince, submittedAt, submitKind, answers, history);
    }

    private Attempt withAnswers(Map<Integer, Answer> merged, AnswerHistory h) {
        return new Attempt(id, sittingId, ticket, subject, seatCode, state, startAt, durationSeconds,
                extensionSeconds, pausedMillis, pausedSince, submittedAt, submitKind, merged, h);
    }
}
