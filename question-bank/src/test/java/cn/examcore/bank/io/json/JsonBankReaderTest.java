package cn.examcore.bank.io.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Bank;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import cn.examcore.bank.validate.ImportResult;
import cn.examcore.bank.validate.Validator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("JsonBankReader")
class JsonBankReaderTest {

    private static final String FILE = "bank.json";
    private static final ImportLimits LIMITS = ImportLimits.defaults();

    /** A valid true/false item as JSON, with fields replaced (value given as raw JSON) or removed (null). */
    static String trueFalse(String id, String... overrides) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "\"" + id + "\"");
        fields.put("type", "\"TRUE_FALSE\"");
        fields.put("stem", "\"<p>Statement " + id + "</p>\"");
        fields.put("key", "true");
        fields.put("score", "1");
        fields.put("knowledgePoint", "\"HR4-01-01\"");
        fields.put("difficulty", "2");
        fields.put("tags", "{\"occupation\": \"企业人力资源管理师\", \"level\": 4, \"subject\": \"THEORY\"}");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                fields.remove(overrides[i]);
            } else {
                fields.put(overrides[i], overrides[i + 1]);
            }
        }
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n    ", "{\n    ", "\n  }"));
    }

    static String singleChoice(String id, String... overrides) {
        List<String> all = new ArrayList<>(List.of("type", "\"SINGLE_CHOICE\"",
                "options", "[{\"id\": \"A\", \"html\": \"one\"}, {\"id\": \"B\", \"html\": \"two\"}]",
                "key", "[\"B\"]"));
        all.addAll(List.of(overrides));
        return trueFalse(id, all.toArray(String[]::new));
    }

    static String bank(String... items) {
        return "{\n  \"format\": \"examcore-bank/1\",\n  \"id\": \"b\",\n  \"items\": [\n  "
                + String.join(",\n  ", items) + "\n  ]\n}\n";
    }

    static ParsedBank read(String json) {
        return read(json, LIMITS);
    }

    static ParsedBank read(String json, ImportLimits limits) {
        try {
            return new JsonBankReader().read(FILE, json.getBytes(StandardCharsets.UTF_8), limits);
        } catch (IOException e) {
            throw new AssertionError("reading from memory cannot fail", e);
        }
    }

    static ImportResult importJson(String json) {
        return new Validator(LIMITS).validate(read(json));
    }

    static Location at(String place) {
        return new Location(FILE, place);
    }

    /** The complete example of the format's documentation (tests run in the module directory). */
    static byte[] documentedExample() throws IOException {
        String doc = Files.readString(Path.of("docs/bank-json.md"));
        int start = doc.indexOf("```json") + "```json".length();
        return doc.substring(start, doc.indexOf("```", start)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the complete example of docs/bank-json.md imports with no issue")
    void documentedExampleImports() throws IOException {
        ImportResult result = new Validator(LIMITS).validate(new JsonBankReader()
                .read("HR4-2026.json", documentedExample(), LIMITS));

        assertThat(result.issues()).isEmpty();
        Bank bank = result.bank().orElseThrow();
        assertThat(bank.id()).isEqualTo("HR4-2026");
        assertThat(bank.defaultMultipleRule()).isEqualTo(MultipleChoiceRule.PARTIAL_SUBSET);
        assertThat(bank.items()).extracting(Item::type).containsExactly(ItemType.values());
        Item multiple = bank.items().get(1);
        assertThat(multiple.correctOptions()).containsExactlyInAnyOrder("A", "C", "D");
        assertThat(multiple.multipleRule()).isEqualTo(MultipleChoiceRule.PROPORTIONAL);
        assertThat(multiple.score()).isEqualTo(new BigDecimal("2.5"));
        assertThat(multiple.tags().subject()).isEqualTo(Subject.THEORY);
        assertThat(bank.items().get(2).correctTrueFalse()).isFalse();
        assertThat(bank.items().get(3).blanks().get(0).tolerance()).isEqualTo(new BigDecimal("0.01"));
        assertThat(bank.items().get(6).operation().attachments()).containsExactly("roster.csv");
        assertThat(bank.resources().get("chart.png").bytes()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(new String(bank.resources().get("roster.csv").bytes(), StandardCharsets.UTF_8))
                .startsWith("序号,姓名");
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("type by enum name in any case or by Chinese name with or without 题")
        void typeNames() {
            ParsedBank parsed = read(bank(trueFalse("a", "type", "\"true_false\""),
                    trueFalse("b", "type", "\"判断\""), trueFalse("c", "type", "\"判断题\"")));

            assertThat(parsed.readIssues()).isEmpty();
            assertThat(parsed.items()).extracting(Item::type).containsOnly(ItemType.TRUE_FALSE).hasSize(3);
        }

        @Test
        @DisplayName("defaults: bank id from the file name, title from the id, all-or-nothing, choice options shuffled")
        void defaults() throws IOException {
            String json = "{\"format\": \"examcore-bank/1\", \"items\": [" + singleChoice("s") + ", "
                    + trueFalse("t") + "]}";

            ParsedBank parsed = new JsonBankReader().read("uploads/HR四级.json",
                    json.getBytes(StandardCharsets.UTF_8), LIMITS);

            assertThat(parsed.id()).isEqualTo("HR四级");
            assertThat(parsed.title()).isEqualTo("HR四级");
            assertThat(parsed.defaultMultipleRule()).isEqualTo(MultipleChoiceRule.ALL_OR_NOTHING);
            assertThat(parsed.items()).extracting(Item::shuffleOptions).containsExactly(true, false);
        }

        @Test
        @DisplayName("scores keep their exact decimals, and null reads as absent")
        void exactDecimalsAndNulls() {
            ParsedBank parsed = read(bank(trueFalse("a", "score", "2.50", "knowledgePoint", "null",
                    "explanation", "null")));

            Item item = parsed.items().get(0);
            assertThat(item.score()).isEqualTo(new BigDecimal("2.50"));
            assertThat(item.knowledgePoint()).isNull();
            assertThat(item.explanation()).isEmpty();
        }

        @Test
        @DisplayName("a UTF-8 byte-order mark is accepted")
        void byteOrderMark() throws IOException {
            byte[] json = ("\uFEFF" + bank(trueFalse("a"))).getBytes(StandardCharsets.UTF_8);

            ParsedBank parsed = new JsonBankReader().read(FILE, json, LIMITS);

            assertThat(parsed.readIssues()).isEmpty();
            assertThat(parsed.items()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("reports at the JSON pointer")
    class Pointers {

        @Test
        @DisplayName("a string where a number belongs, and leaves the item out")
        void wrongShape() {
            ParsedBank parsed = read(bank(trueFalse("a"), trueFalse("b", "score", "\"2\"")));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.INVALID_VALUE, at("/items/1/score")));
            assertThat(parsed.readIssues().get(0).message()).isEqualTo("expected a number, found the string \"2\"");
            assertThat(parsed.items()).extracting(Item::id).containsExactly("a");
        }

        @Test
        @DisplayName("every wrong shape in one item, not only the first")
        void everyWrongShape() {
            ParsedBank parsed = read(bank(trueFalse("a", "difficulty", "2.5", "tags",
                    "{\"occupation\": 7, \"level\": \"四\", \"subject\": \"物理\"}", "stem", "[]", "key", "\"yes\"")));

            assertThat(parsed.readIssues()).extracting(Issue::location).containsExactly(
                    at("/items/0/stem"), at("/items/0/key"), at("/items/0/difficulty"),
                    at("/items/0/tags/occupation"), at("/items/0/tags/level"), at("/items/0/tags/subject"));
            assertThat(parsed.readIssues()).extracting(Issue::message).containsExactly(
                    "expected a string, found an array",
                    "expected an array of option ids (choice items) or true/false (true/false items), found the"
                            + " string \"yes\"",
                    "expected a whole number, found the number 2.5",
                    "expected a string, found the number 7",
                    "expected a whole number, found the string \"四\"",
                    "unknown subject \"物理\"; use one of THEORY (理论知识), OPERATION (操作技能)");
        }

        @Test
        @DisplayName("a misspelt field, naming it and the fields allowed there")
        void unknownField() {
            ParsedBank parsed = read(bank(trueFalse("a", "stem", null, "stme", "\"<p>x</p>\"")));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.UNKNOWN_FIELD, at("/items/0/stme")));
            assertThat(parsed.readIssues().get(0).message()).contains("\"stme\"", "stem, options, key");
            assertThat(parsed.items()).isEmpty();
        }

        @Test
        @DisplayName("unknown fields of the bank, of options, of tags")
        void unknownFieldsEverywhere() {
            String json = "{\"format\": \"examcore-bank/1\", \"itmes\": [], \"items\": [" + singleChoice("a",
                    "options", "[{\"id\": \"A\", \"text\": \"one\"}, {\"id\": \"B\", \"html\": \"two\"}]",
                    "tags", "{\"occupation\": \"o\", \"level\": 4, \"subject\": \"THEORY\", \"lvl\": 3}") + "]}";

            ParsedBank parsed = read(json);

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location).containsExactly(
                    tuple(Rule.UNKNOWN_FIELD, at("/itmes")),
                    tuple(Rule.UNKNOWN_FIELD, at("/items/0/tags/lvl")),
                    tuple(Rule.UNKNOWN_FIELD, at("/items/0/options/0/text")));
        }

        @Test
        @DisplayName("an unknown item type, listing the types")
        void unknownType() {
            ParsedBank parsed = read(bank(trueFalse("a", "type", "\"单项\"")));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.UNKNOWN_TYPE, at("/items/0/type")));
            assertThat(parsed.readIssues().get(0).message()).contains("\"单项\"", "SINGLE_CHOICE (单选)");
        }

        @Test
        @DisplayName("an item without type")
        void missingType() {
            ParsedBank parsed = read(bank(trueFalse("a", "type", null)));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.MISSING_FIELD, at("/items/0/type")));
        }

        @Test
        @DisplayName("fields the item's type does not use")
        void fieldsThatDoNotFitTheType() {
            ParsedBank parsed = read(bank(
                    trueFalse("a", "key", "[\"A\"]"),
                    singleChoice("b", "key", "true"),
                    singleChoice("c", "blanks", "[]", "multipleRule", "\"PROPORTIONAL\""),
                    trueFalse("d", "type", "\"ESSAY\"", "rubric", "[{\"description\": \"x\", \"points\": 1}]"),
                    trueFalse("e", "shuffleOptions", "false", "operation", "{}")));

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsOnly(Rule.INVALID_VALUE);
            assertThat(parsed.readIssues()).extracting(Issue::location).containsExactly(
                    at("/items/0/key"), at("/items/1/key"), at("/items/2/multipleRule"), at("/items/2/blanks"),
                    at("/items/3/key"), at("/items/4/shuffleOptions"), at("/items/4/operation"));
            assertThat(parsed.readIssues().get(4).message()).isEqualTo("\"key\" is not used by ESSAY items");
            assertThat(parsed.items()).isEmpty();
        }

        @Test
        @DisplayName("an option id twice in the key")
        void keyTwice() {
            ParsedBank parsed = read(bank(singleChoice("a", "key", "[\"B\", \"B\"]")));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.INVALID_VALUE, at("/items/0/key")));
        }

        @Test
        @DisplayName("a null where an item belongs")
        void nullItem() {
            ParsedBank parsed = read(bank("null", trueFalse("b")));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.INVALID_VALUE, at("/items/0")));
            assertThat(parsed.items()).hasSize(1);
        }

        @Test
        @DisplayName("validation findings point at the item's place in the file, after left-out items")
        void validatorPointsAtFilePlaces() {
            ImportResult result = importJson(bank(trueFalse("a", "type", "\"单项\""), trueFalse("b", "score", null),
                    singleChoice("c", "key", "[\"Z\"]", "options",
                            "[{\"id\": \"A\", \"html\": \"one\"}, {\"id\": \"B\", \"html\": \"\"}]")));

            assertThat(result.issues()).extracting(Issue::rule, Issue::location).containsExactly(
                    tuple(Rule.UNKNOWN_TYPE, at("/items/0/type")),
                    tuple(Rule.MISSING_SCORE, at("/items/1/score")),
                    tuple(Rule.EMPTY_OPTION, at("/items/2/options/1")),
                    tuple(Rule.KEY_NOT_AN_OPTION, at("/items/2/key")));
        }
    }

    @Nested
    @DisplayName("resources")
    class Resources {

        @Test
        @DisplayName("are decoded from base64")
        void decoded() {
            ParsedBank parsed = read("{\"format\": \"examcore-bank/1\", \"items\": [], \"resources\": ["
                    + "{\"name\": \"a.bin\", \"mediaType\": \"application/octet-stream\", \"base64\": \"AAEC/w==\"}]}");

            assertThat(parsed.resources().get("a.bin").bytes()).containsExactly(0, 1, 2, 0xFF);
            assertThat(parsed.resources().get("a.bin").mediaType()).isEqualTo("application/octet-stream");
        }

        @Test
        @DisplayName("a repeated name, a missing field and a wrong shape are each reported once")
        void problems() {
            ParsedBank parsed = read("{\"format\": \"examcore-bank/1\", \"items\": [], \"resources\": ["
                    + "{\"name\": \"a\", \"mediaType\": \"text/plain\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"a\", \"mediaType\": \"text/plain\", \"base64\": \"Yg==\"},"
                    + "{\"name\": \"c\", \"base64\": \"Yw==\"},"
                    + "{\"name\": 4, \"mediaType\": \"text/plain\", \"base64\": \"ZA==\"}]}");

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location).containsExactly(
                    tuple(Rule.DUPLICATE_RESOURCE, at("/resources/1/name")),
                    tuple(Rule.MISSING_FIELD, at("/resources/2/mediaType")),
                    tuple(Rule.INVALID_VALUE, at("/resources/3/name")));
            assertThat(new String(parsed.resources().get("a").bytes(), StandardCharsets.US_ASCII)).isEqualTo("a");
            assertThat(parsed.resources()).containsOnlyKeys("a");
        }

        @Test
        @DisplayName("a type a browser runs as a page or script (SVG, HTML, XML, JavaScript) is refused, naming the "
                + "resource; raster images and document attachments pass")
        void activeContentRefused() {
            ParsedBank parsed = read("{\"format\": \"examcore-bank/1\", \"items\": [], \"resources\": ["
                    + "{\"name\": \"logo.svg\", \"mediaType\": \"image/svg+xml\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"page.html\", \"mediaType\": \"Text/HTML; charset=utf-8\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"feed\", \"mediaType\": \"application/atom+xml\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"x.js\", \"mediaType\": \"text/javascript\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"odd\", \"mediaType\": \"png\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"chart.png\", \"mediaType\": \"image/png\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"data.xlsx\", \"mediaType\": "
                    + "\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\", \"base64\": \"YQ==\"},"
                    + "{\"name\": \"brief.pdf\", \"mediaType\": \"application/pdf\", \"base64\": \"YQ==\"}]}");

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location).containsExactly(
                    tuple(Rule.UNSAFE_RESOURCE, at("/resources/0/mediaType")),
                    tuple(Rule.UNSAFE_RESOURCE, at("/resources/1/mediaType")),
                    tuple(Rule.UNSAFE_RESOURCE, at("/resources/2/mediaType")),
                    tuple(Rule.UNSAFE_RESOURCE, at("/resources/3/mediaType")),
                    tuple(Rule.INVALID_VALUE, at("/resources/4/mediaType")));
            assertThat(parsed.readIssues().get(0).message())
                    .startsWith("resource \"logo.svg\" is image/svg+xml, which a browser runs as a page or script");
            assertThat(parsed.readIssues().get(1).message()).startsWith("resource \"page.html\" is text/html,");
            assertThat(parsed.resources()).containsOnlyKeys("chart.png", "data.xlsx", "brief.pdf");
        }

        @Test
        @DisplayName("invalid base64 stops the read at its place")
        void invalidBase64() {
            ParsedBank parsed = read("{\"format\": \"examcore-bank/1\", \"items\": [], \"resources\": [\n"
                    + "{\"name\": \"a\", \"mediaType\": \"text/plain\", \"base64\": \"@@@@\"}]}");

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(parsed.readIssues().get(0).location().place()).startsWith("/resources/0/base64, line 2, ");
            assertThat(parsed.readIssues().get(0).message()).contains("base64");
        }
    }

    @Nested
    @DisplayName("the file as a whole")
    class WholeFile {

        @Test
        @DisplayName("malformed JSON is reported with line and column")
        void malformed() {
            ParsedBank parsed = read("{\n  \"format\": \"examcore-bank/1\",\n  \"items\": [\n    {\"id\": \"x\",, }\n");

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(parsed.readIssues().get(0).location().place()).isEqualTo("/items/0/id, line 4, column 16");
            assertThat(parsed.readIssues().get(0).message()).startsWith("the JSON cannot be read: ");
        }

        @Test
        @DisplayName("a field twice in one object is malformed")
        void duplicateField() {
            ParsedBank parsed = read(bank(trueFalse("a", "score", "1, \"score\": 2")));

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(parsed.readIssues().get(0).message()).contains("Duplicate field 'score'");
            assertThat(parsed.readIssues().get(0).location().place()).startsWith("/items/0").contains("line 10,");
        }

        @Test
        @DisplayName("content after the bank object is malformed")
        void trailingContent() {
            ParsedBank parsed = read(bank(trueFalse("a")) + "{}");

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(parsed.readIssues().get(0).message()).isEqualTo("unexpected content after the bank object");
        }

        @Test
        @DisplayName("an empty file, and a file that is not an object")
        void notAnObject() {
            assertThat(read(" \n").readIssues()).extracting(Issue::rule, Issue::message)
                    .containsExactly(tuple(Rule.MALFORMED, "the file is empty; a bank file is one JSON object"));
            assertThat(read("[1, 2]").readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(read("[1, 2]").readIssues().get(0).message()).endsWith("this one is an array");
        }

        @Test
        @DisplayName("bytes that are not UTF-8 text are malformed")
        void notText() throws IOException {
            byte[] content = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};

            ParsedBank parsed = new JsonBankReader().read(FILE, content, LIMITS);

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
        }

        @Test
        @DisplayName("another format, or none, is refused at /format; no items array is reported at /items")
        void formatAndItems() {
            assertThat(read("{\"format\": \"examcore-bank/2\", \"items\": []}").readIssues())
                    .extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.UNSUPPORTED_FORMAT, at("/format")));
            assertThat(read("{\"id\": \"x\"}").readIssues()).extracting(Issue::rule, Issue::location).containsExactly(
                    tuple(Rule.MISSING_FIELD, at("/format")), tuple(Rule.MISSING_FIELD, at("/items")));
        }
    }

    @Nested
    @DisplayName("hostile input")
    class Hostile {

        private final ImportLimits small = new ImportLimits(1 << 20, 1 << 20, 3, 10, 2, 1_000);

        @Test
        @DisplayName("deep nesting is refused, even inside a field that would be skipped")
        void deepNesting() {
            String deep = "[".repeat(10_000) + "]".repeat(10_000);

            ParsedBank parsed = read(bank(trueFalse("a", "x", deep)));

            assertThat(parsed.readIssues()).extracting(Issue::rule).containsExactly(Rule.UNKNOWN_FIELD, Rule.MALFORMED);
            assertThat(parsed.readIssues().get(0).location()).isEqualTo(at("/items/0/x"));
            assertThat(parsed.readIssues().get(1).location().place()).startsWith("/items/0/x/0/0/0/")
                    .contains(", line 14, column ");
            assertThat(parsed.readIssues().get(1).message()).contains("nesting depth", "(16");
        }

        @Test
        @DisplayName("a string longer than the text limit is refused at its place; one at the limit is read")
        void hugeString() {
            ParsedBank atLimit = read(bank(trueFalse("a", "stem", "\"" + "x".repeat(1_000) + "\"")), small);
            ParsedBank over = read(bank(trueFalse("a", "stem", "\"" + "x".repeat(1_001) + "\"")), small);

            assertThat(atLimit.readIssues()).isEmpty();
            assertThat(over.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(over.readIssues().get(0).location().place()).startsWith("/items/0/stem, line ");
            assertThat(over.readIssues().get(0).message()).contains("String value length", "1000");
        }

        @Test
        @DisplayName("a number of 100 digits is refused, one of 25 digits is out of range")
        void hugeNumbers() {
            ParsedBank refused = read(bank(trueFalse("a", "score", "1".repeat(100))));
            ParsedBank outOfRange = read(bank(trueFalse("a", "score", "1".repeat(25)),
                    trueFalse("b", "score", "1e400"), trueFalse("c", "difficulty", "3000000000")));

            assertThat(refused.readIssues()).extracting(Issue::rule).containsExactly(Rule.MALFORMED);
            assertThat(refused.readIssues().get(0).message()).contains("Number value length");
            assertThat(outOfRange.readIssues()).extracting(Issue::rule, Issue::location).containsExactly(
                    tuple(Rule.INVALID_VALUE, at("/items/0/score")), tuple(Rule.INVALID_VALUE, at("/items/1/score")),
                    tuple(Rule.INVALID_VALUE, at("/items/2/difficulty")));
            assertThat(outOfRange.readIssues()).extracting(Issue::message).allMatch(m -> m.contains("out of range"));
        }

        @Test
        @DisplayName("items beyond the limit are reported once and not kept")
        void tooManyItems() {
            ParsedBank parsed = read(bank(trueFalse("a"), trueFalse("b"), trueFalse("c"), trueFalse("d")), small);

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.TOO_MANY_ITEMS, at("/items/2")));
            assertThat(parsed.items()).hasSize(2);
        }

        @Test
        @DisplayName("resources beyond the limit are reported once and not kept")
        void tooManyResources() {
            String resource = "{\"name\": \"r%d\", \"mediaType\": \"text/plain\", \"base64\": \"YQ==\"}";
            String resources = IntStream.range(0, 5).mapToObj(resource::formatted).collect(Collectors.joining(","));

            ParsedBank parsed = read("{\"format\": \"examcore-bank/1\", \"items\": [], \"resources\": [" + resources
                    + "]}", small);

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.INVALID_VALUE, at("/resources/3")));
            assertThat(parsed.resources()).containsOnlyKeys("r0", "r1", "r2");
        }

        @Test
        @DisplayName("a list of more than 100 entries inside an item is refused")
        void longLists() {
            String options = IntStream.range(0, 101).mapToObj(i -> "{\"id\": \"O" + i + "\", \"html\": \"x" + i + "\"}")
                    .collect(Collectors.joining(",", "[", "]"));

            ParsedBank parsed = read(bank(singleChoice("a", "options", options, "key", "[\"O1\"]")));

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.INVALID_VALUE, at("/items/0/options/100")));
            assertThat(parsed.readIssues().get(0).message()).isEqualTo("options has more than 100 entries");
        }

        @Test
        @DisplayName("a file over the size limit is refused without parsing")
        void oversizedFile() {
            ImportLimits tiny = new ImportLimits(50, 50, 3, 10, 2, 1_000);

            ParsedBank parsed = read(bank(trueFalse("a")), tiny);

            assertThat(parsed.readIssues()).extracting(Issue::rule, Issue::location)
                    .containsExactly(tuple(Rule.FILE_TOO_LARGE, Location.file(FILE)));
            assertThat(parsed.items()).isEmpty();
        }
    }
}
