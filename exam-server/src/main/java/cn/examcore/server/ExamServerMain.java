package cn.examcore.server;

import cn.examcore.server.attempt.HistoryCheck;
import cn.examcore.server.attempt.ReceiptCheck;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.demo.DemoLaunch;
import cn.examcore.server.node.ExamNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one delivery node: configuration (defaults, file, environment), then {@link ExamNode}, which brings up
 * the database, the Hazelcast member, clustered Vert.x and the verticles in order. {@code --demo} (or
 * {@code EXAMCORE_DEMO=true}) seeds the demo sitting on an empty database, serves it over HTTPS with a self-signed
 * certificate of its own and prints how to take it; {@code --lan} serves the demo to the network (by default it
 * listens on this computer only). {@code verify-receipt} and {@code new-receipt-key} are the signed receipts' tools
 * ({@link ReceiptCheck}), {@code verify-history} checks an exported answer history ({@link HistoryCheck}); they
 * start no node.
 */
public final class ExamServerMain {

    private static final Logger LOG = LoggerFactory.getLogger(ExamServerMain.class);

    private ExamServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && List.of("verify-receipt", "new-receipt-key").contains(args[0])) {
            System.exit(ReceiptCheck.run(args, System.out, System.err));
            return;
        }
        if (args.length > 0 && "verify-history".equals(args[0])) {
            System.exit(HistoryCheck.run(args, System.out, System.err));
            return;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (List.of(args).contains("--demo")) {
            env.put("EXAMCORE_DEMO", "true");
        }
        if (List.of(args).contains("--lan")) {
            env.putIfAbsent("EXAMCORE_HOST", "0.0.0.0");
        }
        ServerConfig config;
        DemoLaunch.Prepared demo = null;
        try {
            config = ServerConfig.load(env);
            if (config.demo()) {
                demo = DemoLaunch.prepare(config);
                config = demo.config();
            }
            if (config.tls()) {
                // Read once here so that a bad file is a configuration error naming its key, not a stack trace.
                config.servingCertificate();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
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
        if (demo != null) {
            try {
                System.out.println(ExamNode.await(DemoLaunch.finish(node, demo)));
            } catch (RuntimeException e) {
                LOG.error("could not set the demo sitting up", e);
                System.exit(1);
            }
        }
        stopped.await();
    }
}
