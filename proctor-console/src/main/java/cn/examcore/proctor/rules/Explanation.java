package cn.examcore.proctor.rules;

import cn.examcore.proctor.i18n.Catalog;
import cn.examcore.proctor.i18n.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the engine proposes something: localisable {@link Message} parts, and the same rendered in English
 * ({@code text}) for the audit trail and exports, where a stable text is needed whatever a reader's language.
 *
 * @param parts the sentences, in order (the page joins them with its language's separator)
 * @param text  the English rendering, parts joined with "; ", times in the sitting's zone
 */
public record Explanation(List<Message> parts, String text) {

    public Explanation {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an explanation needs at least one message");
        }
    }

    /** The explanation with its English text rendered from the catalogue. */
    public static Explanation of(List<Message> parts) {
        return new Explanation(parts, Catalog.standard().render(parts, Catalog.Lang.EN));
    }

    public static Explanation of(Message... parts) {
        return of(List.of(parts));
    }

    /** This explanation with more parts after its own. */
    public Explanation plus(List<Message> more) {
        List<Message> all = new ArrayList<>(parts);
        all.addAll(more);
        return of(all);
    }
}
