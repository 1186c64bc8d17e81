package cn.examcore.bank.scoring;

import java.util.List;
import java.util.Set;

/** 作答: what a candidate gave for one item, in the shape its type expects. */
public sealed interface Response {

    /** Single or multiple choice: the chosen option labels as displayed on the candidate's paper. */
    record Choices(Set<String> chosen) implements Response {
        public Choices {
            chosen = Set.copyOf(chosen);
        }
    }

    /** True/false. */
    record TrueFalse(boolean value) implements Response {
    }

    /** Fill-in: one value per blank, in blank order (missing blanks count as empty). */
    record Blanks(List<String> values) implements Response {
        public Blanks {
            values = List.copyOf(values);
        }
    }

    /** Short answer, essay or operation task: free text and references to uploaded files. */
    record Text(String text, List<String> files) implements Response {
        public Text {
            files = List.copyOf(files);
        }
    }
}
