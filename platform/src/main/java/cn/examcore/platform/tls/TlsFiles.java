package cn.examcore.platform.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files a deployable serves TLS with or trusts, and refuses them at start with a message naming the
 * configuration key when they cannot work: a missing or unreadable file, no certificate in it, a key that is not the
 * certificate's, an encrypted key, or a key file others may read. A node that starts has a certificate it can serve.
 */
public final class TlsFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private TlsFiles() {
    }

    /**
     * The certificate chain and key to serve with.
     *
     * @param certKey  the configuration key naming the certificate file (for the messages)
     * @param certFile PEM, the leaf certificate first, then its intermediates
     * @param keyKey   the configuration key naming the key file
     * @param keyFile  PEM, PKCS#8, PKCS#1 (RSA) or SEC1 (EC), not encrypted, readable by its owner only
     * @throws IllegalArgumentException naming the key whose file is at fault and why
     */
    public static ServingCertificate serving(String certKey, String certFile, String keyKey, String keyFile) {
        String certPem = read(certKey, certFile);
        List<X509Certificate> chain = certificates(certKey, certFile, certPem);
        Path key = Path.of(keyFile);
        requireOwnerOnly(keyKey, key);
        PrivateKey privateKey = privateKey(keyKey, keyFile, read(keyKey, keyFile));
        if (!matches(privateKey, chain.get(0))) {
            throw new IllegalArgumentException(keyKey + ": the private key in " + keyFile + " does not belong to the "
                    + "certificate in " + certKey + " (" + certFile + ", " + chain.get(0).getSubjectX500Principal()
                    + "): give the key the certificate was issued for");
        }
        return new ServingCertificate(chain, privateKey, certPem);
    }

    /**
     * The certificates a client trusts (a CA, or a server's self-signed certificate itself).
     *
     * @throws IllegalArgumentException naming {@code key} when the file is unreadable or holds no certificate
     */
    public static PemTrustOptions trust(String key, String file) {
        String pem = read(key, file);
        certificates(key, file, pem);
        return new PemTrustOptions().addCertValue(Buffer.buffer(pem));
    }

    /** The certificate's SHA-256 fingerprint in the form browsers show ({@code AB:CD:…}, upper case). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Every certificate in a PEM text, in order; other blocks (a key kept in the same file) are skipped. */
    static List<X509Certificate> certificates(String key, String file, String pem) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not a PEM certificate file (" + e.getMessage()
                    + ")", e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(key + ": " + file + " holds no certificate (expected -----BEGIN "
                    + "CERTIFICATE-----)");
        }
        return out;
    }

    private static PrivateKey privateKey(String key, String file, String pem) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + file + " is not a PEM private key (" + e.getMessage() + ")",
                    e);
        }
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new IllegalArgumentException(key + ": the private key in " + file + " is encrypted; give it "
                    + "unencrypted (e.g. openssl pkey -in " + file + " -out key.pem) and protect the file with chmod 600");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": the private key in " + file + " cannot be read ("
                    + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException(key + ": " + file + " holds no private key (expected -----BEGIN PRIVATE "
                + "KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)");
    }

    /** True when the key signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519" -> "Ed25519";
            case "ED448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A certificate of another algorithm than the key's cannot verify its signature: not a match.
            return false;
        }
    }

    private static String read(String key, String file) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException(key + " is empty: name a PEM file");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(key + ": " + path.toAbsolutePath().normalize() + " does not exist or is "
                    + "not a file");
        }
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": " + path.toAbsolutePath().normalize() + " cannot be read ("
                    + e + ")", e);
        }
    }

    /**
     * Whoever reads the key can impersonate the server to every terminal; a key file that group or others may access
     * stops the start with the command that fixes it, as the nodes' own secrets do.
     */
    private static void requireOwnerOnly(String key, Path file) {
        if (!Files.isRegularFile(file) || Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                Path absolute = file.toAbsolutePath().normalize();
                throw new IllegalArgumentException(key + ": the private key file " + absolute + " is accessible to "
                        + "group or others (" + PosixFilePermissions.toString(mode) + "); anyone who reads it can "
                        + "impersonate this server. Restrict it and start again: chmod 600 " + absolute);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot read the permissions of " + file + " (" + e + ")", e);
        }
    }
}
