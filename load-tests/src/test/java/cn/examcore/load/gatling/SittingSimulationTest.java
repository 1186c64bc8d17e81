package cn.examcore.load.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The message logic behind the simulation's checks: a wrong match here would pass or fail saves silently. */
class SittingSimulationTest {

    @Test
    @DisplayName("saves walk items 1..10 in turn, each item's rev counting up")
    void savesWalkTheItems() {
        assertThat(SittingSimulation.save(0)).isEqualTo("{\"type\":\"save\",\"item\":1,\"value\":\"B\",\"rev\":1}");
        assertThat(SittingSimulation.save(9)).contains("\"item\":10,").contains("\"rev\":1}");
        assertThat(SittingSimulation.save(10)).contains("\"item\":1,").contains("\"rev\":2}");
    }

    @Test
    @DisplayName("a save is acknowledged by the saved of its item at its rev or later, and by nothing else")
    void acknowledgement() {
        int k = 12; // item 3, rev 2
        assertThat(SittingSimulation.acknowledges("{\"type\":\"saved\",\"item\":3,\"rev\":2}", k)).isTrue();
        assertThat(SittingSimulation.acknowledges("{\"rev\":3,\"item\":3,\"type\":\"saved\"}", k)).isTrue();
        assertThat(SittingSimulation.acknowledges("{\"type\":\"saved\",\"item\":3,\"rev\":1}", k)).isFalse();
        assertThat(SittingSimulation.acknowledges("{\"type\":\"saved\",\"item\":4,\"rev\":2}", k)).isFalse();
        assertThat(SittingSimulation.acknowledges("{\"type\":\"pong\",\"item\":3,\"rev\":2}", k)).isFalse();
        assertThat(SittingSimulation.acknowledges("not json", k)).isFalse();
    }

    @Test
    @DisplayName("the reconnect hello carries the latest save of every item, and the welcome must cover each rev")
    void vectorAndCover() {
        assertThat(SittingSimulation.hello(0)).isEqualTo("{\"type\":\"hello\",\"answers\":[]}");
        String hello = SittingSimulation.hello(12); // items 3..10 at rev 1, items 1..2 at rev 2
        assertThat(hello).contains("{\"item\":3,\"value\":\"B\",\"rev\":1}")
                .contains("{\"item\":1,\"value\":\"C\",\"rev\":2}").doesNotContain("\"item\":1,\"value\":\"B\"");
        String echoed = "{\"type\":\"welcome\"," + hello.substring(hello.indexOf("\"answers\""));
        assertThat(SittingSimulation.covers(echoed, 12)).isTrue();
        assertThat(SittingSimulation.covers(echoed.replace("\"item\":1,\"value\":\"C\",\"rev\":2",
                "\"item\":1,\"value\":\"C\",\"rev\":1"), 12)).isFalse();
        assertThat(SittingSimulation.covers("{\"type\":\"welcome\",\"answers\":[]}", 1)).isFalse();
        assertThat(SittingSimulation.covers("{\"type\":\"welcome\",\"answers\":[]}", 0)).isTrue();
    }
}
