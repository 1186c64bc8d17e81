package cn.examcore.bank.io.qti;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Hostile QTI files are refused without being processed")
class QtiSecurityTest {

    private final QtiBankReader reader = new QtiBankReader();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"attacks/xxe-file.xml", "attacks/xxe-remote-dtd.xml", "attacks/billion-laughs.xml"})
    @DisplayName("a DOCTYPE (external entity, remote DTD, entity expansion) is refused as unsafe XML")
    void doctypeIsRefused(String sample) {
        ParsedBank bank = reader.read("item.xml", QtiSamples.resource(sample), ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSAFE_XML);
            assertThat(issue.location().file()).isEqualTo("item.xml");
            assertThat(issue.message()).contains("DOCTYPE").contains("line 2");
            // Nothing of the file the entity names leaks into the report.
            assertThat(issue.message()).doesNotContain("root:");
        });
    }

    @Test
    @DisplayName("an XXE attempt inside a package member is refused at that member")
    void xxeInPackage() {
        byte[] zip = QtiSamples.onePackage(QtiSamples.text("attacks/xxe-file.xml"), Map.of());

        ParsedBank bank = reader.read("pkg.zip", zip, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).extracting(Issue::rule, i -> i.location().file())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.UNSAFE_XML, "pkg.zip!items/q1.xml"));
    }

    @Test
    @DisplayName("XML that is not well-formed is malformed, with line and column")
    void malformedXml() {
        byte[] xml = "<assessmentItem identifier=\"Q\">\n<itemBody>\n</assessmentItem>"
                .getBytes(StandardCharsets.UTF_8);

        ParsedBank bank = reader.read("bad.xml", xml, ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.MALFORMED);
            assertThat(issue.message()).contains("line 3");
        });
    }

    @Test
    @DisplayName("an archive entry named ../something is refused as an unsafe path")
    void zipSlipEntry() {
        byte[] zip = QtiSamples.onePackage(QtiSamples.item(""), Map.of("../../tmp/evil.sh", new byte[] {1}));

        ParsedBank bank = reader.read("pkg.zip", zip, ImportLimits.defaults());

        assertThat(bank.items()).isEmpty();
        assertThat(bank.readIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.rule()).isEqualTo(Rule.UNSAFE_PATH);
            assertThat(issue.message()).contains("../../tmp/evil.sh");
        });
    }

    @Test
    @DisplayName("a file named .zip that is not a zip archive is refused")
    void notAZip() {
        ParsedBank bank = reader.read("pkg.zip", "not a zip".getBytes(StandardCharsets.UTF_8), ImportLimits.defaults());

        assertThat(bank.readIssues()).singleElement()
                .satisfies(issue -> assertThat(issue.rule()).isEqualTo(Rule.UNSUPPORTED_FORMAT));
    }
}
