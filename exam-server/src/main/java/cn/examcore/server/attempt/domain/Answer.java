package cn.examcore.server.attempt.domain;

/**
 * 作答: the latest value a candidate gave for one item of its paper.
 *
 * @param item    the item's number on the paper (1-based)
 * @param value   the value as canonical JSON text in the shape of the item's type; null when the answer was cleared
 * @param rev     the page's per-item revision; a higher revision supersedes a lower one
 * @param savedAt server time the winning revision arrived (epoch ms)
 */
public record Answer(int item, String value, long rev, long savedAt) {

    public Answer {
        if (item < 1) {
            throw new IllegalArgumentException("item number must be >= 1, was " + item);
        }
        if (rev < 0) {
            throw new IllegalArgumentException("rev must be >= 0, was " + rev);
        }
    }

    /** True when the answer holds a value (a cleared answer counts as unanswered). */
    public boolean answered() {
        return value != null;
    }
}
