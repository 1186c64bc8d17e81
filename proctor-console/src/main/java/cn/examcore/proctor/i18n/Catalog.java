package cn.examcore.proctor.i18n;

import cn.examcore.contract.Evaluation;
import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.SeatEvent;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 文案目录: the zh-CN and English texts of the rules engine's explanations and of the misconduct categories, read
 * from {@code webroot/console/explanations.json}, the same file the console page loads, so the server (English
 * audit text, reports) and the page render one catalogue. Loading checks it whole: every {@link MessageKey} and
 * every {@link MisconductCode} needs a non-blank text in both languages, both languages use the same placeholders,
 * and the file names nothing else.
 *
 * <p>Placeholders: {@code {name}} the value as is; {@code {name,time}} epoch ms as {@code HH:mm:ss} in the sitting's
 * zone (every sitting is in {@link #SITTING_ZONE}); {@code {name,category}} a category code with its
 * name; {@code {name,list}} a list joined with the language's separator; {@code {name,kind}} and
 * {@code {name,kinds}} an event kind (a list of them) by its label.
 */
public final class Catalog {

    /** The zone every sitting is held in: the contract's, the one exam-server dates its decisions in. */
    public static final ZoneId SITTING_ZONE = Evaluation.ZONE;

    /** The catalogue's classpath location, served to the page as {@code /console/explanations.json}. */
    public static final String RESOURCE = "webroot/console/explanations.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?:,(time|category|list|kind|kinds))?}");

    /** The two languages of the console. */
    public enum Lang {
        ZH("zh", "；", "、", "（", "）"),
        EN("en", "; ", ", ", " (", ")");

        final String field;
        final String partSeparator;
        final String listSeparator;
        final String open;
        final String close;

        Lang(String field, String partSeparator, String listSeparator, String open, String close) {
            this.field = field;
            this.partSeparator = partSeparator;
            this.listSeparator = listSeparator;
            this.open = open;
            this.close = close;
        }
    }

    private static volatile Catalog standard;

    private final Map<MessageKey, Map<Lang, String>> messages = new EnumMap<>(MessageKey.class);
    private final Map<MisconductCode, Map<Lang, String>> categories = new EnumMap<>(MisconductCode.class);
    private final Map<String, Map<Lang, String>> kinds = new TreeMap<>();
    private final DateTimeFormatter time;
    private final ZoneId zone;

    private Catalog(JsonNode root, ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        read(root.path("messages"), "messages", MessageKey.class, messages);
        read(root.path("categories"), "categories", MisconductCode.class, categories);
        readKinds(root.path("kinds"));
        for (var e : messages.entrySet()) {
            TreeSet<String> zh = placeholders(e.getValue().get(Lang.ZH));
            TreeSet<String> en = placeholders(e.getValue().get(Lang.EN));
            if (!zh.equals(en)) {
                throw new CatalogException("messages." + e.getKey(), "zh uses placeholders " + zh + " but en uses "
                        + en + "; both languages must use the same ones");
            }
        }
    }

    /** The console's own catalogue (loaded once; a broken catalogue fails the first use, naming the entry). */
    public static Catalog standard() {
        Catalog c = standard;
        if (c == null) {
            try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new CatalogException(RESOURCE, "is not on the classpath");
                }
                c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SITTING_ZONE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            standard = c;
        }
        return c;
    }

    /** A catalogue from JSON text; throws {@link CatalogException} naming the first entry that is wrong. */
    public static Catalog parse(String json, ZoneId zone) {
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (RuntimeException e) {
            throw new CatalogException("catalogue", "is not JSON: " + e.getMessage());
        }
        return new Catalog(root, zone);
    }

    /** The zone times are shown in. */
    public ZoneId zone() {
        return zone;
    }

    /** The parts in {@code lang}, joined with its separator. */
    public String render(List<Message> parts, Lang lang) {
        StringBuilder b = new StringBuilder();
        for (Message m : parts) {
            if (!b.isEmpty()) {
                b.append(lang.partSeparator);
            }
            b.append(render(m, lang));
        }
        return b.toString();
    }

    /** One message in {@code lang}; a placeholder without a parameter is an error naming both. */
    public String render(Message m, Lang lang) {
        String pattern = messages.get(m.key()).get(lang);
        Matcher x = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (x.find()) {
            Object v = m.params().get(x.group(1));
            if (v == null) {
                throw new CatalogException("messages." + m.key() + "." + lang.field, "needs parameter "
                        + x.group(1) + ", which the message does not carry (it has " + m.params().keySet() + ")");
            }
            x.appendReplacement(out, Matcher.quoteReplacement(format(v, x.group(2), lang)));
        }
        x.appendTail(out);
        return out.toString();
    }

    /** The event kind's label in {@code lang}, or the kind itself when the catalogue has none (a configured kind). */
    public String kindLabel(String kind, Lang lang) {
        Map<Lang, String> t = kinds.get(kind);
        return t == null ? kind : t.get(lang);
    }

    /** The category's short name in {@code lang}. */
    public String categoryName(MisconductCode c, Lang lang) {
        return categories.get(c).get(lang);
    }

    private String format(Object v, String type, Lang lang) {
        if (type == null) {
            return v instanceof List<?> l ? String.join(lang.listSeparator, l.stream().map(Object::toString).toList())
                    : v.toString();
        }
        return switch (type) {
            case "time" -> time.format(Instant.ofEpochMilli(((Number) v).longValue()));
            case "category" -> MisconductCode.parse(v.toString())
                    .map(c -> c.name() + lang.open + categoryName(c, lang) + lang.close).orElse(v.toString());
            case "list" -> String.join(lang.listSeparator, ((List<?>) v).stream().map(Object::toString).toList());
            case "kind" -> kindLabel(v.toString(), lang);
            case "kinds" -> String.join(lang.listSeparator, ((List<?>) v).stream()
                    .map(k -> kindLabel(k.toString(), lang)).toList());
            default -> throw new IllegalStateException(type);
        };
    }

    private static <K extends Enum<K>> void read(JsonNode node, String section, Class<K> keys,
                                                 Map<K, Map<Lang, String>> into) {
        if (!node.isObject()) {
            throw new CatalogException(section, "is missing: the catalogue needs an object of " + section);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            try {
                Enum.valueOf(keys, name);
            } catch (IllegalArgumentException e) {
                throw new CatalogException(section + "." + name, "is not a known " + keys.getSimpleName());
            }
        }
        for (K k : keys.getEnumConstants()) {
            Map<Lang, String> texts = new EnumMap<>(Lang.class);
            for (Lang lang : Lang.values()) {
                JsonNode t = node.path(k.name()).path(lang.field);
                if (!t.isTextual() || t.asText().isBlank()) {
                    throw new CatalogException(section + "." + k.name() + "." + lang.field, "is missing: every "
                            + keys.getSimpleName() + " needs a zh and an en text");
                }
                texts.put(lang, t.asText());
            }
            into.put(k, texts);
        }
    }

    /**
     * Labels of event kinds: every kind a seat agent or the exam page reports, and the server's kinds that flags
     * carry as evidence, need both texts; other entries may be added for configured device kinds.
     */
    private void readKinds(JsonNode node) {
        if (!node.isObject()) {
            throw new CatalogException("kinds", "is missing: the catalogue needs an object of kinds");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String kind = it.next();
            Map<Lang, String> texts = new EnumMap<>(Lang.class);
            for (Lang lang : Lang.values()) {
                JsonNode t = node.path(kind).path(lang.field);
                if (!t.isTextual() || t.asText().isBlank()) {
                    throw new CatalogException("kinds." + kind + "." + lang.field, "is missing: every kind needs a zh"
                            + " and an en text");
                }
                texts.put(lang, t.asText());
            }
            kinds.put(kind, texts);
        }
        for (String required : CITED_KINDS) {
            if (!kinds.containsKey(required)) {
                throw new CatalogException("kinds." + required, "is missing: the rules cite this kind as evidence");
            }
        }
    }

    /** The kinds the rules can cite as evidence. */
    static final Set<String> CITED_KINDS = citedKinds();

    private static Set<String> citedKinds() {
        Set<String> all = new TreeSet<>(Set.of("HEARTBEAT_GAP", "DISCONNECT", "REMINDED", "REMINDER_ACKNOWLEDGED",
                "INCIDENT_RECORDED", "IDENTITY_MISMATCH", "WRONG_SEAT"));
        SeatEvent.Kind.reportedBy(SeatEvent.Source.AGENT).forEach(k -> all.add(k.name()));
        SeatEvent.Kind.reportedBy(SeatEvent.Source.BROWSER).forEach(k -> all.add(k.name()));
        return Set.copyOf(all);
    }

    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The catalogue is incomplete or malformed; {@link #where()} names the entry. */
    public static final class CatalogException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String where;

        public CatalogException(String where, String problem) {
            super(where + " " + problem);
            this.where = where;
        }

        public String where() {
            return where;
        }
    }
}
