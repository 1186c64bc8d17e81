package cn.examcore.server;

import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.auth.Role;
import cn.examcore.server.demo.DemoMarkers;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.node.ExamNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one delivery node: configuration (defaults, file, environment), then {@link ExamNode}, which brings up
 * the database, the Hazelcast member, clustered Vert.x and the verticles in order. {@code --demo} (or
 * {@code EXAMCORE_DEMO=true}) seeds the demo sitting on an empty database and prints how to take it.
 */
public final class ExamServerMain {

    private static final Logger LOG = LoggerFactory.getLogger(ExamServerMain.class);

    private ExamServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (List.of(args).contains("--demo")) {
            env.put("EXAMCORE_DEMO", "true");
        }
        ServerConfig config;
        try {
            config = ServerConfig.load(env);
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ExamNode node = ExamNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "examcore-shutdown"));
        if (config.demo()) {
            try {
                printDemo(node, config);
            } catch (RuntimeException e) {
                LOG.error("could not set the demo sitting up", e);
                System.exit(1);
            }
        }
        stopped.await();
    }

    private static void printDemo(ExamNode node, ServerConfig config) {
        Optional<DemoSitting.Info> existing = ExamNode.await(DemoSitting.existing(node));
        DemoSitting.Info info = existing.orElseGet(() ->
                ExamNode.await(DemoSitting.seed(node, DemoSitting.Options.theory(config.demoLeadSeconds()))));
        List<DemoMarkers.Account> markers = ExamNode.await(DemoMarkers.ensure(node));
        String admin = node.generatedAdminPassword() != null ? node.generatedAdminPassword()
                : config.adminPassword().isBlank() ? "(unchanged)" : "(as configured)";
        StringBuilder out = new StringBuilder();
        out.append("\n================ examcore demo sitting ================\n");
        out.append("Candidate page : ").append(node.baseUrl()).append("/candidate/\n");
        out.append("Admin pages    : ").append(node.baseUrl()).append("/admin/\n");
        out.append("Proctor console: java -jar proctor-console/target/proctor-console.jar (reads this node over HTTP"
                + " as an OBSERVER service account, no cluster member; see proctor-console/README.md)\n");
        out.append("Admin API      : ").append(node.baseUrl()).append("/api/admin/  user ")
                .append(config.adminUser()).append("  password ").append(admin).append('\n');
        out.append("Management     : http://localhost:").append(node.managementPort())
                .append("/health  /ready  /metrics\n");
        out.append("Marking page   : ").append(node.baseUrl()).append("/marking/  (README: How a marker marks)\n");
        for (DemoMarkers.Account a : markers) {
            out.append(a.role() == Role.CHIEF_MARKER ? "  chief marker " : "  marker       ").append(a.username())
                    .append("  password ").append(a.password()).append('\n');
        }
        out.append("Sitting        : ").append(info.title()).append("  (").append(existing.isPresent()
                ? "existing" : "new").append(")\n");
        out.append("T0             : ").append(java.time.Instant.ofEpochMilli(info.t0())).append('\n');
        out.append("Enrolment PIN  : ").append(info.pin()).append('\n');
        out.append("Seat codes     : ").append(String.join(" ", info.seatCodes())).append('\n');
        out.append("Seat-agent key : ").append(info.agentKey()).append('\n');
        out.append("Candidates (ticket / ID number / name / seat):\n");
        info.candidates().stream().limit(5).forEach(c -> out.append("  ").append(c.ticket()).append("  ")
                .append(c.idNumber()).append("  ").append(c.name()).append("  ").append(c.seatCode()).append('\n'));
        out.append("  … ").append(info.candidates().size()).append(" in all; candidate N sits at seat N.\n");
        out.append("Enrol a browser tab with a seat code and the PIN, then log in with that seat's candidate.\n");
        out.append("=======================================================\n");
        System.out.println(out);
    }
}
