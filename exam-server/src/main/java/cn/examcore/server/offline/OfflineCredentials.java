package cn.examcore.server.offline;

/**
 * What a candidate page needs to write its offline answer file, given only to that attempt's page with its paper.
 *
 * @param format        the file format it writes
 * @param attemptId     the attempt
 * @param ticket        the candidate's admission ticket number (in the file's name and header)
 * @param seatCode      the seat (in the file's header)
 * @param publicKey     the sitting's P-256 public key, base64 X.509 (WebCrypto {@code importKey('spki')})
 * @param macKey        the attempt's own HMAC-SHA256 key, base64: the page's proof that it wrote the file
 * @param windowMinutes how long after the deadline a proctor may upload the file; 0: the sitting takes none, and
 *                      the page offers none
 */
public record OfflineCredentials(String format, String attemptId, String ticket, String seatCode, String publicKey,
                                 String macKey, int windowMinutes) {
}
