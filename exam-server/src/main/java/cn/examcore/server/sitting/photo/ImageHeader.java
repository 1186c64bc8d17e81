package cn.examcore.server.sitting.photo;

import java.util.Optional;

/**
 * What the first bytes of an image file say: its type and its pixel dimensions, read from the header alone so that
 * nothing is decoded (a small file can declare a gigapixel image).
 *
 * @param type   JPEG or PNG
 * @param width  pixels across
 * @param height pixels down
 */
public record ImageHeader(Type type, int width, int height) {

    /** The image types a photo may be. */
    public enum Type {
        JPEG("image/jpeg"), PNG("image/png");

        private final String mediaType;

        Type(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The image type the content starts with, whatever its name says; empty for anything else. */
    public static Optional<Type> typeOf(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of(Type.JPEG);
        }
        if (startsWith(b, PNG_SIGNATURE)) {
            return Optional.of(Type.PNG);
        }
        return Optional.empty();
    }

    /** True when the content starts like an archive or a compressed file (zip, gzip, 7z, rar, bzip2, xz). */
    public static boolean looksLikeArchive(byte[] b) {
        return startsWith(b, new byte[] {'P', 'K', 3, 4}) || startsWith(b, new byte[] {'P', 'K', 5, 6})
                || startsWith(b, new byte[] {0x1f, (byte) 0x8b})
                || startsWith(b, new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c})
                || startsWith(b, new byte[] {'R', 'a', 'r', '!'}) || startsWith(b, new byte[] {'B', 'Z', 'h'})
                || startsWith(b, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0});
    }

    /**
     * Reads the header of a JPEG or PNG image.
     *
     * @throws IllegalArgumentException saying what is wrong when the content is neither, or its header is cut short
     */
    public static ImageHeader read(byte[] b) {
        Type type = typeOf(b).orElseThrow(() -> new IllegalArgumentException("not a JPEG or PNG image"));
        return type == Type.PNG ? png(b) : jpeg(b);
    }

    private static ImageHeader png(byte[] b) {
        // The first chunk of a PNG is IHDR: length (4), "IHDR", width (4), height (4).
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new IllegalArgumentException("the PNG image has no IHDR header");
        }
        long width = int32(b, 16);
        long height = int32(b, 20);
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the PNG image declares impossible dimensions");
        }
        return new ImageHeader(Type.PNG, (int) width, (int) height);
    }

    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                throw new IllegalArgumentException("the JPEG image is damaged (no marker at byte " + i + ")");
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                break;
            }
            if (marker >= 0xd0 && marker <= 0xd7 || marker == 0x01) {
                i += 2;
                continue;
            }
            int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            // Start-of-frame markers (baseline, progressive, lossless …) carry the dimensions; C4, C8 and CC do not.
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                if (i + 9 > b.length) {
                    break;
                }
                int height = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int width = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                if (width == 0 || height == 0) {
                    throw new IllegalArgumentException("the JPEG image declares no dimensions");
                }
                return new ImageHeader(Type.JPEG, width, height);
            }
            if (length < 2) {
                throw new IllegalArgumentException("the JPEG image is damaged (segment length " + length + ")");
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("the JPEG image has no frame header (its dimensions are missing)");
    }

    private static long int32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
