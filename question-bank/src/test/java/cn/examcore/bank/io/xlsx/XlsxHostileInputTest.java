package cn.examcore.bank.io.xlsx;

import static cn.examcore.bank.io.xlsx.XlsxRoundTripTest.onePerType;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.io.format.ZipGuard;
import cn.examcore.bank.io.format.Zips;
import cn.examcore.bank.report.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile or wrong files named .xlsx are refused with a clear reason and produce no items")
class XlsxHostileInputTest {

    private final XlsxBankReader reader = new XlsxBankReader();

    @Test
    @DisplayName("a legacy .xls workbook is refused, telling the administrator to save it as .xlsx")
    void legacyXlsIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HSSFWorkbook xls = new HSSFWorkbook()) {
            xls.createSheet(XlsxTemplate.ITEMS_SHEET);
            xls.write(out);
        }

        ParsedBank bank = reader.read("old.xlsx", out.toByteArray(), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_FORMAT);
            assertThat(issue.location().file()).isEqualTo("old.xlsx");
            assertThat(issue.message()).contains(".xls").contains("save it as .xlsx");
        });
    }

    @Test
    @DisplayName("a text file named .xlsx is refused as not a zip archive")
    void textFileIsRefused() throws Exception {
        byte[] csv = "题号,题型\nQ1,单选\n".getBytes(StandardCharsets.UTF_8);

        ParsedBank bank = reader.read("bank.xlsx", csv, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_FORMAT);
            assertThat(issue.message()).contains("not an .xlsx");
        });
    }

    @Test
    @DisplayName("a zip that is not a workbook is refused as unreadable")
    void zipWithoutWorkbookIsUnreadable() throws Exception {
        byte[] zip = zip("readme.txt", "hello".getBytes(StandardCharsets.UTF_8));

        ParsedBank bank = reader.read("bank.xlsx", zip, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement()
                .satisfies(issue -> assertThat(issue.rule()).isEqualTo(Rule.UNREADABLE_FILE));
    }

    @Test
    @DisplayName("a truncated workbook is refused as unreadable")
    void truncatedWorkbookIsUnreadable() throws Exception {
        byte[] whole = Workbooks.filled(onePerType());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        ParsedBank bank = reader.read("bank.xlsx", truncated, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement()
                .satisfies(issue -> assertThat(issue.rule()).isEqualTo(Rule.UNREADABLE_FILE));
    }

    @Test
    @DisplayName("a zip bomb posing as a workbook is refused before POI opens it")
    void zipBombIsRefused() throws Exception {
        // 8 MiB of zeros deflate to a few KiB: a ratio of roughly 1000, far above the limit of 200.
        byte[] bomb = zip("xl/worksheets/sheet1.xml", new byte[8 << 20]);

        ParsedBank bank = reader.read("bomb.xlsx", bomb, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.ARCHIVE_TOO_LARGE);
            assertThat(issue.location().place()).isEqualTo("entry xl/worksheets/sheet1.xml");
            assertThat(issue.message()).contains("200 times");
        });
    }

    @Test
    @DisplayName("a real workbook larger than the uncompressed limit, or with more entries than allowed, is refused")
    void archiveLimitsApplyToRealWorkbooks() throws Exception {
        byte[] workbook = Workbooks.filled(onePerType());
        ImportLimits tinyTotal = new ImportLimits(64L << 20, 4_096, 20_000, 200, 200_000, 20_000);
        ImportLimits fewEntries = new ImportLimits(64L << 20, 512L << 20, 3, 200, 200_000, 20_000);

        assertThat(reader.read("bank.xlsx", workbook, tinyTotal).readIssues()).singleElement()
                .satisfies(issue -> {
                    assertThat(issue.rule()).isEqualTo(Rule.ARCHIVE_TOO_LARGE);
                    assertThat(issue.message()).contains("4096 bytes");
                });
        assertThat(reader.read("bank.xlsx", workbook, fewEntries).readIssues()).singleElement()
                .satisfies(issue -> {
                    assertThat(issue.rule()).isEqualTo(Rule.ARCHIVE_TOO_LARGE);
                    assertThat(issue.message()).contains("more than 3 entries");
                });
    }

    @Test
    @DisplayName("an entry name that climbs out of the archive is refused as an unsafe path")
    void zipSlipIsRefused() throws Exception {
        byte[] zip = zip("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8));

        ParsedBank bank = reader.read("bank.xlsx", zip, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSAFE_PATH);
            assertThat(issue.message()).contains("../../etc/cron.d/evil");
        });
    }

    @Test
    @DisplayName("the guard extracts entries whose names a Chinese Windows zip tool wrote in GBK")
    void gbkEntryNamesAreRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, java.nio.charset.Charset.forName("GBK"))) {
            zip.putNextEntry(new ZipEntry("图片/示意图.png"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        byte[] bytes = out.toByteArray();
        // Proof the names are not UTF-8: the JDK's strict UTF-8 reading rejects them.
        try (ZipInputStream utf8 = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(utf8::getNextEntry)
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(ZipGuard.extract("pkg.zip", bytes, ImportLimits.defaults()))
                .containsOnlyKeys("图片/示意图.png")
                .hasEntrySatisfying("图片/示意图.png", content -> assertThat(content).containsExactly(1, 2, 3));
    }

    static byte[] zip(String name, byte[] content) {
        return Zips.zip(name, content);
    }
}
