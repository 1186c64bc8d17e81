package cn.examcore.server.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.scoring.Response;
import cn.examcore.platform.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer value shapes")
class AnswerValuesTest {

    private static PaperItem item(ItemType type) {
        return new PaperItem(3, "X", type, "<p>q</p>",
                type.hasOptions() ? List.of(new Choice("A", "a"), new Choice("B", "b"), new Choice("C", "c"))
                        : List.of(),
                type.hasOptions() ? List.of("o1", "o2", "o3") : List.of(), Set.of(), null,
                type == ItemType.FILL_IN ? List.of(new Blank(List.of("x"), null), new Blank(List.of("y"), null))
                        : List.of(),
                BigDecimal.TEN, null, List.of(),
                type == ItemType.OPERATION ? new OperationSpec(List.of(), List.of("docx"), 0) : null);
    }

    private static String canonical(ItemType type, String json) {
        return AnswerValues.canonical(item(type), Json.tree(json));
    }

    @Test
    @DisplayName("Each item type takes its own shape and is brought to one canonical text")
    void shapes() {
        assertThat(canonical(ItemType.SINGLE_CHOICE, "\"B\"")).isEqualTo("\"B\"");
        assertThat(canonical(ItemType.MULTIPLE_CHOICE, "[\"C\",\"A\"]")).isEqualTo("[\"A\",\"C\"]");
        assertThat(canonical(ItemType.TRUE_FALSE, "false")).isEqualTo("false");
        assertThat(canonical(ItemType.FILL_IN, "[\"x\"]")).isEqualTo("[\"x\"]");
        assertThat(canonical(ItemType.ESSAY, "{\"text\":\"hi\"}")).isEqualTo("{\"text\":\"hi\"}");
        assertThat(canonical(ItemType.OPERATION, "{\"files\":[\"f1\"]}")).isEqualTo("{\"text\":\"\",\"files\":[\"f1\"]}");
        assertThat(canonical(ItemType.SINGLE_CHOICE, "null")).isNull();
    }

    @Test
    @DisplayName("A value of the wrong shape is refused with a message naming the item and what it expects")
    void wrongShapes() {
        assertThatThrownBy(() -> canonical(ItemType.SINGLE_CHOICE, "[\"A\"]"))
                .isInstanceOf(AnswerValues.BadValue.class).hasMessageContaining("item 3").hasMessageContaining("single");
        assertThatThrownBy(() -> canonical(ItemType.SINGLE_CHOICE, "\"Z\"")).hasMessageContaining("no option Z");
        assertThatThrownBy(() -> canonical(ItemType.MULTIPLE_CHOICE, "[\"A\",\"A\"]")).hasMessageContaining("twice");
        assertThatThrownBy(() -> canonical(ItemType.TRUE_FALSE, "\"true\"")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> canonical(ItemType.FILL_IN, "[\"a\",\"b\",\"c\"]")).hasMessageContaining("2 blank");
        assertThatThrownBy(() -> canonical(ItemType.SHORT_ANSWER, "\"text\"")).hasMessageContaining("object");
        assertThatThrownBy(() -> canonical(ItemType.OPERATION, "{\"text\":\"a\",\"extra\":1}"))
                .hasMessageContaining("unexpected field extra");
    }

    @Test
    @DisplayName("The canonical text reads back as the scorer's response")
    void responses() {
        assertThat(AnswerValues.response(item(ItemType.MULTIPLE_CHOICE), "[\"A\",\"C\"]"))
                .isEqualTo(new Response.Choices(Set.of("A", "C")));
        assertThat(AnswerValues.response(item(ItemType.TRUE_FALSE), "true")).isEqualTo(new Response.TrueFalse(true));
        assertThat(AnswerValues.response(item(ItemType.FILL_IN), "[\"x\",\"y\"]"))
                .isEqualTo(new Response.Blanks(List.of("x", "y")));
        assertThat(AnswerValues.response(item(ItemType.ESSAY), null)).isNull();
    }

    @Test
    @DisplayName("An operation answer names at most ten files, each once")
    void operationFilesAreBounded() {
        StringBuilder eleven = new StringBuilder("{\"files\":[");
        for (int i = 0; i < AnswerValues.MAX_FILES + 1; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"f").append(i).append("\"");
        }
        eleven.append("]}");
        assertThatThrownBy(() -> canonical(ItemType.OPERATION, eleven.toString()))
                .isInstanceOf(AnswerValues.BadValue.class).hasMessageContaining("at most " + AnswerValues.MAX_FILES);
        assertThatThrownBy(() -> canonical(ItemType.OPERATION, "{\"files\":[\"f1\",\"f1\"]}"))
                .isInstanceOf(AnswerValues.BadValue.class).hasMessageContaining("file f1 is named twice");
        assertThat(AnswerFiles.ids(item(ItemType.OPERATION), canonical(ItemType.OPERATION,
                "{\"files\":[\"f2\",\"f1\"]}"))).containsExactly("f2", "f1");
        assertThat(AnswerFiles.ids(item(ItemType.ESSAY), canonical(ItemType.ESSAY, "{\"text\":\"f1\"}"))).isEmpty();
        assertThat(AnswerFiles.ids(item(ItemType.OPERATION), null)).isEmpty();
    }
}
