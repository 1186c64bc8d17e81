package cn.examcore.bank.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.json.JsonBankWriter;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.validate.BankFixtures;
import cn.examcore.bank.validate.ImportResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("BankImporter")
class BankImporterTest {

    private static final Bank BANK = BankFixtures.bank(BankFixtures.oneOfEachType());
    private static final byte[] JSON = new JsonBankWriter().toBytes(BANK);

    @TempDir
    Path dir;

    @Test
    @DisplayName("a .json file is read by the native reader and validated")
    void importsJson() throws IOException {
        Path file = Files.write(dir.resolve("hr4.json"), JSON);

        ImportResult fromFile = new BankImporter().importFile(file);
        ImportResult fromBytes = new BankImporter().importBytes("HR4.JSON", JSON);

        assertThat(fromFile.issues()).isEmpty();
        assertThat(fromFile.bank().orElseThrow().items()).isEqualTo(BANK.items());
        assertThat(fromBytes.bank().orElseThrow().items()).isEqualTo(BANK.items());
    }

    @Test
    @DisplayName("validation runs after reading: a broken item rejects the bank with its JSON pointer")
    void validatesAfterReading() {
        String broken = new String(JSON, StandardCharsets.UTF_8).replace("\"key\" : false", "\"key\" : null");

        ImportResult result = new BankImporter().importBytes("hr4.json", broken.getBytes(StandardCharsets.UTF_8));

        assertThat(result.bank()).isEmpty();
        assertThat(result.issues()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.MISSING_KEY, new Location("hr4.json", "/items/2/key")));
    }

    @Test
    @DisplayName("an unknown or missing extension is an unsupported format naming the accepted ones")
    void unsupportedFormat() {
        ImportResult csv = new BankImporter().importBytes("bank.csv", JSON);
        ImportResult none = new BankImporter().importBytes("bank", JSON);

        assertThat(csv.issues()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.UNSUPPORTED_FORMAT, Location.file("bank.csv")));
        assertThat(csv.issues().get(0).message()).contains("bank.csv", ".json", ".xlsx");
        assertThat(none.issues()).extracting(Issue::rule).containsExactly(Rule.UNSUPPORTED_FORMAT);
        assertThat(csv.accepted()).isFalse();
    }

    @Test
    @DisplayName("an .xlsx file goes to the Excel reader")
    void xlsxGoesToTheExcelReader() {
        ImportResult result = new BankImporter().importBytes("bank.xlsx", JSON);

        assertThat(result.accepted()).isFalse();
        assertThat(result.issues()).isNotEmpty().extracting(Issue::message)
                .noneMatch(message -> message.contains("the file name must end in"))
                .noneMatch(message -> message.contains("JSON"));
    }

    @Test
    @DisplayName(".xml and .zip files go to the QTI reader")
    void xmlAndZipGoToTheQtiReader() {
        ImportResult xml = new BankImporter().importBytes("item.xml", JSON);
        ImportResult zip = new BankImporter().importBytes("package.zip", JSON);

        for (ImportResult result : List.of(xml, zip)) {
            assertThat(result.accepted()).isFalse();
            assertThat(result.issues()).isNotEmpty().extracting(Issue::message)
                    .noneMatch(message -> message.contains("the file name must end in"));
        }
        assertThat(new BankImporter().supportedExtensions()).containsExactly("json", "xlsx", "xml", "zip");
    }

    @Test
    @DisplayName("bytes over the size limit are refused before any reader sees them")
    void tooLargeBytes() {
        ImportLimits limits = new ImportLimits(JSON.length - 1, 1 << 20, 10, 10, 100, 20_000);

        ImportResult result = new BankImporter(limits).importBytes("hr4.json", JSON);

        assertThat(result.issues()).extracting(Issue::rule, Issue::location)
                .containsExactly(tuple(Rule.FILE_TOO_LARGE, Location.file("hr4.json")));
        assertThat(result.issues().get(0).message()).contains(String.valueOf(JSON.length));
    }

    @Test
    @DisplayName("a file over the size limit is refused by its size, and one exactly at the limit is read")
    void tooLargeFile() throws IOException {
        Path file = Files.write(dir.resolve("hr4.json"), JSON);
        ImportLimits under = new ImportLimits(JSON.length - 1, 1 << 20, 10, 10, 100, 20_000);
        ImportLimits exact = new ImportLimits(JSON.length, 1 << 20, 10, 10, 100, 20_000);

        ImportResult refused = new BankImporter(under).importFile(file);
        ImportResult read = new BankImporter(exact).importFile(file);

        assertThat(refused.issues()).extracting(Issue::rule).containsExactly(Rule.FILE_TOO_LARGE);
        assertThat(read.accepted()).isTrue();
    }

    @Test
    @DisplayName("a missing file or a directory is an unreadable file, not an exception")
    void unreadable() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("folder.json"));

        ImportResult missing = new BankImporter().importFile(dir.resolve("nowhere.json"));
        ImportResult folder = new BankImporter().importFile(directory);

        assertThat(missing.issues()).extracting(Issue::rule, Issue::location, Issue::message)
                .containsExactly(tuple(Rule.UNREADABLE_FILE, Location.file("nowhere.json"), "the file does not exist"));
        assertThat(folder.issues()).extracting(Issue::rule).containsExactly(Rule.UNREADABLE_FILE);
    }
}
