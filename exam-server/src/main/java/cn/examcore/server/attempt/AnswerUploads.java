package cn.examcore.server.attempt;

import cn.examcore.server.attempt.store.StoredUpload;
import cn.examcore.server.attempt.store.UploadStore;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * 作答附件: the files candidates upload for operation items. Each belongs to the attempt it was uploaded for;
 * {@link AnswerFiles} asks here whose a file is before an answer may name it.
 */
public final class AnswerUploads {

    private final UploadStore store;
    private final LongSupplier clock;

    public AnswerUploads(UploadStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Stores a file for the attempt and answers its new id (what an answer names). */
    public Future<String> save(String attemptId, String name, String mediaType, byte[] content) {
        String id = UUID.randomUUID().toString();
        return store.saveUpload(new StoredUpload(id, attemptId, name, mediaType, content, clock.getAsLong()))
                .map(id);
    }

    /** The attempt each of these uploads belongs to; ids that name no upload are absent from the answer. */
    public Future<Map<String, String>> owners(Collection<String> ids) {
        return store.uploadOwners(ids);
    }
}
