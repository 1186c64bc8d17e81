package cn.examcore.proctor.rules;

import cn.examcore.contract.MisconductCode.Tier;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.contract.Severity;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every threshold of the misconduct rules. Thresholds are configuration, not code: an evaluation body tunes them
 * per site without a release. Read with {@link #load(Path)} (a {@code .json} or {@code .properties} file whose
 * keys are the component names below; a missing key keeps its default). All times are in seconds. The defaults
 * and the reasoning behind them are in {@code proctor-console/docs/rules.md}.
 *
 * @param awaySeconds                      away from the seat (unexcused) longer than this: suggest a reminder
 *                                         about A2; an absence that starts after an A2 reminder and lasts this
 *                                         long is an A2 flag. Default 120
 * @param stillAwayAfterReminderSeconds    still away this long after the A2 reminder: A2 flag. Default 60
 * @param leavePermissionGraceSeconds      a leave permission also covers this long after its {@code until}, so a
 *                                         candidate walking back is not flagged. Default 60
 * @param focusWindowSeconds               the window in which focus losses and pastes are counted before a
 *                                         reminder. Default 300
 * @param focusLossMergeSeconds            focus-loss events this close to the previous one are the same episode
 *                                         (one tab switch raises both BLUR and VISIBILITY_HIDDEN). Default 2
 * @param focusLossesBeforeReminder        this many focus-loss episodes within the window: suggest a reminder
 *                                         about A4. Default 3
 * @param focusLossesAfterReminder         this many episodes after an A4 reminder: A4 flag. Default 2
 * @param pastesBeforeReminder             this many pastes within the window: suggest a reminder about A4.
 *                                         Default 2
 * @param pastesAfterReminder              this many pastes after an A4 reminder: A4 flag. Default 1
 * @param deviceKinds                      agent event kinds that are B1 on their own. Default all five device
 *                                         kinds
 * @param weakDeviceKinds                  agent event kinds that are B1 only together with a focus loss within
 *                                         {@code deviceWithFocusLossWindowSeconds}. Default none
 * @param deviceWithFocusLossWindowSeconds a focus loss and device evidence this close together are B1 evidence.
 *                                         Default 120
 * @param seriousIncidentCategories        tier-C categories a proctor records that are suggested as SERIOUS; the
 *                                         other tier-C categories are suggested MINOR. Default C5, C6
 * @param identityMismatchSeverity         suggested severity of C4 from a failed identity check. Default SERIOUS
 */
public record RulesConfig(int awaySeconds, int stillAwayAfterReminderSeconds, int leavePermissionGraceSeconds,
                          int focusWindowSeconds, int focusLossMergeSeconds, int focusLossesBeforeReminder,
                          int focusLossesAfterReminder, int pastesBeforeReminder, int pastesAfterReminder,
                          Set<String> deviceKinds, Set<String> weakDeviceKinds,
                          int deviceWithFocusLossWindowSeconds, Set<MisconductCode> seriousIncidentCategories,
                          Severity identityMismatchSeverity) {

    /** A day: a larger "seconds" value is almost certainly milliseconds typed by mistake. */
    private static final int MAX_SECONDS = 86_400;

    private static final Set<String> AGENT_KINDS = SeatEvent.Kind.reportedBy(SeatEvent.Source.AGENT).stream()
            .map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private static final RulesConfig DEFAULTS = new RulesConfig(120, 60, 60, 300, 2, 3, 2, 2, 1,
            Set.of("USB_STORAGE_INSERTED", "DISPLAY_ATTACHED", "PHONE_DETECTED", "BLUETOOTH_DEVICE_SEEN",
                    "EARPHONE_DETECTED"),
            Set.of(), 120, EnumSet.of(MisconductCode.C5, MisconductCode.C6), Severity.SERIOUS);

    public RulesConfig {
        List<RulesConfigException.Problem> problems = new ArrayList<>();
        seconds(problems, "awaySeconds", awaySeconds, 1);
        seconds(problems, "stillAwayAfterReminderSeconds", stillAwayAfterReminderSeconds, 0);
        seconds(problems, "leavePermissionGraceSeconds", leavePermissionGraceSeconds, 0);
        seconds(problems, "focusWindowSeconds", focusWindowSeconds, 1);
        seconds(problems, "focusLossMergeSeconds", focusLossMergeSeconds, 0);
        count(problems, "focusLossesBeforeReminder", focusLossesBeforeReminder);
        count(problems, "focusLossesAfterReminder", focusLossesAfterReminder);
        count(problems, "pastesBeforeReminder", pastesBeforeReminder);
        count(problems, "pastesAfterReminder", pastesAfterReminder);
        seconds(problems, "deviceWithFocusLossWindowSeconds", deviceWithFocusLossWindowSeconds, 1);
        deviceKinds = kinds(problems, "deviceKinds", deviceKinds);
        weakDeviceKinds = kinds(problems, "weakDeviceKinds", weakDeviceKinds);
        Set<String> both = new TreeSet<>(deviceKinds);
        both.retainAll(weakDeviceKinds);
        if (!both.isEmpty()) {
            problems.add(new RulesConfigException.Problem("weakDeviceKinds", "repeats " + both
                    + " from 'deviceKinds': a kind is either B1 on its own or only with a focus loss"));
        }
        if (seriousIncidentCategories == null) {
            problems.add(new RulesConfigException.Problem("seriousIncidentCategories", "is missing"));
            seriousIncidentCategories = Set.of();
        } else {
            List<MisconductCode> notC = seriousIncidentCategories.stream().filter(c -> c.tier() != Tier.C).sorted()
                    .toList();
            if (!notC.isEmpty()) {
                problems.add(new RulesConfigException.Problem("seriousIncidentCategories", "names " + notC
                        + ", but only tier-C categories have a severity"));
            }
            seriousIncidentCategories = seriousIncidentCategories.isEmpty() ? Set.of()
                    : Collections.unmodifiableSet(EnumSet.copyOf(seriousIncidentCategories));
        }
        if (identityMismatchSeverity == null) {
            problems.add(new RulesConfigException.Problem("identityMismatchSeverity", "is missing"));
        }
        if (!problems.isEmpty()) {
            throw new RulesConfigException(null, problems);
        }
    }

    /** The documented defaults. */
    public static RulesConfig defaults() {
        return DEFAULTS;
    }

    /** The configuration keys, in the order of the record's components. */
    public static List<String> keys() {
        return Arrays.stream(RulesConfig.class.getRecordComponents()).map(c -> c.getName()).toList();
    }

    /** Reads a {@code .json} or {@code .properties} file; errors name the file and the key. */
    public static RulesConfig load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "does not exist");
        } catch (IOException e) {
            throw fileProblem(file, "cannot be read: " + e.getMessage());
        }
        if (name.endsWith(".json")) {
            return fromJson(text, file.toString());
        }
        if (name.endsWith(".properties")) {
            return fromProperties(text, file.toString());
        }
        throw fileProblem(file, "must end in .json or .properties");
    }

    /** Reads a JSON object whose fields are configuration keys. */
    public static RulesConfig fromJson(String json) {
        return fromJson(json, "rules configuration");
    }

    /** Reads properties text ({@code key=value}; sets are comma-separated). */
    public static RulesConfig fromProperties(String text) {
        return fromProperties(text, "rules configuration");
    }

    private static RulesConfig fromJson(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
            throw new RulesConfigException(source, List.of(new RulesConfigException.Problem("(file)",
                    "is not valid JSON" + where + ": " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new RulesConfigException(source, List.of(new RulesConfigException.Problem("(file)",
                    "must hold one JSON object whose fields are configuration keys")));
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            values.put(f.getKey(), new JsonValue(f.getValue()));
        }
        return build(values, source);
    }

    private static RulesConfig fromProperties(String text, String source) {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new RulesConfigException(source, List.of(new RulesConfigException.Problem("(file)",
                    "is not a valid properties file: " + e.getMessage())));
        }
        Map<String, Value> values = new LinkedHashMap<>();
        new TreeSet<>(p.stringPropertyNames()).forEach(k -> values.put(k, new TextValue(p.getProperty(k))));
        return build(values, source);
    }

    private static RulesConfig build(Map<String, Value> values, String source) {
        List<RulesConfigException.Problem> problems = new ArrayList<>();
        List<String> known = keys();
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                problems.add(new RulesConfigException.Problem(k, "is not a configuration key; the keys are "
                        + known));
            }
        }
        Reading r = new Reading(values, problems);
        RulesConfig d = DEFAULTS;
        int away = r.integer("awaySeconds", d.awaySeconds());
        int still = r.integer("stillAwayAfterReminderSeconds", d.stillAwayAfterReminderSeconds());
        int grace = r.integer("leavePermissionGraceSeconds", d.leavePermissionGraceSeconds());
        int window = r.integer("focusWindowSeconds", d.focusWindowSeconds());
        int merge = r.integer("focusLossMergeSeconds", d.focusLossMergeSeconds());
        int lossesBefore = r.integer("focusLossesBeforeReminder", d.focusLossesBeforeReminder());
        int lossesAfter = r.integer("focusLossesAfterReminder", d.focusLossesAfterReminder());
        int pastesBefore = r.integer("pastesBeforeReminder", d.pastesBeforeReminder());
        int pastesAfter = r.integer("pastesAfterReminder", d.pastesAfterReminder());
        Set<String> devices = r.strings("deviceKinds", d.deviceKinds(), Function.identity());
        Set<String> weak = r.strings("weakDeviceKinds", d.weakDeviceKinds(), Function.identity());
        int comboWindow = r.integer("deviceWithFocusLossWindowSeconds", d.deviceWithFocusLossWindowSeconds());
        Set<MisconductCode> serious = r.strings("seriousIncidentCategories", d.seriousIncidentCategories(),
                code -> MisconductCode.parse(code).orElseThrow(() -> new IllegalArgumentException(
                        "names '" + code + "', which is not a category code")));
        Severity severity = r.single("identityMismatchSeverity", d.identityMismatchSeverity(), s -> {
            try {
                return Severity.valueOf(s.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be MINOR or SERIOUS, got '" + s + "'");
            }
        });
        if (!problems.isEmpty()) {
            throw new RulesConfigException(source, problems);
        }
        try {
            return new RulesConfig(away, still, grace, window, merge, lossesBefore, lossesAfter, pastesBefore,
                    pastesAfter, devices, weak, comboWindow, serious, severity);
        } catch (RulesConfigException e) {
            throw new RulesConfigException(source, e.problems());
        }
    }

    private static void seconds(List<RulesConfigException.Problem> problems, String key, int value, int min) {
        if (value < min || value > MAX_SECONDS) {
            problems.add(new RulesConfigException.Problem(key, "must be between " + min + " and " + MAX_SECONDS
                    + " seconds, got " + value + (value > MAX_SECONDS ? " (milliseconds by mistake?)" : "")));
        }
    }

    private static void count(List<RulesConfigException.Problem> problems, String key, int value) {
        if (value < 1 || value > 1000) {
            problems.add(new RulesConfigException.Problem(key, "must be a count between 1 and 1000, got " + value));
        }
    }

    private static Set<String> kinds(List<RulesConfigException.Problem> problems, String key, Set<String> kinds) {
        if (kinds == null) {
            problems.add(new RulesConfigException.Problem(key, "is missing"));
            return Collections.emptySortedSet();
        }
        SortedSet<String> unknown = new TreeSet<>(kinds);
        unknown.removeAll(AGENT_KINDS);
        if (!unknown.isEmpty()) {
            problems.add(new RulesConfigException.Problem(key, "names " + unknown + ", which are not seat-agent"
                    + " event kinds; the kinds are " + new TreeSet<>(AGENT_KINDS)));
        }
        // sorted so that toString and iteration do not depend on the JVM's per-run hash salt
        return Collections.unmodifiableSortedSet(new TreeSet<>(kinds));
    }

    private static RulesConfigException fileProblem(Path file, String message) {
        return new RulesConfigException(file.toString(), List.of(new RulesConfigException.Problem("(file)",
                message)));
    }

    /** One raw value from a JSON or properties file. */
    private sealed interface Value permits JsonValue, TextValue {
    }

    private record JsonValue(JsonNode node) implements Value {
    }

    private record TextValue(String text) implements Value {
    }

    /** Converts raw values to typed ones, collecting one problem per bad key instead of stopping at the first. */
    private record Reading(Map<String, Value> values, List<RulesConfigException.Problem> problems) {

        int integer(String key, int dflt) {
            Value v = values.get(key);
            if (v == null) {
                return dflt;
            }
            if (v instanceof JsonValue j) {
                if (j.node().isIntegralNumber() && j.node().canConvertToInt()) {
                    return j.node().intValue();
                }
                return bad(key, "must be a whole number, got " + j.node(), dflt);
            }
            String t = ((TextValue) v).text().strip();
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                return bad(key, "must be a whole number, got '" + t + "'", dflt);
            }
        }

        <T> Set<T> strings(String key, Set<T> dflt, Function<String, T> parse) {
            Value v = values.get(key);
            if (v == null) {
                return dflt;
            }
            List<String> items = new ArrayList<>();
            if (v instanceof JsonValue j) {
                if (!j.node().isArray()) {
                    return bad(key, "must be a JSON array of strings, got " + j.node(), dflt);
                }
                for (JsonNode item : j.node()) {
                    if (!item.isTextual()) {
                        return bad(key, "must hold strings only, got " + item, dflt);
                    }
                    items.add(item.textValue());
                }
            } else {
                String t = ((TextValue) v).text().strip();
                if (!t.isEmpty()) {
                    Arrays.stream(t.split(",")).map(String::strip).forEach(items::add);
                }
            }
            List<T> out = new ArrayList<>();
            for (String item : items) {
                if (item.isBlank()) {
                    return bad(key, "has an empty entry", dflt);
                }
                try {
                    out.add(parse.apply(item.strip()));
                } catch (IllegalArgumentException e) {
                    return bad(key, e.getMessage(), dflt);
                }
            }
            return Set.copyOf(out);
        }

        <T> T single(String key, T dflt, Function<String, T> parse) {
            Value v = values.get(key);
            if (v == null) {
                return dflt;
            }
            String t;
            if (v instanceof JsonValue j) {
                if (!j.node().isTextual()) {
                    return bad(key, "must be a string, got " + j.node(), dflt);
                }
                t = j.node().textValue();
            } else {
                t = ((TextValue) v).text();
            }
            try {
                return parse.apply(t);
            } catch (IllegalArgumentException e) {
                return bad(key, e.getMessage(), dflt);
            }
        }

        private <T> T bad(String key, String message, T dflt) {
            problems.add(new RulesConfigException.Problem(key, message));
            return dflt;
        }
    }
}
