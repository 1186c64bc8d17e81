package cn.examcore.server.demo;

import cn.examcore.server.auth.Role;
import cn.examcore.server.auth.StaffAccount;
import cn.examcore.server.config.ServerConfig;
import cn.examcore.server.node.DataDirectory;
import cn.examcore.server.node.ExamNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What {@code --demo} does around the demo sitting so that a newcomer can reach it from a second PC: HTTPS with a
 * self-signed certificate for this machine ({@link DemoCertificate}), a plain-HTTP port that only redirects, every
 * demo candidate's credentials in one file, a working proctor-console configuration (its read-only service account
 * included), and a print-out that says all of it.
 *
 * <p>Everything written lands in the data folder, readable by the owner only: the credentials file lets anyone sit
 * any demo candidate's paper, and the console file holds the service account's password.
 */
public final class DemoLaunch {

    /** The demo's HTTPS port when none is configured. */
    public static final int HTTPS_PORT = 8443;
    /** The demo's plain-HTTP port, redirecting to {@link #HTTPS_PORT}, when the HTTPS port is the default. */
    public static final int REDIRECT_PORT = 8080;
    /** The proctor console's port in the printed command (its own default). */
    static final int CONSOLE_PORT = 8090;
    public static final String CANDIDATES_FILE = "demo-candidates.csv";
    public static final String CONSOLE_FILE = "demo-console.properties";
    static final String CONSOLE_USER = "proctor-console";

    private DemoLaunch() {
    }

    /**
     * The demo's configuration: when no certificate is configured, the demo's own (generated or reused) serves HTTPS,
     * and the default HTTPS port gets the redirect port beside it.
     *
     * @param certificate the demo's certificate, null when the configuration names its own files
     */
    public record Prepared(ServerConfig config, DemoCertificate.InUse certificate) {
    }

    /** Reads or generates the demo's certificate (for this machine's names and addresses) unless one is configured. */
    public static Prepared prepare(ServerConfig config) {
        if (config.tls()) {
            return new Prepared(config, null);
        }
        DemoCertificate.InUse certificate = DemoCertificate.ensure(Path.of(config.dataDir()));
        Map<String, String> tls = new java.util.HashMap<>(Map.of(
                "tls-cert-file", certificate.certFile().toString(),
                "tls-key-file", certificate.keyFile().toString()));
        if (config.httpPort() == HTTPS_PORT && config.httpRedirectPort() < 0) {
            tls.put("http-redirect-port", String.valueOf(REDIRECT_PORT));
        }
        return new Prepared(config.with(tls), certificate);
    }

    /**
     * After the node started: the demo sitting (the running one, or a new one), the candidates' file, the console's
     * account and file, and the text to print.
     */
    public static Future<String> finish(ExamNode node, Prepared prepared) {
        ServerConfig config = node.config();
        Path data = Path.of(config.dataDir()).toAbsolutePath().normalize();
        return DemoSitting.existing(node).compose(existing -> {
            Future<DemoSitting.Info> info = existing.map(Future::succeededFuture).orElseGet(() ->
                    DemoSitting.seed(node, DemoSitting.Options.theory(config.demoLeadSeconds())));
            return info.compose(sitting -> operation(node, sitting, config).compose(operation ->
                    consoleAccount(node, data).compose(password -> DemoMarkers.ensure(node).map(markers -> {
                        Path candidates = writeCandidates(data, sitting);
                        Path console = writeConsoleConfig(node, data, prepared, password);
                        return printout(node, prepared, sitting, existing.isPresent(), candidates, console, markers)
                                + operationPrintout(operation);
                    }))));
        });
    }

    /**
     * The operation-skill demo sitting of the same evaluations as the theory one: the running one, or a new one
     * with the theory demo's candidates.
     */
    private static Future<DemoSitting.Info> operation(ExamNode node, DemoSitting.Info theory, ServerConfig config) {
        return DemoSitting.existing(node, cn.examcore.bank.model.Subject.OPERATION).compose(found -> found
                .map(Future::succeededFuture).orElseGet(() -> DemoSitting.seedOperation(node, theory,
                        DemoSitting.Options.operation(config.demoLeadSeconds()))));
    }

    /** What to tell a newcomer about the operation sitting: its PIN, and that the theory credentials work there. */
    static String operationPrintout(DemoSitting.Info operation) {
        return "Operation sitting (操作技能, the same evaluations: same tickets and ID numbers):\n"
                + "  " + operation.title() + "  T0 " + Instant.ofEpochMilli(operation.t0()) + "\n"
                + "  Enrolment PIN  : " + operation.pin() + "  (enrol the seat again with this PIN, then log in)\n"
                + "  Its essay and operation tasks go to the markers above; once both subjects are final, issue\n"
                + "  certificates from the admin API (README: How an evaluation runs, roster to certificate).\n"
                + "  Certificates are verified at /verify/ with their number and code.\n";
    }

    /**
     * The console's read-only service account: its password is kept in the console file, so a console configured
     * from an earlier start keeps working; a new one is generated when there is none yet.
     */
    private static Future<String> consoleAccount(ExamNode node, Path data) {
        String password = readConsolePassword(data.resolve(CONSOLE_FILE)).orElseGet(DemoLaunch::randomPassword);
        return node.services().passwords().hash(password)
                .compose(hash -> node.services().staff().save(new StaffAccount(CONSOLE_USER, hash, Role.OBSERVER,
                        Set.of())))
                .map(v -> password);
    }

    private static Optional<String> readConsolePassword(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(p.getProperty("service-password")).filter(s -> s.length() >= 10);
    }

    /**
     * Every demo candidate's credentials, one line each, as a spreadsheet opens it (UTF-8 with a byte-order mark, so
     * Excel on Windows shows the Chinese names).
     */
    static Path writeCandidates(Path data, DemoSitting.Info sitting) {
        StringBuilder csv = new StringBuilder("\uFEFF座位 seat,准考证号 ticket,身份证号 ID number,姓名 name,"
                + "登记码 enrolment PIN\n");
        for (DemoSitting.DemoCandidate c : sitting.candidates()) {
            csv.append(c.seatCode()).append(',').append(c.ticket()).append(',').append(c.idNumber()).append(',')
                    .append(c.name()).append(',').append(sitting.pin()).append('\n');
        }
        Path file = data.resolve(CANDIDATES_FILE);
        DataDirectory.writeOwnerOnly(file, csv.toString());
        return file;
    }

    /**
     * The proctor console's configuration for this node: its HTTPS address, the certificate to trust for it, the
     * service account, and the same certificate for the console's own HTTPS port (it is valid for this machine).
     */
    static Path writeConsoleConfig(ExamNode node, Path data, Prepared prepared, String password) {
        ServerConfig config = node.config();
        StringBuilder p = new StringBuilder("# The proctor console's configuration for the examcore demo on this machine,"
                + " written at each demo start.\n# Start it with: java -jar proctor-console/target/proctor-console.jar"
                + " --config " + data.resolve(CONSOLE_FILE) + "\n");
        boolean tls = config.tls();
        property(p, "exam-servers", (tls ? "https" : "http") + "://localhost:" + node.httpPort());
        if (tls) {
            property(p, "exam-server-ca-file", abs(config.tlsCertFile()));
            if (prepared.certificate() != null) {
                property(p, "tls-cert-file", abs(config.tlsCertFile()));
                property(p, "tls-key-file", abs(config.tlsKeyFile()));
            }
        }
        property(p, "host", config.host());
        property(p, "http-port", String.valueOf(CONSOLE_PORT));
        property(p, "service-user", CONSOLE_USER);
        property(p, "service-password", password);
        Path file = data.resolve(CONSOLE_FILE);
        DataDirectory.writeOwnerOnly(file, p.toString());
        return file;
    }

    private static void property(StringBuilder out, String key, String value) {
        // Properties files read a backslash as an escape: a Windows path keeps its backslashes doubled.
        out.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n');
    }

    private static String abs(String file) {
        return Path.of(file).toAbsolutePath().normalize().toString();
    }

    private static String printout(ExamNode node, Prepared prepared, DemoSitting.Info info, boolean existing,
                                   Path candidatesFile, Path consoleFile, List<DemoMarkers.Account> markers) {
        ServerConfig config = node.config();
        String admin = node.generatedAdminPassword() != null ? node.generatedAdminPassword()
                : config.adminPassword().isBlank() ? "(unchanged)" : "(as configured)";
        String scheme = config.tls() ? "https" : "http";
        int port = node.httpPort();
        StringBuilder out = new StringBuilder();
        out.append("\n================ examcore demo sitting ================\n");
        out.append("Candidate page : ").append(scheme).append("://localhost:").append(port).append("/candidate/\n");
        out.append("Admin pages    : ").append(scheme).append("://localhost:").append(port).append("/admin/  user ")
                .append(config.adminUser()).append("  password ").append(admin).append('\n');
        if (node.redirectPort() >= 0) {
            out.append("                 (http://localhost:").append(node.redirectPort()).append("/ redirects to ")
                    .append("https)\n");
        }
        appendRemote(out, config, scheme, port, node.redirectPort());
        DemoCertificate.InUse cert = prepared.certificate();
        if (cert != null) {
            out.append("HTTPS certificate (self-signed, ").append(cert.generated() ? "new: terminals that trusted an "
                    + "earlier one must import this one" : "reused").append("):\n");
            out.append("  file         : ").append(cert.certFile().toAbsolutePath().normalize()).append('\n');
            out.append("  SHA-256      : ").append(cert.serving().fingerprint()).append('\n');
            List<String> validFor = new ArrayList<>(cert.dnsNames());
            validFor.addAll(cert.addresses());
            out.append("  valid for    : ").append(String.join(", ", validFor)).append('\n');
            out.append("  Trust it once on each PC (Chrome/Edge on Windows): copy demo-cert.pem there, double-click it,\n"
                    + "    Install Certificate… → Local Machine → Place all certificates in: Trusted Root Certification\n"
                    + "    Authorities; or, as administrator: certutil -addstore -f Root demo-cert.pem. Restart the\n"
                    + "    browser. (Or accept the browser's warning: Advanced → Proceed, after comparing the SHA-256\n"
                    + "    above with the one the browser shows.)\n");
        }
        out.append("Proctor console: java -jar proctor-console/target/proctor-console.jar --config ").append(consoleFile)
                .append('\n');
        out.append("                 then open ").append(scheme).append("://localhost:").append(CONSOLE_PORT)
                .append("/console/ and sign in as ").append(config.adminUser()).append('\n');
        out.append("Management     : http://localhost:").append(node.managementPort())
                .append("/health  /ready  /metrics\n");
        out.append("Marking page   : ").append(scheme).append("://localhost:").append(port)
                .append("/marking/  (README: How a marker marks)\n");
        for (DemoMarkers.Account a : markers) {
            out.append(a.role() == Role.CHIEF_MARKER ? "  chief marker " : "  marker       ").append(a.username())
                    .append("  password ").append(a.password()).append('\n');
        }
        out.append("Sitting        : ").append(info.title()).append("  (").append(existing ? "existing" : "new")
                .append(")\n");
        out.append("T0             : ").append(Instant.ofEpochMilli(info.t0())).append("  (a new demo sitting starts ")
                .append(config.demoLeadSeconds()).append(" s after the node; EXAMCORE_DEMO_LEAD_SECONDS=1800 gives half ")
                .append("an hour)\n");
        out.append("Enrolment PIN  : ").append(info.pin()).append('\n');
        out.append("Seat codes     : ").append(String.join(" ", info.seatCodes())).append('\n');
        out.append("Seat-agent key : ").append(info.agentKey()).append('\n');
        out.append("Candidates (seat / ticket / ID number / name):\n");
        info.candidates().stream().limit(3).forEach(c -> out.append("  ").append(c.seatCode()).append("  ")
                .append(c.ticket()).append("  ").append(c.idNumber()).append("  ").append(c.name()).append('\n'));
        out.append("  … all ").append(info.candidates().size()).append(" in ").append(candidatesFile)
                .append(" (candidate N sits at seat N)\n");
        out.append("Enrol a browser tab with a seat code and the PIN, then log in with that seat's ticket and ID"
                + " number.\n");
        out.append("Start over     : stop the node, delete ").append(Path.of(config.dataDir()).toAbsolutePath()
                .normalize().resolve("examcore.*")).append(" (the database; the certificate stays) and start again\n");
        out.append("=======================================================\n");
        return out.toString();
    }

    /** How another PC reaches the node: its LAN addresses when it listens on them, else how to make it do so. */
    private static void appendRemote(StringBuilder out, ServerConfig config, String scheme, int port,
                                     int redirectPort) {
        // IPv4 addresses are what people type; IPv6 ones are listed only when the machine has no other.
        List<String> all = DemoCertificate.lanAddresses();
        List<String> v4 = all.stream().filter(a -> !a.contains(":")).toList();
        List<String> lan = v4.isEmpty() ? all : v4;
        boolean loopbackOnly = loopback(config.host());
        if (loopbackOnly) {
            out.append("Another PC     : this demo listens on this computer only (host ").append(config.host())
                    .append("). Start it with --lan (or EXAMCORE_HOST=0.0.0.0) to serve the network, then open\n");
        } else {
            out.append("Another PC     : open (allow TCP ").append(port)
                    .append(redirectPort >= 0 ? " and " + redirectPort : "").append(" in this computer's firewall)\n");
        }
        if (lan.isEmpty()) {
            out.append("                 (this computer has no network address other than loopback)\n");
        }
        for (String address : lan) {
            String host = address.contains(":") ? "[" + address + "]" : address;
            out.append("                 ").append(scheme).append("://").append(host).append(':').append(port)
                    .append("/candidate/\n");
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
