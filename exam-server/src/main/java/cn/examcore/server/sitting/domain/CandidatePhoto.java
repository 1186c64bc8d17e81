package cn.examcore.server.sitting.domain;

/**
 * 考生照片: a candidate's ID photo, as imported.
 *
 * @param sittingId  the sitting
 * @param ticket     the candidate's ticket number
 * @param mediaType  image/jpeg or image/png
 * @param width      pixels across
 * @param height     pixels down
 * @param content    the image file
 * @param importedBy who imported it
 * @param importedAt when (epoch ms)
 */
public record CandidatePhoto(String sittingId, String ticket, String mediaType, int width, int height,
                             byte[] content, String importedBy, long importedAt) {
}
