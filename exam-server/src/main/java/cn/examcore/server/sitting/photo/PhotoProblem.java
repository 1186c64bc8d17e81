package cn.examcore.server.sitting.photo;

/**
 * One thing wrong with a photo archive.
 *
 * @param entry     the entry concerned as the archive names it, or "" for the archive as a whole
 * @param message   what is wrong, in words an administrator can act on
 * @param messageZh the same in Chinese, which the administrators' page shows by default
 */
public record PhotoProblem(String entry, String message, String messageZh) {

    /** A problem said in English only (the Chinese page then shows the English words). */
    public PhotoProblem(String entry, String message) {
        this(entry, message, message);
    }
}
