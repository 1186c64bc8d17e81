package cn.examcore.server.paper.store;

/** A bank as uploaded: the original file, re-read by the importer when needed. */
public record StoredBank(String id, String title, String fileName, byte[] content, int itemCount, long importedAt) {
}
