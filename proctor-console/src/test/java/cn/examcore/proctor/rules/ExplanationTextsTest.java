package cn.examcore.proctor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.proctor.i18n.Catalog;
import cn.examcore.proctor.i18n.Message;
import cn.examcore.proctor.i18n.MessageKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every sentence the engine says, through every rule and every category it proposes, has a zh-CN and an English
 * text, and the English one is what the audit trail keeps.
 */
class ExplanationTextsTest {

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    /** An event kind's code such as PHONE_DETECTED. */
    private static final Pattern CODE = Pattern.compile("[A-Z]+_[A-Z_]+|BLUR|PASTE");

    private final Seats s = new Seats();

    /** One sitting in which every rule fires, before and after reminders, for every category. */
    private List<RuleOutput> everything() {
        for (int i = 1; i <= 10; i++) {
            s.login("R" + i, 0);
        }
        // inputs must come in server-time order: the script goes second by second across the seats
        for (MisconductCode c : MisconductCode.values()) {
            s.event("R1", 10, "INCIDENT_RECORDED", "category", c.name(), "note", "seen", "by", "p7");
        }
        s.event("R2", 10, "INCIDENT_RECORDED", "category", "B3");
        s.event("R3", 10, "PHONE_DETECTED", "label", "phone");
        s.event("R4", 10, "IDENTITY_MISMATCH", "reason", "photo");
        s.event("R5", 10, "WRONG_SEAT", "terminalSeat", "R9");
        s.event("R6", 10, "PRESENCE_LOST");
        s.event("R7", 10, "PRESENCE_LOST");
        s.event("R8", 10, "BLUR");
        s.event("R9", 10, "PASTE");
        for (MisconductCode c : MisconductCode.values()) {
            if (c.remindable()) {
                s.remind("R1", 20, c);
            }
        }
        s.event("R3", 20, "BLUR");
        s.event("R8", 20, "BLUR");
        s.event("R9", 20, "PASTE");
        for (MisconductCode c : MisconductCode.values()) {
            if (c.remindable()) {
                s.event("R1", 30, "INCIDENT_RECORDED", "category", c.name(), "note", "again", "by", "p7");
            }
        }
        s.event("R8", 30, "BLUR");
        s.remind("R8", 40, MisconductCode.A4);
        s.remind("R9", 40, MisconductCode.A4);
        s.event("R8", 50, "BLUR");
        s.event("R9", 50, "PASTE");
        s.event("R8", 60, "BLUR");
        s.tick(140);
        s.remind("R6", 150, MisconductCode.A2);
        SeatEvent general = s.remind("R7", 150, null);
        s.event("R7", 155, "REMINDER_ACKNOWLEDGED", "reminderId", general.id());
        s.event("R7", 160, "PRESENCE_REGAINED");
        s.event("R7", 200, "PRESENCE_LOST");
        s.tick(220);
        s.tick(330);
        return s.replay();
    }

    @Test
    @DisplayName("every message key is reached, every category is proposed, and each renders in zh and en with no "
            + "placeholder or event code left; every evidence kind has a label; the English rendering is the "
            + "explanation's text")
    void everyKeyAndCategoryHasBothTexts() {
        List<RuleOutput> out = everything();
        Catalog catalog = Catalog.standard();
        Set<MessageKey> used = EnumSet.noneOf(MessageKey.class);
        Set<MisconductCode> proposed = EnumSet.noneOf(MisconductCode.class);
        List<String> problems = new ArrayList<>();
        for (RuleOutput o : out) {
            if (o instanceof ProposedFlag f) {
                proposed.add(f.category());
            }
            for (Evidence ev : o.evidence()) {
                if (catalog.kindLabel(ev.kind(), Catalog.Lang.ZH).equals(ev.kind())) {
                    problems.add("evidence kind " + ev.kind() + " has no label");
                }
            }
            Explanation e = o.explanation();
            assertThat(catalog.render(e.parts(), Catalog.Lang.EN)).isEqualTo(e.text());
            for (Message m : e.parts()) {
                used.add(m.key());
                String zh = catalog.render(m, Catalog.Lang.ZH);
                String en = catalog.render(m, Catalog.Lang.EN);
                if (zh.contains("{") || en.contains("{") || !HAN.matcher(zh).find()) {
                    problems.add(m + " → zh '" + zh + "', en '" + en + "'");
                }
                if (CODE.matcher(zh).find() || CODE.matcher(en).find()) {
                    problems.add(m + " shows an event kind's code instead of its label: zh '" + zh + "', en '" + en
                            + "'");
                }
                if (m.key() != MessageKey.REMIND_FIRST && HAN.matcher(en).find()) {
                    problems.add(m + " has Chinese in its English text: " + en);
                }
            }
        }
        assertThat(problems).isEmpty();
        // The similarity detector's sentences are said by the console's SimilarityFlags, not the rules engine;
        // SimilarityFlagsTest renders them in both languages.
        Set<MessageKey> rulesKeys = EnumSet.complementOf(EnumSet.of(MessageKey.SIMILAR_PAIR, MessageKey.SIMILAR_GROUP,
                MessageKey.SIMILAR_NEIGHBOURS, MessageKey.SIMILAR_NOT_A_VERDICT));
        assertThat(used).containsExactlyInAnyOrderElementsOf(rulesKeys);
        assertThat(proposed).containsExactlyInAnyOrder(MisconductCode.values());
    }

    @Test
    @DisplayName("a tier-A flag after a reminder says when it was reminded, in the sitting's zone (Asia/Shanghai)")
    void reminderTimeInTheSittingsZone() {
        s.login("R1", 0);
        s.event("R1", 10, "INCIDENT_RECORDED", "category", "A3", "note", "loud", "by", "p7");
        SeatEvent reminder = s.remind("R1", 20, MisconductCode.A3);
        s.event("R1", 30, "INCIDENT_RECORDED", "category", "A3", "note", "loud", "by", "p7");
        ProposedFlag flag = Seats.flags(s.replay()).get(0);
        String shanghai = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.of("Asia/Shanghai")).format(java.time.Instant.ofEpochMilli(reminder.at()));
        assertThat(flag.explanation().text()).isEqualTo("p7 recorded A3 (noise, smoking or other disturbance of the "
                + "room); detail: loud; continued after the reminder at " + shanghai + " about A3");
        assertThat(Catalog.standard().render(flag.explanation().parts(), Catalog.Lang.ZH)).isEqualTo(
                "p7 记录了 A3（喧哗、吸烟等影响考场秩序）；说明：loud；" + shanghai + " 已就 A3 提醒，行为仍在继续");
    }
}
