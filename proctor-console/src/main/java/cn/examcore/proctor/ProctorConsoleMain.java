package cn.examcore.proctor;

import cn.examcore.proctor.config.ConsoleConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the proctor console (监考台): configuration from {@code CONSOLE_*} (see {@link ConsoleConfig}), then
 * {@link ConsoleNode}, which serves the web app and reads exam-server over HTTP (it is no cluster member).
 * {@code --config FILE} names the properties file as {@code CONSOLE_CONFIG} does, in a form every shell accepts
 * (the exam-server demo prints it so).
 */
public final class ProctorConsoleMain {

    private ProctorConsoleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleConfig config;
        try {
            config = ConsoleConfig.load(environment(args, System.getenv()));
            if (config.servicePassword().isEmpty()) {
                throw new IllegalArgumentException("service-password (CONSOLE_SERVICE_PASSWORD) is required: the "
                        + "console reads exam-server as its OBSERVER service account " + config.serviceUser());
            }
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        ConsoleNode node = ConsoleNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "console-shutdown"));
        System.out.println("Proctor console: " + (config.tls() ? "https" : "http") + "://localhost:" + node.httpPort()
                + "/console/");
        stopped.await();
    }

    /** The environment with {@code --config FILE} as {@code CONSOLE_CONFIG}; any other argument is refused. */
    static Map<String, String> environment(String[] args, Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                out.put("CONSOLE_CONFIG", args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + " (the only one is --config FILE, "
                        + "a properties file of the console's keys)");
            }
        }
        return out;
    }
}
