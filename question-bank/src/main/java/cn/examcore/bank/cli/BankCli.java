package cn.examcore.bank.cli;

import cn.examcore.bank.assembly.AssemblyException;
import cn.examcore.bank.assembly.AssemblyIndex;
import cn.examcore.bank.assembly.AssemblyProblem;
import cn.examcore.bank.assembly.Blueprint;
import cn.examcore.bank.assembly.BlueprintJson;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.io.ImportContext;
import cn.examcore.bank.io.json.JsonBankWriter;
import cn.examcore.bank.io.qti.QtiPackageWriter;
import cn.examcore.bank.io.xlsx.XlsxTemplate;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.validate.ImportResult;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The administrator's command line (题库工具): validate a bank file, convert it to the native JSON format or export
 * it as a QTI package, write the blank Excel template, and assemble papers from a bank and a blueprint.
 *
 * <p>Exit status: {@value #OK} on success, {@value #INVALID} when the input has errors (each printed on one line,
 * location first), {@value #USAGE} for a usage error (unknown command, missing argument, bad number), with the
 * usage text on stderr. Warnings are printed but do not fail a command. Output is UTF-8.
 */
public final class BankCli {

    /** Exit status: the command did what was asked. */
    public static final int OK = 0;
    /** Exit status: the input (bank, blueprint, output path) has errors, printed one per line. */
    public static final int INVALID = 1;
    /** Exit status: the command line itself is wrong; the usage text went to stderr. */
    public static final int USAGE = 2;

    /** A generous cap that still keeps a typo like --count 1000000000 from filling the disk. */
    static final int MAX_COUNT = 100_000;

    private static final String LOG4J_FACTORY = "log4j2.loggerContextFactory";

    private static final Set<String> ASSEMBLE_OPTIONS = Set.of("--bank", "--blueprint", "--seed", "--count");

    private final BankImporter importer;

    /** A CLI importing with the default limits. */
    public BankCli() {
        this(new BankImporter());
    }

    BankCli(BankImporter importer) {
        this.importer = importer;
    }

    public static void main(String[] args) {
        // POI logs through log4j-api without a backend, which prints a "could not find a logging implementation"
        // line on every run; the API's own simple logger (errors only, to stderr) keeps real problems visible.
        if (System.getProperty(LOG4J_FACTORY) == null) {
            System.setProperty(LOG4J_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        // JSON is UTF-8 by definition, and the messages carry Chinese names; do not leave either to the locale.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = new BankCli().run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs one command.
     *
     * @return the exit status: {@link #OK}, {@link #INVALID} or {@link #USAGE}
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "no command given");
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (command) {
                case "validate" -> validate(rest, out, err);
                case "convert" -> convert(rest, out, err);
                case "template" -> template(rest, out, err);
                case "export" -> export(rest, out, err);
                case "assemble" -> assemble(rest, out, err);
                case "help", "--help", "-h" -> {
                    out.print(usageText());
                    yield OK;
                }
                default -> usage(err, "unknown command \"" + command + "\"");
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (InvalidPathException e) {
            return usage(err, "not a usable file name: " + e.getMessage());
        }
    }

    /** Import defaults for content that carries no tags of its own (a QTI package from another tool). */
    private static final List<String> CONTEXT_OPTIONS = List.of("--occupation", "--level", "--subject",
            "--difficulty");

    /** The positional arguments of an importing command, and the import defaults its options give. */
    private record ImportArgs(List<String> files, ImportContext context) {
    }

    private static ImportArgs importArgs(List<String> args, String command) {
        Map<String, String> options = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                files.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!CONTEXT_OPTIONS.contains(name)) {
                throw new UsageException(command + ": unknown option \"" + name + "\"");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(arg + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new UsageException(command + ": " + name + " given twice");
            }
        }
        try {
            return new ImportArgs(files, ImportContext.parse(options.get("--occupation"), options.get("--level"),
                    options.get("--subject"), options.get("--difficulty")));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }

    private int validate(List<String> rawArgs, PrintStream out, PrintStream err) {
        ImportArgs parsed = importArgs(rawArgs, "validate");
        Path file = Path.of(single(parsed.files(), "validate", "FILE"));
        ImportResult result = importer.importFile(file, parsed.context());
        for (Issue issue : result.issues()) {
            out.println(issue.line());
        }
        out.println(summary(result));
        return result.accepted() ? OK : INVALID;
    }

    private int convert(List<String> rawArgs, PrintStream out, PrintStream err) {
        ImportArgs parsed = importArgs(rawArgs, "convert");
        List<String> args = parsed.files();
        if (args.size() != 2) {
            throw new UsageException("convert takes IN and OUT.json, got " + describe(args));
        }
        Path in = Path.of(args.get(0));
        Path target = Path.of(args.get(1));
        requireExtension(target, ".json", "convert");
        ImportResult result = importer.importFile(in, parsed.context());
        result.issues().forEach(i -> err.println(i.line()));
        if (!result.accepted()) {
            err.println(summary(result) + "; nothing written");
            return INVALID;
        }
        Bank bank = result.bank().orElseThrow();
        try {
            writeAtomically(target, stream -> new JsonBankWriter().write(bank, stream));
        } catch (IOException e) {
            err.println(target + ": cannot write: " + reason(e));
            return INVALID;
        }
        out.println("converted " + bank.items().size() + " items from " + in + " to " + target
                + warningsNote(result));
        return OK;
    }

    private int export(List<String> args, PrintStream out, PrintStream err) {
        String versionText = null;
        // Everything but --qti is what an importing command takes: the files and the import defaults, so that
        // content from another tool can leave as QTI of the other version in one step.
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--qti=")) {
                versionText = arg.substring("--qti=".length());
            } else if (arg.equals("--qti")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--qti needs a value");
                }
                versionText = args.get(++i);
            } else {
                rest.add(arg);
            }
        }
        ImportArgs parsed = importArgs(rest, "export");
        List<String> files = parsed.files();
        if (versionText == null) {
            throw new UsageException("export needs --qti 2.1 or --qti 3.0");
        }
        String given = versionText;
        QtiPackageWriter.Version version = QtiPackageWriter.Version.parse(given).orElseThrow(
                () -> new UsageException("--qti \"" + given + "\" is not 2.1 or 3.0"));
        if (files.size() != 2) {
            throw new UsageException("export takes IN and OUT.zip, got " + describe(files));
        }
        Path in = Path.of(files.get(0));
        Path target = Path.of(files.get(1));
        requireExtension(target, ".zip", "export");
        ImportResult result = importer.importFile(in, parsed.context());
        result.issues().forEach(i -> err.println(i.line()));
        if (!result.accepted()) {
            err.println(summary(result) + "; nothing written");
            return INVALID;
        }
        Bank bank = result.bank().orElseThrow();
        QtiPackageWriter.Export[] export = new QtiPackageWriter.Export[1];
        try {
            writeAtomically(target, stream -> export[0] = new QtiPackageWriter(version).write(bank, stream));
        } catch (IOException e) {
            err.println(target + ": cannot write: " + reason(e));
            return INVALID;
        }
        // Left-out items are not an error (the rest of the bank is useful as QTI), but never silent.
        export[0].skipped().forEach(s -> err.println(in + ": item " + s.itemId() + ": warning not-exported: "
                + s.reason()));
        out.println("exported " + export[0].items() + " items from " + in + " to " + target + " as QTI "
                + version.label() + (export[0].skipped().isEmpty() ? ""
                : "; " + export[0].skipped().size() + " left out (listed above)"));
        return OK;
    }

    private int template(List<String> args, PrintStream out, PrintStream err) {
        Path target = Path.of(single(args, "template", "OUT.xlsx"));
        requireExtension(target, ".xlsx", "template");
        try {
            writeAtomically(target, XlsxTemplate::write);
        } catch (IOException e) {
            err.println(target + ": cannot write: " + reason(e));
            return INVALID;
        }
        out.println("wrote the blank bank template to " + target);
        return OK;
    }

    private int assemble(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        boolean forms = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--forms")) {
                forms = true;
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (ASSEMBLE_OPTIONS.contains(arg)) {
                if (i + 1 >= args.size() || ASSEMBLE_OPTIONS.contains(args.get(i + 1))
                        || args.get(i + 1).equals("--forms")) {
                    throw new UsageException(arg + " needs a value");
                }
                value = args.get(++i);
            } else if (arg.startsWith("--")) {
                throw new UsageException("assemble: unknown option \"" + arg + "\"");
            } else {
                throw new UsageException("assemble: unexpected argument \"" + arg + "\"");
            }
            if (!ASSEMBLE_OPTIONS.contains(name)) {
                throw new UsageException("assemble: unknown option \"" + name + "\"");
            }
            if (options.put(name, value) != null) {
                throw new UsageException("assemble: " + name + " given twice");
            }
        }
        for (String required : List.of("--bank", "--blueprint", "--seed")) {
            if (!options.containsKey(required)) {
                throw new UsageException("assemble needs " + required);
            }
        }
        long seed = parseLong("--seed", options.get("--seed"));
        int count = options.containsKey("--count") ? parseCount(options.get("--count")) : 1;
        if (!forms && count > 1 && seed > Long.MAX_VALUE - (count - 1)) {
            throw new UsageException("--seed " + seed + " with --count " + count + " runs past the largest seed "
                    + Long.MAX_VALUE);
        }

        ImportResult imported = importer.importFile(Path.of(options.get("--bank")));
        imported.issues().forEach(i -> err.println(i.line()));
        if (!imported.accepted()) {
            err.println(summary(imported));
            return INVALID;
        }
        Path blueprintFile = Path.of(options.get("--blueprint"));
        Blueprint blueprint;
        try {
            blueprint = BlueprintJson.read(blueprintFile);
        } catch (NoSuchFileException e) {
            err.println(blueprintFile + ": the file does not exist");
            return INVALID;
        } catch (IOException e) {
            err.println(blueprintFile + ": cannot read: " + reason(e));
            return INVALID;
        } catch (AssemblyException e) {
            return printProblems(e, err);
        }
        try {
            AssemblyIndex index = AssemblyIndex.of(imported.bank().orElseThrow(), blueprint);
            if (forms) {
                PaperJson.write(index.assembleForms(seed, count), out);
            } else {
                // The first paper is drawn before anything is printed, so the usual failures leave stdout empty;
                // the rest stream out one by one rather than piling up in memory.
                Paper first = index.assemble(seed, 0);
                try (JsonGenerator json = PaperJson.start(out)) {
                    PaperJson.write(json, first);
                    for (int k = 1; k < count; k++) {
                        PaperJson.write(json, index.assemble(seed + k, 0));
                    }
                    PaperJson.end(json);
                }
            }
        } catch (AssemblyException e) {
            return printProblems(e, err);
        } catch (IOException e) {
            err.println("cannot write the papers: " + reason(e));
            return INVALID;
        }
        return OK;
    }

    private static int printProblems(AssemblyException e, PrintStream err) {
        e.problems().stream().map(AssemblyProblem::line).forEach(err::println);
        return INVALID;
    }

    /** "accepted: 120 items, 0 errors, 2 warnings" or "rejected: 3 errors, 1 warning". */
    static String summary(ImportResult result) {
        String counts = plural(result.errors().size(), "error") + ", " + plural(result.warnings().size(), "warning");
        return result.bank()
                .map(b -> "accepted: " + plural(b.items().size(), "item") + ", " + counts)
                .orElse("rejected: " + counts);
    }

    private static String warningsNote(ImportResult result) {
        int w = result.warnings().size();
        return w == 0 ? "" : " (" + plural(w, "warning") + ")";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String single(List<String> args, String command, String what) {
        if (args.size() != 1) {
            throw new UsageException(command + " takes one " + what + ", got " + describe(args));
        }
        return args.get(0);
    }

    private static String describe(List<String> args) {
        return args.isEmpty() ? "none" : args.size() + " argument" + (args.size() == 1 ? "" : "s") + " " + args;
    }

    private static void requireExtension(Path target, String extension, String command) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(extension) || name.length() == extension.length()) {
            throw new UsageException(command + " writes a " + extension + " file; \"" + target + "\" does not end in "
                    + extension);
        }
    }

    private static long parseLong(String option, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, got \"" + text + "\"");
        }
    }

    private static int parseCount(String text) {
        long n = parseLong("--count", text);
        if (n < 1 || n > MAX_COUNT) {
            throw new UsageException("--count must be 1 to " + MAX_COUNT + ", got " + n);
        }
        return (int) n;
    }

    /** Writes to a temporary file beside the target and moves it into place, so a failure leaves no half file. */
    private static void writeAtomically(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                content.write(stream);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory " + n.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.print(usageText());
        return USAGE;
    }

    String usageText() {
        String formats = String.join(", ", importer.supportedExtensions().stream().map(e -> "." + e).toList());
        return """
                usage: java -jar question-bank.jar COMMAND [ARGUMENTS]

                commands:
                  validate FILE          check a bank file (%s) and list every problem, then a summary
                  convert IN OUT.json    import a bank file and write it in the native JSON format
                  template OUT.xlsx      write the blank Excel template for administrators to fill in
                  export --qti 2.1|3.0 IN OUT.zip
                                         write a bank as an IMS content package of QTI items; items
                                         QTI cannot carry unchanged are left out and listed
                  assemble --bank FILE --blueprint FILE --seed N [--count K] [--forms]
                                         print K papers (default 1) as a JSON array, keys included:
                                         papers of seeds N, N+1 … N+K-1 (one per candidate), or with
                                         --forms K item-disjoint parallel forms of seed N
                  help                   show this text

                validate, convert and export take import defaults for items that do not give their own
                (content from another tool); each value used is reported at the item:
                  --occupation NAME  --level 1-5|四级…  --subject 理论知识|操作技能  --difficulty 1-5|易…

                exit status: 0 success, 1 the input has errors (one per line, location first), 2 usage error
                """.formatted(formats);
    }

    @FunctionalInterface
    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
