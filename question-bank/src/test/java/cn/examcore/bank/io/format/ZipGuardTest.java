package cn.examcore.bank.io.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.examcore.bank.report.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ZipGuard refuses hostile archives with a reason each caller can word")
class ZipGuardTest {

    private static final ZipGuard.Limits LIMITS = new ZipGuard.Limits(64L << 20, 100, 200,
            ZipGuard.DEFAULT_RATIO_GRACE_BYTES);

    private double poiRatio;
    private long poiEntrySize;
    private long poiFileCount;
    private long poiGrace;

    @BeforeEach
    void rememberPoi() {
        poiRatio = ZipSecureFile.getMinInflateRatio();
        poiEntrySize = ZipSecureFile.getMaxEntrySize();
        poiFileCount = ZipSecureFile.getMaxFileCount();
        poiGrace = ZipSecureFile.getGraceEntrySize();
    }

    @AfterEach
    void restorePoi() {
        ZipSecureFile.setMinInflateRatio(poiRatio);
        ZipSecureFile.setMaxEntrySize(poiEntrySize);
        ZipSecureFile.setMaxFileCount(poiFileCount);
        ZipSecureFile.setGraceEntrySize(poiGrace);
    }

    private static ZipGuard.Refused refusal(byte[] zip, ZipGuard.Limits limits) {
        try {
            ZipGuard.check("a.zip", zip, limits);
        } catch (ZipGuard.Refused refused) {
            return refused;
        }
        throw new AssertionError("the archive was accepted");
    }

    @Test
    @DisplayName("an entry that expands too far is refused while it inflates, naming the entry, limit and ratio seen")
    void tooCompressed() throws IOException {
        byte[] bomb = Zips.zip("xl/worksheets/sheet1.xml", new byte[4 << 20]);

        ZipGuard.Refused refused = refusal(bomb, LIMITS);

        assertThat(refused.reason()).isEqualTo(ZipGuard.Reason.TOO_COMPRESSED);
        assertThat(refused.entry()).isEqualTo("xl/worksheets/sheet1.xml");
        assertThat(refused.limit()).isEqualTo(200);
        assertThat(refused.observed()).isGreaterThan(200);
        assertThat(refused.issue().rule()).isEqualTo(Rule.ARCHIVE_TOO_LARGE);
        assertThat(refused.issue().location().toString()).isEqualTo("a.zip: entry xl/worksheets/sheet1.xml");
        assertThat(refused.issue().message()).contains("200 times");
    }

    @Test
    @DisplayName("entries up to the grace size are not held to the ratio, so the grace is the caller's choice")
    void ratioGrace() throws IOException {
        byte[] zeros = Zips.zip("part.xml", new byte[512 << 10]);

        assertThat(refusal(zeros, LIMITS).reason()).isEqualTo(ZipGuard.Reason.TOO_COMPRESSED);
        assertThatCode(() -> ZipGuard.check("a.zip", zeros, new ZipGuard.Limits(64L << 20, 100, 200, 1L << 20)))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the total is counted in inflated bytes, and the entry count against the limit")
    void totalAndCount() throws IOException {
        byte[] text = Zips.zip("a.txt", "x".repeat(5_000).getBytes(StandardCharsets.UTF_8));

        ZipGuard.Refused large = refusal(text, new ZipGuard.Limits(4_000, 100, 1_000, 0));
        byte[] two = twoEntries("a.txt", "b.txt");

        assertThat(large.reason()).isEqualTo(ZipGuard.Reason.TOO_LARGE);
        assertThat(large.limit()).isEqualTo(4_000);
        assertThat(large.issue().message()).contains("more than 4000 bytes in total");
        assertThat(refusal(two, new ZipGuard.Limits(64L << 20, 1, 200, 0))).satisfies(refused -> {
            assertThat(refused.reason()).isEqualTo(ZipGuard.Reason.TOO_MANY_ENTRIES);
            assertThat(refused.limit()).isEqualTo(1);
            assertThat(refused.entry()).isEmpty();
            assertThat(refused.issue().message()).contains("more than 1 entries");
        });
    }

    @Test
    @DisplayName("names that leave the archive and names used twice are refused")
    void names() throws IOException {
        assertThat(refusal(Zips.zip("../../etc/passwd", new byte[1]), LIMITS)).satisfies(refused -> {
            assertThat(refused.reason()).isEqualTo(ZipGuard.Reason.UNSAFE_NAME);
            assertThat(refused.issue().rule()).isEqualTo(Rule.UNSAFE_PATH);
        });
        assertThat(refusal(Zips.zip("C:\\evil.txt", new byte[1]), LIMITS).reason())
                .isEqualTo(ZipGuard.Reason.UNSAFE_NAME);
        assertThat(refusal(twoEntries("same.xml", "same.xml"), LIMITS)).satisfies(refused -> {
            assertThat(refused.reason()).isEqualTo(ZipGuard.Reason.DUPLICATE_NAME);
            assertThat(refused.entry()).isEqualTo("same.xml");
            assertThat(refused.issue().rule()).isEqualTo(Rule.MALFORMED);
        });
    }

    @Test
    @DisplayName("an archive without entries is refused as empty, one whose data does not inflate as damaged")
    void emptyAndDamaged() throws IOException {
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new ZipOutputStream(empty).close();
        byte[] damaged = Zips.zip("a.txt", "x".repeat(5_000).getBytes(StandardCharsets.UTF_8));
        // The deflated data starts after the 30-byte local header and the 5-byte name; 0xFF is no valid block.
        Arrays.fill(damaged, 35, 45, (byte) 0xFF);

        assertThat(refusal(empty.toByteArray(), LIMITS).reason()).isEqualTo(ZipGuard.Reason.EMPTY);
        assertThat(refusal(damaged, LIMITS)).satisfies(refused -> {
            assertThat(refused.reason()).isEqualTo(ZipGuard.Reason.DAMAGED);
            assertThat(refused.getCause()).isInstanceOf(IOException.class);
            assertThat(refused.issue().rule()).isEqualTo(Rule.UNREADABLE_FILE);
        });
    }

    @Test
    @DisplayName("a stored entry followed by a data descriptor, as streaming writers write it and POI reads it, passes")
    void storedEntryWithDataDescriptor() throws Exception {
        byte[] content = "<x/>".getBytes(StandardCharsets.UTF_8);
        byte[] zip = storedWithDataDescriptor("xl/workbook.xml", content);
        // Proof of the form: commons-compress refuses such an entry unless told to allow it, as POI does.
        try (ZipArchiveInputStream strict = new ZipArchiveInputStream(new ByteArrayInputStream(zip),
                StandardCharsets.UTF_8.name(), true)) {
            ZipArchiveEntry entry = strict.getNextEntry();
            assertThat(strict.canReadEntryData(entry)).isFalse();
        }

        assertThat(ZipGuard.extract("a.zip", zip, ImportLimits.defaults()))
                .hasEntrySatisfying("xl/workbook.xml", bytes -> assertThat(bytes).isEqualTo(content));
    }

    @Test
    @DisplayName("POI's process-wide thresholds are only ever loosened, so an import with tighter limits cannot "
            + "make POI refuse what another import's guard accepted")
    void poiThresholdsOnlyLoosen() {
        ZipGuard.applyToPoi(new ZipGuard.Limits(512L << 20, 20_000, 200, 100 << 10));
        ZipGuard.applyToPoi(new ZipGuard.Limits(1 << 20, 10, 10, 0));

        assertThat(ZipSecureFile.getMinInflateRatio()).isLessThanOrEqualTo(1.0 / 200);
        assertThat(ZipSecureFile.getMaxEntrySize()).isGreaterThanOrEqualTo(512L << 20);
        assertThat(ZipSecureFile.getMaxFileCount()).isGreaterThanOrEqualTo(20_000);
        assertThat(ZipSecureFile.getGraceEntrySize()).isGreaterThanOrEqualTo(100 << 10);
    }

    /** Two entries; commons-compress, unlike java.util.zip, writes a name twice when asked to. */
    private static byte[] twoEntries(String first, String second) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (String name : new String[] {first, second}) {
                zip.putArchiveEntry(new ZipArchiveEntry(name));
                zip.write(new byte[] {1});
                zip.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    /** One STORED entry with general-purpose bit 3 set: sizes and CRC follow the data in a data descriptor. */
    private static byte[] storedWithDataDescriptor(String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(content);
        int crcValue = (int) crc.getValue();
        ByteBuffer b = ByteBuffer.allocate(256 + 2 * nameBytes.length + content.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0808).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0x21).putInt(0).putInt(0).putInt(0)
                .putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes).put(content);
        b.putInt(0x08074b50).putInt(crcValue).putInt(content.length).putInt(content.length);
        int central = b.position();
        b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0808)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt(crcValue)
                .putInt(content.length).putInt(content.length).putShort((short) nameBytes.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt(0).put(nameBytes);
        int centralSize = b.position() - central;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(central).putShort((short) 0);
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        return bytes;
    }
}
