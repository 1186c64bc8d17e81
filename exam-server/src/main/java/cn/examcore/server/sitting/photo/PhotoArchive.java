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
                    + "\"Send to → Compressed folder\")"));
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
                            + " entries; split it"));
                    break;
                }
                String name = e.getName();
                if (!names.add(name)) {
                    problems.add(new PhotoProblem(name, "the archive holds this name twice"));
                    continue;
                }
                Optional<String> trick = pathTrick(name);
                if (trick.isPresent()) {
                    problems.add(new PhotoProblem(name, trick.get()));
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
                            + mib(limits.maxTotalBytes()) + " in total; split the archive"));
                    break;
                }
                Optional<String> problem = read.tooCompressed
                        ? Optional.of("it expands more than " + (long) limits.maxCompressionRatio()
                                + " times its compressed size: not a photo (a zip bomb?)")
                        : read.tooLarge ? Optional.of("larger than " + mib(limits.maxPhotoBytes())
                                + " (a photo of an ID-photo size is typically 20–200 KiB)")
                        : Optional.empty();
                if (problem.isPresent()) {
                    problems.add(new PhotoProblem(name, problem.get()));
                    continue;
                }
                photo(name, read.bytes, ticketOf, entryOfTicket, problems).ifPresent(photos::add);
            }
        } catch (ZipException x) {
            problems.add(new PhotoProblem("", "the zip archive cannot be read (" + x.getMessage()
                    + "); encrypted or damaged archives are refused"));
        } catch (IOException x) {
            problems.add(new PhotoProblem("", "the zip archive cannot be read (" + x.getMessage() + ")"));
        }
        if (problems.isEmpty() && photos.isEmpty()) {
            problems.add(new PhotoProblem("", "the archive holds no photo"));
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
                    + "zip"));
            return Optional.empty();
        }
        Optional<ImageHeader.Type> type = ImageHeader.typeOf(bytes);
        if (type.isEmpty()) {
            problems.add(new PhotoProblem(name, "not a JPEG or PNG image (judged by its content, not its name)"));
            return Optional.empty();
        }
        boolean named = switch (suffix) {
            case ".jpg", ".jpeg" -> type.get() == ImageHeader.Type.JPEG;
            case ".png" -> type.get() == ImageHeader.Type.PNG;
            default -> false;
        };
        if (!named) {
            problems.add(new PhotoProblem(name, "the content is a " + type.get() + " image but the name ends in \""
                    + suffix + "\"; name it .jpg, .jpeg or .png as it is"));
            return Optional.empty();
        }
        if (bytes.length < limits.minPhotoBytes()) {
            problems.add(new PhotoProblem(name, "only " + bytes.length + " bytes: too small to be an ID photo"));
            return Optional.empty();
        }
        ImageHeader header;
        try {
            header = ImageHeader.read(bytes);
        } catch (IllegalArgumentException x) {
            problems.add(new PhotoProblem(name, x.getMessage()));
            return Optional.empty();
        }
        if (header.width() < limits.minWidth() || header.height() < limits.minHeight()
                || header.width() > limits.maxWidth() || header.height() > limits.maxHeight()) {
            problems.add(new PhotoProblem(name, header.width() + " × " + header.height() + " pixels: a photo must be "
                    + limits.minWidth() + " × " + limits.minHeight() + " to " + limits.maxWidth() + " × "
                    + limits.maxHeight()));
            return Optional.empty();
        }
        String stem = base.substring(0, dot);
        Optional<String> ticket = ticketOf.apply(stem);
        if (ticket.isEmpty()) {
            problems.add(new PhotoProblem(name, "\"" + stem + "\" is neither a ticket number nor an ID number on "
                    + "this sitting's roster (import the roster first)"));
            return Optional.empty();
        }
        String earlier = entryOfTicket.putIfAbsent(ticket.get(), name);
        if (earlier != null) {
            problems.add(new PhotoProblem(name, "candidate " + ticket.get() + " already has the photo " + earlier
                    + " in this archive"));
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
