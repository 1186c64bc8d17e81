package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.platform.tls.SelfSignedCertificate;
import cn.examcore.server.attempt.domain.Answer;
import cn.examcore.server.paper.PaperService.LoadedPaper;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Await;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The candidate page over HTTPS in a real browser: the page, its API calls and its seat socket (wss) all work on a
 * TLS node; and the same page opened at a plain http:// address away from localhost tells the candidate what to do.
 */
@DisplayName("Candidate page over HTTPS")
class CandidatePageTlsIT {

    @Test
    @DisplayName("over https the candidate enrols, logs in, gets the paper and saves an answer over the wss socket, "
            + "in Chinese and in English")
    void attemptOverHttps(@TempDir Path dir) throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("page-tls", List.of("localhost"),
                List.of("127.0.0.1"), Duration.ofDays(2));
        Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.certPem());
        Path keyFile = dir.resolve("key.pem");
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, cert.keyPem());
        try (TestNode node = TestNode.builder().leadSeconds(3600).config("tls-cert-file", certFile.toString())
                .config("tls-key-file", keyFile.toString()).start();
             Api api = new Api("https://localhost:" + node.port(), new WebClientOptions().setSsl(true)
                     .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(cert.certPem()))));
             // The browser is told to accept the test's self-signed certificate, as a person would click through.
             ChromeBrowser browser = ChromeBrowser.start(1366, 768, "--ignore-certificate-errors")) {
            CandidatePage page = new CandidatePage(browser, "https://localhost:" + node.port());
            page.open();
            assertThat(browser.driver.getCurrentUrl()).startsWith("https://localhost:");
            assertThat(browser.script("return window.isSecureContext")).isEqualTo(true);
            browser.screenshot("tls-01-enrol-zh");
            page.enrol(node.seatCodes().get(0), node.pin());
            page.login(node.candidate(0).ticket(), node.candidate(0).idNumber());
            page.acknowledgeRules();
            page.awaitView("waiting", 10);
            browser.await(20, "the seat socket did not open over wss",
                    d -> "online".equals(page.find("#conn-status").getAttribute("data-state")));
            String attemptId = page.attemptId();
            LoadedPaper paper = Await.result(node.node().services().papers().paper(attemptId));
            api.startSitting(node);
            page.awaitExam();
            PaperItem single = paper.items().values().stream().filter(i -> i.type() == ItemType.SINGLE_CHOICE)
                    .min(java.util.Comparator.comparingInt(PaperItem::number)).orElseThrow();
            page.go(single.number());
            page.choose(single.number(), single.options().get(1).id());
            page.awaitAllSaved();
            Map<Integer, Answer> stored = Await.result(node.node().services().attempts().get(attemptId)).answers();
            assertThat(stored.get(single.number()).value().toString()).contains(single.options().get(1).id());
            browser.screenshot("tls-02-exam-zh");
            page.find("#lang-switch").click();
            browser.await(5, "the page did not switch to English",
                    d -> "en".equals(browser.script("return document.documentElement.lang")));
            browser.screenshot("tls-03-exam-en");
        }
    }

    /** The page's refusal once it shows (and, when {@code containing} is given, once it contains that). */
    private static String refusal(ChromeBrowser browser, String containing) {
        return browser.await(15, "no refusal containing '" + containing + "' shown", d -> {
            List<WebElement> notices = d.findElements(By.cssSelector("main .notice.error"));
            return notices.isEmpty() || !notices.get(0).getText().contains(containing) ? null
                    : notices.get(0).getText();
        });
    }

    @Test
    @DisplayName("opened at a plain http:// address that is not localhost, the page refuses and says to use the "
            + "https:// address and trust the site's certificate, in both languages")
    void insecureAddressExplained() {
        try (TestNode node = TestNode.builder().noDemo().start();
             // exam.test resolves to the node, but its http:// origin is no secure context, as a LAN address is not.
             ChromeBrowser browser = ChromeBrowser.start(1366, 768, "--host-resolver-rules=MAP exam.test 127.0.0.1")) {
            String address = "http://exam.test:" + node.port() + "/candidate/";
            browser.driver.get(address);
            assertThat(refusal(browser, "https://")).contains(address).contains("证书");
            browser.screenshot("tls-04-insecure-zh");
            browser.driver.findElement(By.id("lang-switch")).click();
            assertThat(refusal(browser, "insecure")).contains(address).contains("https://").contains("certificate");
            browser.screenshot("tls-05-insecure-en");
            // The choice is remembered: a reload shows the English text at once.
            browser.driver.navigate().refresh();
            assertThat(refusal(browser, "https://")).contains("insecure");
        }
    }
}
