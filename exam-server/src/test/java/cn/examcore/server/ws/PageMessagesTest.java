package cn.examcore.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.ErrorType;
import cn.examcore.contract.EventDetail;
import cn.examcore.contract.PageMessage;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import cn.examcore.server.common.ExamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PageMessagesTest {

    private static final int LIMIT = 256 * 1024;

    private static PageMessage read(String json) {
        return PageMessages.read(PageMessages.frame(json, LIMIT), e -> {
            throw e;
        });
    }

    static Stream<PageMessage> messages() {
        PageMessage.AnswerEntry a = new PageMessage.AnswerEntry(3, "[\"A\",\"C\"]", 4);
        PageMessage.AnswerEntry cleared = new PageMessage.AnswerEntry(7, "null", 1);
        return Stream.of(new PageMessage.Hello(List.of(a, cleared)), new PageMessage.Hello(List.of()),
                new PageMessage.Save(3, "{\"text\":\"x\"}", 9), new PageMessage.Ping("1790000000000"),
                new PageMessage.Ping(null),
                new PageMessage.Event(SeatEvent.Kind.BLUR, new EventDetail.Reported(Map.of("ms", 300)), 17),
                new PageMessage.AckReminder("e-1"), new PageMessage.Submit(List.of(a), "ab".repeat(32)),
                new PageMessage.Drained());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    @DisplayName("Every page message written as the contract's record is read back as the same record")
    void roundTrip(PageMessage m) {
        assertThat(read(Json.encode(m))).isEqualTo(m);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("[1]", ErrorType.BAD_MESSAGE, Map.of()),
                Arguments.of("{\"x\":1}", ErrorType.BAD_MESSAGE, Map.of("field", "type")),
                Arguments.of("{\"type\":\"fly\"}", ErrorType.BAD_MESSAGE, Map.of("field", "type")),
                Arguments.of("{\"type\":\"save\",\"item\":\"3\",\"value\":null,\"rev\":1}", ErrorType.BAD_MESSAGE,
                        Map.of("field", "item")),
                Arguments.of("{\"type\":\"save\",\"item\":3,\"value\":null,\"rev\":-1}", ErrorType.BAD_MESSAGE,
                        Map.of("field", "rev")),
                Arguments.of("{\"type\":\"save\",\"item\":3,\"rev\":2}", ErrorType.BAD_MESSAGE,
                        Map.of("field", "value", "item", 3L, "rev", 2L)),
                Arguments.of("{\"type\":\"save\",\"item\":9999999999,\"value\":1,\"rev\":2}", ErrorType.UNKNOWN_ITEM,
                        Map.of("field", "item", "item", 9_999_999_999L, "rev", 2L)),
                Arguments.of("{\"type\":\"hello\",\"answers\":{}}", ErrorType.BAD_MESSAGE, Map.of("field", "answers")),
                Arguments.of("{\"type\":\"event\",\"kind\":\"USB_STORAGE_INSERTED\"}", ErrorType.BAD_MESSAGE,
                        Map.of("field", "kind")),
                Arguments.of("{\"type\":\"event\",\"kind\":\"BLUR\",\"detail\":\"" + "x".repeat(2_001) + "\"}",
                        ErrorType.BAD_MESSAGE, Map.of("field", "detail")),
                Arguments.of("{\"type\":\"ack-reminder\",\"reminderId\":\"\"}", ErrorType.BAD_MESSAGE,
                        Map.of("field", "reminderId")),
                Arguments.of("{\"type\":\"submit\",\"answers\":[],\"digest\":\"abc\"}", ErrorType.BAD_MESSAGE,
                        Map.of("field", "digest")),
                Arguments.of("{\"type\":\"submit\",\"answers\":[5],\"digest\":\"" + "a".repeat(64) + "\"}",
                        ErrorType.BAD_MESSAGE, Map.of("field", "answers[0]", "index", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @DisplayName("A frame of the wrong shape is refused with the protocol's code and details")
    void refused(String json, ErrorType type, Map<String, Object> details) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(ExamException.class, e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.details()).isEqualTo(details);
        });
    }

    @Test
    @DisplayName("A hello keeps its good entries and reports each bad one on its own")
    void helloEntries() {
        List<ExamException> refused = new ArrayList<>();
        PageMessage m = PageMessages.read(PageMessages.frame("""
                {"type":"hello","answers":[{"item":1,"value":"A","rev":1},{"item":2,"rev":3},7]}""", LIMIT),
                refused::add);
        assertThat(m).isEqualTo(new PageMessage.Hello(List.of(new PageMessage.AnswerEntry(1, "\"A\"", 1))));
        assertThat(refused).extracting(ExamException::details).containsExactly(
                Map.of("field", "answers[1].value", "item", 2L, "rev", 3L),
                Map.of("field", "answers[2]", "index", 2));
    }

    @Test
    @DisplayName("A page event's detail is kept as an object, any other value as {value: …}")
    void eventDetail() {
        assertThat(read("{\"type\":\"event\",\"kind\":\"PASTE\",\"detail\":\"ctrl-v\",\"clientTime\":5}"))
                .isEqualTo(new PageMessage.Event(SeatEvent.Kind.PASTE,
                        new EventDetail.Reported(Map.of("value", "ctrl-v")), 5));
        assertThat(read("{\"type\":\"event\",\"kind\":\"PASTE\",\"detail\":[1,2],\"clientTime\":\"x\"}"))
                .isEqualTo(new PageMessage.Event(SeatEvent.Kind.PASTE,
                        new EventDetail.Reported(Map.of("value", "[1,2]")), 0));
    }

    @Test
    @DisplayName("A frame above the limit is refused as too large")
    void tooLarge() {
        assertThatThrownBy(() -> PageMessages.frame("{\"type\":\"ping\",\"x\":\"" + "y".repeat(100) + "\"}", 40))
                .isInstanceOfSatisfying(ExamException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MESSAGE_TOO_LARGE));
    }
}
