package cn.examcore.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shared JSON mapper")
class JsonTest {

    record Score(String attemptId, BigDecimal points, Instant at) {
    }

    @Test
    @DisplayName("writes decimals plain and times as ISO text, and reads decimals back exactly")
    void decimalsAndTimes() {
        Score s = new Score("a1", new BigDecimal("1E+2"), Instant.parse("2026-05-01T01:02:03Z"));
        String json = Json.encode(s);
        assertThat(json).isEqualTo("{\"attemptId\":\"a1\",\"points\":100,\"at\":\"2026-05-01T01:02:03Z\"}");
        Score back = Json.decode(json, Score.class);
        assertThat(back.points()).isEqualByComparingTo("100");
        assertThat(back.at()).isEqualTo(s.at());
        // A tree keeps a decimal as BigDecimal, not a double that would read 0.1 as 0.1000000000000000055.
        assertThat(Json.tree("{\"v\":0.1}").path("v").isBigDecimal()).isTrue();
    }

    @Test
    @DisplayName("skips a field it does not know, so a newer sender does not break an older reader")
    void unknownFieldsAreSkipped() {
        assertThat(Json.decode("{\"attemptId\":\"a1\",\"added\":1}", Score.class).attemptId()).isEqualTo("a1");
    }

    @Test
    @DisplayName("malformed text or a misfit is an IllegalArgumentException naming the type")
    void errors() {
        assertThatThrownBy(() -> Json.tree("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.decode("{\"points\":\"many\"}", Score.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Score");
    }
}
