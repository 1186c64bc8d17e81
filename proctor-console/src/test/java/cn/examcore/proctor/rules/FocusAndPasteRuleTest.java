package cn.examcore.proctor.rules;

import static cn.examcore.proctor.rules.Seats.flags;
import static cn.examcore.proctor.rules.Seats.suggestions;
import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FocusAndPasteRuleTest {

    private final Seats s = new Seats();

    @Test
    @DisplayName("Three focus losses within five minutes suggest a reminder about A4, two do not")
    void threeLossesSuggest() {
        s.login("R1", 0);
        s.event("R1", 10, "BLUR");
        s.event("R1", 60, "FULLSCREEN_EXIT");
        assertThat(s.replay()).isEmpty();
        s.event("R1", 200, "VISIBILITY_HIDDEN");
        assertThat(suggestions(s.replay())).singleElement().satisfies(x -> {
            assertThat(x.category()).isEqualTo(MisconductCode.A4);
            assertThat(x.evidence()).hasSize(3);
        });
    }

    @Test
    @DisplayName("Events of one window switch within two seconds count as one focus loss")
    void oneSwitchIsOneEpisode() {
        s.login("R1", 0);
        for (int i = 0; i < 3; i++) {
            s.event("R1", 10 + i * 60, "BLUR");
            s.event("R1", 10.5 + i * 60, "VISIBILITY_HIDDEN");
        }
        assertThat(suggestions(s.replay())).singleElement()
                .satisfies(x -> assertThat(x.evidence()).extracting(Evidence::kind).containsOnly("BLUR"));
        Seats t = new Seats();
        t.login("R1", 0);
        t.event("R1", 10, "BLUR");
        t.event("R1", 11, "VISIBILITY_HIDDEN");
        t.event("R1", 12, "FULLSCREEN_EXIT");
        assertThat(t.replay()).isEmpty();
    }

    @Test
    @DisplayName("Focus losses spread wider than the window suggest nothing")
    void outsideTheWindow() {
        s.login("R1", 0);
        s.event("R1", 10, "BLUR");
        s.event("R1", 200, "BLUR");
        s.event("R1", 400, "BLUR");
        assertThat(s.replay()).isEmpty();
    }

    @Test
    @DisplayName("Two focus losses after an A4 reminder propose an A4 flag, one does not")
    void flagAfterReminder() {
        s.login("R1", 0);
        s.remind("R1", 5, MisconductCode.A4);
        s.event("R1", 100, "BLUR");
        assertThat(flags(s.replay())).isEmpty();
        s.event("R1", 2000, "BLUR");
        assertThat(flags(s.replay())).singleElement().satisfies(f -> assertThat(f.category()).isEqualTo(MisconductCode.A4));
    }

    @Test
    @DisplayName("Two pastes suggest a reminder and one paste after the reminder proposes A4")
    void pastes() {
        s.login("R1", 0);
        s.event("R1", 10, "PASTE", "length", 300, "item", "q1");
        assertThat(s.replay()).isEmpty();
        s.event("R1", 20, "PASTE", "length", 40, "item", "q2");
        assertThat(suggestions(s.replay())).hasSize(1);
        s.remind("R1", 30, MisconductCode.A4);
        s.event("R1", 40, "PASTE", "length", 10, "item", "q3");
        List<RuleOutput> out = s.replay();
        assertThat(flags(out)).singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo("PasteRule"));
    }

    @Test
    @DisplayName("A higher focus-loss count in the configuration means three losses suggest nothing")
    void thresholdFromConfig() {
        s.login("R1", 0);
        s.event("R1", 10, "BLUR");
        s.event("R1", 20, "BLUR");
        s.event("R1", 30, "BLUR");
        assertThat(s.replay()).hasSize(1);
        assertThat(s.replay(RulesConfig.fromJson("{\"focusLossesBeforeReminder\": 4}"))).isEmpty();
    }
}
