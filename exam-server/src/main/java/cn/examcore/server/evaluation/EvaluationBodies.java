package cn.examcore.server.evaluation;

import cn.examcore.platform.json.Json;
import cn.examcore.server.evaluation.domain.BodyRules;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evaluation bodies (评价机构) and their rules, read once from {@code /evaluation/evaluation-bodies.json}: data,
 * not code, because the notices change them from year to year.
 */
public final class EvaluationBodies {

    static final String RESOURCE = "/evaluation/evaluation-bodies.json";

    private final List<BodyRules> bodies;

    public EvaluationBodies(List<BodyRules> bodies) {
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("at least one evaluation body is needed");
        }
        this.bodies = List.copyOf(bodies);
    }

    /** The bodies shipped with exam-server. */
    public static EvaluationBodies shipped() {
        try (InputStream in = EvaluationBodies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            JsonNode root = Json.mapper().readTree(in);
            List<BodyRules> out = new ArrayList<>();
            for (JsonNode b : root.path("bodies")) {
                out.add(Json.mapper().treeToValue(b, BodyRules.class));
            }
            return new EvaluationBodies(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The body of this name. */
    public Optional<BodyRules> body(String name) {
        return bodies.stream().filter(b -> b.body().equals(name)).findFirst();
    }

    /** The body a roster without a 评价机构 column means: the first of the file. */
    public BodyRules defaultBody() {
        return bodies.get(0);
    }

    public List<String> names() {
        return bodies.stream().map(BodyRules::body).toList();
    }
}
