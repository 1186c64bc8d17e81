package cn.examcore.bank.io.format;

/**
 * Bounds that keep a hostile file from exhausting memory or time.
 *
 * @param maxFileBytes         largest file accepted as uploaded
 * @param maxUncompressedBytes largest total a zip / xlsx may expand to
 * @param maxZipEntries        most entries an archive may hold
 * @param maxCompressionRatio  largest expansion ratio of any archive entry (zip-bomb guard)
 * @param maxItems             most items one bank may hold
 * @param maxTextChars         longest stem / option / cell text
 */
public record ImportLimits(long maxFileBytes, long maxUncompressedBytes, int maxZipEntries,
                           double maxCompressionRatio, int maxItems, int maxTextChars) {

    /** Generous enough for a 100,000-item bank, small enough that one upload cannot take a node down. */
    public static ImportLimits defaults() {
        return new ImportLimits(64L << 20, 512L << 20, 20_000, 200, 200_000, 20_000);
    }
}
