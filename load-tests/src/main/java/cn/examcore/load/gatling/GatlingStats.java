package cn.examcore.load.gatling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-request figures of a Gatling HTML report ({@code js/stats.js}), as a Markdown table for the full run's
 * report and the socket-hold summary. Percentiles 1..4 are Gatling's defaults: p50, p75, p95, p99 (HdrHistogram
 * based). Arguments: the report folder (the one holding {@code index.html}).
 */
public final class GatlingStats {

    private static final Pattern REQUEST = Pattern.compile("stats: \\{\\s*\"name\": \"([^\"]*)\",\\s*"
            + "\"numberOfRequests\": \\{\\s*\"total\": \"([^\"]*)\",\\s*\"ok\": \"([^\"]*)\",\\s*\"ko\": \"([^\"]*)\"");

    /** One request (or check) name of the report; times in ms, as Gatling prints them ("-" when none). */
    public record Row(String name, String total, String ok, String ko, String p50, String p95, String p99,
                      String max) {
    }

    private GatlingStats() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(markdown(read(Path.of(args[0]))));
    }

    /** Reads {@code js/stats.js} of this report folder; the first row is Gatling's "All Requests". */
    public static List<Row> read(Path reportFolder) throws Exception {
        Path stats = reportFolder.resolve("js").resolve("stats.js");
        if (!Files.isRegularFile(stats)) {
            throw new IllegalArgumentException("no Gatling report in " + reportFolder + ": " + stats + " is missing");
        }
        return parse(Files.readString(stats));
    }

    static List<Row> parse(String statsJs) {
        List<Row> rows = new ArrayList<>();
        Matcher m = REQUEST.matcher(statsJs);
        while (m.find()) {
            int next = statsJs.indexOf("stats: {", m.end());
            String block = statsJs.substring(m.end(), next < 0 ? statsJs.length() : next);
            rows.add(new Row(m.group(1), m.group(2), m.group(3), m.group(4), total(block, "percentiles1"),
                    total(block, "percentiles3"), total(block, "percentiles4"), total(block, "maxResponseTime")));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("stats.js holds no request statistics");
        }
        return rows;
    }

    private static String total(String block, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\{\\s*\"total\": \"([^\"]*)\"").matcher(block);
        return m.find() ? m.group(1) : "?";
    }

    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| request / check | count | OK | KO | p50 ms | p95 ms | p99 ms | max ms "
                + "|\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.name()).append(" | ").append(r.total()).append(" | ").append(r.ok())
                    .append(" | ").append(r.ko()).append(" | ").append(r.p50()).append(" | ").append(r.p95())
                    .append(" | ").append(r.p99()).append(" | ").append(r.max()).append(" |\n");
        }
        return b.toString();
    }
}
