package cn.examcore.server.paper.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One attempt's paper as the cluster keeps it in memory ({@link PaperCopies}), so that a node can serve the paper
 * while the database does not answer, also when every node that held it has died.
 *
 * <p>It keeps the candidate view in plain, not the sealed view: AES-GCM is deterministic for a given key, nonce and
 * plaintext, so sealing the kept view again with the kept key and nonce gives the very ciphertext the seats
 * received at check-in. Keeping the view itself (rather than the title it was built with) means a later change of
 * the sitting's title or of the view's format can never produce a second, different plaintext under the same nonce.
 * Everything is deflated together: the view repeats most of the paper, so it costs little on top.
 *
 * @param attemptId the attempt
 * @param sittingId its sitting
 * @param paperJson the full paper with keys
 * @param view      the candidate view, as sealed
 * @param key       the attempt's AES key
 * @param iv        the nonce the view was sealed with
 */
public record PaperCopy(String attemptId, String sittingId, String paperJson, byte[] view, byte[] key, byte[] iv) {

    /** The first byte of an encoded copy; a copy written in another layout is refused, not misread. */
    static final byte FORMAT = 1;
    /** Largest paper or view accepted when decoding: far above any real paper, and no inflation bomb. */
    static final int MAX_PART_BYTES = 64 << 20;

    public PaperCopy {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(sittingId, "sittingId");
        Objects.requireNonNull(paperJson, "paperJson");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
    }

    /**
     * The copy as the map holds it: the format, then everything else deflated in one stream, whose checksum
     * {@link #decode} verifies, so a damaged copy is refused rather than sealed into a wrong ciphertext.
     */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        bytes.write(FORMAT);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 8192))) {
            out.writeUTF(attemptId);
            out.writeUTF(sittingId);
            writeBytes(out, key);
            writeBytes(out, iv);
            writeBytes(out, paperJson.getBytes(StandardCharsets.UTF_8));
            writeBytes(out, view);
        } catch (IOException e) {
            throw new UncheckedIOException("a paper copy could not be encoded", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a copy written by {@link #encode()}.
     *
     * @throws IllegalArgumentException naming what is wrong, when the bytes are not such a copy
     */
    public static PaperCopy decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new IllegalArgumentException("a paper copy is empty");
        }
        if (encoded[0] != FORMAT) {
            throw new IllegalArgumentException("a paper copy is in format " + encoded[0] + ", not " + FORMAT);
        }
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(
                new ByteArrayInputStream(encoded, 1, encoded.length - 1), inflater, 8192))) {
            String attemptId = in.readUTF();
            String sittingId = in.readUTF();
            byte[] key = readBytes(in);
            byte[] iv = readBytes(in);
            String paperJson = new String(readBytes(in), StandardCharsets.UTF_8);
            byte[] view = readBytes(in);
            // Reading on to the end makes the inflater check the stream's checksum.
            if (in.read() != -1) {
                throw new IOException("bytes after the view");
            }
            return new PaperCopy(attemptId, sittingId, paperJson, view, key, iv);
        } catch (IOException e) {
            throw new IllegalArgumentException("a paper copy is damaged or cut short: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PART_BYTES) {
            throw new IOException("a part of " + length + " bytes");
        }
        byte[] b = in.readNBytes(length);
        if (b.length != length) {
            throw new java.io.EOFException("a part of " + length + " bytes ends after " + b.length);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaperCopy c && attemptId.equals(c.attemptId) && sittingId.equals(c.sittingId)
                && paperJson.equals(c.paperJson) && Arrays.equals(view, c.view) && Arrays.equals(key, c.key)
                && Arrays.equals(iv, c.iv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attemptId, sittingId, paperJson, Arrays.hashCode(view));
    }

    @Override
    public String toString() {
        // Never the key or the paper: a copy may end up in a log line.
        return "PaperCopy[" + attemptId + " of " + sittingId + ", paper " + paperJson.length() + " chars, view "
                + view.length + " bytes]";
    }
}
