package cn.examcore.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one configuration loader of both deployables. A deployable's configuration is an immutable record with
 * built-in defaults; {@link #load} gathers what overrides them (a properties file, then environment variables on
 * top) as kebab-case keys, and the record reads each key once through a reader over those keys. A value that does
 * not parse is an error naming the key and the value; a key nobody read is an error too, so a typo in a file or an
 * environment variable never passes silently.
 *
 * <p>Keys are kebab-case in the file ({@code http-port}) and upper snake case after the deployable's prefix in the
 * environment ({@code EXAMCORE_HTTP_PORT}, {@code CONSOLE_HTTP_PORT}); {@code <PREFIX>CONFIG} names the file.
 *
 * <p>Not thread-safe: a reader lives for the one call that builds a configuration.
 */
public final class ConfigReader {

    private final Map<String, String> remaining;

    private ConfigReader(Map<String, String> remaining) {
        this.remaining = remaining;
    }

    /**
     * The overrides of a deployable's defaults: the properties file named by {@code <prefix>CONFIG} (if any), then
     * every other {@code <prefix>*} environment variable on top; variables without the prefix are ignored, and so
     * are the build's own {@linkplain #TOOLING tooling variables} (a shell that ran the tests can start the demo).
     *
     * @param prefix the deployable's environment prefix, with its trailing underscore ({@code "EXAMCORE_"})
     * @throws IllegalArgumentException when the named file cannot be read
     */
    public static ConfigReader load(String prefix, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        String fileKey = prefix + "CONFIG";
        String file = env.get(fileKey);
        if (file != null && !file.isBlank()) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            properties.forEach((k, v) -> values.put(k.toString().strip(), v.toString().strip()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith(prefix) && !k.equals(fileKey) && !tooling(k.substring(prefix.length()))) {
                values.put(k.substring(prefix.length()).toLowerCase().replace('_', '-'), v.strip());
            }
        });
        return new ConfigReader(values);
    }

    /**
     * Variables of the build and its tests that share the deployables' prefix but configure no deployable: the test
     * database ({@code EXAMCORE_TEST_*}), the browser for page tests, the fault tests' base images.
     */
    static final Set<String> TOOLING = Set.of("CHROMIUM", "CHROMEDRIVER", "JRE_IMAGE", "PG_IMAGE");

    private static boolean tooling(String name) {
        return name.startsWith("TEST_") || TOOLING.contains(name);
    }

    /** A reader over the given kebab-case keys (a configuration's {@code with(...)}, tests). */
    public static ConfigReader of(Map<String, String> overrides) {
        return new ConfigReader(new LinkedHashMap<>(overrides));
    }

    /** The given keys among those not read yet, in the order given. */
    public List<String> present(List<String> keys) {
        return keys.stream().filter(remaining::containsKey).toList();
    }

    public String text(String key, String fallback) {
        String v = remaining.remove(key);
        return v == null ? fallback : v;
    }

    public int integer(String key, int fallback) {
        return value(key, fallback, Integer::parseInt);
    }

    public long longInteger(String key, long fallback) {
        return value(key, fallback, Long::parseLong);
    }

    /** {@code true/yes/1/on} or {@code false/no/0/off}, any case. */
    public boolean bool(String key, boolean fallback) {
        return value(key, fallback, ConfigReader::parseBoolean);
    }

    /** A comma-separated list; blanks around and empty entries are dropped. */
    public List<String> list(String key, List<String> fallback) {
        return list(key, fallback, Function.identity());
    }

    /** A comma-separated list, each entry through {@code element} (which may throw to refuse it). */
    public <T> List<T> list(String key, List<T> fallback, Function<String, T> element) {
        return value(key, fallback, text -> splitList(text).stream().map(element).toList());
    }

    /** The key's value through {@code parser}; an exception of the parser becomes one naming the key and value. */
    public <T> T value(String key, T fallback, Function<String, T> parser) {
        String v = remaining.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration key " + key + ": cannot read '" + v + "'", e);
        }
    }

    /**
     * Ends the reading: returns the configuration built from it, unless a key was given that nobody read.
     *
     * @throws IllegalArgumentException listing the unknown keys
     */
    public <C> C done(C config) {
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("unknown configuration keys: " + remaining.keySet());
        }
        return config;
    }

    /**
     * A configuration record as its {@code toString()} reads, with the named secret components shown as
     * {@code ****} when set: the form for the start-up log.
     *
     * @throws IllegalArgumentException when a secret names no component of the record
     */
    public static String redacted(Record config, Set<String> secrets) {
        RecordComponent[] components = config.getClass().getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        if (!names.containsAll(secrets)) {
            throw new IllegalArgumentException("secrets " + secrets + " are not all components of "
                    + config.getClass().getSimpleName());
        }
        StringJoiner out = new StringJoiner(", ", config.getClass().getSimpleName() + "[", "]");
        for (RecordComponent c : components) {
            Object value;
            try {
                value = c.getAccessor().invoke(config);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            if (secrets.contains(c.getName())) {
                value = value == null || value.toString().isEmpty() ? "" : "****";
            }
            out.add(c.getName() + "=" + value);
        }
        return out.toString();
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
