package cn.examcore.bank.bench;

import cn.examcore.bank.assembly.TestBanks;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.validate.ImportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Importing a 20,000-item Excel bank through {@link BankImporter} (read, parse, validate), the way an
 * administrator's upload goes. Target: under 5 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
// POI logs through log4j-api; naming its built-in simple backend keeps a "no logging implementation" line out of
// the results without adding a dependency.
@Fork(value = 1, jvmArgsAppend = "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory")
public class ImportBenchmark {

    static final int ITEMS = 20_000;

    private Path file;
    private BankImporter importer;

    @Setup(Level.Trial)
    public void writeBank() throws IOException {
        // Every item type in equal parts, rounded so the total is exactly ITEMS.
        Map<ItemType, Integer> counts = new EnumMap<>(ItemType.class);
        ItemType[] types = ItemType.values();
        for (int i = 0; i < types.length; i++) {
            counts.put(types[i], ITEMS / types.length + (i < ITEMS % types.length ? 1 : 0));
        }
        Bank bank = TestBanks.bank(2026, counts, 0);
        file = Files.createTempFile("bench-bank-", ".xlsx");
        Files.write(file, XlsxBankFile.bytes(bank));
        importer = new BankImporter();
        ImportResult check = importer.importFile(file);
        if (!check.accepted() || check.bank().orElseThrow().items().size() != ITEMS) {
            throw new IllegalStateException("the generated bank does not import cleanly: " + check.issues().stream()
                    .limit(5).map(i -> i.line()).toList());
        }
    }

    @TearDown(Level.Trial)
    public void deleteBank() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public ImportResult importXlsx20k() {
        return importer.importFile(file);
    }
}
