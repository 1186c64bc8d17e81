package cn.examcore.server.attempt.store;

/** A file a candidate uploaded for an operation task. */
public record StoredUpload(String id, String attemptId, String name, String mediaType, byte[] content,
                           long createdAt) {
}
