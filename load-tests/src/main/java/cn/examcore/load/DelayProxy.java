package cn.examcore.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A TCP relay that holds every byte for half of a settable delay in each direction, so each round trip through it is
 * the delay longer: the LAN latency of the cluster view where the kernel has no {@code netem} (this machine's has
 * not: {@code CONFIG_NET_SCH_NETEM} is not set, and {@code tc qdisc ... netem} answers "Specified qdisc kind is
 * unknown"). Each member's public address is one of the relay's ports, so every connection between the two members
 * goes through it. Bytes keep their order (one writer per direction), and the relay measures how long it really held
 * each chunk, so its own lateness is a figure, not a guess.
 *
 * <p>Arguments: routes {@code listenHost:port>targetHost:port}. Commands on standard input, one a line, each answered
 * on standard output: {@code delay <µs>} (the round trip's extra time), {@code stats} (the hold time per chunk since
 * the last {@code stats}, as {@code stats p50Us= p99Us= maxUs= chunks=}); the relay ends when its input does.
 */
public final class DelayProxy {

    /** Connections accepted in the relay's whole life, at most (two members open a handful). */
    private static final int MAX_CONNECTIONS = 64;
    private static final byte[] END = new byte[0];

    /** Half the round trip's extra time: what each direction holds a chunk for. */
    private static volatile long holdNanos;
    private static final ConcurrentHistogram HELD = new ConcurrentHistogram(3);
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    private DelayProxy() {
    }

    /** One route, {@code listen>target}, each a {@code host:port}. */
    record Route(InetSocketAddress listen, InetSocketAddress target) {
        static Route parse(String text) {
            String[] sides = text.split(">");
            if (sides.length != 2) {
                throw new IllegalArgumentException("a route is listenHost:port>targetHost:port, was '" + text + "'");
            }
            return new Route(address(sides[0]), address(sides[1]));
        }

        private static InetSocketAddress address(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("not host:port: '" + hostPort + "'");
            }
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
    }

    /** Each direction's hold for a round trip {@code micros} longer: half of it, in ns. */
    static long holdNanosFor(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("delay must be >= 0 µs, was " + micros);
        }
        return micros * 1000 / 2;
    }

    public static void main(String[] args) throws Exception {
        List<ServerSocket> servers = new ArrayList<>();
        for (String a : args) {
            Route route = Route.parse(a);
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(route.listen());
            servers.add(server);
            Thread t = new Thread(() -> accept(server, route.target()), "relay-accept");
            t.setDaemon(true);
            t.start();
        }
        System.out.println("ready " + Arrays.toString(args));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.trim().split("\\s+");
            if (cmd[0].equals("delay") && cmd.length == 2) {
                holdNanos = holdNanosFor(Long.parseLong(cmd[1]));
                System.out.println("ok delay " + cmd[1]);
            } else if (cmd[0].equals("stats")) {
                System.out.printf("stats p50Us=%.0f p99Us=%.0f maxUs=%.0f chunks=%d%n",
                        HELD.getValueAtPercentile(50) / 1e3, HELD.getValueAtPercentile(99) / 1e3,
                        HELD.getMaxValue() / 1e3, HELD.getTotalCount());
                HELD.reset();
            } else {
                System.out.println("error unknown command: " + line);
            }
            System.out.flush();
        }
        for (ServerSocket s : servers) {
            s.close();
        }
        System.exit(0);
    }

    private static void accept(ServerSocket server, InetSocketAddress target) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (CONNECTIONS.incrementAndGet() > MAX_CONNECTIONS) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 2000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // the server socket closed, or one accept failed: the next loop decides
            }
        }
    }

    private record Chunk(byte[] bytes, long readAt) {
    }

    /** Copies {@code from} to {@code to}, each chunk written once it has been held for the delay. */
    private static void pump(Socket from, Socket to) throws IOException {
        BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    chunks.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime()));
                }
            } catch (IOException e) {
                // the connection ended
            }
            chunks.add(new Chunk(END, System.nanoTime()));
        }, "relay-read");
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Chunk chunk = chunks.take();
                    if (chunk.bytes() == END) {
                        break;
                    }
                    long due = chunk.readAt() + holdNanos;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.bytes());
                    out.flush();
                    HELD.recordValue(System.nanoTime() - chunk.readAt());
                }
            } catch (IOException | InterruptedException e) {
                // the other side ended
            }
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }, "relay-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }
}
