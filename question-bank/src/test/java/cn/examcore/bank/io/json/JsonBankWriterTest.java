package cn.examcore.bank.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.validate.BankFixtures;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.bank.validate.Validator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonBankWriter")
class JsonBankWriterTest {

    private static final ImportLimits LIMITS = ImportLimits.defaults();

    /** Every item type, with the optional fields both set and unset somewhere. */
    private static Bank richBank() {
        List<Item> items = new ArrayList<>(BankFixtures.oneOfEachType());
        items.add(BankFixtures.singleChoice("HR4-T-0100").shuffle(false).key("D")
                .stem("<p>Quote \"marks\" &amp; ampersands, &lt;tags&gt; and 中文「引号」</p>")
                .explanation("<p>解析: <b>D</b></p>").build());
        items.add(BankFixtures.multipleChoice("HR4-T-0101").rule(null).key("D", "B", "A").score("0.25").build());
        items.add(BankFixtures.fillIn("HR4-T-0102").knowledgePoint(null).difficulty(5)
                .blanks(new Blank(List.of("3.14", "π"), null), new Blank(List.of("1,000"), new BigDecimal("0.000")))
                .build());
        items.add(BankFixtures.trueFalse("HR4-T-0103").keyTrueFalse(true).score("10.00").build());
        byte[] binary = new byte[10_000];
        new Random(42).nextBytes(binary);
        Map<String, Resource> resources = new LinkedHashMap<>(BankFixtures.resources());
        resources.put("noise.bin", new Resource("noise.bin", "application/octet-stream", binary));
        resources.put("empty.txt", new Resource("empty.txt", "text/plain", new byte[0]));
        return new Bank("hr4-2026", "企业人力资源管理师 四级 2026", MultipleChoiceRule.PROPORTIONAL, items, resources);
    }

    private static ImportResult reimport(byte[] json) throws IOException {
        return new Validator(LIMITS).validate(new JsonBankReader().read("export.json", json, LIMITS));
    }

    @Test
    @DisplayName("export then import gives back every field of every item type, and every resource byte")
    void roundTrip() throws IOException {
        Bank original = richBank();

        ImportResult result = reimport(new JsonBankWriter().toBytes(original));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(Issue::rule).containsExactly(Rule.MISSING_KNOWLEDGE_POINT);
        Bank copy = result.bank().orElseThrow();
        assertThat(copy.id()).isEqualTo(original.id());
        assertThat(copy.title()).isEqualTo(original.title());
        assertThat(copy.defaultMultipleRule()).isEqualTo(original.defaultMultipleRule());
        assertThat(copy.items()).isEqualTo(original.items());
        assertThat(copy.resources()).containsOnlyKeys(original.resources().keySet());
        original.resources().forEach((name, resource) -> {
            assertThat(copy.resources().get(name).mediaType()).isEqualTo(resource.mediaType());
            assertThat(copy.resources().get(name).bytes()).isEqualTo(resource.bytes());
        });
    }

    @Test
    @DisplayName("the export is stable: same bank, same bytes; keys in option order; resources by name")
    void deterministicOutput() {
        Bank bank = richBank();

        byte[] first = new JsonBankWriter().toBytes(bank);
        byte[] second = new JsonBankWriter().toBytes(richBank());
        String text = new String(first, StandardCharsets.UTF_8);

        assertThat(second).isEqualTo(first);
        assertThat(text).contains("\"key\" : [ \"A\", \"B\", \"D\" ]")
                .contains("\"title\" : \"企业人力资源管理师 四级 2026\"")
                .contains("\"score\" : 2.50");
        assertThat(text.indexOf("\"name\" : \"chart.png\"")).isLessThan(text.indexOf("\"name\" : \"empty.txt\""));
        assertThat(text.indexOf("\"name\" : \"noise.bin\"")).isLessThan(text.indexOf("\"name\" : \"员工花名册.xlsx\""));
    }

    @Test
    @DisplayName("the documented example survives export and re-import unchanged")
    void documentedExampleRoundTrips() throws IOException {
        Bank imported = reimport(JsonBankReaderTest.documentedExample()).bank().orElseThrow();

        Bank again = reimport(new JsonBankWriter().toBytes(imported)).bank().orElseThrow();

        assertThat(again.items()).isEqualTo(imported.items());
        assertThat(again.resources().get("chart.png").bytes()).isEqualTo(imported.resources().get("chart.png").bytes());
    }
}
