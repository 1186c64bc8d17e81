package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an attempt is merged when the two sides of a healed split brain both hold it: the answers are the union
 * by item, the higher per-item revision winning, so an acknowledged save from either side survives. Hazelcast's
 * built-in policies keep one whole value (e.g. {@code PutIfAbsent} keeps the larger side's copy), which would
 * drop every answer the other side acknowledged.
 *
 * <p>The clock of the attempt comes from the side that went further: a submitted copy wins over an open one (its
 * answers still take the other side's higher revisions, which were saved before that side saw the submission);
 * extensions and pauses take the larger values.
 */
public final class AttemptMergePolicy implements SplitBrainMergePolicy<Attempt, MergingValue<Attempt>, Object> {

    @Override
    public Object merge(MergingValue<Attempt> merging, MergingValue<Attempt> existing) {
        if (existing == null || existing.getValue() == null) {
            return merging.getRawValue();
        }
        if (merging == null || merging.getValue() == null) {
            return existing.getRawValue();
        }
        return union(merging.getValue(), existing.getValue());
    }

    /** The merge of two copies of one attempt, independent of which side is called which. */
    public static Attempt union(Attempt a, Attempt b) {
        Map<Integer, Answer> answers = new TreeMap<>(a.answers());
        b.answers().forEach((item, answer) -> answers.merge(item, answer,
                (x, y) -> y.rev() > x.rev() ? y : x));
        Attempt clock = further(a, b);
        Attempt merged = new Attempt(clock.id(), clock.sittingId(), clock.ticket(), clock.subject(), clock.seatCode(),
                clock.state(), Math.min(a.startAt(), b.startAt()), clock.durationSeconds(),
                Math.max(a.extensionSeconds(), b.extensionSeconds()), Math.max(a.pausedMillis(), b.pausedMillis()),
                clock.pausedSince(), clock.submittedAt(), clock.submitKind(), answers);
        // The answer history is joined by its own rule (kept out of this one), so it still replays to these answers.
        return AttemptHistoryMerge.withMergedHistory(merged, a, b);
    }

    private static Attempt further(Attempt a, Attempt b) {
        int byState = Integer.compare(rank(a), rank(b));
        if (byState != 0) {
            return byState > 0 ? a : b;
        }
        if (a.submittedAt() != b.submittedAt()) {
            // Both submitted: the earlier submission is the one that was receipted first.
            return a.submittedAt() < b.submittedAt() ? a : b;
        }
        return a.extensionSeconds() >= b.extensionSeconds() ? a : b;
    }

    private static int rank(Attempt a) {
        return switch (a.state()) {
            case WAITING -> 0;
            case ANSWERING, PAUSED -> 1;
            case SUBMITTED -> 2;
        };
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Stateless.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Stateless.
    }
}
