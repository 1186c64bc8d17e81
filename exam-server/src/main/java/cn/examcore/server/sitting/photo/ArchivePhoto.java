package cn.examcore.server.sitting.photo;

/**
 * One accepted photo of an archive, matched to its candidate.
 *
 * @param entry  the entry's name in the archive
 * @param ticket the candidate's ticket number (准考证号)
 * @param header its type and dimensions
 * @param bytes  the file as it was in the archive
 */
public record ArchivePhoto(String entry, String ticket, ImageHeader header, byte[] bytes) {
}
