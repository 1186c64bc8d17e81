package cn.examcore.bank.io.format;

import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Inspects a zip archive (an .xlsx workbook, an IMS content package) against {@link Limits} by actually inflating
 * it, because the sizes an archive declares about itself are exactly what a zip bomb lies about. Refuses too many
 * entries, too many bytes in total, an entry that expands too much relative to its compressed size, duplicate entry
 * names and entry names that would leave the archive ("../", absolute paths).
 *
 * <p>The one guard of every import that takes an archive: the bank's .xlsx and QTI readers and exam-server's roster
 * (考生名单) import. A refusal says what was breached ({@link Refused#reason()}, the entry, the limit), so each
 * caller words it for its own users; {@link Refused#issue()} is the bank's wording.
 */
public final class ZipGuard {

    /**
     * Entries below this size are not held to the compression ratio: tiny, very repetitive parts (an empty sheet,
     * a styles part) legitimately compress far beyond any sane ratio and cannot hurt. Same figure as POI's default.
     */
    public static final long DEFAULT_RATIO_GRACE_BYTES = 100 * 1024;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};

    private ZipGuard() {
    }

    /**
     * What an archive may amount to.
     *
     * @param maxUncompressedBytes largest total the entries may expand to
     * @param maxEntries           most entries
     * @param maxCompressionRatio  largest expansion of one entry relative to its compressed bytes
     * @param ratioGraceBytes      entries up to this size are not held to the ratio
     */
    public record Limits(long maxUncompressedBytes, int maxEntries, double maxCompressionRatio, long ratioGraceBytes) {

        public Limits {
            if (maxUncompressedBytes < 1 || maxEntries < 1 || maxCompressionRatio < 1 || ratioGraceBytes < 0) {
                throw new IllegalArgumentException("archive limits must be positive (ratio at least 1)");
            }
        }

        /** The archive part of a bank import's limits, with {@link #DEFAULT_RATIO_GRACE_BYTES}. */
        public static Limits of(ImportLimits limits) {
            return new Limits(limits.maxUncompressedBytes(), limits.maxZipEntries(), limits.maxCompressionRatio(),
                    DEFAULT_RATIO_GRACE_BYTES);
        }
    }

    /** Why an archive was refused. */
    public enum Reason {
        /** More entries than {@link Limits#maxEntries()}; {@link Refused#limit()} is that number. */
        TOO_MANY_ENTRIES,
        /** The entries expand to more than {@link Limits#maxUncompressedBytes()} in total. */
        TOO_LARGE,
        /** An entry expands more than {@link Limits#maxCompressionRatio()}; {@link Refused#observed()} says how far. */
        TOO_COMPRESSED,
        /** An entry name that points outside the archive. */
        UNSAFE_NAME,
        /** Two entries with the same name. */
        DUPLICATE_NAME,
        /** An encrypted entry, or one in a compression method the reader does not support. */
        UNREADABLE_ENTRY,
        /** Not a readable zip archive; the cause says what the zip reader found. */
        DAMAGED,
        /** No entry at all. */
        EMPTY
    }

    /** An archive the guard refused: the reason, the entry concerned and the figures, for the caller to word. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final String fileName;
        private final Reason reason;
        private final String entry;
        private final long limit;
        private final long observed;

        Refused(String fileName, Reason reason, String entry, long limit, long observed, String message,
                Throwable cause) {
            super(message, cause);
            this.fileName = fileName;
            this.reason = reason;
            this.entry = entry;
            this.limit = limit;
            this.observed = observed;
        }

        public Reason reason() {
            return reason;
        }

        /** The entry concerned, or "" when the refusal is about the archive as a whole. */
        public String entry() {
            return entry;
        }

        /** The limit breached (entries, bytes or ratio), or 0 when the reason has none. */
        public long limit() {
            return limit;
        }

        /** For {@link Reason#TOO_COMPRESSED}: how many times the entry had expanded when it was refused. */
        public long observed() {
            return observed;
        }

        /** The refusal as a bank import finding, located in the file (and its entry) the guard was given. */
        public Issue issue() {
            Rule rule = switch (reason) {
                case TOO_MANY_ENTRIES, TOO_LARGE, TOO_COMPRESSED -> Rule.ARCHIVE_TOO_LARGE;
                case UNSAFE_NAME -> Rule.UNSAFE_PATH;
                case DUPLICATE_NAME -> Rule.MALFORMED;
                case UNREADABLE_ENTRY, DAMAGED, EMPTY -> Rule.UNREADABLE_FILE;
            };
            return Issue.error(new Location(fileName, entry.isEmpty() ? "" : "entry " + entry), rule, getMessage());
        }
    }

    /** True when the content starts like a zip archive. */
    public static boolean looksLikeZip(byte[] content) {
        return startsWith(content, ZIP_MAGIC) || startsWith(content, EMPTY_ZIP_MAGIC);
    }

    /** Checks the archive of a bank import without keeping anything. */
    public static void check(String fileName, byte[] content, ImportLimits limits) throws Refused {
        check(fileName, content, Limits.of(limits));
    }

    /** Checks the archive without keeping anything; {@code fileName} only names the file in {@link Refused#issue()}. */
    public static void check(String fileName, byte[] content, Limits limits) throws Refused {
        scan(fileName, content, limits, false);
    }

    /**
     * Checks the archive and returns every file entry's content by entry name, in archive order. Memory stays
     * within {@link ImportLimits#maxUncompressedBytes()} because the check runs while the entries are read.
     */
    public static Map<String, byte[]> extract(String fileName, byte[] content, ImportLimits limits) throws Refused {
        return scan(fileName, content, Limits.of(limits), true);
    }

    /**
     * Makes sure POI's own zip-bomb guard, the second line behind {@link #check}, never refuses what this guard
     * accepted under {@code limits}. POI holds its thresholds as process-wide settings that every import in the JVM
     * shares (the bank's and the roster's, with different limits, possibly at the same time), so they are only ever
     * loosened: POI then applies the loosest limits any import asked for, and whether an archive is accepted no
     * longer depends on which import ran before it. Each import's own limits are enforced by {@link #check}, which
     * inflates the same bytes with the same zip reader before POI opens them.
     */
    public static void applyToPoi(Limits limits) {
        synchronized (ZipGuard.class) {
            ZipSecureFile.setMinInflateRatio(Math.min(ZipSecureFile.getMinInflateRatio(),
                    1.0 / limits.maxCompressionRatio()));
            ZipSecureFile.setMaxEntrySize(Math.max(ZipSecureFile.getMaxEntrySize(), limits.maxUncompressedBytes()));
            ZipSecureFile.setMaxFileCount(Math.max(ZipSecureFile.getMaxFileCount(), limits.maxEntries()));
            ZipSecureFile.setGraceEntrySize(Math.max(ZipSecureFile.getGraceEntrySize(), limits.ratioGraceBytes()));
        }
    }

    private static Map<String, byte[]> scan(String fileName, byte[] content, Limits limits, boolean keep)
            throws Refused {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int count = 0;
        // The streaming zip reader POI opens workbooks with, set up as POI sets it up (stored entries followed by a
        // data descriptor allowed, as streaming writers produce them), so the guard sees exactly the entries POI will.
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(content),
                StandardCharsets.UTF_8.name(), true, true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++count > limits.maxEntries()) {
                    throw new Refused(fileName, Reason.TOO_MANY_ENTRIES, "", limits.maxEntries(), count,
                            "the archive holds more than " + limits.maxEntries() + " entries", null);
                }
                String name = name(entry);
                checkName(fileName, name);
                if (!seen.add(name)) {
                    throw refuse(fileName, Reason.DUPLICATE_NAME, name, "the archive holds two entries named " + name);
                }
                if (!zip.canReadEntryData(entry)) {
                    throw refuse(fileName, Reason.UNREADABLE_ENTRY, name,
                            "the entry is encrypted or uses an unsupported compression method");
                }
                ByteArrayOutputStream kept = keep && !entry.isDirectory() ? new ByteArrayOutputStream() : null;
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (total > limits.maxUncompressedBytes()) {
                        throw new Refused(fileName, Reason.TOO_LARGE, name, limits.maxUncompressedBytes(), total,
                                "the archive expands to more than " + limits.maxUncompressedBytes()
                                        + " bytes in total", null);
                    }
                    // Measured against the compressed bytes actually consumed, never against declared sizes, and
                    // while inflating, so a bomb costs at most the grace plus one buffer per compressed byte.
                    long compressed = zip.getCompressedCount();
                    if (size > limits.ratioGraceBytes() && size > compressed * limits.maxCompressionRatio()) {
                        long ratio = (long) limits.maxCompressionRatio();
                        throw new Refused(fileName, Reason.TOO_COMPRESSED, name, ratio,
                                compressed > 0 ? size / compressed : size,
                                "the entry expands more than " + ratio + " times its compressed size (a zip bomb?)",
                                null);
                    }
                    if (kept != null) {
                        kept.write(buffer, 0, n);
                    }
                }
                if (kept != null) {
                    entries.put(name, kept.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new Refused(fileName, Reason.DAMAGED, "", 0, 0, "the zip archive is damaged: " + e.getMessage(), e);
        }
        if (count == 0) {
            throw refuse(fileName, Reason.EMPTY, "", "the zip archive holds no entries");
        }
        return entries;
    }

    /**
     * Names flagged as UTF-8 are UTF-8. Unflagged names are tried as UTF-8 and otherwise read as GB18030 (a
     * superset of GBK), which is what zip tools on Chinese Windows write without saying so.
     */
    private static String name(ZipArchiveEntry entry) {
        byte[] raw = entry.getRawName();
        if (raw == null || entry.getGeneralPurposeBit().usesUTF8ForNames()) {
            return entry.getName();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, Charset.forName("GB18030"));
        }
    }

    private static void checkName(String fileName, String name) throws Refused {
        String slashed = name.replace('\\', '/');
        boolean escapes = slashed.startsWith("/") || slashed.contains("\0")
                || (slashed.length() > 1 && slashed.charAt(1) == ':');
        for (String segment : slashed.split("/", -1)) {
            escapes |= segment.equals("..");
        }
        if (escapes) {
            throw refuse(fileName, Reason.UNSAFE_NAME, name,
                    "the entry name " + name + " points outside the archive (absolute path or \"..\")");
        }
    }

    private static Refused refuse(String fileName, Reason reason, String entry, String message) {
        return new Refused(fileName, reason, entry, 0, 0, message, null);
    }

    /** Whether {@code content} begins with the magic bytes {@code prefix}. */
    public static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
