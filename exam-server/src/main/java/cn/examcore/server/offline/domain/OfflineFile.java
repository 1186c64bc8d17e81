package cn.examcore.server.offline.domain;

import java.nio.charset.StandardCharsets;

/**
 * 离线答卷文件: what the candidate page writes to removable media when it cannot reach any node by its deadline, as
 * JSON with these fields. The header fields travel in clear so a proctor sees whose file it is; they are bound to
 * the ciphertext twice: as the AES-GCM additional data, and under the attempt's MAC.
 *
 * @param format     {@value OfflineCrypto#FORMAT}
 * @param attemptId  the attempt the file answers
 * @param ticket     the candidate's admission ticket number
 * @param seatCode   the seat the page was at
 * @param createdAt  when the page wrote it, by its server-synchronised clock (epoch ms)
 * @param epk        the page's ephemeral ECDH P-256 public key (X.509 SubjectPublicKeyInfo, base64)
 * @param iv         the AES-GCM nonce (12 bytes, base64)
 * @param ciphertext the answers sealed with AES-256-GCM, tag at the end (base64)
 * @param mac        HMAC-SHA256 of {@link #macInput()} under the attempt's offline MAC key (base64)
 */
public record OfflineFile(String format, String attemptId, String ticket, String seatCode, long createdAt,
                          String epk, String iv, String ciphertext, String mac) {

    /** The header as the AES-GCM additional data: the fields a proctor reads, one a line. */
    public byte[] header() {
        return (format + "\n" + attemptId + "\n" + ticket + "\n" + seatCode + "\n" + createdAt)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What the MAC covers: the header and the sealed parts exactly as the file carries them. */
    public byte[] macInput() {
        return (format + "\n" + attemptId + "\n" + ticket + "\n" + seatCode + "\n" + createdAt + "\n" + epk + "\n"
                + iv + "\n" + ciphertext).getBytes(StandardCharsets.UTF_8);
    }

    /** The same file with another MAC (the sealing side sets it last). */
    public OfflineFile withMac(String newMac) {
        return new OfflineFile(format, attemptId, ticket, seatCode, createdAt, epk, iv, ciphertext, newMac);
    }
}
