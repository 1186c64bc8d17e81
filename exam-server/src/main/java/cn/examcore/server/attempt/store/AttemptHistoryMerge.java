package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Attempt;

/**
 * The answer history of an attempt merged after a split brain ({@link AttemptMergePolicy#union}), so the merged
 * chain still verifies and still replays to the merged answers:
 * <ul>
 *   <li>when one side's history extends the other's (the usual case: one side took no change while split), the
 *       longer one is kept as it is;</li>
 *   <li>when both sides appended different entries, the longer history (on equal length, the one with the smaller
 *       head hash, so the result does not depend on which side is called which) is kept, then a MERGE entry records
 *       the other side's entry count and head hash, then one ADOPTED entry per item whose merged answer came from
 *       the other side. The other side's own entries stay in the database under their hashes (both sides write
 *       behind to it), where the MERGE entry's head names them.</li>
 * </ul>
 * The MERGE entry's time is the later of the two sides' last entries, not the wall clock, so the merge is a pure
 * function of the two copies.
 */
final class AttemptHistoryMerge {

    /** The node recorded for the entries a merge appends: no single node took those changes. */
    static final String MERGE_NODE = "split-brain-merge";

    private AttemptHistoryMerge() {
    }

    /** {@code merged} (the union of {@code a} and {@code b}) with the merged history of the two. */
    static Attempt withMergedHistory(Attempt merged, Attempt a, Attempt b) {
        String id = merged.id();
        AnswerHistory ha = a.history();
        AnswerHistory hb = b.history();
        AnswerHistory history;
        if (ha.extendsHistory(hb)) {
            history = ha;
        } else if (hb.extendsHistory(ha)) {
            history = hb;
        } else {
            boolean aFirst = ha.size() != hb.size() ? ha.size() > hb.size() : ha.head(id).compareTo(hb.head(id)) < 0;
            AnswerHistory base = aFirst ? ha : hb;
            AnswerHistory other = aFirst ? hb : ha;
            long at = Math.max(lastAt(ha), lastAt(hb));
            history = base.mergeMark(id, other.size(), other.head(id), at, MERGE_NODE);
        }
        return merged.withHistory(history.adopt(id, merged.answers(), MERGE_NODE));
    }

    private static long lastAt(AnswerHistory h) {
        return h.isEmpty() ? 0 : h.entry(h.size() - 1).at();
    }
}
