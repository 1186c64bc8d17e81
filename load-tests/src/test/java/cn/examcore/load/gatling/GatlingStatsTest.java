package cn.examcore.load.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatlingStatsTest {

    private static String request(String name, String total, String ko, String p99) {
        return "stats: {\n    \"name\": \"" + name + "\",\n    \"numberOfRequests\": {\n        \"total\": \"" + total
                + "\",\n        \"ok\": \"" + total + "\",\n        \"ko\": \"" + ko + "\"\n    },\n"
                + "    \"maxResponseTime\": {\n        \"total\": \"90\",\n        \"ok\": \"90\"\n    },\n"
                + "    \"percentiles1\": {\n        \"total\": \"3\"\n    },\n"
                + "    \"percentiles3\": {\n        \"total\": \"40\"\n    },\n"
                + "    \"percentiles4\": {\n        \"total\": \"" + p99 + "\"\n    }\n},\n";
    }

    @Test
    @DisplayName("each request of the report becomes a row, p99 and KO from its own block")
    void parsesEveryRequest() {
        List<GatlingStats.Row> rows = GatlingStats.parse("var stats = {\n" + request("All Requests", "12", "1", "77")
                + "contents: {\n" + request("connect", "4", "0", "55") + request("saved", "8", "1", "77") + "}}");
        assertThat(rows).extracting(GatlingStats.Row::name).containsExactly("All Requests", "connect", "saved");
        assertThat(rows.get(1)).isEqualTo(new GatlingStats.Row("connect", "4", "4", "0", "3", "40", "55", "90"));
        assertThat(GatlingStats.markdown(rows)).contains("| saved | 8 | 8 | 1 | 3 | 40 | 77 | 90 |");
    }

    @Test
    @DisplayName("a folder without a report, or a stats file without requests, is refused by name")
    void refusesWhatIsNotAReport(@TempDir Path dir) {
        assertThatThrownBy(() -> GatlingStats.read(dir)).hasMessageContaining("stats.js is missing");
        assertThatThrownBy(() -> GatlingStats.parse("var stats = {}")).hasMessageContaining("no request statistics");
    }
}
