package cn.examcore.server.sitting.photo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip of candidate photos, each named by the candidate's ticket or ID number ({@code A-001.jpg},
 * {@code 310101199001011234.png}, optionally inside one folder), and checks all of it before anything is kept.
 *
 * <p>Sizes are counted while inflating, never taken from what the archive declares about itself, because that is
 * what a zip bomb lies about. A problem with one entry (a wrong type, a size, a name trick) is reported and the
 * next entry read, so an administrator sees every problem at once; a problem with the archive as a whole (too many
 * entries, too many bytes in total, an unreadable archive) ends the reading there.
 */
public final class PhotoArchive {

    /** The path tricks' explanations in Chinese, by their English words. */
    private static final Map<String, String> TRICKS_ZH = Map.of(
            "an entry without a name", "条目没有名称",
            "the name holds a control character", "文件名含控制字符",
            "the name holds a backslash (a Windows path trick); use plain file names",
            "文件名含反斜杠（Windows 路径技巧），请使用普通文件名",
            "an absolute path: the entry would be unpacked outside the folder it belongs in",
            "绝对路径：该条目会被解压到所属文件夹之外",
            "the path climbs out of the archive (\"..\")", "路径跳出压缩包（“..”）");

    private static final Set<String> ARCHIVE_SUFFIXES = Set.of(".zip", ".rar", ".7z", ".gz", ".tgz", ".tar",
            ".bz2", ".xz", ".jar");

    /** What an archive held: the photos when there is no problem at all, else every problem found. */
    public record Outcome(List<ArchivePhoto> photos, List<PhotoProblem> problems) {

        public Outcome {
            photos = List.copyOf(photos);
            problems = List.copyOf(problems);
        }

        /** True when the archive may be stored: no problem, at least one photo. */
        public boolean ok() {
            return problems.isEmpty() && !photos.isEmpty();
        }
    }

    private final PhotoLimits limits;

    public PhotoArchive(PhotoLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads and checks the archive.
     *
     * @param zip      the archive's bytes
     * @param ticketOf the ticket of the candidate a file name (without its extension) names, by ticket or ID
     *                 number; empty when it names nobody on the roster
     */
    public Outcome read(byte[] zip, Function<String, Optional<String>> ticketOf) {
        List<PhotoProblem> problems = new ArrayList<>();
        List<ArchivePhoto> photos = new ArrayList<>();
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K' || !(zip[2] == 3 && zip[3] == 4
                || zip[2] == 5 && zip[3] == 6)) {
            problems.add(new PhotoProblem("", "the file is not a zip archive (zip the JPEG/PNG photos, e.g. with "
                    + "\"Send to → Compressed folder\")", "文件不是 zip 压缩包（请把 JPEG/PNG 照片压缩成 zip，例如右键“发送到 → 压缩文件夹”）"));
            return new Outcome(photos, problems);
        }
        Set<String> names = new HashSet<>();
        Map<String, String> entryOfTicket = new HashMap<>();
        Counting counted = new Counting(new ByteArrayInputStream(zip));
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(counted)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxEntries()) {
                    problems.add(new PhotoProblem("", "the archive has more than " + limits.maxEntries()
                            + " entries; split it", "压缩包中的文件超过 " + limits.maxEntries() + " 个，请分成几个压缩包"));
                    break;
                }
                String name = e.getName();
                if (!names.add(name)) {
                    problems.add(new PhotoProblem(name, "the archive holds this name twice", "压缩包中此文件名出现了两次"));
                    continue;
                }
                Optional<String> trick = pathTrick(name);
                if (trick.isPresent()) {
                    problems.add(new PhotoProblem(name, trick.get(), TRICKS_ZH.getOrDefault(trick.get(), trick.get())));
                    continue;
                }
                if (e.isDirectory()) {
                    continue;
                }
                long start = counted.count;
                Read read = readEntry(in, counted, start, limits.maxTotalBytes() - total);
                total += read.bytes.length;
                if (read.tooLargeInTotal) {
                    problems.add(new PhotoProblem("", "the photos expand to more than "
                            + mib(limits.maxTotalBytes()) + " in total; split the archive",
                            "照片解压后总计超过 " + mib(limits.maxTotalBytes()) + "，请分成几个压缩包"));
                    break;
                }
                if (read.tooCompressed) {
                    problems.add(new PhotoProblem(name, "it expands more than " + (long) limits.maxCompressionRatio()
                            + " times its compressed size: not a photo (a zip bomb?)", "解压后超过压缩大小的 "
                            + (long) limits.maxCompressionRatio() + " 倍：不是照片（疑似压缩炸弹）"));
                    continue;
                }
                if (read.tooLarge) {
                    problems.add(new PhotoProblem(name, "larger than " + mib(limits.maxPhotoBytes())
                            + " (a photo of an ID-photo size is typically 20–200 KiB)", "超过 "
                            + mib(limits.maxPhotoBytes()) + "（证件照一般为 20–200 KiB）"));
                    continue;
                }
                photo(name, read.bytes, ticketOf, entryOfTicket, problems).ifPresent(photos::add);
            }
        } catch (ZipException x) {
            problems.add(new PhotoProblem("", "the zip archive cannot be read (" + x.getMessage()
                    + "); encrypted or damaged archives are refused", "zip 压缩包无法读取（" + x.getMessage()
                    + "）；加密或损坏的压缩包不予接收"));
        } catch (IOException x) {
            problems.add(new PhotoProblem("", "the zip archive cannot be read (" + x.getMessage() + ")",
                    "zip 压缩包无法读取（" + x.getMessage() + "）"));
        }
        if (problems.isEmpty() && photos.isEmpty()) {
            problems.add(new PhotoProblem("", "the archive holds no photo", "压缩包中没有照片"));
        }
        return new Outcome(problems.isEmpty() ? photos : List.of(), problems);
    }

    private Optional<ArchivePhoto> photo(String name, byte[] bytes, Function<String, Optional<String>> ticketOf,
                                         Map<String, String> entryOfTicket, List<PhotoProblem> problems) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        String lower = base.toLowerCase(Locale.ROOT);
        int dot = base.lastIndexOf('.');
        String suffix = dot < 0 ? "" : lower.substring(dot);
        if (ImageHeader.looksLikeArchive(bytes) || ARCHIVE_SUFFIXES.contains(suffix)) {
            problems.add(new PhotoProblem(name, "an archive inside the archive: put the photos themselves in one "
                    + "zip", "压缩包内又有压缩包：请把照片本身放进一个 zip"));
            return Optional.empty();
        }
        Optional<ImageHeader.Type> type = ImageHeader.typeOf(bytes);
        if (type.isEmpty()) {
            problems.add(new PhotoProblem(name, "not a JPEG or PNG image (judged by its content, not its name)",
                    "不是 JPEG 或 PNG 图像（按内容判断，而非文件名）"));
            return Optional.empty();
        }
        boolean named = switch (suffix) {
            case ".jpg", ".jpeg" -> type.get() == ImageHeader.Type.JPEG;
            case ".png" -> type.get() == ImageHeader.Type.PNG;
            default -> false;
        };
        if (!named) {
            problems.add(new PhotoProblem(name, "the content is a " + type.get() + " image but the name ends in \""
                    + suffix + "\"; name it .jpg, .jpeg or .png as it is", "内容是 " + type.get() + " 图像，但文件名以“"
                    + suffix + "”结尾；请按实际格式命名为 .jpg、.jpeg 或 .png"));
            return Optional.empty();
        }
        if (bytes.length < limits.minPhotoBytes()) {
            problems.add(new PhotoProblem(name, "only " + bytes.length + " bytes: too small to be an ID photo",
                    "仅 " + bytes.length + " 字节：太小，不是证件照"));
            return Optional.empty();
        }
        ImageHeader header;
        try {
            header = ImageHeader.read(bytes);
        } catch (IllegalArgumentException x) {
            problems.add(new PhotoProblem(name, x.getMessage(), "图像已损坏，无法读出尺寸（" + x.getMessage() + "）"));
            return Optional.empty();
        }
        if (header.width() < limits.minWidth() || header.height() < limits.minHeight()
                || header.width() > limits.maxWidth() || header.height() > limits.maxHeight()) {
            String size = header.width() + " × " + header.height();
            String range = limits.minWidth() + " × " + limits.minHeight() + " to " + limits.maxWidth() + " × "
                    + limits.maxHeight();
            problems.add(new PhotoProblem(name, size + " pixels: a photo must be " + range,
                    size + " 像素：照片须在 " + range.replace(" to ", " 至 ") + " 像素之间"));
            return Optional.empty();
        }
        String stem = base.substring(0, dot);
        Optional<String> ticket = ticketOf.apply(stem);
        if (ticket.isEmpty()) {
            problems.add(new PhotoProblem(name, "\"" + stem + "\" is neither a ticket number nor an ID number on "
                    + "this sitting's roster (import the roster first)", "“" + stem
                    + "”既不是本场次名单上的准考证号，也不是身份证号（请先导入名单）"));
            return Optional.empty();
        }
        String earlier = entryOfTicket.putIfAbsent(ticket.get(), name);
        if (earlier != null) {
            problems.add(new PhotoProblem(name, "candidate " + ticket.get() + " already has the photo " + earlier
                    + " in this archive", "考生 " + ticket.get() + " 在本压缩包中已有照片 " + earlier));
            return Optional.empty();
        }
        return Optional.of(new ArchivePhoto(name, ticket.get(), header, bytes));
    }

    /** Why an entry name is a trick (it would leave the folder it is unpacked into, or hide what it is). */
    static Optional<String> pathTrick(String name) {
        if (name.isEmpty()) {
            return Optional.of("an entry without a name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return Optional.of("the name holds a control character");
            }
        }
        if (name.contains("\\")) {
            return Optional.of("the name holds a backslash (a Windows path trick); use plain file names");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            return Optional.of("an absolute path: the entry would be unpacked outside the folder it belongs in");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return Optional.of("the path climbs out of the archive (\"..\")");
            }
        }
        return Optional.empty();
    }

    private record Read(byte[] bytes, boolean tooLarge, boolean tooCompressed, boolean tooLargeInTotal) {
    }

    /**
     * Inflates one entry, stopping as soon as it passes the photo size, the ratio or what is left of the total:
     * nothing past a limit is ever inflated.
     */
    private Read readEntry(ZipInputStream in, Counting counted, long start, long leftInTotal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > leftInTotal) {
                return new Read(new byte[0], false, false, true);
            }
            if (n > limits.maxPhotoBytes()) {
                return new Read(new byte[0], true, false, false);
            }
            // What has been read of the archive so far is at least the entry's compressed bytes up to here (the
            // reader's buffer runs a little ahead, which only makes the check more lenient).
            long compressed = Math.max(1, counted.count - start);
            if (n > limits.ratioGraceBytes() && n > limits.maxCompressionRatio() * compressed) {
                return new Read(new byte[0], false, true, false);
            }
            out.write(buf, 0, r);
        }
        return new Read(out.toByteArray(), false, false, false);
    }

    private static String mib(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    /** Counts the archive bytes the zip reader has taken. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
