package cn.examcore.bank.io.json;

import static cn.examcore.bank.io.format.FileNames.baseName;

import cn.examcore.bank.io.format.BankReader;
import cn.examcore.bank.io.format.ImportLimits;
import cn.examcore.bank.io.format.ParsedBank;
import cn.examcore.bank.model.Blank;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.Item;
import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.MultipleChoiceRule;
import cn.examcore.bank.model.OperationSpec;
import cn.examcore.bank.model.Resource;
import cn.examcore.bank.model.RubricPoint;
import cn.examcore.bank.model.ScoreMapping;
import cn.examcore.bank.model.Subject;
import cn.examcore.bank.model.Tags;
import cn.examcore.bank.report.Issue;
import cn.examcore.bank.report.Location;
import cn.examcore.bank.report.Rule;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the native bank format {@value BankJson#FORMAT} (documented in {@code question-bank/docs/bank-json.md}).
 *
 * <p>Every problem is an issue at its JSON pointer ({@code /items/3/key}); malformed or refused JSON stops the
 * read with the line and column. An item with any problem of shape (wrong JSON type, unknown field, unknown item
 * type, a field its type does not use) is reported and left out, so validation only sees items that say what
 * they mean. Lists inside an item hold at most {@value #MAX_LIST_ENTRIES} entries, resources at most
 * {@link ImportLimits#maxZipEntries()}, items at most {@link ImportLimits#maxItems()}: a hostile file cannot make
 * the reader hold more than the limits allow.
 */
public final class JsonBankReader implements BankReader {

    /** Most entries of any list inside one item (options, key, blanks, accepted answers, rubric …). */
    public static final int MAX_LIST_ENTRIES = 100;

    /** When a bank does not declare its rule: 多选题 in vocational theory papers traditionally score all or nothing. */
    public static final MultipleChoiceRule DEFAULT_MULTIPLE_RULE = MultipleChoiceRule.ALL_OR_NOTHING;

    private static final Set<String> BANK_FIELDS = ordered(
            "format", "id", "title", "defaultMultipleRule", "resources", "items");
    private static final Set<String> RESOURCE_FIELDS = ordered("name", "mediaType", "base64");
    private static final Set<String> ITEM_FIELDS = ordered(
            "id", "type", "stem", "options", "key", "blanks", "score", "mapping", "multipleRule", "shuffleOptions",
            "knowledgePoint", "difficulty", "tags", "rubric", "operation", "explanation");
    private static final Set<String> OPTION_FIELDS = ordered("id", "html", "fixed");
    private static final Set<String> BLANK_FIELDS = ordered("accepted", "tolerance", "mapping");
    private static final Set<String> MAPPING_FIELDS = ordered("entries", "defaultValue", "lowerBound", "upperBound",
            "maxChoices");
    private static final Set<String> MAPPING_ENTRY_FIELDS = ordered("key", "points", "caseSensitive");
    private static final Set<String> TAG_FIELDS = ordered("occupation", "level", "subject");
    private static final Set<String> RUBRIC_FIELDS = ordered("description", "points");
    private static final Set<String> OPERATION_FIELDS = ordered("attachments", "deliverableTypes", "timeLimitMinutes");

    private static final String TYPE_NAMES = Arrays.stream(ItemType.values())
            .map(t -> t.name() + " (" + t.chineseName() + ")").collect(Collectors.joining(", "));
    private static final String SUBJECT_NAMES = Arrays.stream(Subject.values())
            .map(s -> s.name() + " (" + s.chineseName() + ")").collect(Collectors.joining(", "));
    private static final String RULE_NAMES = Arrays.stream(MultipleChoiceRule.values())
            .map(Enum::name).collect(Collectors.joining(", "));

    @Override
    public ParsedBank read(String fileName, byte[] content, ImportLimits limits) throws IOException {
        if (content.length > limits.maxFileBytes()) {
            Issue tooLarge = Issue.error(Location.file(fileName), Rule.FILE_TOO_LARGE, "the file has "
                    + content.length + " bytes, more than the " + limits.maxFileBytes() + " bytes accepted");
            return new ParsedBank(baseName(fileName), baseName(fileName), DEFAULT_MULTIPLE_RULE, List.of(), Map.of(),
                    List.of(tooLarge), new JsonSourceMap(fileName, List.of()));
        }
        try (JsonParser parser = BankJson.factory(limits).createParser(content)) {
            Session session = new Session(fileName, limits, parser);
            try {
                session.readDocument();
            } catch (JsonProcessingException e) {
                session.refused(e);
            }
            return session.result();
        }
    }

    /** One read: the cursor, and what has been read so far. */
    private static final class Session {

        private final String fileName;
        private final ImportLimits limits;
        private final JsonParser parser;
        private final JsonCursor in;
        private final List<Issue> fatal = new ArrayList<>();
        private String format;
        private String id;
        private String title;
        private MultipleChoiceRule defaultRule;
        private boolean itemsSeen;
        private final List<Item> items = new ArrayList<>();
        private final List<Integer> itemSourceIndexes = new ArrayList<>();
        private final Map<String, Resource> resources = new LinkedHashMap<>();

        Session(String fileName, ImportLimits limits, JsonParser parser) {
            this.fileName = fileName;
            this.limits = limits;
            this.parser = parser;
            this.in = new JsonCursor(parser, fileName);
        }

        void readDocument() throws IOException {
            JsonToken first = in.next();
            if (first == null) {
                in.error("", Rule.MALFORMED, "the file is empty; a bank file is one JSON object");
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                in.error("", Rule.MALFORMED, "a bank file is one JSON object, {\"format\": \"" + BankJson.FORMAT
                        + "\", …}; this one is " + in.describeCurrent());
                return;
            }
            in.object("", "the bank", BANK_FIELDS, this::bankField);
            if (in.next() != null) {
                fatal.add(Issue.error(new Location(fileName, in.position()), Rule.MALFORMED,
                        "unexpected content after the bank object"));
                return;
            }
            if (format == null) {
                in.error("/format", Rule.MISSING_FIELD, "the bank has no \"format\"; a native bank file starts with"
                        + " \"format\": \"" + BankJson.FORMAT + "\"");
            }
            if (!itemsSeen) {
                in.error("/items", Rule.MISSING_FIELD, "the bank has no \"items\" array");
            }
        }

        private void bankField(String name, String at) throws IOException {
            switch (name) {
                case "format" -> {
                    format = in.string(at);
                    if (format != null && !format.equals(BankJson.FORMAT)) {
                        in.error(at, Rule.UNSUPPORTED_FORMAT, "format \"" + JsonCursor.shorten(format)
                                + "\" is not supported; this reader reads \"" + BankJson.FORMAT + "\"");
                    }
                }
                case "id" -> id = in.string(at);
                case "title" -> title = in.string(at);
                case "defaultMultipleRule" -> defaultRule = in.named(at, "multiple-choice rule",
                        JsonBankReader::parseRule, RULE_NAMES);
                case "resources" -> in.array(at, "resources", limits.maxZipEntries(), this::resource);
                case "items" -> itemsSeen |= in.array(at, "items", limits.maxItems(), Rule.TOO_MANY_ITEMS, this::item);
                default -> throw new IllegalStateException(name);
            }
        }

        private void resource(int index, String at) throws IOException {
            int before = in.issueCount();
            var r = new Object() {
                String name;
                String mediaType;
                byte[] bytes;
            };
            boolean present = in.entry(at, "a resource", RESOURCE_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "name" -> r.name = in.string(fieldAt);
                    case "mediaType" -> r.mediaType = in.string(fieldAt);
                    case "base64" -> r.bytes = in.base64(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            if (!present) {
                return;
            }
            requirePresent(before, at + "/name", r.name, "the resource has no name");
            requirePresent(before, at + "/mediaType", r.mediaType, "the resource has no mediaType (e.g. image/png)");
            requirePresent(before, at + "/base64", r.bytes == null ? null : "content",
                    "the resource has no base64 content");
            if (r.mediaType != null && !r.mediaType.isBlank()) {
                checkMediaType(at + "/mediaType", r.name, r.mediaType);
            }
            if (r.name != null && resources.containsKey(r.name)) {
                in.error(at + "/name", Rule.DUPLICATE_RESOURCE, "resource name \"" + JsonCursor.shorten(r.name)
                        + "\" is used by an earlier resource");
            }
            if (in.issueCount() == before) {
                resources.put(r.name, new Resource(r.name, r.mediaType, r.bytes));
            }
        }

        /**
         * The page shows resources on its own origin: a type a browser runs (HTML, SVG, XML, script) would run the
         * bank author's script in every candidate's session, so it is refused here, naming the resource.
         */
        private void checkMediaType(String at, String name, String mediaType) {
            String which = name == null ? "the resource" : "resource \"" + JsonCursor.shorten(name) + "\"";
            if (!Resource.wellFormed(mediaType)) {
                in.error(at, Rule.INVALID_VALUE, which + " has media type \"" + JsonCursor.shorten(mediaType)
                        + "\", which is not of the form type/subtype (e.g. image/png)");
            } else if (Resource.activeContent(mediaType)) {
                in.error(at, Rule.UNSAFE_RESOURCE, which + " is " + Resource.essence(mediaType)
                        + ", which a browser runs as a page or script; give images as PNG, JPEG, GIF or WebP and"
                        + " attachments as documents (e.g. PDF, DOCX, XLSX, CSV, ZIP)");
            }
        }

        /** Reports a missing value unless its field was already reported as wrong-shaped. */
        private void requirePresent(int since, String at, String value, String message) {
            if ((value == null || value.isBlank()) && !in.reportedSince(since, at)) {
                in.error(at, Rule.MISSING_FIELD, message);
            }
        }

        private void item(int index, String at) throws IOException {
            int before = in.issueCount();
            ItemDraft draft = new ItemDraft();
            boolean present = in.entry(at, "an item", ITEM_FIELDS, (field, fieldAt) -> {
                if (!in.isNull()) {
                    draft.present.add(field);
                }
                itemField(draft, field, fieldAt);
            });
            if (!present) {
                return;
            }
            ItemType type = resolveType(draft, at);
            if (type != null) {
                checkFieldsFitType(draft, type, at);
            }
            if (in.issueCount() == before) {
                items.add(draft.toItem(type));
                itemSourceIndexes.add(index);
            }
        }

        private void itemField(ItemDraft d, String field, String at) throws IOException {
            switch (field) {
                case "id" -> d.id = in.string(at);
                case "type" -> d.type = in.string(at);
                case "stem" -> d.stem = in.string(at);
                case "options" -> d.options = in.list(at, "options", MAX_LIST_ENTRIES, this::option);
                case "key" -> readKey(d, at);
                case "blanks" -> d.blanks = in.list(at, "blanks", MAX_LIST_ENTRIES, this::blank);
                case "score" -> d.score = in.decimal(at);
                case "mapping" -> d.mapping = mapping(at);
                case "multipleRule" -> d.rule = in.named(at, "multiple-choice rule", JsonBankReader::parseRule,
                        RULE_NAMES);
                case "shuffleOptions" -> d.shuffle = in.bool(at);
                case "knowledgePoint" -> d.knowledgePoint = in.string(at);
                case "difficulty" -> d.difficulty = in.integer(at);
                case "tags" -> d.tags = tags(at);
                case "rubric" -> d.rubric = in.list(at, "rubric", MAX_LIST_ENTRIES, this::rubricPoint);
                case "operation" -> d.operation = operation(at);
                case "explanation" -> d.explanation = in.string(at);
                default -> throw new IllegalStateException(field);
            }
        }

        /** The key's JSON shape depends on the type, which may come later in the object: keep either shape. */
        private void readKey(ItemDraft d, String at) throws IOException {
            switch (in.token()) {
                case VALUE_TRUE, VALUE_FALSE -> d.keyBoolean = in.bool(at);
                case START_ARRAY -> {
                    List<String> ids = in.list(at, "key", MAX_LIST_ENTRIES, in::requiredString);
                    Set<String> distinct = new LinkedHashSet<>();
                    for (String optionId : ids) {
                        if (!distinct.add(optionId)) {
                            in.error(at, Rule.INVALID_VALUE, "option \"" + JsonCursor.shorten(optionId)
                                    + "\" appears twice in the key");
                        }
                    }
                    d.keyOptions = distinct;
                }
                case VALUE_NULL -> { }
                default -> in.wrongShape(at, "an array of option ids (choice items) or true/false (true/false items)");
            }
        }

        private Choice option(String at) throws IOException {
            var o = new Object() {
                String id;
                String html;
                Boolean fixed;
            };
            boolean present = in.entry(at, "an option", OPTION_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "id" -> o.id = in.string(fieldAt);
                    case "html" -> o.html = in.string(fieldAt);
                    case "fixed" -> o.fixed = in.bool(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            return present ? new Choice(o.id, o.html, Boolean.TRUE.equals(o.fixed)) : null;
        }

        private Blank blank(String at) throws IOException {
            var b = new Object() {
                List<String> accepted;
                BigDecimal tolerance;
                ScoreMapping mapping;
            };
            boolean present = in.entry(at, "a blank", BLANK_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "accepted" -> b.accepted = in.list(fieldAt, "accepted", MAX_LIST_ENTRIES, in::requiredString);
                    case "tolerance" -> b.tolerance = in.decimal(fieldAt);
                    case "mapping" -> b.mapping = mapping(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            return present ? new Blank(orEmpty(b.accepted), b.tolerance, b.mapping) : null;
        }

        private ScoreMapping mapping(String at) throws IOException {
            var m = new Object() {
                List<ScoreMapping.Entry> entries;
                BigDecimal defaultValue;
                BigDecimal lowerBound;
                BigDecimal upperBound;
                BigDecimal maxChoices;
            };
            boolean present = in.object(at, "mapping", MAPPING_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "entries" -> m.entries = in.list(fieldAt, "entries", MAX_LIST_ENTRIES, this::mappingEntry);
                    case "defaultValue" -> m.defaultValue = in.decimal(fieldAt);
                    case "lowerBound" -> m.lowerBound = in.decimal(fieldAt);
                    case "upperBound" -> m.upperBound = in.decimal(fieldAt);
                    case "maxChoices" -> m.maxChoices = in.decimal(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            if (!present) {
                return null;
            }
            if (m.entries == null || m.entries.isEmpty()) {
                in.error(at, Rule.INVALID_MAPPING, "a mapping needs at least one entry");
                return null;
            }
            // A bad limit is reported and the mapping kept without it: the bank is rejected either way, and a
            // missing mapping would add findings that are not the author's mistake.
            Integer maxChoices = null;
            if (m.maxChoices != null) {
                if (m.maxChoices.signum() <= 0 || m.maxChoices.stripTrailingZeros().scale() > 0
                        || m.maxChoices.compareTo(BigDecimal.valueOf(MAX_LIST_ENTRIES)) > 0) {
                    in.error(at + "/maxChoices", Rule.INVALID_MAPPING, "maxChoices must be a whole number from 1 to "
                            + MAX_LIST_ENTRIES + ", not " + m.maxChoices.toPlainString());
                } else {
                    maxChoices = m.maxChoices.intValueExact();
                }
            }
            return new ScoreMapping(m.entries, m.defaultValue, m.lowerBound, m.upperBound, maxChoices);
        }

        private ScoreMapping.Entry mappingEntry(String at) throws IOException {
            var e = new Object() {
                String key;
                BigDecimal points;
                Boolean caseSensitive;
            };
            boolean present = in.entry(at, "a mapping entry", MAPPING_ENTRY_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "key" -> e.key = in.string(fieldAt);
                    case "points" -> e.points = in.decimal(fieldAt);
                    case "caseSensitive" -> e.caseSensitive = in.bool(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            if (!present) {
                return null;
            }
            if (e.key == null || e.points == null) {
                in.error(at, Rule.INVALID_MAPPING, "a mapping entry needs a key and points");
                return null;
            }
            return new ScoreMapping.Entry(e.key, e.points, Boolean.TRUE.equals(e.caseSensitive));
        }

        private Tags tags(String at) throws IOException {
            var t = new Object() {
                String occupation;
                Integer level;
                Subject subject;
            };
            boolean present = in.object(at, "tags", TAG_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "occupation" -> t.occupation = in.string(fieldAt);
                    case "level" -> t.level = in.integer(fieldAt);
                    case "subject" -> t.subject = in.named(fieldAt, "subject", Subject::parse, SUBJECT_NAMES);
                    default -> throw new IllegalStateException(field);
                }
            });
            // A missing level becomes 0, which validation reports as missing.
            return present ? new Tags(t.occupation, t.level == null ? 0 : t.level, t.subject) : null;
        }

        private RubricPoint rubricPoint(String at) throws IOException {
            var p = new Object() {
                String description;
                BigDecimal points;
            };
            boolean present = in.entry(at, "a rubric point", RUBRIC_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "description" -> p.description = in.string(fieldAt);
                    case "points" -> p.points = in.decimal(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            return present ? new RubricPoint(p.description, p.points) : null;
        }

        private OperationSpec operation(String at) throws IOException {
            var o = new Object() {
                List<String> attachments;
                List<String> deliverableTypes;
                Integer minutes;
            };
            boolean present = in.object(at, "operation", OPERATION_FIELDS, (field, fieldAt) -> {
                switch (field) {
                    case "attachments" -> o.attachments = in.list(fieldAt, field, MAX_LIST_ENTRIES, in::requiredString);
                    case "deliverableTypes" -> o.deliverableTypes = in.list(fieldAt, field, MAX_LIST_ENTRIES,
                            in::requiredString);
                    case "timeLimitMinutes" -> o.minutes = in.integer(fieldAt);
                    default -> throw new IllegalStateException(field);
                }
            });
            return present ? new OperationSpec(orEmpty(o.attachments), orEmpty(o.deliverableTypes),
                    o.minutes == null ? 0 : o.minutes) : null;
        }

        private ItemType resolveType(ItemDraft d, String at) {
            if (d.type == null) {
                in.error(at + "/type", Rule.MISSING_FIELD, "the item has no type; use one of " + TYPE_NAMES);
                return null;
            }
            Optional<ItemType> type = ItemType.parse(d.type);
            if (type.isEmpty()) {
                in.error(at + "/type", Rule.UNKNOWN_TYPE, "unknown item type \"" + JsonCursor.shorten(d.type)
                        + "\"; use one of " + TYPE_NAMES);
            }
            return type.orElse(null);
        }

        /** A field the type has no use for is a mistake in the source (a key on an essay, blanks on a choice …). */
        private void checkFieldsFitType(ItemDraft d, ItemType type, String at) {
            boolean choice = type.hasOptions();
            boolean humanMarked = !type.machineScored();
            misplaced(d, "options", choice, type, at);
            misplaced(d, "shuffleOptions", choice, type, at);
            misplaced(d, "multipleRule", type == ItemType.MULTIPLE_CHOICE, type, at);
            misplaced(d, "blanks", type == ItemType.FILL_IN, type, at);
            misplaced(d, "mapping", choice, type, at);
            misplaced(d, "rubric", humanMarked, type, at);
            misplaced(d, "operation", type == ItemType.OPERATION, type, at);
            if (choice && d.keyBoolean != null) {
                in.error(at + "/key", Rule.INVALID_VALUE, "the key of a " + type + " item is an array of option ids,"
                        + " e.g. [\"B\"]");
            } else if (type == ItemType.TRUE_FALSE && d.keyOptions != null) {
                in.error(at + "/key", Rule.INVALID_VALUE, "the key of a TRUE_FALSE item is true or false");
            } else if (!choice && type != ItemType.TRUE_FALSE && d.present.contains("key")) {
                in.error(at + "/key", Rule.INVALID_VALUE, "\"key\" is not used by " + type + " items"
                        + (type == ItemType.FILL_IN ? "; give accepted answers in \"blanks\"" : ""));
            }
        }

        private void misplaced(ItemDraft d, String field, boolean allowed, ItemType type, String at) {
            if (!allowed && d.present.contains(field)) {
                in.error(at + "/" + field, Rule.INVALID_VALUE, "\"" + field + "\" is not used by " + type + " items");
            }
        }

        /** The parse cannot go on: malformed JSON, or input beyond the limits. */
        void refused(JsonProcessingException e) {
            JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            String pointer = parser.getParsingContext() == null ? ""
                    : parser.getParsingContext().pathAsPointer().toString();
            String place = (pointer.isEmpty() ? "" : pointer + ", ")
                    + "line " + where.getLineNr() + ", column " + where.getColumnNr();
            fatal.add(Issue.error(new Location(fileName, place), Rule.MALFORMED,
                    "the JSON cannot be read: " + e.getOriginalMessage()));
        }

        ParsedBank result() {
            List<Issue> issues = new ArrayList<>(in.issues());
            issues.addAll(fatal);
            String bankId = id != null ? id : baseName(fileName);
            return new ParsedBank(bankId, title != null ? title : bankId,
                    defaultRule != null ? defaultRule : DEFAULT_MULTIPLE_RULE, items, resources, issues,
                    new JsonSourceMap(fileName, itemSourceIndexes));
        }
    }

    /** What one item object said, before its type decides how to read it. */
    private static final class ItemDraft {
        final Set<String> present = new HashSet<>();
        String id;
        String type;
        String stem;
        List<Choice> options;
        Set<String> keyOptions;
        Boolean keyBoolean;
        List<Blank> blanks;
        BigDecimal score;
        MultipleChoiceRule rule;
        Boolean shuffle;
        String knowledgePoint;
        Integer difficulty;
        Tags tags;
        List<RubricPoint> rubric;
        OperationSpec operation;
        String explanation;
        ScoreMapping mapping;

        Item toItem(ItemType itemType) {
            boolean shuffleOptions = itemType.hasOptions() && (shuffle == null || shuffle);
            return new Item(id, itemType, stem, options, keyOptions, keyBoolean, blanks, score, rule,
                    shuffleOptions, knowledgePoint, difficulty == null ? 0 : difficulty, tags, rubric, operation,
                    explanation, itemType.hasOptions() ? mapping : null);
        }
    }

    private static Optional<MultipleChoiceRule> parseRule(String text) {
        return Arrays.stream(MultipleChoiceRule.values()).filter(r -> r.name().equals(text.strip())).findFirst();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
