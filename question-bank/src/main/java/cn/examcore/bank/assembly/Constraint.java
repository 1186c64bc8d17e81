package cn.examcore.bank.assembly;

/**
 * A limit on how many items of a section share a property.
 *
 * @param kind  what is counted
 * @param value the knowledge-point code prefix, or the difficulty 1..5 as text
 * @param min   at least this many (0 for none)
 * @param max   at most this many (null for no limit)
 */
public record Constraint(Kind kind, String value, int min, Integer max) {

    public enum Kind {
        /** Items whose knowledge point starts with {@code value}. */
        KNOWLEDGE_POINT,
        /** Items whose difficulty equals {@code value}. */
        DIFFICULTY
    }
}
