package cn.examcore.server.attempt.store;

import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.attempt.domain.Attempt;
import cn.examcore.server.attempt.domain.AttemptRejected;
import cn.examcore.server.attempt.store.AttemptProcessors.Outcome;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The entry processor that merges an offline answer file into a frozen attempt ({@link Attempt#mergeOffline}),
 * where the attempt lives, with the same rules as {@link AttemptProcessors.Change}: one atomic change on the owner,
 * repeated deterministically on the backup, refused after a stall. A class of its own (with its own factory) so the
 * rare offline path adds nothing to the hot save processor.
 */
public final class OfflineMerge implements EntryProcessor<String, Attempt, Outcome>, IdentifiedDataSerializable {

    /** Factory id registered in the Hazelcast config. */
    public static final int FACTORY_ID = 4712;
    static final int MERGE = 1;
    private static final long serialVersionUID = 1L;

    private List<Answer> answers;
    /** When and by which node the file was taken: recorded in the answer history, the same on the backup. */
    private long now;
    private String node;
    private boolean backup;

    public OfflineMerge() {
    }

    public OfflineMerge(List<Answer> answers, long now, String node) {
        this.answers = List.copyOf(answers);
        this.now = now;
        this.node = node;
    }

    /** Builds the processor when it arrives from another member. */
    public static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int typeId) {
            if (typeId != MERGE) {
                throw new IllegalArgumentException("unknown offline processor type " + typeId);
            }
            return new OfflineMerge();
        }
    }

    @Override
    public EntryProcessor<String, Attempt, Outcome> getBackupProcessor() {
        OfflineMerge copy = new OfflineMerge(answers, now, node);
        copy.backup = true;
        return copy;
    }

    @Override
    public Outcome process(Map.Entry<String, Attempt> entry) {
        if (!backup && StallFence.fencedNow()) {
            throw new SplitBrainProtectionException("this member has just woken from a stall and may no longer own "
                    + entry.getKey() + "; send the file again");
        }
        Attempt current = entry.getValue();
        if (current == null) {
            return Outcome.rejected("UNKNOWN", "no attempt " + entry.getKey());
        }
        Attempt next;
        try {
            next = current.mergeOffline(answers, now, node);
        } catch (AttemptRejected e) {
            return Outcome.rejected(e.reason().name(), e.getMessage());
        }
        boolean changed = next != current;
        if (changed) {
            entry.setValue(next);
        }
        return Outcome.ok(next, changed);
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return MERGE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        AttemptProcessors.writeAnswers(out, answers);
        out.writeLong(now);
        out.writeString(node);
        out.writeBoolean(backup);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        answers = AttemptProcessors.readAnswers(in);
        now = in.readLong();
        node = in.readString();
        backup = in.readBoolean();
    }
}
