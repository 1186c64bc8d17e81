package cn.examcore.server.errata.domain;

import cn.examcore.bank.errata.Erratum;
import cn.examcore.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An erratum's key as JSON, the same in the database, the audit and the API. */
public final class ErratumKeys {

    private ErratumKeys() {
    }

    /** The key: only what the kind and type use ({@code {}} for a void), so it reads back to an equal erratum. */
    public static Map<String, Object> key(Erratum e) {
        Map<String, Object> key = new LinkedHashMap<>();
        if (e.kind() == Erratum.Kind.KEY) {
            if (!e.options().isEmpty()) {
                key.put("options", e.options().stream().sorted().toList());
            }
            if (e.trueFalse() != null) {
                key.put("trueFalse", e.trueFalse());
            }
            if (!e.blanks().isEmpty()) {
                key.put("blanks", e.blanks());
            }
        }
        return key;
    }

    /** {@link #key} as JSON text. */
    public static String json(Erratum e) {
        return Json.encode(key(e));
    }

    /** The erratum back from its item, kind and {@link #json}. */
    public static Erratum erratum(String itemId, String kind, String keyJson) {
        JsonNode key = Json.tree(keyJson);
        Set<String> options = new LinkedHashSet<>();
        if (key.has("options")) {
            key.get("options").forEach(o -> options.add(o.asText()));
        }
        Boolean trueFalse = key.has("trueFalse") ? key.get("trueFalse").asBoolean() : null;
        List<List<String>> blanks = new ArrayList<>();
        if (key.has("blanks")) {
            key.get("blanks").forEach(b -> {
                List<String> accepted = new ArrayList<>();
                b.forEach(a -> accepted.add(a.asText()));
                blanks.add(accepted);
            });
        }
        return new Erratum(itemId, Erratum.Kind.valueOf(kind), options, trueFalse, blanks);
    }
}
