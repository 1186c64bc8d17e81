package cn.examcore.server.marking.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * 评分: one mark of a script, per rubric point, with a comment.
 *
 * @param id         the mark's id
 * @param scriptId   the script
 * @param slot       1 or 2 for the two markers' marks, 3 and up for the chief marker's arbitrations
 * @param marker     who gave it
 * @param points     one score per rubric point
 * @param total      their sum
 * @param comment    the marker's comment (may be empty)
 * @param markedAt   when
 * @param setAsideAt when a reopening set it aside, 0 while it stands
 * @param setAsideWhy the chief marker's reason, null while it stands
 */
public record Mark(String id, String scriptId, int slot, String marker, List<BigDecimal> points, BigDecimal total,
                   String comment, long markedAt, long setAsideAt, String setAsideWhy) {

    /** The first slot of the chief marker's arbitrations. */
    public static final int FIRST_ARBITER_SLOT = 3;

    public Mark {
        points = List.copyOf(points);
    }

    public boolean standing() {
        return setAsideAt == 0;
    }

    public boolean arbitration() {
        return slot >= FIRST_ARBITER_SLOT;
    }
}
