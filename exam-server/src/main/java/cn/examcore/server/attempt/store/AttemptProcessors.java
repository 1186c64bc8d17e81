package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptRejected;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entry processors that change an attempt where it lives: each change is one call on the attempt's key,
 * run on the partition thread of its owner and then (with the same inputs, so deterministically) on its sync
 * backup. The caller passes the server time, so owner and backup compute the same result.
 */
public final class AttemptProcessors {

    /** Factory id registered in the Hazelcast config. */
    public static final int FACTORY_ID = 4711;
    static final int CHANGE = 1;
    static final int OUTCOME = 2;

    private AttemptProcessors() {
    }

    /** Builds the processors when they arrive from another member. */
    public static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int typeId) {
            return switch (typeId) {
                case CHANGE -> new Change();
                case OUTCOME -> new Outcome();
                default -> throw new IllegalArgumentException("unknown attempt processor type " + typeId);
            };
        }
    }

    /** What a change does to the attempt. Sent as its ordinal: append new values, never reorder them. */
    public enum Op {
        /** Merge single saves (answers must be accepted while answering). */
        SAVE,
        /** Merge a reconnecting page's whole vector. */
        MERGE_VECTOR,
        /** Candidate's submission with the final vector. */
        SUBMIT,
        /** Deadline passed. */
        AUTO_SUBMIT,
        /** A proctor pauses the seat. */
        PAUSE,
        /** A proctor resumes the seat. */
        RESUME,
        /** A proctor grants {@code seconds} more. */
        EXTEND,
        /** The room was released early: the clock starts at {@code now}. */
        RELEASE,
        /** Read the attempt with its lazy start applied, changing nothing. */
        READ,
        /** A proctor or administrator ends the attempt now, whatever its deadline. */
        FORCE_SUBMIT,
        /** A proctor moves the attempt to the seat {@code seat}. */
        MOVE_SEAT,
        /** A proctor reopens a submitted attempt. */
        REOPEN
    }

    private static final Op[] OPS = Op.values();

    /** One change to one attempt. */
    public static final class Change implements EntryProcessor<String, Attempt, Outcome>, IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;

        private Op op;
        private long now;
        private long seconds;
        private List<Answer> answers;
        private String seat;
        /**
         * The node that took the change, recorded in the answer history. Carried in the processor (not read where it
         * runs) so that the owner and its backup append the same entry and reach the same chain head.
         */
        private String node;
        /** True on a backup replica: it applies what the primary decided, so a fence never refuses it. */
        private boolean backup;

        public Change() {
        }

        public Change(Op op, long now, long seconds, List<Answer> answers) {
            this(op, now, seconds, answers, null);
        }

        public Change(Op op, long now, long seconds, List<Answer> answers, String seat) {
            this.op = op;
            this.now = now;
            this.seconds = seconds;
            this.answers = List.copyOf(answers);
            this.seat = seat;
        }

        /** This change as taken by {@code nodeName} (see {@link #node}). */
        public Change by(String nodeName) {
            this.node = nodeName;
            return this;
        }

        @Override
        public EntryProcessor<String, Attempt, Outcome> getBackupProcessor() {
            Change copy = new Change(op, now, seconds, answers, seat).by(node);
            copy.backup = true;
            return copy;
        }

        @Override
        public Outcome process(Map.Entry<String, Attempt> entry) {
            if (!backup && op != Op.READ && StallFence.fencedNow()) {
                // Thrown, not an outcome: the caller answers RETRY (and the deadline scan takes the batch again).
                throw new SplitBrainProtectionException("this member has just woken from a stall and may no longer"
                        + " own " + entry.getKey() + "; send the change again");
            }
            Attempt current = entry.getValue();
            if (current == null) {
                return Outcome.rejected("UNKNOWN", "no attempt " + entry.getKey());
            }
            Attempt next;
            try {
                next = switch (op) {
                    case SAVE -> current.saveAnswers(answers, now, node);
                    case MERGE_VECTOR -> current.mergeVector(answers, now, node);
                    case SUBMIT -> current.submit(answers, now, Attempt.SubmitKind.SUBMITTED, node);
                    case AUTO_SUBMIT -> current.due(now)
                            ? current.submit(List.of(), now, Attempt.SubmitKind.AUTO_SUBMITTED) : current;
                    case PAUSE -> current.pause(now);
                    case RESUME -> current.resume(now);
                    case EXTEND -> current.extend(seconds);
                    case RELEASE -> current.startBy(now);
                    case READ -> current;
                    case FORCE_SUBMIT -> current.submit(List.of(), now, Attempt.SubmitKind.FORCED);
                    case MOVE_SEAT -> current.atSeat(seat, now);
                    case REOPEN -> current.reopen(now);
                };
            } catch (AttemptRejected e) {
                return Outcome.rejected(e.reason().name(), e.getMessage());
            } catch (IllegalArgumentException e) {
                return Outcome.rejected("BAD_VALUE", e.getMessage());
            }
            // Saving only real changes keeps idempotent re-sends from reaching the backup and the database. A save
            // or a vector merge returns the very attempt it was given when nothing won (see Attempt), so those hot
            // paths tell a change by identity instead of comparing every answer; the rarer changes compare values.
            boolean changed = next != current
                    && (op == Op.SAVE || op == Op.MERGE_VECTOR || !next.equals(current));
            if (changed && op != Op.READ) {
                entry.setValue(next);
            }
            if (op == Op.SAVE) {
                return changed ? Outcome.SAVED : Outcome.ALREADY_SAVED;
            }
            return Outcome.ok(next.effective(now), changed);
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return CHANGE;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            // The ordinal, not the name: one byte instead of a string on every backup of every save. Op values may
            // therefore only be appended, never reordered or removed.
            out.writeByte(op.ordinal());
            out.writeLong(now);
            out.writeLong(seconds);
            writeAnswers(out, answers);
            out.writeString(seat);
            out.writeBoolean(backup);
            out.writeString(node);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            op = OPS[in.readByte()];
            now = in.readLong();
            seconds = in.readLong();
            answers = readAnswers(in);
            seat = in.readString();
            backup = in.readBoolean();
            node = in.readString();
        }
    }

    /** Answers on the wire of a processor: count, then item, value, revision and save time of each. */
    static void writeAnswers(ObjectDataOutput out, List<Answer> answers) throws IOException {
        out.writeInt(answers.size());
        for (Answer a : answers) {
            out.writeInt(a.item());
            out.writeString(a.value());
            out.writeLong(a.rev());
            out.writeLong(a.savedAt());
        }
    }

    /** The answers {@link #writeAnswers} wrote, as an unmodifiable list. */
    static List<Answer> readAnswers(ObjectDataInput in) throws IOException {
        int n = in.readInt();
        List<Answer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Answer(in.readInt(), in.readString(), in.readLong(), in.readLong()));
        }
        return List.copyOf(list);
    }

    /** The result of a change: the attempt after it, or why it was refused (nothing changed then). */
    public static final class Outcome implements IdentifiedDataSerializable {
        private String rejection;
        private String message;
        private Attempt attempt;
        private boolean changed;

        /** The outcomes of a single save, which ships nothing back; shared, since nothing modifies them. */
        static final Outcome SAVED = ok(null, true);
        static final Outcome ALREADY_SAVED = ok(null, false);

        public Outcome() {
        }

        static Outcome ok(Attempt attempt, boolean changed) {
            Outcome o = new Outcome();
            o.attempt = attempt;
            o.changed = changed;
            return o;
        }

        static Outcome rejected(String reason, String message) {
            Outcome o = new Outcome();
            o.rejection = reason;
            o.message = message;
            return o;
        }

        /** Null when the change was applied (or was already held). */
        public String rejection() {
            return rejection;
        }

        public String message() {
            return message;
        }

        /** The attempt after the change (null for single saves, which do not ship the whole attempt back). */
        public Attempt attempt() {
            return attempt;
        }

        /** Whether the stored attempt changed. */
        public boolean changed() {
            return changed;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return OUTCOME;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(rejection);
            out.writeString(message);
            out.writeBoolean(changed);
            out.writeObject(attempt);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            rejection = in.readString();
            message = in.readString();
            changed = in.readBoolean();
            attempt = in.readObject();
        }
    }
}
