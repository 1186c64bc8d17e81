package cn.examcore.server.sitting.roster;

/**
 * Bounds that keep a hostile or mistaken roster upload from exhausting memory or time.
 *
 * @param maxFileBytes         largest file accepted as uploaded
 * @param maxRows              most candidate rows
 * @param maxCellChars         longest cell text
 * @param maxUncompressedBytes largest total an .xlsx may expand to
 * @param maxZipEntries        most entries an .xlsx archive may hold
 * @param maxCompressionRatio  largest expansion ratio of any .xlsx entry (zip-bomb guard)
 */
public record RosterLimits(long maxFileBytes, int maxRows, int maxCellChars, long maxUncompressedBytes,
                           int maxZipEntries, double maxCompressionRatio) {

    public RosterLimits {
        if (maxFileBytes < 1 || maxRows < 1 || maxCellChars < 1 || maxUncompressedBytes < 1 || maxZipEntries < 1
                || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("roster limits must be positive (ratio at least 1)");
        }
    }

    /** Room for a city-wide sitting (50,000 candidates) while one upload stays a few megabytes of work. */
    public static RosterLimits defaults() {
        return new RosterLimits(16L << 20, 50_000, 200, 128L << 20, 1_000, 200);
    }
}
