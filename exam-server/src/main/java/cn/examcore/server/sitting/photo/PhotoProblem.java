package cn.examcore.server.sitting.photo;

/**
 * One thing wrong with a photo archive.
 *
 * @param entry   the entry concerned as the archive names it, or "" for the archive as a whole
 * @param message what is wrong, in words an administrator can act on
 */
public record PhotoProblem(String entry, String message) {
}
