package cn.examcore.proctor.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.Evaluation;
import cn.examcore.contract.MisconductCode;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static ObjectNode standardJson() throws IOException {
        try (InputStream in = CatalogTest.class.getClassLoader().getResourceAsStream(Catalog.RESOURCE)) {
            return (ObjectNode) Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("the console's catalogue has a zh and an en text for every message key and every category")
    void standardIsComplete() {
        Catalog c = Catalog.standard();
        for (MisconductCode code : MisconductCode.values()) {
            assertThat(c.categoryName(code, Catalog.Lang.ZH)).containsPattern("\\p{IsHan}");
            assertThat(c.categoryName(code, Catalog.Lang.EN)).doesNotContainPattern("\\p{IsHan}").isNotBlank();
        }
        assertThat(c.zone()).isEqualTo(SHANGHAI);
    }

    @Test
    @DisplayName("a key without its zh text is refused, naming the entry")
    void missingTextRefused() throws IOException {
        ObjectNode root = standardJson();
        ((ObjectNode) root.path("messages").path("WRONG_SEAT")).remove("zh");
        assertThatThrownBy(() -> Catalog.parse(root.toString(), SHANGHAI))
                .isInstanceOfSatisfying(Catalog.CatalogException.class, e ->
                        assertThat(e.where()).isEqualTo("messages.WRONG_SEAT.zh"));
        ObjectNode noCategory = standardJson();
        ((ObjectNode) noCategory.path("categories")).remove("C7");
        assertThatThrownBy(() -> Catalog.parse(noCategory.toString(), SHANGHAI))
                .isInstanceOfSatisfying(Catalog.CatalogException.class, e ->
                        assertThat(e.where()).isEqualTo("categories.C7.zh"));
    }

    @Test
    @DisplayName("a kind the rules cite without a label is refused; a kind the catalogue does not know shows as itself")
    void kinds() throws IOException {
        ObjectNode root = standardJson();
        ((ObjectNode) root.path("kinds")).remove("PHONE_DETECTED");
        assertThatThrownBy(() -> Catalog.parse(root.toString(), SHANGHAI))
                .isInstanceOfSatisfying(Catalog.CatalogException.class, e ->
                        assertThat(e.where()).isEqualTo("kinds.PHONE_DETECTED"));
        assertThat(Catalog.standard().render(Message.of(MessageKey.DEVICE_REPORTED, "kind", "SMART_WATCH_SEEN"),
                Catalog.Lang.ZH)).isEqualTo("答题期间考位SMART_WATCH_SEEN");
        assertThat(Catalog.standard().kindLabel("PHONE_DETECTED", Catalog.Lang.ZH)).isEqualTo("检测到手机");
    }

    @Test
    @DisplayName("a key the engine does not know, or zh and en with different placeholders, is refused")
    void unknownKeyAndPlaceholderMismatchRefused() throws IOException {
        ObjectNode extra = standardJson();
        ((ObjectNode) extra.path("messages")).putObject("NO_SUCH_KEY").put("zh", "x").put("en", "x");
        assertThatThrownBy(() -> Catalog.parse(extra.toString(), SHANGHAI))
                .hasMessageContaining("messages.NO_SUCH_KEY");
        ObjectNode mismatch = standardJson();
        ((ObjectNode) mismatch.path("messages").path("PASTES_WITHIN")).put("zh", "粘贴 {count} 次");
        assertThatThrownBy(() -> Catalog.parse(mismatch.toString(), SHANGHAI))
                .hasMessageContaining("messages.PASTES_WITHIN").hasMessageContaining("{seconds}");
    }

    @Test
    @DisplayName("rendering: times in the catalogue's zone, lists and categories in the language's form; a missing "
            + "parameter names itself")
    void rendering() throws IOException {
        Catalog c = Catalog.parse(standardJson().toString(), ZoneId.of("UTC"));
        long at = 1_777_000_000_000L; // 2026-04-24T03:06:40Z
        Message m = Message.of(MessageKey.CONTINUED_AFTER_GENERAL_REMINDER, "remindedAt", at);
        assertThat(c.render(m, Catalog.Lang.EN)).isEqualTo("continued after the reminder at 03:06:40 (a general "
                + "reminder)");
        assertThat(Catalog.standard().render(m, Catalog.Lang.ZH)).isEqualTo("11:06:40 已作一般提醒，行为仍在继续");
        Message away = Message.of(MessageKey.AWAY_FROM_SEAT, "seconds", 130L, "kinds",
                List.of("PRESENCE_LOST", "HEARTBEAT_GAP"));
        assertThat(c.render(away, Catalog.Lang.ZH)).isEqualTo("未经允许离开座位 130 秒（座位无人、心跳中断）");
        assertThat(c.render(List.of(away, Message.of(MessageKey.DETAIL, "text", "x")), Catalog.Lang.EN))
                .isEqualTo("away from the seat without leave for 130 s (nobody at the seat, heartbeat gap); detail: x");
        assertThatThrownBy(() -> c.render(Message.of(MessageKey.WRONG_SEAT, "terminalSeat", "R9"), Catalog.Lang.EN))
                .hasMessageContaining("assignedSeat");
    }

    @Test
    @DisplayName("the console's sitting zone is the evaluation zone of the contract, Shanghai, which exam-server dates"
            + " its decisions in")
    void sittingZoneIsTheContracts() {
        assertThat(Catalog.SITTING_ZONE).isSameAs(Evaluation.ZONE).isEqualTo(SHANGHAI);
    }
}
