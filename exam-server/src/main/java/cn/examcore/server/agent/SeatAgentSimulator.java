package cn.examcore.server.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reference seat agent as a simulator: replays a {@link Scenario} against a server in real time through a
 * {@link SeatAgentClient}. Steps that fall due together are sent together (at most
 * {@value SeatAgentClient#MAX_BATCH} per request), and requests are at least a minimum interval apart, because
 * the server rate-limits each agent key: a dense random scenario then goes out as fewer, fuller batches instead
 * of a request per event.
 *
 * <p>Usable as a library (tests, load scenarios) with an injected clock and sleeper, or from the command line:
 * {@code java -cp 'exam-server/target/exam-server.jar:exam-server/target/lib/*'
 * cn.examcore.server.agent.SeatAgentSimulator --help}.
 */
public final class SeatAgentSimulator {

    /** Waits; injectable so tests advance a fake clock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * What a run did.
     *
     * @param sent     events sent
     * @param accepted events the server accepted
     * @param requests HTTP requests made
     */
    public record Report(int sent, int accepted, int requests) {
    }

    /** Default gap between two requests: 5 requests per second, half of what the server allows a key. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMillis(200);

    private final SeatAgentClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long minIntervalMillis;

    /** A simulator on the system clock that really sleeps, with {@link #DEFAULT_MIN_INTERVAL}. */
    public SeatAgentSimulator(SeatAgentClient client) {
        this(client, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), DEFAULT_MIN_INTERVAL);
    }

    /**
     * @param client      where events go
     * @param clock       the time source for due times and {@code observedAt}
     * @param sleeper     how to wait until the next step (tests advance {@code clock} instead)
     * @param minInterval smallest gap between two requests (zero for none)
     */
    public SeatAgentSimulator(SeatAgentClient client, Clock clock, Sleeper sleeper, Duration minInterval) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, was " + minInterval);
        }
        this.minIntervalMillis = minInterval.toMillis();
    }

    /**
     * Runs the scenario from now: waits until each step is due, then sends every step due by then. The event's
     * {@code observedAt} is the step's scheduled time.
     *
     * @throws AgentException at the first batch the server refuses (the run stops there)
     */
    public Report run(Scenario scenario) throws AgentException, InterruptedException {
        long start = clock.millis();
        List<Scenario.Step> steps = scenario.steps();
        int sent = 0;
        int accepted = 0;
        int requests = 0;
        int next = 0;
        long earliestSend = Long.MIN_VALUE;
        while (next < steps.size()) {
            long due = Math.max(start + steps.get(next).at().toMillis(), earliestSend);
            long wait = due - clock.millis();
            if (wait > 0) {
                sleeper.sleep(Duration.ofMillis(wait));
                continue;
            }
            long now = clock.millis();
            List<AgentEvent> batch = new ArrayList<>();
            while (next < steps.size() && batch.size() < SeatAgentClient.MAX_BATCH
                    && start + steps.get(next).at().toMillis() <= now) {
                Scenario.Step step = steps.get(next++);
                batch.add(new AgentEvent(step.seatCode(), step.kind(), step.detail(), start + step.at().toMillis()));
            }
            accepted += client.sendBatch(batch);
            sent += batch.size();
            requests++;
            earliestSend = now + minIntervalMillis;
        }
        return new Report(sent, accepted, requests);
    }

    /** Command-line entry point; {@code --help} explains the options. */
    public static void main(String[] args) {
        System.exit(runCommand(args, System.out, System.err));
    }

    /** The command line without {@code System.exit}: returns 0 on success, 1 when sending failed, 2 on bad usage. */
    static int runCommand(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for the options");
            return 2;
        }
        if (options.help) {
            out.print(HELP);
            return 0;
        }
        try {
            Scenario scenario = options.scenario();
            SeatAgentClient client = new SeatAgentClient(options.url, options.key, options.allowRemote);
            out.println("sending " + scenario.steps().size() + " events over " + scenario.length().toMillis()
                    + " ms to " + client.endpoint());
            Report report = new SeatAgentSimulator(client, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                    options.minInterval).run(scenario);
            out.println("done: " + report.sent() + " sent, " + report.accepted() + " accepted, " + report.requests()
                    + " requests");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (AgentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        }
    }

    static final String HELP = """
            Seat-agent simulator: posts device and presence events to POST /api/agent/events.

            Usage: SeatAgentSimulator --key KEY [--url URL]
                                      (--script STEPS | --script-file FILE | --random --seats S1,S2 ...)

              --url URL            server base URL (default http://127.0.0.1:8080); loopback only unless --allow-remote
              --key KEY            the sitting's agent key (or environment variable EXAMCORE_AGENT_KEY)
              --script STEPS       steps separated by ';', e.g.
                                   "usb at seat R101-07 after 10 s; away at R101-03 after 1m"
              --script-file FILE   steps one per line (UTF-8), '#' starts a comment
              --random             random events instead of a script:
                --seats S1,S2,...  seat codes to pick from (required)
                --count N          number of events, 1..100000 (default 20)
                --duration TIME    spread over this time, at most 12h (default 60s)
                --seed N           random seed, for a reproducible run (default 1)
              --min-interval TIME  smallest gap between two requests (default 200ms; the server rate-limits a key)
              --allow-remote       allow a server that is not on this machine
              --help               this text

            Event kinds (alias / wire name): usb / USB_STORAGE_INSERTED, usb-out / USB_STORAGE_REMOVED,
              display / DISPLAY_ATTACHED, display-out / DISPLAY_DETACHED, phone / PHONE_DETECTED,
              bluetooth / BLUETOOTH_DEVICE_SEEN, earphone / EARPHONE_DETECTED, away / PRESENCE_LOST,
              back / PRESENCE_REGAINED. Trailing key=value words of a step become its detail.

            Exit status: 0 all events accepted, 1 the server refused a batch or was unreachable, 2 bad usage.
            """;

    /** Parsed command-line options. */
    static final class Options {
        URI url = URI.create("http://127.0.0.1:8080");
        String key = System.getenv("EXAMCORE_AGENT_KEY");
        String script;
        Path scriptFile;
        boolean random;
        List<String> seats = List.of();
        int count = 20;
        Duration duration = Duration.ofSeconds(60);
        long seed = 1;
        Duration minInterval = DEFAULT_MIN_INTERVAL;
        boolean allowRemote;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--allow-remote" -> o.allowRemote = true;
                    case "--random" -> o.random = true;
                    case "--url" -> o.url = uri(value(args, ++i, arg));
                    case "--key" -> o.key = value(args, ++i, arg);
                    case "--script" -> o.script = value(args, ++i, arg);
                    case "--script-file" -> o.scriptFile = Path.of(value(args, ++i, arg));
                    case "--seats" -> o.seats = Arrays.stream(value(args, ++i, arg).split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList();
                    case "--count" -> o.count = integer(value(args, ++i, arg), arg);
                    case "--duration" -> o.duration = Scenario.parseDuration(value(args, ++i, arg));
                    case "--seed" -> o.seed = integer(value(args, ++i, arg), arg);
                    case "--min-interval" -> o.minInterval = Scenario.parseDuration(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            if (o.help) {
                return o;
            }
            int modes = (o.script != null ? 1 : 0) + (o.scriptFile != null ? 1 : 0) + (o.random ? 1 : 0);
            if (modes != 1) {
                throw new IllegalArgumentException("give exactly one of --script, --script-file or --random");
            }
            if (o.key == null || o.key.isBlank()) {
                throw new IllegalArgumentException("--key is required (or set EXAMCORE_AGENT_KEY)");
            }
            if (!o.random && (!o.seats.isEmpty())) {
                throw new IllegalArgumentException("--seats is only for --random; a script names its seats");
            }
            return o;
        }

        Scenario scenario() {
            if (random) {
                return Scenario.random(seats, count, duration, seed);
            }
            if (script != null) {
                return Scenario.parse(script);
            }
            try {
                return Scenario.parse(Files.readString(scriptFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read script file " + scriptFile + ": " + e.getMessage(), e);
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static URI uri(String text) {
            try {
                return URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--url '" + text + "' is not a URL", e);
            }
        }

        private static int integer(String text, String option) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, was '" + text + "'", e);
            }
        }
    }
}
