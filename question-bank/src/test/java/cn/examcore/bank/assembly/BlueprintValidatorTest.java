package cn.examcore.bank.assembly;

import static cn.examcore.bank.assembly.TestBanks.HR4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("BlueprintValidator")
class BlueprintValidatorTest {

    private static Section single(int count, String score, Constraint... constraints) {
        return new Section("s1", "一、单项选择题", ItemType.SINGLE_CHOICE, count, new BigDecimal(score), null,
                List.of(constraints));
    }

    private static Constraint kp(String value, int min, Integer max) {
        return new Constraint(Constraint.Kind.KNOWLEDGE_POINT, value, min, max);
    }

    private static Constraint difficulty(String value, int min, Integer max) {
        return new Constraint(Constraint.Kind.DIFFICULTY, value, min, max);
    }

    private static Blueprint of(Section... sections) {
        return new Blueprint("bp", "title", HR4, 90, List.of(sections));
    }

    @Test
    @DisplayName("a sound blueprint with nested and overlapping constraints has no problem")
    void soundBlueprint() {
        Blueprint ok = of(single(10, "1", kp("HR4-01", 4, 6), kp("HR4-01-02", 2, null), kp("HR4-02", 4, null),
                difficulty("1", 3, 5), difficulty("2", 3, null)), new Section("s2", "二、多项选择题",
                ItemType.MULTIPLE_CHOICE, 5, new BigDecimal("2.5"), MultipleChoiceRule.PROPORTIONAL, List.of()));
        assertThat(BlueprintValidator.validate(ok)).isEmpty();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("count below 1", of(single(0, "1")), "/sections/0/count: count must be at least 1, got 0"),
                Arguments.of("zero score", of(single(5, "0")),
                        "/sections/0/scorePerItem: scorePerItem must be positive, got 0"),
                Arguments.of("negative score", of(single(5, "-1.5")),
                        "/sections/0/scorePerItem: scorePerItem must be positive, got -1.5"),
                Arguments.of("min above max", of(single(10, "1", kp("HR4-01", 5, 3))),
                        "/sections/0/constraints/0/max: max 3 is below min 5"),
                Arguments.of("min above count", of(single(10, "1", difficulty("2", 11, null))),
                        "/sections/0/constraints/0/min: min 11 exceeds the section's count 10"),
                Arguments.of("negative min", of(single(10, "1", kp("HR4", -1, null))),
                        "/sections/0/constraints/0/min: min must not be negative, got -1"),
                Arguments.of("difficulty minimums beyond count",
                        of(single(10, "1", difficulty("1", 6, null), difficulty("2", 5, null))),
                        "/sections/0/constraints: the difficulty minimums add up to 11, more than the section's count 10"),
                Arguments.of("disjoint knowledge-point minimums beyond count",
                        of(single(10, "1", kp("HR4-01", 6, null), kp("HR4-02", 5, null))),
                        "/sections/0/constraints: the knowledge-point minimums need at least 11 items together, "
                                + "more than the section's count 10"),
                Arguments.of("nested knowledge-point children beyond count",
                        of(single(10, "1", kp("HR4", 2, null), kp("HR4-01", 6, null), kp("HR4-02", 5, null))),
                        "/sections/0/constraints: the knowledge-point minimums need at least 11 items together, "
                                + "more than the section's count 10"),
                Arguments.of("difficulty maximums below count", of(single(10, "1", difficulty("1", 0, 1),
                        difficulty("2", 0, 1), difficulty("3", 0, 1), difficulty("4", 0, 1), difficulty("5", 0, 1))),
                        "/sections/0/constraints: every difficulty 1 to 5 has a max and they add up to 5, fewer "
                                + "than the section's count 10"),
                Arguments.of("difficulty out of range", of(single(10, "1", difficulty("7", 1, null))),
                        "/sections/0/constraints/0/value: a difficulty constraint's value must be 1 to 5, got \"7\""),
                Arguments.of("blank knowledge point", of(single(10, "1", kp(" ", 1, null))),
                        "/sections/0/constraints/0/value: constraint value must not be empty"),
                Arguments.of("duplicate constraint", of(single(10, "1", kp("HR4-01", 1, null), kp("HR4-01", 2, null))),
                        "/sections/0/constraints/1: constraint knowledge point HR4-01 appears twice (also at "
                                + "/sections/0/constraints/0)"),
                Arguments.of("missing kind", of(single(10, "1", new Constraint(null, "HR4", 1, null))),
                        "/sections/0/constraints/0/kind: constraint kind is missing (KNOWLEDGE_POINT or DIFFICULTY)"),
                Arguments.of("duplicate section id", of(single(5, "1"), single(5, "1")),
                        "/sections/1/id: duplicate section id s1 (also at /sections/0/id)"),
                Arguments.of("rule on a single-choice section", of(new Section("s1", "t", ItemType.SINGLE_CHOICE, 5,
                        BigDecimal.ONE, MultipleChoiceRule.PROPORTIONAL, List.of())),
                        "/sections/0/multipleRule: multipleRule applies only to MULTIPLE_CHOICE sections, this one "
                                + "is SINGLE_CHOICE"),
                Arguments.of("missing type", of(new Section("s1", "t", null, 5, BigDecimal.ONE, null, List.of())),
                        "/sections/0/type: the section's item type is missing"),
                Arguments.of("no sections", of(), "/sections: a blueprint needs at least one section"),
                Arguments.of("level out of range", new Blueprint("bp", "t", new Tags("x", 6, Subject.THEORY), 90,
                        List.of(single(5, "1"))),
                        "/tags/level: the level must be 1 to 5 (5 = 五级/初级工 … 1 = 一级/高级技师), got 6"),
                Arguments.of("zero duration", new Blueprint("bp", "t", HR4, 0, List.of(single(5, "1"))),
                        "/durationMinutes: durationMinutes must be at least 1, got 0"),
                Arguments.of("blank id", new Blueprint(" ", "t", HR4, 90, List.of(single(5, "1"))),
                        "/id: the blueprint id must not be empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    @DisplayName("each blueprint fault is reported once with the JSON pointer of the field")
    void fault(String name, Blueprint blueprint, String expected) {
        assertThat(BlueprintValidator.validate(blueprint)).extracting(AssemblyProblem::line).containsExactly(expected);
        assertThatThrownBy(() -> BlueprintValidator.requireValid(blueprint)).isInstanceOf(AssemblyException.class)
                .hasMessage(expected);
    }

    @Test
    @DisplayName("several faults are all reported, in blueprint order")
    void severalFaults() {
        UnaryOperator<Section> rename = s -> new Section("s2", s.title(), s.type(), s.count(), s.scorePerItem(),
                s.multipleRule(), s.constraints());
        Blueprint bp = new Blueprint("", "t", HR4, 90, List.of(single(0, "1"), rename.apply(single(3, "-2"))));
        assertThat(BlueprintValidator.validate(bp)).extracting(AssemblyProblem::place)
                .containsExactly("/id", "/sections/0/count", "/sections/1/scorePerItem");
        assertThat(BlueprintValidator.validate(bp)).allSatisfy(p ->
                assertThat(p.kind()).isEqualTo(AssemblyProblem.Kind.INVALID_BLUEPRINT));
    }
}
