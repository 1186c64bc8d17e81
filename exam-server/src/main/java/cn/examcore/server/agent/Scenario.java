package cn.examcore.server.agent;

import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.SeatEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a simulated seat agent will report and when: steps at offsets from the start, sorted by time.
 *
 * <p>Script syntax, one step per line or separated by {@code ;}, {@code #} starts a comment:
 * <pre>
 *   usb at seat R101-07 after 10 s label=KINGSTON
 *   away at R101-03 after 1m30s
 *   PHONE_DETECTED at R101-12 after 2500ms
 * </pre>
 * The kind is a wire name ({@code USB_STORAGE_INSERTED}, any case) or its alias ({@code usb}, see
 * {@link #ALIASES}); {@code seat} is optional; times are {@code ms}, {@code s}, {@code m}, {@code h}
 * and may be combined ({@code 1m30s}); trailing {@code key=value} words become the event's detail.
 *
 * @param steps the steps, sorted by {@code at}
 */
public record Scenario(List<Step> steps) {

    /** Most steps one scenario may hold. */
    public static final int MAX_STEPS = 100_000;
    /** Longest scenario. */
    public static final Duration MAX_DURATION = Duration.ofHours(12);

    /** Short names a script may use for the agent event kinds. */
    public static final Map<String, Kind> ALIASES = aliases();

    private static final Pattern SEAT = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern TIME_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern DETAIL = Pattern.compile("([A-Za-z][A-Za-z0-9_]{0,31})=(\\S{1,200})");

    /**
     * One scheduled observation.
     *
     * @param at       offset from the start of the run
     * @param seatCode the seat
     * @param kind     what is observed
     * @param detail   the event's detail
     */
    public record Step(Duration at, String seatCode, Kind kind, Map<String, String> detail) {
        public Step {
            Objects.requireNonNull(at, "at");
            if (at.isNegative() || at.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("step time must be between 0 and " + MAX_DURATION + ", was " + at);
            }
            if (seatCode == null || !SEAT.matcher(seatCode).matches()) {
                throw new IllegalArgumentException("seat code must be 1 to 32 letters, digits, '-' or '_', was '"
                        + seatCode + "'");
            }
            AgentEvent.requireAgentKind(kind);
            detail = Map.copyOf(detail);
        }
    }

    public Scenario {
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a scenario holds at most " + MAX_STEPS + " steps, not " + steps.size());
        }
        steps = steps.stream().sorted(Comparator.comparing(Step::at)).toList();
    }

    /** The offset of the last step; zero for an empty scenario. */
    public Duration length() {
        return steps.isEmpty() ? Duration.ZERO : steps.get(steps.size() - 1).at();
    }

    /**
     * Parses a script (see the class comment).
     *
     * @throws IllegalArgumentException naming the step number and text of the first bad step
     */
    public static Scenario parse(String script) {
        Objects.requireNonNull(script, "script");
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String raw : script.split("[;\\n]")) {
            String line = raw.replaceAll("#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            number++;
            try {
                steps.add(parseStep(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario step " + number + " ('" + line + "'): "
                        + e.getMessage(), e);
            }
            if (steps.size() > MAX_STEPS) {
                throw new IllegalArgumentException("a scenario holds at most " + MAX_STEPS + " steps");
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the scenario script holds no step");
        }
        return new Scenario(steps);
    }

    /**
     * A reproducible random scenario: {@code count} events of random kinds at random seats, spread uniformly
     * over {@code duration}.
     *
     * @throws IllegalArgumentException when a bound is exceeded or no seat is given
     */
    public static Scenario random(List<String> seatCodes, int count, Duration duration, long seed) {
        Objects.requireNonNull(seatCodes, "seatCodes");
        Objects.requireNonNull(duration, "duration");
        if (seatCodes.isEmpty()) {
            throw new IllegalArgumentException("random mode needs at least one seat code");
        }
        if (count < 1 || count > MAX_STEPS) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_STEPS + ", was " + count);
        }
        if (duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be between 0 and " + MAX_DURATION + ", was " + duration);
        }
        Random random = new Random(seed);
        Kind[] kinds = Kind.reportedBy(SeatEvent.Source.AGENT).toArray(Kind[]::new);
        List<Step> steps = new ArrayList<>(count);
        long spanMillis = duration.toMillis();
        for (int i = 0; i < count; i++) {
            Duration at = Duration.ofMillis(spanMillis == 0 ? 0 : (long) (random.nextDouble() * spanMillis));
            String seat = seatCodes.get(random.nextInt(seatCodes.size()));
            Kind kind = kinds[random.nextInt(kinds.length)];
            steps.add(new Step(at, seat, kind, Map.of("simulated", "true", "n", String.valueOf(i + 1))));
        }
        return new Scenario(steps);
    }

    private static Step parseStep(String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        String kindWord = words.remove(0);
        Kind kind = kind(kindWord).orElseThrow(() -> new IllegalArgumentException(
                "unknown event kind '" + kindWord + "'; use one of " + ALIASES.entrySet().stream()
                        .map(e -> e.getKey() + "/" + e.getValue()).collect(Collectors.joining(", "))));
        expect(words, "at");
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("seat")) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("expected a seat code after 'at'");
        }
        String seat = words.remove(0);
        if (!SEAT.matcher(seat).matches()) {
            throw new IllegalArgumentException("seat code must be 1 to 32 letters, digits, '-' or '_', was '"
                    + seat + "'");
        }
        expect(words, "after");
        // A time is the words up to the first key=value; "10 s" and "10s" both read as ten seconds.
        StringBuilder time = new StringBuilder();
        while (!words.isEmpty() && !words.get(0).contains("=")) {
            time.append(words.remove(0));
        }
        Duration at = parseDuration(time.toString());
        Map<String, String> detail = new LinkedHashMap<>();
        for (String word : words) {
            Matcher m = DETAIL.matcher(word);
            if (!m.matches()) {
                throw new IllegalArgumentException("detail '" + word + "' must be key=value (key: letters, digits, _)");
            }
            if (detail.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("detail key '" + m.group(1) + "' given twice");
            }
        }
        return new Step(at, seat, kind, detail);
    }

    /** Parses {@code 10s}, {@code 1500ms}, {@code 1m30s}, {@code 2h}; a bare {@code 0} is zero. */
    public static Duration parseDuration(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("expected a time such as 10s, 1500ms or 1m30s");
        }
        Matcher m = TIME_PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != t.length()) {
            throw new IllegalArgumentException("cannot read time '" + text + "'; write e.g. 10s, 1500ms or 1m30s");
        }
        if (total.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("time " + text + " is beyond the limit of " + MAX_DURATION);
        }
        return total;
    }

    /** The kind a script word names: a wire name in any case, or an alias. */
    public static Optional<Kind> kind(String word) {
        String w = word == null ? "" : word.strip();
        Kind alias = ALIASES.get(w.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return Optional.of(alias);
        }
        return Kind.reportedBy(SeatEvent.Source.AGENT).stream().filter(k -> k.name().equalsIgnoreCase(w)).findFirst();
    }

    private static Map<String, Kind> aliases() {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("usb", Kind.USB_STORAGE_INSERTED);
        m.put("usb-out", Kind.USB_STORAGE_REMOVED);
        m.put("display", Kind.DISPLAY_ATTACHED);
        m.put("display-out", Kind.DISPLAY_DETACHED);
        m.put("phone", Kind.PHONE_DETECTED);
        m.put("bluetooth", Kind.BLUETOOTH_DEVICE_SEEN);
        m.put("earphone", Kind.EARPHONE_DETECTED);
        m.put("away", Kind.PRESENCE_LOST);
        m.put("back", Kind.PRESENCE_REGAINED);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static void expect(List<String> words, String keyword) {
        if (words.isEmpty() || !words.get(0).equalsIgnoreCase(keyword)) {
            throw new IllegalArgumentException("expected '" + keyword + "'"
                    + (words.isEmpty() ? " but the step ended" : " but found '" + words.get(0) + "'"));
        }
        words.remove(0);
    }
}
