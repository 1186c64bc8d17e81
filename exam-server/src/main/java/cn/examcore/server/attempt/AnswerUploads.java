package cn.examcore.server.attempt;

import cn.examcore.server.attempt.store.StoredUpload;
import cn.examcore.server.attempt.store.UploadStore;
import cn.examcore.contract.ErrorType;
import cn.examcore.server.common.ExamException;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * 作答附件: the files candidates upload for operation items. Each belongs to the attempt it was uploaded for;
 * {@link AnswerFiles} asks here whose a file is before an answer may name it.
 */
public final class AnswerUploads {

    /** Files one attempt may hold at most. */
    public static final int MAX_FILES_PER_ATTEMPT = 20;

    private final UploadStore store;
    private final LongSupplier clock;
    private final long maxBytesPerAttempt;

    /** @param maxBytesPerAttempt the bytes of uploads one attempt may hold in all */
    public AnswerUploads(UploadStore store, LongSupplier clock, long maxBytesPerAttempt) {
        this.store = store;
        this.clock = clock;
        this.maxBytesPerAttempt = maxBytesPerAttempt;
    }

    /**
     * Stores a file for the attempt and answers its new id (what an answer names). Only a paper whose operation
     * items ask for deliverables takes files, only of the types they name, and only up to the attempt's quota;
     * anything else is refused naming why, and nothing is stored.
     *
     * @param acceptedTypes the deliverable file types (lower-case extensions) the attempt's paper asks for
     */
    public Future<String> save(String attemptId, Set<String> acceptedTypes, String name, String mediaType,
                               byte[] content) {
        if (acceptedTypes.isEmpty()) {
            return Future.failedFuture(ExamException.field(ErrorType.FORBIDDEN, "file",
                    "this paper asks for no files: none of its items is an operation task with a deliverable",
                    "本试卷没有需要上传文件的操作题"));
        }
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!acceptedTypes.contains(type)) {
            return Future.failedFuture(ExamException.field(ErrorType.BAD_VALUE, "file", "a " + (type.isEmpty()
                    ? "file without a type" : "." + type + " file") + " is not a deliverable of this paper; it takes "
                    + acceptedTypes.stream().sorted().map(t -> "." + t).collect(Collectors.joining(", ")),
                    (type.isEmpty() ? "没有类型的文件" : "." + type + " 文件") + "不是本试卷要求上交的文件类型；可上交 "
                            + acceptedTypes.stream().sorted().map(t -> "." + t).collect(Collectors.joining("、"))));
        }
        String id = UUID.randomUUID().toString();
        return store.saveUpload(new StoredUpload(id, attemptId, name, mediaType, content, clock.getAsLong()),
                MAX_FILES_PER_ATTEMPT, maxBytesPerAttempt).compose(stored -> stored ? Future.succeededFuture(id)
                : Future.failedFuture(ExamException.field(ErrorType.PAYLOAD_TOO_LARGE, "file", "this attempt has "
                        + "used its upload quota (" + MAX_FILES_PER_ATTEMPT + " files, " + (maxBytesPerAttempt >> 20)
                        + " MiB in all); ask a proctor", "本次考试的上传额度已用完（" + MAX_FILES_PER_ATTEMPT + " 个文件，共 "
                        + (maxBytesPerAttempt >> 20) + " MiB），请举手示意监考员")));
    }

    /** One stored upload with its content, e.g. for the marker of the answer that names it. */
    public Future<Optional<StoredUpload>> file(String id) {
        return store.upload(id);
    }

    /** The attempt each of these uploads belongs to; ids that name no upload are absent from the answer. */
    public Future<Map<String, String>> owners(Collection<String> ids) {
        return store.uploadOwners(ids);
    }
}
