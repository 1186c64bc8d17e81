package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.model.ItemType;
import cn.examcore.server.it.CertificatesIT;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.Papers;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The errata form and the results release on the administrators' page, and the candidates' public lookup page
 * (成绩查询), in headless Chromium at 1366×768 against a real node, in both languages.
 */
@DisplayName("Errata, release and the public results lookup in a browser")
class ResultsPublicationPageIT {

    private static String status(ChromeBrowser b) {
        return b.driver.findElement(By.cssSelector("#status")).getText();
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(ChromeBrowser b, String table) {
        return (List<String>) b.script("return Array.from(document.querySelectorAll(arguments[0] + ' tbody td'), "
                + "td => td.innerText.trim())", table);
    }

    private static BigDecimal objective(Api api, String admin, TestNode node, int i) {
        return api.get("/api/admin/sittings/" + node.sittingId() + "/results", admin).array().stream()
                .map(o -> (JsonObject) o).filter(o -> o.getString("ticket").equals(node.candidate(i).ticket()))
                .map(o -> new BigDecimal(o.getValue("objectiveScore").toString())).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("An administrator voids an item from the results view and releases the results; the candidate then "
            + "finds them by name and ID number on the public page, by keyboard, in Chinese and in English")
    void erratumReleaseAndLookup() {
        try (TestNode node = TestNode.builder().demo(CertificatesIT.seats(3)).start();
             Api api = new Api(node.baseUrl())) {
            ChromeBrowser browser = ChromeBrowser.shared(node.baseUrl());
            String admin = api.adminToken(node);
            assertThat(api.post("/api/admin/sittings/" + node.sittingId() + "/start", admin, null).status())
                    .isEqualTo(200);
            CertificatesIT.submit(api, node, 0, true);
            String blank = CertificatesIT.submit(api, node, 1, false);
            api.post("/api/proctor/sittings/" + node.sittingId() + "/seats/" + node.seatCodes().get(2)
                    + "/force-submit", admin, new JsonObject().put("reason", "absent"));
            PaperItem trueFalse = Papers.first(Papers.of(node, blank), ItemType.TRUE_FALSE);

            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "the login form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
            new Actions(browser.driver).sendKeys(node.adminUser()).sendKeys(Keys.TAB).sendKeys(node.adminPassword())
                    .sendKeys(Keys.ENTER).perform();
            browser.await(10, "signed in", d -> d.findElement(By.cssSelector("#nav")).isDisplayed());
            browser.driver.findElement(By.cssSelector("#nav [data-view=results]")).click();
            browser.await(10, "the sittings to choose from", d -> !d.findElements(
                    By.cssSelector("#results-sitting option")).isEmpty());
            new Select(browser.driver.findElement(By.cssSelector("#results-sitting"))).selectByValue(node.sittingId());
            browser.driver.findElement(By.cssSelector("#results-form button[type=submit]")).click();
            browser.await(10, "the results", d -> cells(browser, "#results-table").contains(node.candidate(1).ticket()));

            // A key that does not fit is named before anything is sent.
            browser.driver.findElement(By.cssSelector("#errata-form [name=itemId]")).sendKeys(trueFalse.itemId());
            new Select(browser.driver.findElement(By.cssSelector("#errata-form [name=kind]")))
                    .selectByValue("TRUE_FALSE");
            browser.driver.findElement(By.cssSelector("#errata-form [name=key]")).sendKeys("也许");
            browser.driver.findElement(By.cssSelector("#errata-form [name=reason]")).sendKeys("题干有歧义");
            browser.driver.findElement(By.cssSelector("#errata-form button[type=submit]")).click();
            browser.await(5, "the refusal", d -> status(browser).contains("正确答案"));
            assertThat(browser.script("return document.activeElement.name")).isEqualTo("key");

            browser.driver.findElement(By.cssSelector("#errata-form [name=key]")).clear();
            new Select(browser.driver.findElement(By.cssSelector("#errata-form [name=kind]"))).selectByValue("VOID");
            assertThat(browser.driver.findElement(By.cssSelector("#errata-form [name=key]")).isEnabled())
                    .as("a void takes no key").isFalse();
            assertThat(status(browser)).as("the refusal about the key is gone with the key").isEmpty();
            browser.screenshot("errata-form-zh");
            browser.driver.findElement(By.cssSelector("#errata-form button[type=submit]")).click();
            browser.await(5, "the confirmation", d -> d.switchTo().alert()).accept();
            browser.await(20, "the outcome", d -> status(browser).startsWith("试题 " + trueFalse.itemId() + " 已勘误"));
            assertThat(objective(api, admin, node, 1)).isEqualByComparingTo(trueFalse.score());
            browser.screenshot("errata-done-zh");

            // Back up to the results form, as a person would: the page is longer since the certificates table, and a
            // button left at the window's top edge sits under the sticky status line, which takes a pointer's click.
            browser.script("document.getElementById('results-form').scrollIntoView({block: 'center'})");
            browser.driver.findElement(By.cssSelector("#release-results")).click();
            browser.await(10, "the release", d -> status(browser).startsWith("成绩已发布"));
            assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/results/release", admin).json()
                    .getBoolean("released")).isTrue();
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> d.findElement(By.cssSelector("#errata-form h3")).getText()
                    .startsWith("Erratum"));
            assertThat(status(browser)).startsWith("Results released");
            browser.screenshot("errata-form-en");

            // The public page: zh-CN first, keyboard only.
            browser.driver.get(node.baseUrl() + "/results/");
            browser.await(10, "the lookup form", d -> d.findElement(By.cssSelector("#lookup-form")).isDisplayed());
            browser.script("localStorage.removeItem('examcore.results.lang'); location.reload()");
            browser.await(10, "the lookup form in Chinese", d -> d.findElement(By.cssSelector("h1")).getText()
                    .equals("成绩查询"));
            browser.driver.findElement(By.cssSelector("#lookup-form [name=name]")).click();
            new Actions(browser.driver).sendKeys(node.candidate(0).name() + "某").sendKeys(Keys.TAB)
                    .sendKeys(node.candidate(0).idNumber()).sendKeys(Keys.ENTER).perform();
            browser.await(10, "the same refusal as for anyone", d -> status(browser).startsWith("没有查到"));
            assertThat(browser.driver.findElement(By.cssSelector("#results")).isDisplayed()).isFalse();

            browser.driver.findElement(By.cssSelector("#lookup-form [name=name]")).clear();
            browser.driver.findElement(By.cssSelector("#lookup-form [name=name]")).sendKeys(node.candidate(0).name(),
                    Keys.ENTER);
            browser.await(10, "the results", d -> d.findElement(By.cssSelector("#results")).isDisplayed());
            List<String> row = cells(browser, "#results-table");
            assertThat(row).contains("理论知识", "合格");
            assertThat(row.get(2)).as("the level, named by the page").isEqualTo("四级/中级工");
            assertThat(row.get(6)).matches("\\d{4}-\\d{2}-\\d{2}");
            // The demo evaluation also has an operation subject, not sat here: the level is still open.
            assertThat(row.get(7)).as("等级结果").isEqualTo("待定：尚有科目未完成");
            assertThat(row.get(8)).as("no certificate yet").isEqualTo("—");
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("results-h");
            browser.screenshot("results-lookup-zh");

            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> cells(browser, "#results-table").contains("Passed"));
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
            assertThat(browser.driver.findElement(By.cssSelector("#results-h")).getText()).startsWith("Results of");
            assertThat(cells(browser, "#results-table").get(2)).as("the level in English, from its code")
                    .isEqualTo("Level 4 (intermediate worker)");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(1366L);
            browser.screenshot("results-lookup-en");
            assertThat(browser.axe()).as("WCAG 2.1 AA on the lookup page").isEmpty();
        }
    }
}
