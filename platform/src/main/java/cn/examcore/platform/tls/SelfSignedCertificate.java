package cn.examcore.platform.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for a trial installation (the demo): an ECDSA P-256 key, the given host names
 * and IP addresses as subject alternative names (what browsers check), server authentication only. It is its own
 * CA so that it can be imported as a trusted root on the terminals; the CA flag is limited to path length 0, so it
 * cannot sign another certificate that a browser would accept.
 *
 * @param certPem the certificate, PEM
 * @param keyPem  its private key, PEM (PKCS#8)
 * @param certificate the certificate itself
 */
public record SelfSignedCertificate(String certPem, String keyPem, X509Certificate certificate) {

    /**
     * Generates a new key and certificate.
     *
     * @param commonName  the subject's CN (a readable name; browsers ignore it)
     * @param dnsNames    host names it is valid for (e.g. {@code localhost}, the machine's name)
     * @param ipAddresses IP addresses it is valid for
     * @param validity    how long from now it is valid
     */
    public static SelfSignedCertificate generate(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                                 Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>;]", " ") + ",O=examcore");
            Instant now = Instant.now();
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject,
                    pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            ipAddresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a)));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedCertificate(pem(certificate), pem(pair.getPrivate()), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate for " + dnsNames + " "
                    + ipAddresses, e);
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
