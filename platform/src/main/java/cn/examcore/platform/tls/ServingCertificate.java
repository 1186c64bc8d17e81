package cn.examcore.platform.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A certificate chain and its private key as read from the configured PEM files, already checked to belong
 * together (see {@link TlsFiles#serving}).
 *
 * @param chain the leaf certificate first, then its intermediates as the file lists them
 * @param key   the leaf's private key
 * @param certPem the certificate file's text, handed to Vert.x as it was read
 */
public record ServingCertificate(List<X509Certificate> chain, PrivateKey key, String certPem) {

    public ServingCertificate {
        chain = List.copyOf(chain);
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * What a Vert.x server serves with. The key goes over as PKCS#8, whatever form the file had (PKCS#1, SEC1): the
     * form Vert.x reads is then the one checked here, not a second parser's idea of the file.
     */
    public PemKeyCertOptions options() {
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new PemKeyCertOptions().setKeyValue(Buffer.buffer(pkcs8)).setCertValue(Buffer.buffer(certPem));
    }

    /** Never the key: some JDK key classes print their private parts, and this may end up in a log line. */
    @Override
    public String toString() {
        return "ServingCertificate[" + leaf().getSubjectX500Principal() + ", SHA-256 " + fingerprint() + "]";
    }

    /** The leaf's SHA-256 fingerprint as browsers show it ({@code AB:CD:…}). */
    public String fingerprint() {
        return TlsFiles.fingerprint(leaf());
    }
}
