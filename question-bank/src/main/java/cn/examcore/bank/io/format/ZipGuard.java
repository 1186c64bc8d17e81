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
 * Inspects a zip archive (an .xlsx workbook or an IMS content package) against {@link ImportLimits} by actually
 * inflating it, because the sizes an archive declares about itself are exactly what a zip bomb lies about.
 * Refuses too many entries, too many bytes in total, an entry that expands too much relative to its compressed
 * size, duplicate entry names and entry names that would leave the archive ("../", absolute paths).
 */
public final class ZipGuard {

    /**
     * Entries below this size are not held to the compression ratio: tiny, very repetitive parts (an empty sheet,
     * a styles part) legitimately compress far beyond any sane ratio and cannot hurt. Same figure as POI's default.
     */
    static final long GRACE_ENTRY_BYTES = 100 * 1024;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP_MAGIC = {'P', 'K', 5, 6};

    private ZipGuard() {
    }

    /** An archive the guard refused; {@link #issue()} says why and where. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Issue issue;

        Refused(Issue issue) {
            super(issue.message());
            this.issue = issue;
        }

        public Issue issue() {
            return issue;
        }
    }

    /** True when the content starts like a zip archive. */
    public static boolean looksLikeZip(byte[] content) {
        return startsWith(content, ZIP_MAGIC) || startsWith(content, EMPTY_ZIP_MAGIC);
    }

    /** Checks the archive without keeping anything. */
    public static void check(String fileName, byte[] content, ImportLimits limits) throws Refused {
        scan(fileName, content, limits, false);
    }

    /**
     * Checks the archive and returns every file entry's content by entry name, in archive order. Memory stays
     * within {@link ImportLimits#maxUncompressedBytes()} because the check runs while the entries are read.
     */
    public static Map<String, byte[]> extract(String fileName, byte[] content, ImportLimits limits) throws Refused {
        return scan(fileName, content, limits, true);
    }

    /**
     * Sets POI's own zip-bomb guard to the same limits, as a second line behind {@link #check}. POI holds these as
     * process-wide settings, so every import in this JVM shares them; they are set from the limits of each import,
     * which are the same everywhere unless a caller deliberately passes others.
     */
    public static void applyToPoi(ImportLimits limits) {
        ZipSecureFile.setMinInflateRatio(1.0 / limits.maxCompressionRatio());
        ZipSecureFile.setMaxEntrySize(limits.maxUncompressedBytes());
        ZipSecureFile.setMaxFileCount(limits.maxZipEntries());
        ZipSecureFile.setGraceEntrySize(GRACE_ENTRY_BYTES);
    }

    private static Map<String, byte[]> scan(String fileName, byte[] content, ImportLimits limits, boolean keep)
            throws Refused {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int count = 0;
        // The same streaming zip reader POI opens workbooks with, so the guard sees exactly the entries POI will.
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(content),
                StandardCharsets.UTF_8.name(), true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++count > limits.maxZipEntries()) {
                    throw refuse(fileName, "", Rule.ARCHIVE_TOO_LARGE,
                            "the archive holds more than " + limits.maxZipEntries() + " entries");
                }
                String name = name(entry);
                checkName(fileName, name);
                if (!seen.add(name)) {
                    throw refuse(fileName, "entry " + name, Rule.MALFORMED,
                            "the archive holds two entries named " + name);
                }
                if (!zip.canReadEntryData(entry)) {
                    throw refuse(fileName, "entry " + name, Rule.UNREADABLE_FILE,
                            "the entry is encrypted or uses an unsupported compression method");
                }
                ByteArrayOutputStream kept = keep && !entry.isDirectory() ? new ByteArrayOutputStream() : null;
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (total > limits.maxUncompressedBytes()) {
                        throw refuse(fileName, "entry " + name, Rule.ARCHIVE_TOO_LARGE,
                                "the archive expands to more than " + limits.maxUncompressedBytes()
                                        + " bytes in total");
                    }
                    // Measured against the compressed bytes actually consumed, never against declared sizes.
                    if (size > GRACE_ENTRY_BYTES && size > zip.getCompressedCount() * limits.maxCompressionRatio()) {
                        throw refuse(fileName, "entry " + name, Rule.ARCHIVE_TOO_LARGE,
                                "the entry expands more than " + (long) limits.maxCompressionRatio()
                                        + " times its compressed size (a zip bomb?)");
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
            throw refuse(fileName, "", Rule.UNREADABLE_FILE, "the zip archive is damaged: " + e.getMessage());
        }
        if (count == 0) {
            throw refuse(fileName, "", Rule.UNREADABLE_FILE, "the zip archive holds no entries");
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
            throw refuse(fileName, "entry " + name, Rule.UNSAFE_PATH,
                    "the entry name " + name + " points outside the archive (absolute path or \"..\")");
        }
    }

    private static Refused refuse(String fileName, String place, Rule rule, String message) {
        return new Refused(Issue.error(new Location(fileName, place), rule, message));
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
