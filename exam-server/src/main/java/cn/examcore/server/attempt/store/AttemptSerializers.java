package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.AnswerHistory;
import cn.examcore.server.attempt.domain.Answers;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptState;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * Compact serialization of attempts (answers included), written by hand so the domain records stay free of
 * Hazelcast. Compact lets queries read {@code sittingId}, {@code state} and {@code dueAt} without deserializing the whole
 * attempt, and its schema evolves by field name.
 */
public final class AttemptSerializers {

    private AttemptSerializers() {
    }

    /**
     * Serializer of {@link Attempt}; {@code dueAt} is written (not read) so the deadline scan's predicate can read
     * it from the binary form.
     *
     * <p>The answers are four parallel arrays (item, value, revision, saved at), not an array of nested
     * {@code Answer} records: every save writes the whole attempt, and each nested record costs its own writer,
     * schema registration and a field look-up per field, which the steady-phase profile showed as the largest part
     * of a save on the partition threads. Members of the version before this one (nested {@code answers}) cannot
     * read these attempts, nor these members theirs: a cluster is upgraded by a full restart, which reloads the
     * attempts from the database.
     */
    public static final class AttemptSerializer implements CompactSerializer<Attempt> {
        @Override
        public Attempt read(CompactReader in) {
            int[] items = in.readArrayOfInt32("answerItems");
            String[] values = in.readArrayOfString("answerValues");
            long[] revs = in.readArrayOfInt64("answerRevs");
            long[] savedAt = in.readArrayOfInt64("answerSavedAt");
            Answer[] answers = new Answer[items.length];
            for (int i = 0; i < items.length; i++) {
                answers[i] = new Answer(items[i], values[i], revs[i], savedAt[i]);
            }
            Answers byItem = Answers.byItem(answers);
            String kind = in.readString("submitKind");
            AnswerHistory history = in.getFieldKind("historyHead") == FieldKind.NOT_AVAILABLE ? AnswerHistory.empty()
                    : AnswerHistory.fromEncoded(in.readArrayOfInt8("historyEntries"), in.readInt32("historySize"),
                            in.readArrayOfString("historyNodes"), in.readString("historyHead"));
            return new Attempt(in.readString("id"), in.readString("sittingId"), in.readString("ticket"),
                    in.readString("subject"), in.readString("seatCode"), AttemptState.valueOf(in.readString("state")),
                    in.readInt64("startAt"), in.readInt64("durationSeconds"), in.readInt64("extensionSeconds"),
                    in.readInt64("pausedMillis"), in.readInt64("pausedSince"), in.readInt64("submittedAt"),
                    kind == null ? null : Attempt.SubmitKind.valueOf(kind), byItem, history);
        }

        @Override
        public void write(CompactWriter out, Attempt a) {
            out.writeString("id", a.id());
            out.writeString("sittingId", a.sittingId());
            out.writeString("ticket", a.ticket());
            out.writeString("subject", a.subject());
            out.writeString("seatCode", a.seatCode());
            out.writeString("state", a.state().name());
            out.writeInt64("startAt", a.startAt());
            out.writeInt64("durationSeconds", a.durationSeconds());
            out.writeInt64("extensionSeconds", a.extensionSeconds());
            out.writeInt64("pausedMillis", a.pausedMillis());
            out.writeInt64("pausedSince", a.pausedSince());
            out.writeInt64("submittedAt", a.submittedAt());
            out.writeString("submitKind", a.submitKind() == null ? null : a.submitKind().name());
            out.writeInt64("dueAt", a.dueAt());
            int n = a.answers().size();
            int[] items = new int[n];
            String[] values = new String[n];
            long[] revs = new long[n];
            long[] savedAt = new long[n];
            int i = 0;
            for (Answer answer : a.answers().values()) {
                items[i] = answer.item();
                values[i] = answer.value();
                revs[i] = answer.rev();
                savedAt[i] = answer.savedAt();
                i++;
            }
            out.writeArrayOfInt32("answerItems", items);
            out.writeArrayOfString("answerValues", values);
            out.writeArrayOfInt64("answerRevs", revs);
            out.writeArrayOfInt64("answerSavedAt", savedAt);
            AnswerHistory h = a.history();
            out.writeArrayOfInt8("historyEntries", h.encoded());
            out.writeInt32("historySize", h.size());
            out.writeArrayOfString("historyNodes", h.nodeNames());
            out.writeString("historyHead", h.recordedHead());
        }

        @Override
        public String getTypeName() {
            return "examcore.Attempt";
        }

        @Override
        public Class<Attempt> getCompactClass() {
            return Attempt.class;
        }
    }
}
