package cn.examcore.load;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented full run (see run-full.sh): every scenario against one node and against a 3-node cluster, then
 * the ceilings, then {@code report.md}, {@code figures.json} and the per-second series for the plots.
 * Arguments: seats steadySeconds steadyRate stepSeconds outDir serverJar [nodes...].
 */
public final class FullRun {

    /** The save rates the steps try when {@code STEP_RATES} is not set. */
    static final List<Integer> DEFAULT_STEPS = List.of(250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000,
            12000);

    private FullRun() {
    }

    /**
     * The rate steps of the nodes' runs: {@code STEP_RATES} (comma-separated saves per second, rising), or the
     * default list. The sitting lasts long enough for every step listed ({@link LoadRun#phasesBudgetSeconds}), and
     * the steps stop at the first one over 50 ms, so a run whose top rate is known to be low lists only the steps
     * around it and does not wait idle for a deadline sized for all eleven.
     *
     * @throws IllegalArgumentException naming the entry, for a list that is empty, not numbers, not positive or not
     *                                  rising
     */
    static List<Integer> stepRates(String list) {
        if (list == null || list.isBlank()) {
            return DEFAULT_STEPS;
        }
        List<Integer> rates = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String p = part.strip();
            int rate;
            try {
                rate = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("STEP_RATES: '" + p + "' is not a whole number of saves per second"
                        + " (expected e.g. 250,500,750)");
            }
            if (rate <= 0) {
                throw new IllegalArgumentException("STEP_RATES: " + rate + " is not a positive rate");
            }
            if (!rates.isEmpty() && rate <= rates.get(rates.size() - 1)) {
                throw new IllegalArgumentException("STEP_RATES: " + rate + " does not rise above "
                        + rates.get(rates.size() - 1) + " (the steps stop at the first rate over 50 ms, so they climb)");
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
    }

    public static void main(String[] args) throws Exception {
        int seats = Integer.parseInt(args[0]);
        int steadySeconds = Integer.parseInt(args[1]);
        int steadyRate = Integer.parseInt(args[2]);
        int stepSeconds = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        Path jar = Path.of(args[5]);
        List<Integer> nodeCounts = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            nodeCounts.add(Integer.parseInt(args[i]));
        }
        if (nodeCounts.isEmpty()) {
            nodeCounts = List.of(1, 3);
        }
        List<Integer> steps = stepRates(System.getenv("STEP_RATES"));
        // A node's heap (NODE_HEAP_MB, default 2048): a real site sizes it to its seats; the 2 GB default keeps
        // several nodes and the generator inside a small machine's memory.
        int heapMb = Integer.parseInt(System.getenv().getOrDefault("NODE_HEAP_MB", "2048"));
        LoadConfig base = new LoadConfig(seats, 1, steadySeconds, steadyRate, steps, stepSeconds, 200, jar, out,
                heapMb);
        // The ceilings always climb every default step: their highest rate is the yardstick of ours, and a short
        // list for the nodes must not cap it.
        LoadConfig ceilingBase = new LoadConfig(seats, 1, steadySeconds, steadyRate, DEFAULT_STEPS, stepSeconds, 200,
                jar, out, heapMb);
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        for (int n : nodeCounts) {
            LoadConfig c = base.withNodes(n, out.resolve(n + "-node"));
            all.put(n + "-node", runOnce(c));
        }
        Map<String, Object> ceilings = new LinkedHashMap<>();
        if (!LoadRun.stopsAfterKey()) {
            ceilings.putAll(Ceilings.echo(ceilingBase.withNodes(1, out.resolve("ceilings"))));
            for (int n : nodeCounts) {
                ceilings.putAll(Ceilings.hazelcast(ceilingBase.withNodes(1, out.resolve("ceilings")), n, 1024));
            }
        }
        all.put("ceilings", ceilings);
        Files.writeString(out.resolve("figures.json"), new JsonObject(new LinkedHashMap<>(all)).encodePrettily());
        Files.writeString(out.resolve("report.md"), Report.markdown(all));
        System.out.println(Report.markdown(all));
    }

    static Map<String, Object> runOnce(LoadConfig c) throws Exception {
        try (LoadRun run = new LoadRun(c)) {
            try {
                run.run();
            } catch (Exception e) {
                run.figures().put("failed", e.toString());
                run.figures().put("errors", run.errors());
                e.printStackTrace();
            }
            Map<String, Object> f = new LinkedHashMap<>(run.figures());
            run.series().forEach((name, s) -> {
                f.put(name + ".count", s.count());
                f.put(name + ".errors", s.errors());
                f.put(name + ".p50Millis", s.pMillis(50));
                f.put(name + ".p99Millis", s.pMillis(99));
                f.put(name + ".p999Millis", s.pMillis(99.9));
                f.put(name + ".maxMillis", s.maxMillis());
            });
            for (Series s : run.series().values()) {
                Files.writeString(c.out().resolve(s.name() + ".dat"), s.timeSeries());
            }
            return f;
        }
    }
}
