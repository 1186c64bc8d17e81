package cn.examcore.bank.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Subject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("BlueprintJson")
class BlueprintJsonTest {

    static final String EXAMPLE = """
            {"format": "examcore-blueprint/1", "id": "hr4-theory", "title": "企业人力资源管理师 四级 理论知识",
             "tags": {"occupation": "企业人力资源管理师", "level": 4, "subject": "THEORY"}, "durationMinutes": 90,
             "sections": [{"id": "s1", "title": "一、单项选择题", "type": "SINGLE_CHOICE", "count": 40,
               "scorePerItem": 1, "multipleRule": null,
               "constraints": [{"kind": "DIFFICULTY", "value": "1", "min": 5, "max": 15},
                               {"kind": "KNOWLEDGE_POINT", "value": "HR4-01", "min": 3}]},
              {"id": "s2", "title": "二、多项选择题", "type": "多选", "count": 10, "scorePerItem": 2.5,
               "multipleRule": "PARTIAL_SUBSET"}]}
            """;

    private static Blueprint read(String json) {
        return BlueprintJson.read("bp.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(String json) {
        try {
            read(json);
        } catch (AssemblyException e) {
            return e.problems().stream().map(AssemblyProblem::line).toList();
        }
        throw new AssertionError("expected the blueprint to be refused");
    }

    @Test
    @DisplayName("the documented example reads into the model")
    void readsExample() {
        Blueprint bp = read(EXAMPLE);
        assertThat(bp.id()).isEqualTo("hr4-theory");
        assertThat(bp.title()).isEqualTo("企业人力资源管理师 四级 理论知识");
        assertThat(bp.tags().occupation()).isEqualTo("企业人力资源管理师");
        assertThat(bp.tags().level()).isEqualTo(4);
        assertThat(bp.tags().subject()).isEqualTo(Subject.THEORY);
        assertThat(bp.durationMinutes()).isEqualTo(90);
        assertThat(bp.sections()).hasSize(2);
        Section s1 = bp.sections().get(0);
        assertThat(s1.type()).isEqualTo(ItemType.SINGLE_CHOICE);
        assertThat(s1.count()).isEqualTo(40);
        assertThat(s1.scorePerItem()).isEqualByComparingTo("1");
        assertThat(s1.multipleRule()).isNull();
        assertThat(s1.constraints()).containsExactly(
                new Constraint(Constraint.Kind.DIFFICULTY, "1", 5, 15),
                new Constraint(Constraint.Kind.KNOWLEDGE_POINT, "HR4-01", 3, null));
        Section s2 = bp.sections().get(1);
        assertThat(s2.type()).isEqualTo(ItemType.MULTIPLE_CHOICE);
        assertThat(s2.scorePerItem()).isEqualTo(new BigDecimal("2.5"));
        assertThat(s2.multipleRule()).isEqualTo(MultipleChoiceRule.PARTIAL_SUBSET);
        assertThat(s2.constraints()).isEmpty();
        assertThat(bp.totalScore()).isEqualByComparingTo("65");
    }

    @Test
    @DisplayName("writing then reading gives the same blueprint, through a file too")
    void roundTrip(@TempDir Path dir) throws IOException {
        Blueprint original = TestBanks.hundredItemBlueprint();
        assertThat(read(BlueprintJson.write(original))).isEqualTo(original);
        Blueprint example = read(EXAMPLE);
        Path file = dir.resolve("example.json");
        BlueprintJson.write(example, file);
        assertThat(BlueprintJson.read(file)).isEqualTo(example);
        assertThat(Files.readString(file)).startsWith("{").contains("\"format\" : \"examcore-blueprint/1\"");
    }

    @Test
    @DisplayName("malformed JSON is refused with line and column")
    void malformed() {
        assertThat(problems("{\"format\": \"examcore-blueprint/1\",\n \"id\": }")).singleElement().asString()
                .startsWith("bp.json: not valid JSON at line 2, column 8: ");
        assertThat(problems("")).containsExactly("bp.json: the file is empty");
        assertThat(problems("[1, 2]")).containsExactly("bp.json: the blueprint must be a JSON object, got an array");
        assertThat(problems("{\"id\": \"a\", \"id\": \"b\"}")).singleElement().asString()
                .startsWith("bp.json: not valid JSON at line 1").contains("Duplicate field 'id'");
        assertThat(problems("{} {}")).singleElement().asString().startsWith("bp.json: not valid JSON");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "count": 40 | "count": 3.5 | bp.json: /sections/0/count: must be a whole number, got 3.5
            "count": 40 | "count": "40" | bp.json: /sections/0/count: must be a whole number, got the string "40"
            "type": "SINGLE_CHOICE" | "type": "单选题x" | bp.json: /sections/0/type: unknown value "单选题x"; expected one of SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, FILL_IN, SHORT_ANSWER, ESSAY, OPERATION
            "scorePerItem": 1, | "scorePerItem": "1", | bp.json: /sections/0/scorePerItem: must be a number, got the string "1"
            "kind": "DIFFICULTY" | "kind": "LEVEL" | bp.json: /sections/0/constraints/0/kind: unknown value "LEVEL"; expected KNOWLEDGE_POINT or DIFFICULTY
            "max": 15 | "max": 15.5 | bp.json: /sections/0/constraints/0/max: must be a whole number, got 15.5
            "level": 4 | "level": "四级" | bp.json: /tags/level: must be a whole number, got the string "四级"
            "subject": "THEORY" | "subject": "THEORY_X" | bp.json: /tags/subject: unknown value "THEORY_X"; expected THEORY (理论知识) or OPERATION (操作技能)
            "format": "examcore-blueprint/1" | "format": "examcore-blueprint/2" | bp.json: /format: unsupported format "examcore-blueprint/2"; expected "examcore-blueprint/1"
            "multipleRule": null | "multipleRule": "SOME" | bp.json: /sections/0/multipleRule: unknown value "SOME"; expected null, ALL_OR_NOTHING, PROPORTIONAL or PARTIAL_SUBSET
            "value": "HR4-01" | "value": 401 | bp.json: /sections/0/constraints/1/value: must be a string, got the number 401
            "count": 40 | "count": 0 | bp.json: /sections/0/count: count must be at least 1, got 0
            "min": 5, "max": 15 | "min": 16, "max": 15 | bp.json: /sections/0/constraints/0/max: max 15 is below min 16
            """)
    @DisplayName("a bad field is refused with its JSON pointer")
    void badField(String from, String to, String expected) {
        String json = EXAMPLE.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
        assertThat(json).isNotEqualTo(EXAMPLE);
        assertThat(problems(json)).containsExactly(expected);
    }

    @Test
    @DisplayName("an unknown field is named with its pointer, and every problem of the file is reported at once")
    void unknownFieldAndSeveralProblems() {
        String json = EXAMPLE.replace("\"count\": 40", "\"cout\": 40").replace("\"level\": 4", "\"level\": 4.5")
                .replace("\"format\": \"examcore-blueprint/1\", ", "");
        assertThat(problems(json)).containsExactly(
                "bp.json: /format: missing field; expected \"examcore-blueprint/1\"",
                "bp.json: /tags/level: must be a whole number, got 4.5",
                "bp.json: /sections/0/cout: unknown field \"cout\"; expected one of [constraints, count, id, "
                        + "multipleRule, scorePerItem, title, type]",
                "bp.json: /sections/0/count: missing field; expected a whole number");
    }

    @Test
    @DisplayName("the example in docs/blueprint-json.md reads and totals 100 points")
    void documentedExample() throws IOException {
        String doc = Files.readString(Path.of("docs/blueprint-json.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        String json = doc.substring(start, doc.indexOf("```", start));
        Blueprint bp = read(json);
        assertThat(bp.sections()).extracting(Section::id).containsExactly("s1", "s2", "s3");
        assertThat(bp.totalScore()).isEqualByComparingTo("100");
    }

    @Test
    @DisplayName("a difficulty may be written as a number, and a section type by its Chinese name")
    void lenientSpellings() {
        Blueprint bp = read(EXAMPLE.replace("\"value\": \"1\"", "\"value\": 1")
                .replace("\"SINGLE_CHOICE\"", "\"单选题\""));
        assertThat(bp.sections().get(0).constraints().get(0).value()).isEqualTo("1");
        assertThat(bp.sections().get(0).type()).isEqualTo(ItemType.SINGLE_CHOICE);
    }

    @Test
    @DisplayName("a file that is not there or too big is refused before parsing")
    void fileLimits(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> BlueprintJson.read(dir.resolve("missing.json"))).isInstanceOf(IOException.class);
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[BlueprintJson.MAX_BYTES + 1]);
        assertThatThrownBy(() -> BlueprintJson.read(big)).isInstanceOf(AssemblyException.class)
                .hasMessage("big.json: a blueprint file may be at most 1048576 bytes, this one has 1048577");
    }
}
