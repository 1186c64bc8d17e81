package cn.examcore.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.Receipt;
import cn.examcore.contract.SeatMessage;
import cn.examcore.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seat messages as the candidate page reads them (docs/candidate-protocol.md): names, order, omissions. */
@DisplayName("Seat messages on the wire")
class SeatMessageWireTest {

    @Test
    @DisplayName("a welcome names its type first, carries answers as JSON values and no key before the start")
    void welcome() {
        SeatMessage before = new SeatMessage.Welcome(5, "WAITING", 10, 20, null, List.of(
                new SeatMessage.HeldAnswer(1, "[\"A\",\"C\"]", 3), new SeatMessage.HeldAnswer(2, null, 4)), 10);
        assertThat(Json.encode(before)).isEqualTo("{\"type\":\"welcome\",\"serverNow\":5,\"state\":\"WAITING\","
                + "\"t0\":10,\"deadline\":20,\"answers\":[{\"item\":1,\"value\":[\"A\",\"C\"],\"rev\":3},"
                + "{\"item\":2,\"value\":null,\"rev\":4}],\"submitFrom\":10}");
        SeatMessage started = new SeatMessage.Welcome(5, "ANSWERING", 10, 20, "k", List.of(), 10);
        assertThat(Json.encode(started)).contains("\"deadline\":20,\"key\":\"k\",\"answers\":[]");
    }

    @Test
    @DisplayName("a state change carries a note only when there is one")
    void state() {
        assertThat(Json.encode(new SeatMessage.State("PAUSED", 20, 5, "pause", null)))
                .isEqualTo("{\"type\":\"state\",\"state\":\"PAUSED\",\"deadline\":20,\"serverNow\":5,"
                        + "\"reason\":\"pause\"}");
        assertThat(Json.encode(new SeatMessage.State("ANSWERING", 80, 5, "extend", "power cut")))
                .endsWith("\"reason\":\"extend\",\"note\":\"power cut\"}");
    }

    @Test
    @DisplayName("decimal figures are plain numbers: a stripped hundred is 100, not 1E+2")
    void plainDecimals() {
        assertThat(Json.encode(Map.of("score", new java.math.BigDecimal("100.00").stripTrailingZeros())))
                .isEqualTo("{\"score\":100}");
    }

    @Test
    @DisplayName("the other messages keep their type names and fields")
    void others() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "value");
        details.put("item", 3);
        details.put("rev", 7);
        assertThat(Json.encode(new SeatMessage.Error("BAD_VALUE", "no", details)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"BAD_VALUE\",\"message\":\"no\","
                        + "\"details\":{\"field\":\"value\",\"item\":3,\"rev\":7}}");
        assertThat(Json.encode(new SeatMessage.Saved(3, 7))).isEqualTo("{\"type\":\"saved\",\"item\":3,\"rev\":7}");
        assertThat(Json.encode(new SeatMessage.Key("k", 7))).isEqualTo("{\"type\":\"key\",\"key\":\"k\",\"deadline\":7}");
        assertThat(Json.encode(new SeatMessage.Pong("123", 9)))
                .isEqualTo("{\"type\":\"pong\",\"clientTime\":123,\"serverNow\":9}");
        assertThat(Json.encode(new SeatMessage.Pong(null, 9)))
                .isEqualTo("{\"type\":\"pong\",\"clientTime\":null,\"serverNow\":9}");
        assertThat(Json.encode(new SeatMessage.Reminder("e1", "sit down", 4)))
                .isEqualTo("{\"type\":\"reminder\",\"reminderId\":\"e1\",\"message\":\"sit down\",\"at\":4}");
        assertThat(Json.encode(new SeatMessage.SeatChanged("R-01", "R-02")))
                .isEqualTo("{\"type\":\"seat-changed\",\"from\":\"R-01\",\"to\":\"R-02\"}");
        assertThat(Json.encode(new SeatMessage.Submitted(new Receipt("a", 1, 2, "d", true, "C", "T1", "v", "k", "s"))))
                .isEqualTo("{\"type\":\"submitted\",\"receipt\":{\"attemptId\":\"a\",\"submittedAt\":1,"
                        + "\"answered\":2,\"digest\":\"d\",\"digestMatches\":true,\"code\":\"C\",\"ticket\":\"T1\","
                        + "\"valuesDigest\":\"v\",\"keyId\":\"k\",\"signature\":\"s\"}}");
        // Without the page's digest the receipt makes no claim: no "digestMatches" at all, never false.
        assertThat(Json.encode(new SeatMessage.Submitted(new Receipt("a", 1, 2, "d", null, "C", "T1", "v", null, null))))
                .isEqualTo("{\"type\":\"submitted\",\"receipt\":{\"attemptId\":\"a\",\"submittedAt\":1,"
                        + "\"answered\":2,\"digest\":\"d\",\"code\":\"C\",\"ticket\":\"T1\",\"valuesDigest\":\"v\"}}");
    }
}
