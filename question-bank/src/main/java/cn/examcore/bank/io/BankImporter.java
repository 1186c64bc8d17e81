package cn.examcore.bank.io;

import cn.examcore.bank.io.format.BankReader;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.json.JsonBankReader;
import cn.examcore.bank.io.qti.QtiBankReader;
import cn.examcore.bank.io.xlsx.XlsxBankReader;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.bank.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * 题库导入: the one way into the system for a bank file. Picks the reader by file extension, enforces
 * {@link ImportLimits#maxFileBytes()} before anything is read into memory, runs the reader and then the
 * {@link Validator}. Never throws for a bad file: every problem, including an unreadable one, is an issue of the
 * returned {@link ImportResult}.
 */
public final class BankImporter {

    private final ImportLimits limits;
    private final Map<String, Supplier<BankReader>> readers;

    /** An importer with {@link ImportLimits#defaults()}. */
    public BankImporter() {
        this(ImportLimits.defaults());
    }

    public BankImporter(ImportLimits limits) {
        this.limits = limits;
        this.readers = readers();
    }

    /**
     * The reader of each extension (lower case, without dot); every format is registered here and nowhere else.
     * A reader is made per import, so readers need not be thread-safe.
     */
    static Map<String, Supplier<BankReader>> readers() {
        Map<String, Supplier<BankReader>> byExtension = new TreeMap<>();
        byExtension.put("json", JsonBankReader::new);
        byExtension.put("xlsx", XlsxBankReader::new);
        // QTI 2.1/3.0: a bare assessment item, or an IMS content package holding items and their resources.
        byExtension.put("xml", QtiBankReader::new);
        byExtension.put("zip", QtiBankReader::new);
        return Map.copyOf(byExtension);
    }

    /** The file extensions this importer reads, e.g. for an upload form's accept list. */
    public List<String> supportedExtensions() {
        return readers.keySet().stream().sorted().toList();
    }

    /** Imports a file from disk; its size is checked before it is read. */
    public ImportResult importFile(Path path) {
        return importFile(path, ImportContext.none());
    }

    /** Imports a file from disk, items lacking tags or difficulty taking them from {@code context}. */
    public ImportResult importFile(Path path, ImportContext context) {
        String fileName = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        Optional<BankReader> reader = readerFor(fileName);
        if (reader.isEmpty()) {
            return unsupported(fileName);
        }
        byte[] content;
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                return tooLarge(fileName, size);
            }
            content = readAtMost(path, limits.maxFileBytes());
        } catch (NoSuchFileException e) {
            return rejected(fileName, Rule.UNREADABLE_FILE, "the file does not exist");
        } catch (IOException e) {
            return rejected(fileName, Rule.UNREADABLE_FILE, "the file cannot be read: " + e);
        }
        if (content == null) {
            return tooLarge(fileName, -1);
        }
        return read(reader.get(), fileName, content, context);
    }

    /** Imports an uploaded file's bytes; {@code fileName} picks the format and appears in every location. */
    public ImportResult importBytes(String fileName, byte[] content) {
        return importBytes(fileName, content, ImportContext.none());
    }

    /** Like {@link #importBytes(String, byte[])}, items lacking tags or difficulty taking them from {@code context}. */
    public ImportResult importBytes(String fileName, byte[] content, ImportContext context) {
        Optional<BankReader> reader = readerFor(fileName);
        if (reader.isEmpty()) {
            return unsupported(fileName);
        }
        if (content.length > limits.maxFileBytes()) {
            return tooLarge(fileName, content.length);
        }
        return read(reader.get(), fileName, content, context);
    }

    private ImportResult read(BankReader reader, String fileName, byte[] content, ImportContext context) {
        ParsedBank parsed;
        try {
            parsed = reader.read(fileName, content, limits);
        } catch (IOException e) {
            return rejected(fileName, Rule.UNREADABLE_FILE, "the file cannot be read: " + e);
        }
        return new Validator(limits).validate(Defaults.apply(parsed, context));
    }

    private Optional<BankReader> readerFor(String fileName) {
        return extension(fileName).map(readers::get).map(Supplier::get);
    }

    /** The file may grow between the size check and the read; never hold more than the limit. */
    private static byte[] readAtMost(Path path, long maxBytes) throws IOException {
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] content = in.readNBytes(cap);
            return in.read() == -1 ? content : null;
        }
    }

    private static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private ImportResult unsupported(String fileName) {
        return rejected(fileName, Rule.UNSUPPORTED_FORMAT, "cannot import \"" + fileName + "\": the file name must end"
                + " in one of " + String.join(", ", supportedExtensions().stream().map(e -> "." + e).toList()));
    }

    private ImportResult tooLarge(String fileName, long size) {
        return rejected(fileName, Rule.FILE_TOO_LARGE, (size < 0 ? "the file is larger than"
                : "the file has " + size + " bytes, more than") + " the " + limits.maxFileBytes() + " bytes accepted");
    }

    private static ImportResult rejected(String fileName, Rule rule, String message) {
        return new ImportResult(Optional.empty(), List.of(Issue.error(Location.file(fileName), rule, message)));
    }
}
