package cn.examcore.server.attempt;

import cn.examcore.contract.Receipt;
import cn.examcore.platform.json.Json;
import cn.examcore.server.attempt.domain.ReceiptSigner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The command-line side of signed receipts, for whoever settles a dispute without a running node:
 * {@code verify-receipt <receipt.json> <key.pub | receipt-keys folder>} checks a receipt's signature (exit 0 valid,
 * 1 not valid, 2 a usage or file problem); {@code new-receipt-key [data-dir]} adds a signing key (rotation).
 */
public final class ReceiptCheck {

    private ReceiptCheck() {
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length >= 1 && "new-receipt-key".equals(args[0])) {
                Path folder = ReceiptKeys.folder(args.length > 1 ? args[1] : "data");
                String id = ReceiptKeys.generate(folder);
                out.println("new receipt key " + id + " in " + folder + "; nodes sign with it from their next start."
                        + " Copy both files to every node's receipt-keys folder; keep older .pub files so older"
                        + " receipts still verify.");
                return 0;
            }
            if (args.length == 3 && "verify-receipt".equals(args[0])) {
                return verify(Path.of(args[1]), Path.of(args[2]), out);
            }
            err.println("usage: verify-receipt <receipt.json> <key.pub | receipt-keys folder>\n"
                    + "       new-receipt-key [data-dir]");
            return 2;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static int verify(Path receiptFile, Path keys, PrintStream out) throws IOException {
        Receipt receipt;
        try {
            receipt = Json.decode(Files.readString(receiptFile, StandardCharsets.UTF_8), Receipt.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(receiptFile + " is not a receipt (JSON as the server gave it): "
                    + e.getMessage(), e);
        }
        Map<String, PublicKey> publicKeys = new HashMap<>();
        if (Files.isDirectory(keys)) {
            publicKeys.putAll(ReceiptKeys.publicKeys(keys));
        } else {
            String name = keys.getFileName().toString();
            String id = name.endsWith(".pub") ? name.substring(0, name.length() - 4) : name;
            // A single key file answers for the receipt's key id when the file is named after another id or none.
            PublicKey key = ReceiptKeys.parsePublic(Files.readString(keys, StandardCharsets.US_ASCII));
            publicKeys.put(receipt.keyId() != null && !id.equals(receipt.keyId()) ? receipt.keyId() : id, key);
        }
        ReceiptSigner.Verdict verdict = ReceiptSigner.verifierOf(publicKeys).verify(receipt);
        out.println(verdict + ": " + verdict.meaning() + " (attempt " + receipt.attemptId() + ", key "
                + receipt.keyId() + ")");
        return verdict == ReceiptSigner.Verdict.VALID ? 0 : 1;
    }
}
