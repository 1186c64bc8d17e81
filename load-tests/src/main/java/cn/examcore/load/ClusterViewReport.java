package cn.examcore.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of {@code cluster-view.sh}: the {@code result ...} lines of {@link ClusterSaveCost}'s runs as two
 * markdown tables, what a synchronous backup costs per save (CPU of both processes, two members against one) and the
 * save's latency per emulated link delay, each delay's p50 and p99 set against the undelayed link's.
 * Argument: the results file. Prints the markdown.
 */
public final class ClusterViewReport {

    private ClusterViewReport() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(markdown(Files.readAllLines(Path.of(args[0]))));
    }

    /** One {@code result k=v k=v} line as its figures; null for any other line. */
    static Map<String, String> parse(String line) {
        if (!line.startsWith("result ")) {
            return null;
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String kv : line.substring(7).trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                f.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return f;
    }

    static String markdown(List<String> lines) {
        List<Map<String, String>> cost = new ArrayList<>();
        List<Map<String, String>> latency = new ArrayList<>();
        for (String line : lines) {
            Map<String, String> f = parse(line);
            if (f != null) {
                ("cost".equals(f.get("phase")) ? cost : latency).add(f);
            }
        }
        StringBuilder md = new StringBuilder();
        if (!cost.isEmpty()) {
            md.append("### What a synchronous backup costs per save (closed loop, ").append(cost.get(0).get("inFlight"))
                    .append(" saves in flight)\n\n");
            md.append("| members | link | share of saves owned by member 2 | saves/s | p50 ms | p99 ms | CPU µs/save "
                    + "member 1 | CPU µs/save member 2 | CPU µs/save both | saves per CPU-second | failed | load avg "
                    + "(1, 5, 15 min) |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, String> c : cost) {
                md.append(row(c.get("members"), c.get("link"), c.get("remoteShare"), c.get("savesPerSecond"),
                        c.get("p50Millis"), c.get("p99Millis"), c.get("cpuMicrosPerSave1"),
                        c.get("members").equals("1") ? "—" : c.get("cpuMicrosPerSave2"),
                        c.get("cpuMicrosPerSaveBoth"), c.get("savesPerCpuSecond"), c.get("failures"),
                        c.get("loadavg")));
            }
            md.append(backupCost("in the closed loop (each run as fast as it goes)", cost));
            md.append("\nCPU µs per save by thread group (digits of thread names as #):\n\n");
            for (Map<String, String> c : cost) {
                md.append("- ").append(c.get("members")).append(" member(s), member 1: `")
                        .append(c.get("threads1")).append('`');
                if (c.containsKey("threads2")) {
                    md.append("; member 2: `").append(c.get("threads2")).append('`');
                }
                md.append('\n');
            }
        }
        if (!latency.isEmpty()) {
            md.append("\n### The save's latency per link delay (open loop, ").append(latency.get(0).get("rate"))
                    .append(" saves/s offered)\n\n");
            md.append("| members | link | added round trip ms | round trip ms (TCP connect to member 2, mean of 20) "
                    + "| saves/s | p50 ms | p99 ms | p99.9 ms | max ms | p50 − same link's undelayed p50 | p99 − same "
                    + "link's undelayed p99 | relay's hold per chunk p50 / p99 µs | CPU µs/save both members (+ relay) "
                    + "| failed | load avg |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            // Each delay is set against the first undelayed row of the same link (the relay's own cost is in it).
            Map<String, Map<String, String>> base = new LinkedHashMap<>();
            for (Map<String, String> l : latency) {
                if ("2".equals(l.get("members")) && num(l.get("delayMs")) == 0) {
                    base.putIfAbsent(l.get("link"), l);
                }
            }
            for (Map<String, String> l : latency) {
                boolean two = "2".equals(l.get("members"));
                Map<String, String> b = two ? base.get(l.get("link")) : null;
                String d50 = b != null ? String.format("%+.2f", num(l.get("p50Millis")) - num(b.get("p50Millis"))) : "";
                String d99 = b != null ? String.format("%+.2f", num(l.get("p99Millis")) - num(b.get("p99Millis"))) : "";
                String saves = l.get("savesPerSecond")
                        + ("true".equals(l.get("overloaded")) ? " (overloaded: stopped)" : "");
                String hold = l.containsKey("relayHoldP50Us")
                        ? l.get("relayHoldP50Us") + " / " + l.get("relayHoldP99Us") : "";
                String cpu = l.get("cpuMicrosPerSaveBoth")
                        + (l.containsKey("cpuMicrosPerSaveRelay") ? " (+" + l.get("cpuMicrosPerSaveRelay") + ")" : "");
                md.append(row(l.get("members"), l.get("link"), two ? l.get("delayMs") : "—", l.get("rttMs"),
                        saves, l.get("p50Millis"), l.get("p99Millis"), l.get("p999Millis"), l.get("maxMillis"), d50,
                        d99, hold, cpu, l.get("failures"), l.get("loadavg")));
            }
            List<Map<String, String>> undelayed = latency.stream().filter(l -> num(l.get("delayMs")) == 0).toList();
            md.append(backupCost("at the same offered rate, " + latency.get(0).get("rate") + " saves/s, undelayed",
                    undelayed));
        }
        return md.toString();
    }

    /**
     * What the backup costs per save in CPU of both members, two members against one, each the mean over its runs
     * (the script may alternate them); rows through the delay relay are left out (the relay is no backup's cost).
     */
    static String backupCost(String how, List<Map<String, String>> rows) {
        List<Map<String, String>> ones = rows.stream().filter(c -> "1".equals(c.get("members"))).toList();
        List<Map<String, String>> twos = rows.stream().filter(c -> "2".equals(c.get("members"))
                && !c.getOrDefault("link", "").contains("relay")).toList();
        if (ones.isEmpty() || twos.isEmpty()) {
            return "";
        }
        double a = mean(ones, "cpuMicrosPerSaveBoth");
        double b = mean(twos, "cpuMicrosPerSaveBoth");
        return String.format("%nThe synchronous backup (and the link between two processes), %s, costs **%+.0f µs of "
                + "CPU per save** over both members (mean of %d and %d runs: %.0f → %.0f µs, ×%.2f); saves per "
                + "CPU-second %.0f → %.0f.%n", how, b - a, ones.size(), twos.size(), a, b, b / a, 1e6 / a, 1e6 / b);
    }

    private static double mean(List<Map<String, String>> rows, String key) {
        return rows.stream().mapToDouble(r -> num(r.get(key))).average().orElse(Double.NaN);
    }

    private static double num(String s) {
        try {
            return Double.parseDouble(s);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String row(String... cells) {
        StringBuilder r = new StringBuilder("|");
        for (String c : cells) {
            r.append(' ').append(c == null ? "" : c.replace(",", ", ")).append(" |");
        }
        return r.append('\n').toString();
    }
}
