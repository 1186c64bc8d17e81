package cn.examcore.server.attempt;

import cn.examcore.server.attempt.domain.ReceiptSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The receipt signing keys of a node, as files in one folder ({@code <data-dir>/receipt-keys}):
 * {@code <keyId>.key} (PKCS#8 PEM, readable by the owner only) and {@code <keyId>.pub} (X.509 PEM). New receipts are
 * signed with the newest private key (key ids start with their creation time, so the newest sorts last); every
 * public key in the folder verifies. A folder without a key gets one at the first start.
 *
 * <p>Rotation: {@code java -jar exam-server.jar --new-receipt-key} adds a key; keep the old {@code .pub} files (and
 * delete the old {@code .key} files) so receipts issued before still verify. In a cluster every node's folder holds
 * the same files: copy them to each node, as with the TLS certificate, so any node signs and verifies alike.
 */
public final class ReceiptKeys {

    private static final Pattern KEY_ID = Pattern.compile("rk-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private ReceiptKeys() {
    }

    /** The folder of a node's keys. */
    public static Path folder(String dataDir) {
        return Path.of(dataDir).toAbsolutePath().normalize().resolve("receipt-keys");
    }

    /**
     * Reads the folder (making it and a first key when there is none) into a signer.
     *
     * @throws IllegalStateException naming the file that cannot be read
     */
    public static ReceiptSigner load(Path folder) {
        try {
            Files.createDirectories(folder);
            if (ids(folder, ".key").isEmpty()) {
                generate(folder);
            }
            List<String> privateIds = ids(folder, ".key");
            String active = privateIds.get(privateIds.size() - 1);
            Map<String, PublicKey> publicKeys = publicKeys(folder);
            return new ReceiptSigner(active, readPrivate(folder.resolve(active + ".key")), publicKeys);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the receipt keys in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code <keyId>.pub} of the folder. */
    public static Map<String, PublicKey> publicKeys(Path folder) throws IOException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (String id : ids(folder, ".pub")) {
            keys.put(id, readPublic(folder.resolve(id + ".pub")));
        }
        return keys;
    }

    /** Makes a new key pair in the folder; the new key signs from the next start on. Returns its id. */
    public static String generate(Path folder) throws IOException {
        Files.createDirectories(folder);
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
        String id = "rk-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
        Path key = folder.resolve(id + ".key");
        Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own access rights protect it.
        }
        Files.writeString(folder.resolve(id + ".pub"), publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
        return id;
    }

    /** The X.509 PEM text of a public key, as served and as stored. */
    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /**
     * Reads an X.509 PEM Ed25519 public key.
     *
     * @throws IllegalArgumentException when the text is not one
     */
    public static PublicKey parsePublic(String pemText) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pemText, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivate(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    der(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not an Ed25519 private key (PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    private static PublicKey readPublic(Path file) throws IOException {
        try {
            return parsePublic(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> ids(Path folder, String suffix) throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length()))
                    .filter(id -> KEY_ID.matcher(id).matches())
                    .sorted()
                    .forEach(ids::add);
        }
        return ids;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pemText, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pemText.indexOf(begin);
        int to = pemText.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pemText.substring(from + begin.length(), to));
    }
}
