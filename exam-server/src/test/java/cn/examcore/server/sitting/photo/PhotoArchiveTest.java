package cn.examcore.server.sitting.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A photo archive")
class PhotoArchiveTest {

    /** Small limits so that every bound can be crossed with a few KiB. */
    private static final PhotoLimits LIMITS = new PhotoLimits(10, 300_000, 100_000, 1_024, 20, 16 * 1024, 100, 100,
            2_000, 2_000);
    private static final Map<String, String> ROSTER = Map.of("A-001", "A-001", "A-002", "A-002",
            "31010119900101123X", "A-003");
    /** Tickets and ID numbers (an ID number's x in either case) as the service resolves them. */
    private static final Function<String, Optional<String>> TICKET_OF =
            stem -> Optional.ofNullable(ROSTER.get(stem.toUpperCase()));

    private static PhotoArchive.Outcome read(byte[] zip) {
        return new PhotoArchive(LIMITS).read(zip, TICKET_OF);
    }

    private static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return m;
    }

    @Test
    @DisplayName("of JPEG and PNG photos named by ticket or ID number, in a folder or not, is read whole")
    void accepted() {
        byte[] a = TestPhotos.jpeg(1);
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries("photos/", new byte[0], "photos/A-001.jpg", a,
                "A-002.PNG", TestPhotos.png(2), "31010119900101123x.jpeg", TestPhotos.jpeg(3))));
        assertThat(out.problems()).isEmpty();
        assertThat(out.ok()).isTrue();
        assertThat(out.photos()).extracting(ArchivePhoto::ticket).containsExactly("A-001", "A-002", "A-003");
        assertThat(out.photos().get(0).bytes()).isEqualTo(a);
        assertThat(out.photos().get(0).header()).isEqualTo(new ImageHeader(ImageHeader.Type.JPEG, 120, 160));
        assertThat(out.photos().get(1).header()).isEqualTo(new ImageHeader(ImageHeader.Type.PNG, 120, 160));
    }

    @Test
    @DisplayName("that is not a zip at all, or holds nothing, is refused")
    void notAZip() {
        assertThat(read(TestPhotos.jpeg(1)).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not a zip archive"));
        assertThat(read(TestPhotos.zip(entries("photos/", new byte[0]))).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no photo"));
    }

    @Test
    @DisplayName("with path tricks names each entry: .., absolute, drive letter, backslash, control character")
    void pathTricks() {
        byte[] p = TestPhotos.jpeg(1);
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries("../A-001.jpg", p, "/etc/A-001.jpg", p,
                "C:/A-001.jpg", p, "photos\\..\\A-002.jpg", p, "a/../../A-002.jpg", p, "A-00\u00012.jpg", p)));
        assertThat(out.photos()).isEmpty();
        assertThat(out.problems()).extracting(PhotoProblem::entry).containsExactly("../A-001.jpg",
                "/etc/A-001.jpg", "C:/A-001.jpg", "photos\\..\\A-002.jpg", "a/../../A-002.jpg", "A-00\u00012.jpg");
        assertThat(out.problems()).extracting(PhotoProblem::message).containsExactly(
                "the path climbs out of the archive (\"..\")",
                "an absolute path: the entry would be unpacked outside the folder it belongs in",
                "an absolute path: the entry would be unpacked outside the folder it belongs in",
                "the name holds a backslash (a Windows path trick); use plain file names",
                "the path climbs out of the archive (\"..\")",
                "the name holds a control character");
    }

    @Test
    @DisplayName("holding another archive refuses it, by content or by name")
    void nested() {
        byte[] inner = TestPhotos.zip("A-001.jpg", TestPhotos.jpeg(1));
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries("A-001.jpg", inner, "more.zip", inner,
                "A-002.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0})));
        assertThat(out.problems()).extracting(PhotoProblem::entry).containsExactly("A-001.jpg", "more.zip",
                "A-002.gz");
        assertThat(out.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("an archive inside"));
    }

    @Test
    @DisplayName("with files that are not images, or not what their name says, names each")
    void notImages() {
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries(
                "A-001.jpg", "<html>not a photo</html>".getBytes(StandardCharsets.UTF_8),
                "A-002.png", TestPhotos.jpeg(2),
                "notes.txt", "hello".getBytes(StandardCharsets.UTF_8),
                "A-001.gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII))));
        assertThat(out.problems()).extracting(PhotoProblem::entry, PhotoProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A-001.jpg",
                        "not a JPEG or PNG image (judged by its content, not its name)"),
                org.assertj.core.groups.Tuple.tuple("A-002.png",
                        "the content is a JPEG image but the name ends in \".png\"; name it .jpg, .jpeg or .png as it is"),
                org.assertj.core.groups.Tuple.tuple("notes.txt",
                        "not a JPEG or PNG image (judged by its content, not its name)"),
                org.assertj.core.groups.Tuple.tuple("A-001.gif",
                        "not a JPEG or PNG image (judged by its content, not its name)"));
    }

    @Test
    @DisplayName("with a photo too large, too small in bytes, or of the wrong pixel dimensions names each")
    void sizes() {
        byte[] huge = TestPhotos.image("png", 400, 400, 9); // ~470 KiB of noise: over the 100 kB limit
        byte[] smallPng = TestPhotos.image("png", 2, 2, 1);
        byte[] narrow = TestPhotos.image("jpg", 60, 160, 3);
        // A header declaring 50000 × 50000 pixels behind a few KiB: never decoded, refused from the header.
        byte[] giant = Arrays.copyOf(TestPhotos.png(4), 4_000);
        byte[] side = {0, 0, (byte) 0xc3, 0x50};
        System.arraycopy(side, 0, giant, 16, 4);
        System.arraycopy(side, 0, giant, 20, 4);
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries("A-001.png", huge, "A-002.png", smallPng,
                "A-001.jpg", narrow, "31010119900101123X.png", giant)));
        assertThat(out.problems()).extracting(PhotoProblem::entry, PhotoProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A-001.png",
                        "larger than 97 KiB (a photo of an ID-photo size is typically 20–200 KiB)"),
                org.assertj.core.groups.Tuple.tuple("A-002.png",
                        "only " + smallPng.length + " bytes: too small to be an ID photo"),
                org.assertj.core.groups.Tuple.tuple("A-001.jpg",
                        "60 × 160 pixels: a photo must be 100 × 100 to 2000 × 2000"),
                org.assertj.core.groups.Tuple.tuple("31010119900101123X.png",
                        "50000 × 50000 pixels: a photo must be 100 × 100 to 2000 × 2000"));
    }

    @Test
    @DisplayName("with an entry that expands far beyond its compressed size (a zip bomb) refuses it early")
    void ratioBomb() {
        byte[] zeros = new byte[90_000]; // under the photo size, but deflates ~1000:1
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, 0, zeros, 0, 3);
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries("A-001.jpg", zeros, "A-002.jpg", TestPhotos.jpeg(2))));
        assertThat(out.problems()).singleElement().satisfies(p -> {
            assertThat(p.entry()).isEqualTo("A-001.jpg");
            assertThat(p.message()).contains("expands more than 20 times");
        });
        assertThat(out.photos()).isEmpty();
    }

    @Test
    @DisplayName("that expands beyond the total limit stops there, and one with too many entries too")
    void totalAndEntries() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("A-00" + i + ".png", TestPhotos.image("png", 150, 150, i)); // ~66 KiB each, stored
        }
        PhotoArchive.Outcome total = read(TestPhotos.zip(many, java.util.zip.ZipEntry.STORED));
        assertThat(total.problems()).last().satisfies(p -> {
            assertThat(p.entry()).isEmpty();
            assertThat(p.message()).contains("in total");
        });
        Map<String, byte[]> dirs = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            dirs.put("d" + i + "/", new byte[0]);
        }
        assertThat(read(TestPhotos.zip(dirs)).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("the archive has more than 10 entries; split it"));
    }

    @Test
    @DisplayName("naming nobody on the roster, one candidate twice, or one name twice names each")
    void names() {
        byte[] twice = TestPhotos.zip(entries("A-001.jpg", TestPhotos.jpeg(1), "B-001.jpg", TestPhotos.jpeg(2)));
        // The zip writer refuses a duplicate name, so the second name is rewritten in the bytes.
        String text = new String(twice, StandardCharsets.ISO_8859_1).replace("B-001.jpg", "A-001.jpg");
        PhotoArchive.Outcome dup = read(text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(dup.problems()).extracting(PhotoProblem::message)
                .containsExactly("the archive holds this name twice");
        PhotoArchive.Outcome out = read(TestPhotos.zip(entries("Z-999.jpg", TestPhotos.jpeg(1),
                "A-003.jpg", TestPhotos.jpeg(2), "31010119900101123X.jpg", TestPhotos.jpeg(3))));
        assertThat(out.problems()).extracting(PhotoProblem::entry, PhotoProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Z-999.jpg", "\"Z-999\" is neither a ticket number nor an ID "
                        + "number on this sitting's roster (import the roster first)"),
                org.assertj.core.groups.Tuple.tuple("A-003.jpg", "\"A-003\" is neither a ticket number nor an ID "
                        + "number on this sitting's roster (import the roster first)"));
        PhotoArchive.Outcome same = read(TestPhotos.zip(entries("A-001.jpg", TestPhotos.jpeg(1),
                "x/A-001.png", TestPhotos.png(2))));
        assertThat(same.problems()).extracting(PhotoProblem::message)
                .containsExactly("candidate A-001 already has the photo A-001.jpg in this archive");
    }

    @Test
    @DisplayName("that is damaged is refused as a whole, and one bad entry keeps every good one out")
    void damagedAndAllOrNothing() {
        byte[] good = TestPhotos.zip(entries("A-001.jpg", TestPhotos.jpeg(1), "A-002.jpg", TestPhotos.jpeg(2)));
        byte[] cut = Arrays.copyOf(good, good.length / 3);
        assertThat(read(cut).problems()).isNotEmpty().last()
                .satisfies(p -> assertThat(p.message()).contains("cannot be read"));
        PhotoArchive.Outcome mixed = read(TestPhotos.zip(entries("A-001.jpg", TestPhotos.jpeg(1),
                "A-002.jpg", "x".repeat(2000).getBytes(StandardCharsets.UTF_8))));
        assertThat(mixed.problems()).hasSize(1);
        assertThat(mixed.photos()).isEmpty();
        assertThat(mixed.ok()).isFalse();
    }
}
