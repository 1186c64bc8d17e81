package cn.examcore.bank.assembly;

import cn.examcore.bank.model.ItemType;
import cn.examcore.bank.model.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a blueprint on its own, before any bank is looked at: every problem it finds names the JSON pointer of
 * the offending field in the blueprint file format ({@code docs/blueprint-json.md}), so a programmatic blueprint
 * and a file get the same wording.
 */
public final class BlueprintValidator {

    /** A long bit set per item tracks which constraints it falls under; 64 is far beyond any real blueprint. */
    public static final int MAX_CONSTRAINTS_PER_SECTION = 64;

    private BlueprintValidator() {
    }

    /** Every problem of the blueprint; empty when it is usable. */
    public static List<AssemblyProblem> validate(Blueprint blueprint) {
        List<AssemblyProblem> problems = new ArrayList<>();
        if (blueprint == null) {
            problems.add(AssemblyProblem.invalid("", null, "no blueprint given"));
            return problems;
        }
        if (blank(blueprint.id())) {
            problems.add(AssemblyProblem.invalid("/id", null, "the blueprint id must not be empty"));
        }
        if (blank(blueprint.title())) {
            problems.add(AssemblyProblem.invalid("/title", null, "the blueprint title must not be empty"));
        }
        checkTags(blueprint.tags(), problems);
        if (blueprint.durationMinutes() < 1) {
            problems.add(AssemblyProblem.invalid("/durationMinutes", null,
                    "durationMinutes must be at least 1, got " + blueprint.durationMinutes()));
        }
        if (blueprint.sections().isEmpty()) {
            problems.add(AssemblyProblem.invalid("/sections", null, "a blueprint needs at least one section"));
        }
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < blueprint.sections().size(); i++) {
            checkSection(blueprint.sections().get(i), "/sections/" + i, i, firstIndexOfId, problems);
        }
        return problems;
    }

    /** Throws an {@link AssemblyException} listing every problem, if there is any. */
    public static void requireValid(Blueprint blueprint) {
        List<AssemblyProblem> problems = validate(blueprint);
        if (!problems.isEmpty()) {
            throw new AssemblyException(problems);
        }
    }

    private static void checkTags(Tags tags, List<AssemblyProblem> problems) {
        if (tags == null) {
            problems.add(AssemblyProblem.invalid("/tags", null, "tags (occupation, level, subject) are missing"));
            return;
        }
        if (blank(tags.occupation())) {
            problems.add(AssemblyProblem.invalid("/tags/occupation", null, "the occupation must not be empty"));
        }
        if (tags.level() < 1 || tags.level() > 5) {
            problems.add(AssemblyProblem.invalid("/tags/level", null,
                    "the level must be 1 to 5 (5 = 五级/初级工 … 1 = 一级/高级技师), got " + tags.level()));
        }
        if (tags.subject() == null) {
            problems.add(AssemblyProblem.invalid("/tags/subject", null, "the subject (THEORY or OPERATION) is missing"));
        }
    }

    private static void checkSection(Section s, String at, int index, Map<String, Integer> firstIndexOfId,
                                     List<AssemblyProblem> problems) {
        String id = s.id();
        if (blank(id)) {
            problems.add(AssemblyProblem.invalid(at + "/id", null, "the section id must not be empty"));
        } else {
            Integer earlier = firstIndexOfId.putIfAbsent(id, index);
            if (earlier != null) {
                problems.add(AssemblyProblem.invalid(at + "/id", id,
                        "duplicate section id " + id + " (also at /sections/" + earlier + "/id)"));
            }
        }
        if (blank(s.title())) {
            problems.add(AssemblyProblem.invalid(at + "/title", id, "the section title must not be empty"));
        }
        if (s.type() == null) {
            problems.add(AssemblyProblem.invalid(at + "/type", id, "the section's item type is missing"));
        }
        if (s.count() < 1) {
            problems.add(AssemblyProblem.invalid(at + "/count", id,
                    "count must be at least 1, got " + s.count()));
        }
        if (s.scorePerItem() == null) {
            problems.add(AssemblyProblem.invalid(at + "/scorePerItem", id, "scorePerItem is missing"));
        } else if (s.scorePerItem().signum() <= 0) {
            problems.add(AssemblyProblem.invalid(at + "/scorePerItem", id,
                    "scorePerItem must be positive, got " + s.scorePerItem().toPlainString()));
        }
        if (s.multipleRule() != null && s.type() != null && s.type() != ItemType.MULTIPLE_CHOICE) {
            problems.add(AssemblyProblem.invalid(at + "/multipleRule", id,
                    "multipleRule applies only to MULTIPLE_CHOICE sections, this one is " + s.type()));
        }
        checkConstraints(s, at, problems);
    }

    private static void checkConstraints(Section s, String at, List<AssemblyProblem> problems) {
        List<Constraint> cs = s.constraints();
        String id = s.id();
        if (cs.size() > MAX_CONSTRAINTS_PER_SECTION) {
            problems.add(AssemblyProblem.invalid(at + "/constraints", id, "a section may have at most "
                    + MAX_CONSTRAINTS_PER_SECTION + " constraints, this one has " + cs.size()));
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        boolean usable = true;
        for (int j = 0; j < cs.size(); j++) {
            String cat = at + "/constraints/" + j;
            Constraint c = cs.get(j);
            if (c == null) {
                problems.add(AssemblyProblem.invalid(cat, id, "empty constraint"));
                usable = false;
                continue;
            }
            if (c.kind() == null) {
                problems.add(AssemblyProblem.invalid(cat + "/kind", id,
                        "constraint kind is missing (KNOWLEDGE_POINT or DIFFICULTY)"));
                usable = false;
            }
            if (blank(c.value())) {
                problems.add(AssemblyProblem.invalid(cat + "/value", id, "constraint value must not be empty"));
                usable = false;
            } else if (c.kind() == Constraint.Kind.DIFFICULTY && difficulty(c.value()) == 0) {
                problems.add(AssemblyProblem.invalid(cat + "/value", id,
                        "a difficulty constraint's value must be 1 to 5, got \"" + c.value() + "\""));
                usable = false;
            }
            if (c.min() < 0) {
                problems.add(AssemblyProblem.invalid(cat + "/min", id, "min must not be negative, got " + c.min()));
                usable = false;
            } else if (c.min() > s.count() && s.count() >= 1) {
                problems.add(AssemblyProblem.invalid(cat + "/min", id,
                        "min " + c.min() + " exceeds the section's count " + s.count()));
                usable = false;
            }
            if (c.max() != null) {
                if (c.max() < 0) {
                    problems.add(AssemblyProblem.invalid(cat + "/max", id,
                            "max must not be negative, got " + c.max()));
                    usable = false;
                } else if (c.min() > c.max()) {
                    problems.add(AssemblyProblem.invalid(cat + "/max", id,
                            "max " + c.max() + " is below min " + c.min()));
                    usable = false;
                }
            }
            if (c.kind() != null && !blank(c.value())) {
                String key = c.kind() + ":" + normalisedValue(c);
                Integer earlier = seen.putIfAbsent(key, j);
                if (earlier != null) {
                    problems.add(AssemblyProblem.invalid(cat, id, Wording.constraint(c)
                            + " appears twice (also at " + at + "/constraints/" + earlier + ")"));
                    usable = false;
                }
            }
        }
        if (usable && s.count() >= 1) {
            checkSums(s, at, problems);
        }
    }

    /**
     * Minimums of disjoint classes must fit in the section together. Difficulties are disjoint; knowledge-point
     * prefixes are disjoint unless one extends the other, in which case the longer one's items count toward the
     * shorter one, so the need of a prefix is the larger of its own min and its sub-prefixes' needs.
     */
    private static void checkSums(Section s, String at, List<AssemblyProblem> problems) {
        int difficultyMins = 0;
        int difficultyMaxes = 0;
        int cappedDifficulties = 0;
        List<Constraint> kps = new ArrayList<>();
        for (Constraint c : s.constraints()) {
            if (c.kind() == Constraint.Kind.DIFFICULTY) {
                difficultyMins += c.min();
                if (c.max() != null) {
                    difficultyMaxes += c.max();
                    cappedDifficulties++;
                }
            } else {
                kps.add(c);
            }
        }
        if (difficultyMins > s.count()) {
            problems.add(AssemblyProblem.invalid(at + "/constraints", s.id(), "the difficulty minimums add up to "
                    + difficultyMins + ", more than the section's count " + s.count()));
        }
        if (cappedDifficulties == 5 && difficultyMaxes < s.count()) {
            problems.add(AssemblyProblem.invalid(at + "/constraints", s.id(), "every difficulty 1 to 5 has a max and "
                    + "they add up to " + difficultyMaxes + ", fewer than the section's count " + s.count()));
        }
        int kpNeed = 0;
        for (Constraint c : kps) {
            if (kps.stream().noneMatch(o -> o != c && c.value().startsWith(o.value()))) {
                kpNeed += need(c, kps);
            }
        }
        if (kpNeed > s.count()) {
            problems.add(AssemblyProblem.invalid(at + "/constraints", s.id(), "the knowledge-point minimums need at least "
                    + kpNeed + " items together, more than the section's count " + s.count()));
        }
    }

    private static int need(Constraint c, List<Constraint> kps) {
        int children = 0;
        for (Constraint o : kps) {
            if (o != c && o.value().startsWith(c.value()) && isDirectChild(c, o, kps)) {
                children += need(o, kps);
            }
        }
        return Math.max(c.min(), children);
    }

    private static boolean isDirectChild(Constraint parent, Constraint child, List<Constraint> kps) {
        return kps.stream().noneMatch(m -> m != parent && m != child
                && m.value().startsWith(parent.value()) && child.value().startsWith(m.value()));
    }

    /** The difficulty a constraint value names, or 0 when it names none. */
    static int difficulty(String value) {
        String v = value.strip();
        if (v.length() != 1 || v.charAt(0) < '1' || v.charAt(0) > '5') {
            return 0;
        }
        return v.charAt(0) - '0';
    }

    private static String normalisedValue(Constraint c) {
        return c.kind() == Constraint.Kind.DIFFICULTY ? c.value().strip() : c.value();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
