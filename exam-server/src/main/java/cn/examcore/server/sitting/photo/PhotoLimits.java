package cn.examcore.server.sitting.photo;

/**
 * Bounds on a photo archive and on each photo in it.
 *
 * @param maxEntries           most entries the archive may hold (directories count: a bomb can be made of them)
 * @param maxTotalBytes        largest total the entries may expand to
 * @param maxPhotoBytes        largest photo file, as expanded
 * @param minPhotoBytes        smallest photo file (anything smaller is not a usable ID photo)
 * @param maxCompressionRatio  largest expansion of one entry relative to its compressed bytes
 * @param ratioGraceBytes      entries up to this size are not held to the ratio
 * @param minWidth             narrowest photo in pixels
 * @param minHeight            lowest photo in pixels
 * @param maxWidth             widest photo in pixels (a huge image is a memory bomb for whoever decodes it)
 * @param maxHeight            highest photo in pixels
 */
public record PhotoLimits(int maxEntries, long maxTotalBytes, long maxPhotoBytes, long minPhotoBytes,
                          double maxCompressionRatio, long ratioGraceBytes, int minWidth, int minHeight, int maxWidth,
                          int maxHeight) {

    public PhotoLimits {
        if (maxEntries < 1 || maxTotalBytes < 1 || maxPhotoBytes < 1 || minPhotoBytes < 0
                || maxCompressionRatio < 1 || minWidth < 1 || minHeight < 1 || maxWidth < minWidth
                || maxHeight < minHeight) {
            throw new IllegalArgumentException("photo limits must be positive, each maximum at least its minimum");
        }
    }

    /**
     * A city-wide sitting's photos (a few thousand at a few dozen KiB each) fit; an ID photo is typically 358 × 441
     * pixels, so anything under 100 × 100 cannot show a face and anything over 4000 pixels a side was not made for it.
     */
    public static PhotoLimits defaults() {
        return new PhotoLimits(20_000, 1L << 30, 2L << 20, 1_024, 100, 64 * 1024, 100, 100, 4_000, 4_000);
    }
}
