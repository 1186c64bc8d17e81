package cn.examcore.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One real exam-server (or ceiling) JVM started as a child process on loopback, its output in a log file. */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private final String name;
    private final Process process;
    private final int httpPort;
    private final int managementPort;

    private ServerProcess(String name, Process process, int httpPort, int managementPort) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Starts {@code java [jvmArgs] command...} with the environment on top of ours; output to {@code log}. */
    public static ServerProcess start(String name, List<String> jvmArgs, List<String> command, Map<String, String> env,
                                      Path log, int httpPort, int managementPort) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(command);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // The node takes only the configuration given here: an inherited EXAMCORE_* (EXAMCORE_TEST_PG of the test
        // command, say) would be an unknown key to it, or silently change what is measured.
        pb.environment().keySet().removeIf(k -> k.startsWith("EXAMCORE_"));
        pb.environment().putAll(env);
        return new ServerProcess(name, pb.start(), httpPort, managementPort);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Waits until {@code /ready} on the management port answers 200 (bounded). */
    public void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250); // polling a child process's port from the orchestrating thread, not an event loop
        }
        throw new IllegalStateException(name + " was not ready within " + timeout);
    }

    /** Heap in use after a full collection (jcmd GC.run, then GC.heap_info), in bytes. */
    public long heapUsedAfterGc() throws Exception {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd for " + name);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** Starts a JFR profile of this process for {@code seconds}, written to {@code file} when it ends. */
    public void profile(Path file, int seconds) throws Exception {
        profile(file, seconds, "load");
    }

    /** Starts a named JFR recording of at most {@code seconds}; {@link #stopProfile} ends it early. */
    public void profile(Path file, int seconds, String name) throws Exception {
        jcmd("JFR.start name=" + name + " settings=profile duration=" + seconds + "s filename="
                + file.toAbsolutePath());
    }

    /** Stops the named recording and writes its file. */
    public void stopProfile(String name) throws Exception {
        jcmd("JFR.stop name=" + name);
    }

    /** The management port's Prometheus text. */
    public String metrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String jcmd(String what) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid())));
        cmd.addAll(List.of(what.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /**
     * Stops the child, gracefully first. An interrupt kills it at once and stays set for the caller: a close() that
     * threw InterruptedException would, in try-with-resources, lose it as a suppressed exception of the body's.
     */
    @Override
    public void close() {
        process.destroy(); // SIGTERM: the node flushes and stops gracefully
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
