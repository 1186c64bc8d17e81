package cn.examcore.server.sitting.domain;

/**
 * 照顾延时: extra time granted to one candidate of a sitting (for a disability, an injury, …), as the roster gave
 * it, with who approved it. Both parts add up: {@code extraPercent} of the paper's time plus {@code extraMinutes}.
 *
 * @param sittingId    the sitting
 * @param ticket       the candidate's ticket
 * @param extraPercent percent of the paper's time, 0 to {@value #MAX_PERCENT}
 * @param extraMinutes whole minutes, 0 to {@value #MAX_MINUTES}
 * @param approvedBy   who approved it (a name or an office), never blank
 */
public record Accommodation(String sittingId, String ticket, int extraPercent, int extraMinutes, String approvedBy) {

    public static final int MAX_PERCENT = 100;
    public static final int MAX_MINUTES = 240;

    public Accommodation {
        if (extraPercent < 0 || extraPercent > MAX_PERCENT || extraMinutes < 0 || extraMinutes > MAX_MINUTES
                || extraPercent + extraMinutes == 0) {
            throw new IllegalArgumentException("an accommodation grants 1-" + MAX_PERCENT + " percent and/or 1-"
                    + MAX_MINUTES + " minutes");
        }
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new IllegalArgumentException("an accommodation names who approved it");
        }
    }

    /** The extra seconds for a paper of {@code durationSeconds}: the percent rounded up to whole seconds. */
    public long extraSeconds(long durationSeconds) {
        return (durationSeconds * extraPercent + 99) / 100 + extraMinutes * 60L;
    }
}
