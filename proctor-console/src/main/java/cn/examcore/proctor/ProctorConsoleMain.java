package cn.examcore.proctor;

import cn.examcore.proctor.config.ConsoleConfig;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the proctor console (监考台): configuration from {@code CONSOLE_*} (see {@link ConsoleConfig}), then
 * {@link ConsoleNode}, which serves the web app and reads exam-server over HTTP (it is no cluster member).
 */
public final class ProctorConsoleMain {

    private ProctorConsoleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ConsoleConfig config;
        try {
            config = ConsoleConfig.load(System.getenv());
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
        System.out.println("Proctor console: http://localhost:" + node.httpPort() + "/console/");
        stopped.await();
    }
}
