package cn.examcore.server.demo;

import cn.examcore.platform.tls.SelfSignedCertificate;
import cn.examcore.platform.tls.ServingCertificate;
import cn.examcore.platform.tls.TlsFiles;
import cn.examcore.server.node.DataDirectory;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's HTTPS certificate (演示证书): self-signed, valid for this machine's host names and IP addresses,
 * generated on the first start into {@code <data-dir>/tls/} (the key readable by the owner only) and reused after, so
 * a terminal that trusted it once keeps trusting it. It is generated again only when it no longer covers an address
 * of the machine (a new DHCP lease) or is about to expire; the demo then says so, since the terminals must trust the
 * new one.
 */
public final class DemoCertificate {

    static final String FOLDER = "tls";
    static final String CERT_FILE = "demo-cert.pem";
    static final String KEY_FILE = "demo-key.pem";
    /** Under 398 days, the longest browsers accept for a server certificate. */
    static final Duration VALIDITY = Duration.ofDays(397);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private DemoCertificate() {
    }

    /**
     * The certificate in use.
     *
     * @param certFile  its PEM file (what a terminal or the console imports as trusted)
     * @param keyFile   its key's PEM file
     * @param generated true when this start created it (a terminal that trusted an older one must import it again)
     * @param serving   the certificate and key, read and checked
     * @param dnsNames  the host names it is valid for
     * @param addresses the IP addresses it is valid for
     */
    public record InUse(Path certFile, Path keyFile, boolean generated, ServingCertificate serving,
                        List<String> dnsNames, List<String> addresses) {
    }

    /** The certificate for this machine's names and addresses, in {@code dataDir}: reused when it covers them. */
    public static InUse ensure(Path dataDir) {
        return ensure(dataDir, hostNames(), addresses());
    }

    /**
     * The certificate for the given names and addresses in {@code dataDir}: the one there when it covers them all
     * and is valid for another month, else a new one.
     */
    public static InUse ensure(Path dataDir, List<String> dnsNames, List<String> addresses) {
        DataDirectory.create(dataDir);
        Path dir = dataDir.resolve(FOLDER);
        DataDirectory.create(dir);
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            // A key left readable by others is refused here as at any start, never silently replaced.
            ServingCertificate existing = TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file",
                    key.toString());
            if (covers(existing.leaf(), dnsNames, addresses)) {
                return new InUse(cert, key, false, existing, names(existing.leaf(), 2), names(existing.leaf(), 7));
            }
        }
        SelfSignedCertificate generated = SelfSignedCertificate.generate("examcore demo " + dnsNames.get(0),
                dnsNames, addresses, VALIDITY);
        DataDirectory.writeOwnerOnly(key, generated.keyPem());
        DataDirectory.writeOwnerOnly(cert, generated.certPem());
        ServingCertificate serving = TlsFiles.serving("tls-cert-file", cert.toString(), "tls-key-file",
                key.toString());
        return new InUse(cert, key, true, serving, List.copyOf(dnsNames), List.copyOf(addresses));
    }

    /** {@code localhost} and this machine's own name(s), without duplicates. */
    public static List<String> hostNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("localhost");
        try {
            InetAddress self = InetAddress.getLocalHost();
            for (String n : List.of(self.getHostName(), self.getCanonicalHostName())) {
                if (!n.isBlank() && !Character.isDigit(n.charAt(n.length() - 1)) && !n.contains(":")) {
                    names.add(n.toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (UnknownHostException e) {
            // A machine without a resolvable name of its own is reached by address.
        }
        return List.copyOf(names);
    }

    /**
     * The loopback addresses and every address of this machine's interfaces that are up, except link-local ones
     * (which another PC cannot use in a URL).
     */
    public static List<String> addresses() {
        Set<String> out = new LinkedHashSet<>(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
        out.addAll(lanAddresses());
        return List.copyOf(out);
    }

    /** The addresses another PC could reach this one at: up, not loopback, not link-local; IPv4 first. */
    public static List<String> lanAddresses() {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                        continue;
                    }
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    (a instanceof java.net.Inet4Address ? v4 : v6).add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            // Without the interface list the demo still serves loopback.
        }
        List<String> all = new ArrayList<>(v4);
        all.addAll(v6);
        return all;
    }

    private static boolean covers(X509Certificate certificate, List<String> dnsNames, List<String> addresses) {
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        Set<String> names = new LinkedHashSet<>(names(certificate, 2));
        Set<String> ips = new LinkedHashSet<>(names(certificate, 7));
        return names.containsAll(dnsNames) && ips.containsAll(addresses.stream().map(DemoCertificate::canonical)
                .toList());
    }

    /** The subject alternative names of one type (2 DNS, 7 IP address, the latter in Java's canonical form). */
    private static List<String> names(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all == null) {
                return List.of();
            }
            return all.stream().filter(n -> ((Integer) n.get(0)) == type).map(n -> n.get(1).toString())
                    .map(n -> type == 7 ? canonical(n) : n).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String canonical(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
