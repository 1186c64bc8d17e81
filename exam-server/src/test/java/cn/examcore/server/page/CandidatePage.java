package cn.examcore.server.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The candidate page as a test drives it: one method per thing a person does, each waiting until the page has
 * reacted, so the tests read as the candidate's story and never sleep.
 */
final class CandidatePage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the page looked like when a click on 交卷 opened nothing (see openSubmitConfirmation). */
    private static final String SUBMIT_DIAGNOSTICS = "const b = document.getElementById('submit');"
            + " const app = window.examcoreCandidate || {};"
            + " const r = b ? b.getBoundingClientRect() : null;"
            + " const hit = r ? document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) : null;"
            + " return JSON.stringify({ view: app.view, state: app.examState, timeUp: app.timeUp,"
            + " button: b ? { disabled: b.disabled, inert: !!b.closest('[inert]'), text: b.textContent,"
            + " rect: [r.x, r.y, r.width, r.height] } : null,"
            + " atButtonCentre: hit ? hit.tagName + '#' + hit.id + '.' + hit.className : null,"
            + " openDialogs: [...document.querySelectorAll('dialog')].map((d) => d.id + (d.open ? ':open' : '')),"
            + " notices: document.getElementById('notices')?.children.length,"
            + " toasts: [...(document.getElementById('toasts')?.children || [])].map((t) => t.textContent) });";

    private final ChromeBrowser browser;
    private final String baseUrl;

    CandidatePage(ChromeBrowser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    boolean present(String css) {
        return !browser.driver.findElements(By.cssSelector(css)).isEmpty();
    }

    WebElement active() {
        return browser.driver.switchTo().activeElement();
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Opens the server's root, which must lead to the candidate page. */
    void open() {
        browser.driver.get(baseUrl + "/");
        try {
            browser.await(15, "the candidate page did not boot",
                    d -> browser.script("return !!window.examcoreCandidate"));
        } catch (org.openqa.selenium.TimeoutException e) {
            // What the tab shows instead (an error page, a half-loaded document, the browser off-line) says why.
            throw new AssertionError("the candidate page did not boot in 15 s: " + browser.script(
                    "return JSON.stringify({ url: location.href, title: document.title, readyState: document.readyState,"
                    + " online: navigator.onLine, scripts: [...document.scripts].map((s) => s.src) })"), e);
        }
    }

    String view() {
        return find("main").getAttribute("data-view");
    }

    void awaitView(String view, int seconds) {
        browser.await(seconds, "the page did not reach the " + view + " view", d -> view.equals(view()));
    }

    void type(String css, String text) {
        WebElement el = find(css);
        el.clear();
        el.sendKeys(text);
    }

    void enrolAttempt(String seatCode, String pin) {
        awaitView("enrol", 10);
        type("#seat-code", seatCode);
        type("#pin", pin);
        find("button[type=submit]").click();
    }

    void enrol(String seatCode, String pin) {
        enrolAttempt(seatCode, pin);
        awaitView("login", 10);
    }

    void login(String ticket, String idNumber) {
        awaitView("login", 10);
        type("#ticket", ticket);
        type("#id-number", idNumber);
        find("button[type=submit]").click();
        awaitView("rules", 15);
    }

    void acknowledgeRules() {
        find("label[for=ack]").click();
        find("#rules-continue").click();
        browser.await(15, "the rules did not give way", d -> !"rules".equals(view()));
    }

    /** The error summary's text once it shows. */
    String awaitErrorSummary() {
        return browser.await(10, "no error summary appeared", d -> {
            WebElement summary = find(".error-summary");
            return summary.isDisplayed() ? summary.getText() : null;
        });
    }

    String attemptId() {
        return (String) browser.script("return JSON.parse(sessionStorage.getItem('examcore.session')).attemptId");
    }

    void awaitExam() {
        awaitView("exam", 30);
        browser.await(10, "the first item did not show", d -> present("#item-heading"));
        // The clock appears at the page's next tick after the paper, once it knows the deadline.
        browser.await(10, "the clock did not show", d -> find("#timer").isDisplayed());
    }

    /** Opens item {@code number} from the answer sheet. */
    void go(int number) {
        // In the compact layout (small window, zoom) the answer sheet is folded away behind its button.
        WebElement toggle = find("#nav-toggle");
        if (toggle.isDisplayed() && "false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        find(".nav-item[data-item='" + number + "']").click();
        browser.await(5, "item " + number + " did not open",
                d -> text("#item-heading").matches("\\D*" + number + "\\D*"));
    }

    void choose(int number, String optionId) {
        go(number);
        find("label[for='item-" + number + "-opt-" + optionId + "']").click();
    }

    void tick(int number, Set<String> optionIds) {
        go(number);
        for (String id : new TreeSet<>(optionIds)) {
            find("label[for='item-" + number + "-opt-" + id + "']").click();
        }
    }

    void fill(int number, java.util.List<String> blanks) {
        go(number);
        for (int i = 0; i < blanks.size(); i++) {
            type("#item-" + number + "-blank-" + (i + 1), blanks.get(i));
        }
    }

    void write(int number, String text) {
        go(number);
        type("#item-" + number + "-text", text);
    }

    String globalSaveState() {
        return find("#save-status").getAttribute("data-state");
    }

    void awaitAllSaved() {
        browser.await(15, "answers were not all acknowledged", d -> "saved".equals(globalSaveState())
                && journalItems().isEmpty());
    }

    /**
     * Opens the 交卷 confirmation as a candidate does: once the button is usable (enabled, the paper not made inert
     * by a pause or time-up), one click, and the dialog must show. A missing dialog fails with what the page looked
     * like at that moment, because a lost click under a loaded machine is otherwise impossible to tell apart from a
     * page that refused it.
     */
    void openSubmitConfirmation() {
        browser.await(10, "交卷 is not usable", d -> Boolean.TRUE.equals(browser.script(
                "const b = document.getElementById('submit');"
                        + " return !!b && !b.disabled && !b.closest('[inert]') && !document.querySelector('dialog[open]');")));
        find("#submit").click();
        try {
            browser.await(5, "no submit confirmation", d -> present("#submit-dialog[open]"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no submit confirmation after one click on 交卷; the page then: "
                    + browser.script(SUBMIT_DIAGNOSTICS), e);
        }
    }

    boolean offlineBannerShown() {
        return find("#banner").isDisplayed();
    }

    /** Item numbers in the local journal of unacknowledged saves. */
    Set<Integer> journalItems() {
        JsonNode journal = journal();
        Set<Integer> items = new TreeSet<>();
        for (Iterator<String> it = journal.fieldNames(); it.hasNext(); ) {
            items.add(Integer.parseInt(it.next()));
        }
        return items;
    }

    JsonNode journal() {
        String raw = (String) browser.script("return localStorage.getItem('examcore.journal.' + arguments[0])",
                attemptId());
        try {
            return raw == null ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (Exception e) {
            throw new AssertionError("the journal is not JSON: " + raw, e);
        }
    }
}
