package cn.examcore.server.attempt.store;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The files candidates upload for operation items (作答附件), each owned by one attempt. */
public interface UploadStore {

    /**
     * Stores the upload unless its attempt would then hold more than {@code maxFiles} files or {@code maxBytes} bytes
     * of uploads; true when stored.
     */
    Future<Boolean> saveUpload(StoredUpload upload, int maxFiles, long maxBytes);

    Future<Optional<StoredUpload>> upload(String id);

    /**
     * The attempt each of these uploads belongs to, without reading their content; ids that name no upload are
     * absent from the answer.
     */
    Future<Map<String, String>> uploadOwners(Collection<String> ids);
}
