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

    private FullRun() {
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
        List<Integer> steps = List.of(250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12000);
        // A node's heap (NODE_HEAP_MB, default 2048): a real site sizes it to its seats; the 2 GB default keeps
        // several nodes and the generator inside a small machine's memory.
        int heapMb = Integer.parseInt(System.getenv().getOrDefault("NODE_HEAP_MB", "2048"));
        LoadConfig base = new LoadConfig(seats, 1, steadySeconds, steadyRate, steps, stepSeconds, 200, jar, out,
                heapMb);
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        for (int n : nodeCounts) {
            LoadConfig c = base.withNodes(n, out.resolve(n + "-node"));
            all.put(n + "-node", runOnce(c));
        }
        Map<String, Object> ceilings = new LinkedHashMap<>();
        ceilings.putAll(Ceilings.echo(base.withNodes(1, out.resolve("ceilings"))));
        for (int n : nodeCounts) {
            ceilings.putAll(Ceilings.hazelcast(base.withNodes(1, out.resolve("ceilings")), n, 1024));
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
