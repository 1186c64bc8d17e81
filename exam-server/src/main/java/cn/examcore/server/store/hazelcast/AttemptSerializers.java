package cn.examcore.server.store.hazelcast;

import cn.examcore.server.domain.Answer;
import cn.examcore.server.domain.Answers;
import cn.examcore.server.domain.Attempt;
import cn.examcore.server.domain.AttemptState;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * Compact serialization of attempts and answers, written by hand so the domain records stay free of Hazelcast.
 * Compact lets queries read {@code sittingId}, {@code state} and {@code dueAt} without deserializing the whole
 * attempt, and its schema evolves by field name.
 */
public final class AttemptSerializers {

    private AttemptSerializers() {
    }

    /** Serializer of {@link Answer}. */
    public static final class AnswerSerializer implements CompactSerializer<Answer> {
        @Override
        public Answer read(CompactReader in) {
            return new Answer(in.readInt32("item"), in.readString("value"), in.readInt64("rev"),
                    in.readInt64("savedAt"));
        }

        @Override
        public void write(CompactWriter out, Answer a) {
            out.writeInt32("item", a.item());
            out.writeString("value", a.value());
            out.writeInt64("rev", a.rev());
            out.writeInt64("savedAt", a.savedAt());
        }

        @Override
        public String getTypeName() {
            return "examcore.Answer";
        }

        @Override
        public Class<Answer> getCompactClass() {
            return Answer.class;
        }
    }

    /** Serializer of {@link Attempt}; {@code dueAt} is written (not read) so an index can find due attempts. */
    public static final class AttemptSerializer implements CompactSerializer<Attempt> {
        @Override
        public Attempt read(CompactReader in) {
            Answer[] answers = in.readArrayOfCompact("answers", Answer.class);
            Answers byItem = answers == null ? Answers.empty() : Answers.byItem(answers);
            String kind = in.readString("submitKind");
            return new Attempt(in.readString("id"), in.readString("sittingId"), in.readString("ticket"),
                    in.readString("subject"), in.readString("seatCode"), AttemptState.valueOf(in.readString("state")),
                    in.readInt64("startAt"), in.readInt64("durationSeconds"), in.readInt64("extensionSeconds"),
                    in.readInt64("pausedMillis"), in.readInt64("pausedSince"), in.readInt64("submittedAt"),
                    kind == null ? null : Attempt.SubmitKind.valueOf(kind), byItem);
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
            out.writeArrayOfCompact("answers", a.answers().values().toArray(new Answer[0]));
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
