package cn.examcore.load;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.store.AttemptProcessors.Change;
import cn.examcore.server.attempt.store.AttemptProcessors.Op;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.node.HazelcastSetup;
import cn.examcore.server.storage.hazelcast.HazelcastMaps;
import cn.examcore.server.storage.jdbc.Database;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The cluster view of a save's cost (issue 18): {@link SaveCost}'s store path, with one member or two, each a
 * separate JVM configured by {@link HazelcastSetup} exactly as a node is (one synchronous backup, split-brain
 * protection by a majority of the two, write-behind into its own embedded H2).
 *
 * <p>{@code drive} is member 1 and the load: it loads {@code attempts} attempts of {@code answers} answers (spread
 * by key over every partition, so with two members about half the saves are owned by the other member and half are
 * backed up to it), runs a closed loop of {@code inFlight} concurrent {@code SAVE} entry processors and charges the
 * CPU time of <em>both</em> processes (from {@code /proc}) to the saves; then, for each link delay, an open loop at
 * {@code rate} saves/s whose latencies count from each save's due time (the delay set by {@code tc netem} on
 * {@code netemDevice}, or by a {@link DelayProxy} this driver starts with the {@code proxy} routes, each member's
 * {@code public} address being one of them). {@code member} is member 2: it joins, names
 * its pid in a member attribute (so the driver can read its CPU), and leaves when the driver does.
 *
 * <p>Arguments are {@code key=value}: {@code drive name= self=host:port [peer=host:port] attempts= answers= warmup=
 * seconds= inFlight= rate= [cost=false] [delays=0,0.2,1,5,0] [netemDevice=dev | public=host:port
 * proxy=listen>target,... rttProbe=host] [out=file]}; {@code member name= self= peer=
 * maxSeconds=}. Each phase prints one {@code result ...} line (appended to {@code out} too), which
 * {@link ClusterViewReport} turns into the summary table.
 */
public final class ClusterSaveCost {

    private static final String PID_ATTRIBUTE = "examcore.load.pid";
    /** Open loop: more saves than this outstanding and the phase stops as overloaded (bounded memory). */
    private static final int MAX_OUTSTANDING = 20_000;

    private ClusterSaveCost() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || !(argv[0].equals("drive") || argv[0].equals("member"))) {
            throw new IllegalArgumentException("usage: ClusterSaveCost drive|member key=value...");
        }
        Map<String, String> args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            int eq = argv[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not key=value: '" + argv[i] + "'");
            }
            args.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
        }
        if (argv[0].equals("member")) {
            member(args);
        } else {
            drive(args);
        }
        // Hazelcast's and H2's non-daemon threads are gone with the instance, but be sure the process ends.
        System.exit(0);
    }

    private static String required(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return v;
    }

    /**
     * A node's configuration bound to {@code self}, with {@code peer} as the other member's address (null: alone)
     * and {@code published} as the address the other member reaches this one at (null: {@code self}; a port of the
     * {@link DelayProxy} when the link is delayed by it).
     */
    static ServerConfig nodeConfig(String name, String self, String published, String peer, Path dataDir) {
        String[] hostPort = self.split(":");
        Map<String, String> c = new LinkedHashMap<>();
        c.put("data-dir", dataDir.toString());
        c.put("cluster-name", name);
        c.put("cluster-interface", hostPort[0]);
        c.put("cluster-port", hostPort.length > 1 ? hostPort[1] : "5701");
        if (peer != null) {
            c.put("cluster-members", (published == null ? self : published) + "," + peer);
        }
        if (published != null) {
            c.put("cluster-public-address", published);
        }
        return ServerConfig.defaults().with(c);
    }

    private static void member(Map<String, String> args) throws Exception {
        long maxSeconds = Long.parseLong(args.getOrDefault("maxSeconds", "1800"));
        Path dir = Files.createTempDirectory("cluster-view-member-");
        ServerConfig sc = nodeConfig(required(args, "name"), required(args, "self"), args.get("public"),
                required(args, "peer"), dir);
        long now = System.currentTimeMillis();
        try (Database db = Database.open(sc.database())) {
            CostMember.insertSitting(db, now);
            Config config = HazelcastSetup.config(sc, db, System::currentTimeMillis);
            config.getMemberAttributeConfig().setAttribute(PID_ATTRIBUTE,
                    String.valueOf(ProcessHandle.current().pid()));
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
            System.out.println("member up: pid " + ProcessHandle.current().pid() + ", cluster of "
                    + hz.getCluster().getMembers().size());
            // Stays while the driver is in the cluster; bounded by maxSeconds whatever happens.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
            boolean joined = false;
            while (System.nanoTime() < deadline) {
                int size = hz.getCluster().getMembers().size();
                joined |= size > 1;
                if (joined && size == 1) {
                    System.out.println("member: the driver left, stopping");
                    break;
                }
                Thread.sleep(200);
            }
            hz.getLifecycleService().terminate();
        }
    }

    private static void drive(Map<String, String> args) throws Exception {
        String name = required(args, "name");
        String self = required(args, "self");
        String peer = args.get("peer");
        int attempts = Integer.parseInt(args.getOrDefault("attempts", "2000"));
        int answers = Integer.parseInt(args.getOrDefault("answers", "100"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "30"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        int inFlight = Integer.parseInt(args.getOrDefault("inFlight", "64"));
        int rate = Integer.parseInt(args.getOrDefault("rate", "1000"));
        String device = args.get("netemDevice");
        List<BigDecimal> delays = new ArrayList<>();
        for (String d : args.getOrDefault("delays", "0").split(",")) {
            delays.add(new BigDecimal(d.trim()));
        }
        if (device == null && !args.containsKey("proxy") && delays.stream().anyMatch(d -> d.signum() > 0)) {
            throw new IllegalArgumentException("delays above 0 need netemDevice= or proxy=");
        }
        Path out = args.containsKey("out") ? Path.of(args.get("out")) : null;
        String link = args.getOrDefault("link", peer == null ? "none" : "loopback");

        Path dir = Files.createTempDirectory("cluster-view-driver-");
        List<String> routes = args.containsKey("proxy") ? List.of(args.get("proxy").split(",")) : List.of();
        if (device != null && !routes.isEmpty()) {
            throw new IllegalArgumentException("netemDevice= and proxy= are two ways to delay the link: give one");
        }
        ServerConfig sc = nodeConfig(name, self, args.get("public"), peer, dir);
        Relay relay = routes.isEmpty() ? null : Relay.start(routes);
        long now = System.currentTimeMillis();
        try (Database db = Database.open(sc.database())) {
            CostMember.insertSitting(db, now);
            HazelcastInstance hz = Hazelcast.newHazelcastInstance(
                    HazelcastSetup.config(sc, db, System::currentTimeMillis));
            try {
                String peerPid = null;
                for (Member m : hz.getCluster().getMembers()) {
                    if (!m.localMember()) {
                        peerPid = m.getAttribute(PID_ATTRIBUTE);
                    }
                }
                if (peer != null && peerPid == null) {
                    throw new IllegalStateException("the second member did not name its pid");
                }
                Load load = new Load(hz.getMap(HazelcastMaps.ATTEMPTS), attempts, answers, peerPid,
                        relay == null ? null : String.valueOf(relay.pid()));
                load.fill(now);
                Map<String, Object> base = new LinkedHashMap<>();
                base.put("members", hz.getCluster().getMembers().size());
                base.put("link", link);
                base.put("attempts", attempts);
                base.put("answers", answers);
                base.put("remoteShare", String.format("%.2f", load.remoteShare(hz)));

                // cost=false: the closed loop only warms up (the JIT), as before the delayed link's phases.
                boolean measureCost = !"false".equals(args.get("cost"));
                Map<String, Object> cost = new LinkedHashMap<>(base);
                cost.put("phase", "cost");
                cost.put("inFlight", inFlight);
                cost.putAll(load.closedLoop(inFlight, warmup, measureCost ? seconds : 1));
                if (measureCost) {
                    report(out, cost);
                }

                for (BigDecimal delay : delays) {
                    if (device != null) {
                        LinkDelay.set(device, delay);
                    }
                    if (relay != null) {
                        relay.delay(delay);
                    }
                    Map<String, Object> lat = new LinkedHashMap<>(base);
                    lat.put("phase", "latency");
                    lat.put("delayMs", delay.toPlainString());
                    String probe = args.getOrDefault("rttProbe", peer == null ? null : peer.split(":")[0]);
                    double[] rtt = probe != null ? LinkDelay.connectRttMillis(probe, 20) : null;
                    lat.put("rttMs", rtt == null ? "-" : String.format("%.3f", rtt[1]));
                    lat.put("rate", rate);
                    // Five seconds at the rate before measuring, to let the link's queues settle.
                    load.openLoop(rate, 0, 5);
                    if (relay != null) {
                        relay.stats();
                    }
                    lat.putAll(load.openLoop(rate, 0, seconds));
                    if (relay != null) {
                        lat.putAll(relay.stats());
                    }
                    report(out, lat);
                }
                if (device != null) {
                    LinkDelay.set(device, BigDecimal.ZERO);
                }
            } finally {
                hz.getLifecycleService().terminate();
                if (relay != null) {
                    relay.close();
                }
            }
        }
    }

    /** The {@link DelayProxy} as this driver's child process, commanded through its standard input. */
    private record Relay(Process process, java.io.BufferedReader replies, java.io.PrintWriter commands) {

        static Relay start(List<String> routes) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), DelayProxy.class.getName()));
            cmd.addAll(routes);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Relay r = new Relay(p, new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)), new java.io.PrintWriter(p.getOutputStream(), true));
            String ready = r.replies.readLine();
            if (ready == null || !ready.startsWith("ready")) {
                p.destroyForcibly();
                throw new IOException("the delay relay did not start: " + ready);
            }
            System.out.println("relay " + ready + ", pid " + p.pid());
            return r;
        }

        long pid() {
            return process.pid();
        }

        void delay(BigDecimal millis) throws IOException {
            commands.println("delay " + millis.movePointRight(3).longValueExact());
            String reply = replies.readLine();
            if (reply == null || !reply.startsWith("ok")) {
                throw new IOException("the delay relay refused the delay " + millis + " ms: " + reply);
            }
        }

        /** The relay's hold time per chunk since the last call, as result figures. */
        Map<String, Object> stats() throws IOException {
            commands.println("stats");
            String reply = replies.readLine();
            Map<String, Object> f = new LinkedHashMap<>();
            if (reply != null && reply.startsWith("stats ")) {
                for (String kv : reply.substring(6).split(" ")) {
                    String[] p = kv.split("=");
                    f.put("relayHold" + Character.toUpperCase(p[0].charAt(0)) + p[0].substring(1), p[1]);
                }
            }
            return f;
        }

        void close() throws InterruptedException {
            commands.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void report(Path out, Map<String, Object> figures) throws IOException {
        StringBuilder line = new StringBuilder("result");
        figures.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        if (out != null) {
            Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The attempts and the saves on them, with the CPU of this process and of the peer (if any) per phase. */
    private static final class Load {
        private final IMap<String, Attempt> map;
        private final int attempts;
        private final int answers;
        private final String peerPid;
        private final String relayPid;
        private final AtomicLongArray revs;

        Load(IMap<String, Attempt> map, int attempts, int answers, String peerPid, String relayPid) {
            this.map = map;
            this.attempts = attempts;
            this.answers = answers;
            this.peerPid = peerPid;
            this.relayPid = relayPid;
            this.revs = new AtomicLongArray(attempts * answers);
        }

        void fill(long now) {
            map.putAll(SaveCost.initialAttempts(attempts, answers, now));
            map.flush();
        }

        /** The share of the attempts whose partition another member owns: the saves that cross the link twice. */
        double remoteShare(HazelcastInstance hz) {
            var partitions = hz.getPartitionService();
            int remote = 0;
            for (int i = 0; i < attempts; i++) {
                Member owner = partitions.getPartition("a" + i).getOwner();
                remote += owner != null && !owner.localMember() ? 1 : 0;
            }
            return (double) remote / attempts;
        }

        /** One save on a random item of a random attempt, with the next revision of that item. */
        java.util.concurrent.CompletionStage<?> save() {
            int attempt = ThreadLocalRandom.current().nextInt(attempts);
            int item = 1 + ThreadLocalRandom.current().nextInt(answers);
            long rev = 1 + revs.incrementAndGet(attempt * answers + item - 1);
            Answer answer = new Answer(item, "\"a changed answer of forty characters " + rev + "\"", rev,
                    System.currentTimeMillis());
            return map.submitToKey("a" + attempt, new Change(Op.SAVE, System.currentTimeMillis(), 0,
                    List.of(answer))).thenApply(outcome -> {
                        if (outcome.rejection() != null) {
                            throw new IllegalStateException("rejected: " + outcome.message());
                        }
                        return outcome;
                    });
        }

        /** CPU snapshot of both processes and their thread groups. */
        private final class Cpu {
            final long self = ProcCpu.process("self");
            final long peer = peerPid == null ? 0 : ProcCpu.process(peerPid);
            final long relay = relayPid == null ? 0 : ProcCpu.process(relayPid);
            final Map<String, Long> selfGroups = ProcCpu.byThreadGroup("self");
            final Map<String, Long> peerGroups = peerPid == null ? Map.of() : ProcCpu.byThreadGroup(peerPid);
            final long nanos = System.nanoTime();
        }

        private Map<String, Object> figures(Cpu from, Cpu to, long saves, long failures, ConcurrentHistogram h) {
            Map<String, Object> f = new LinkedHashMap<>();
            double wall = (to.nanos - from.nanos) / 1e9;
            long n = Math.max(1, saves);
            double cpu1 = (to.self - from.self) / 1e3 / n;
            double cpu2 = (to.peer - from.peer) / 1e3 / n;
            f.put("seconds", String.format("%.1f", wall));
            f.put("saves", saves);
            f.put("failures", failures);
            f.put("savesPerSecond", String.format("%.0f", saves / wall));
            f.put("p50Millis", String.format("%.2f", h.getValueAtPercentile(50) / 1e6));
            f.put("p99Millis", String.format("%.2f", h.getValueAtPercentile(99) / 1e6));
            f.put("p999Millis", String.format("%.2f", h.getValueAtPercentile(99.9) / 1e6));
            f.put("maxMillis", String.format("%.2f", h.getMaxValue() / 1e6));
            f.put("cpuMicrosPerSave1", String.format("%.1f", cpu1));
            f.put("cpuMicrosPerSave2", String.format("%.1f", cpu2));
            f.put("cpuMicrosPerSaveBoth", String.format("%.1f", cpu1 + cpu2));
            f.put("savesPerCpuSecond", String.format("%.0f", 1e6 / (cpu1 + cpu2)));
            if (relayPid != null) {
                f.put("cpuMicrosPerSaveRelay", String.format("%.1f", (to.relay - from.relay) / 1e3 / n));
            }
            f.put("threads1", top(ProcCpu.difference(from.selfGroups, to.selfGroups), n));
            if (peerPid != null) {
                f.put("threads2", top(ProcCpu.difference(from.peerGroups, to.peerGroups), n));
            }
            f.put("loadavg", loadavg());
            return f;
        }

        /** The thread groups of at least 2 µs per save, largest first, as {@code group:µs,...} (no spaces). */
        private static String top(Map<String, Long> groups, long saves) {
            StringBuilder s = new StringBuilder();
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(g -> g.getValue() / 1e3 / saves >= 2).forEach(g -> s.append(s.isEmpty() ? "" : ",")
                            .append(g.getKey().replaceAll("[\\s,:=]", "_")).append(':')
                            .append(String.format("%.0f", g.getValue() / 1e3 / saves)));
            return s.isEmpty() ? "-" : s.toString();
        }

        /** {@code inFlight} saves always outstanding, each issuing the next when it completes. */
        Map<String, Object> closedLoop(int inFlight, int warmup, int seconds) throws InterruptedException {
            ConcurrentHistogram latency = new ConcurrentHistogram(3);
            AtomicLong done = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch stopped = new CountDownLatch(inFlight);
            for (int k = 0; k < inFlight; k++) {
                next(latency, done, failed, measuring, stop, stopped);
            }
            Thread.sleep(warmup * 1000L);
            measuring.set(true);
            Cpu from = new Cpu();
            long n0 = done.get();
            long f0 = failed.get();
            Thread.sleep(seconds * 1000L);
            long n = done.get() - n0;
            long f = failed.get() - f0;
            Cpu to = new Cpu();
            measuring.set(false);
            stop.set(true);
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("saves still outstanding 60 s after the closed loop stopped");
            }
            return figures(from, to, n, f, latency);
        }

        private void next(ConcurrentHistogram latency, AtomicLong done, AtomicLong failed, AtomicBoolean measuring,
                          AtomicBoolean stop, CountDownLatch stopped) {
            if (stop.get()) {
                stopped.countDown();
                return;
            }
            long start = System.nanoTime();
            save().whenComplete((outcome, failure) -> {
                if (failure != null) {
                    failed.incrementAndGet();
                    System.err.println("save failed: " + failure);
                }
                if (measuring.get()) {
                    latency.recordValue(System.nanoTime() - start);
                }
                done.incrementAndGet();
                next(latency, done, failed, measuring, stop, stopped);
            });
        }

        /**
         * Save k is due at {@code start + k / rate} whatever came back before it, and its latency counts from that
         * due time, so a slow store shows as latency rather than as fewer saves offered (no coordinated omission).
         * Saves due in the first {@code warmup} seconds are not measured.
         */
        Map<String, Object> openLoop(int rate, int warmup, int seconds) throws InterruptedException {
            ConcurrentHistogram latency = new ConcurrentHistogram(3);
            AtomicLong outstanding = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicLong measured = new AtomicLong();
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            Cpu from = null;
            boolean overloaded = false;
            for (long k = 0; ; k++) {
                long due = start + k * period;
                if (due >= end) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                boolean measure = due >= measureFrom;
                if (measure && from == null) {
                    from = new Cpu();
                }
                if (outstanding.get() > MAX_OUTSTANDING) {
                    overloaded = true;
                    break;
                }
                outstanding.incrementAndGet();
                if (measure) {
                    measured.incrementAndGet();
                }
                save().whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet();
                        System.err.println("save failed: " + failure);
                    }
                    if (measure) {
                        latency.recordValue(System.nanoTime() - due);
                    }
                    outstanding.decrementAndGet();
                });
            }
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(end - System.nanoTime());
            }
            Cpu to = new Cpu();
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (outstanding.get() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(10);
            }
            if (from == null) {
                from = to;
            }
            Map<String, Object> f = figures(from, to, measured.get(), failed.get(), latency);
            f.put("overloaded", overloaded);
            f.put("undrained", outstanding.get());
            return f;
        }
    }

    private static String loadavg() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return l[0] + "," + l[1] + "," + l[2];
        } catch (IOException e) {
            return "-";
        }
    }
}
