package cn.examcore.bank.assembly;

import cn.examcore.bank.model.Tags;

/** The phrases every assembly message shares, so that they read the same wherever they come from. */
final class Wording {

    private Wording() {
    }

    static String section(Section s) {
        return "section " + s.id() + " (" + s.title() + ")";
    }

    static String constraint(Constraint c) {
        String what = c.kind() == Constraint.Kind.KNOWLEDGE_POINT ? "knowledge point " : "difficulty ";
        return "constraint " + what + c.value();
    }

    static String constraintMin(Constraint c) {
        return constraint(c) + " min " + c.min();
    }

    static String constraintMax(Constraint c) {
        return constraint(c) + " max " + c.max();
    }

    static String tags(Tags t) {
        return t.occupation() + "/" + t.level() + "/" + t.subject();
    }

    static String eligible(int n) {
        return n == 1 ? "1 eligible item" : n + " eligible items";
    }
}
