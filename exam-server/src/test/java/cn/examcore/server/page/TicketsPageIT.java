package cn.examcore.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.sitting.photo.TestPhotos;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** Photos, admission tickets and the public ticket page, driven in headless Chromium against a real node. */
@DisplayName("Photos and admission tickets in a browser")
class TicketsPageIT {


    /** A screenshot in target/screenshots, for a person to look at (none when screenshots are off). */
    private static void shot(ChromeBrowser b, String name) throws Exception {
        b.screenshot(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> cells(ChromeBrowser b, String table) {
        return (List<String>) b.script("return Array.from(document.querySelectorAll(arguments[0] + ' tbody td'), "
                + "td => td.innerText.trim())", table);
    }

    @Test
    @DisplayName("An administrator imports photos (a bad archive's problems listed per file), sets the ticket site and prints; a candidate downloads the ticket by name and ID number in either language and sees their photo")
    void photosAndTickets(@TempDir Path dir) throws Exception {
        try (TestNode node = TestNode.builder().leadSeconds(900).start(); Api api = new Api(node.baseUrl())) {
            ChromeBrowser browser = ChromeBrowser.shared(node.baseUrl());
            DemoSitting.DemoCandidate first = node.candidate(0);
            browser.driver.get(node.baseUrl() + "/admin/");
            browser.await(10, "the login form", d -> d.findElement(By.cssSelector("#view-login")).isDisplayed());
            new Actions(browser.driver).sendKeys(node.adminUser()).sendKeys(Keys.TAB).sendKeys(node.adminPassword())
                    .sendKeys(Keys.ENTER).perform();
            browser.await(10, "the sittings list", d -> cells(browser, "#sittings-table").contains(node.demo().title()));
            browser.await(10, "the sitting's detail", d -> {
                d.findElement(By.cssSelector("#sittings-table button")).click();
                return d.findElement(By.cssSelector("#sitting-detail")).isDisplayed();
            });
            browser.await(10, "the photo coverage", d -> d.findElement(By.cssSelector("#photos-coverage")).getText()
                    .startsWith("30 名考生中 0 人已有照片"));

            // A hostile archive: each problem named by file, nothing imported.
            Map<String, byte[]> bad = new LinkedHashMap<>();
            bad.put(first.ticket() + ".jpg", TestPhotos.jpeg(1));
            bad.put("../" + node.candidate(1).ticket() + ".jpg", TestPhotos.jpeg(2));
            bad.put("notes.txt", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Path badZip = dir.resolve("bad.zip");
            Files.write(badZip, TestPhotos.zip(bad));
            browser.driver.findElement(By.cssSelector("#photos-form [name=file]")).sendKeys(badZip.toString());
            browser.driver.findElement(By.cssSelector("#photos-form button")).click();
            browser.await(10, "the photo problems", d -> d.findElement(By.cssSelector("#photo-errors")).isDisplayed());
            assertThat(cells(browser, "#photo-errors")).contains("../" + node.candidate(1).ticket() + ".jpg",
                    "notes.txt", "路径跳出压缩包（“..”）", "不是 JPEG 或 PNG 图像（按内容判断，而非文件名）");
            assertThat(browser.driver.findElement(By.cssSelector("#photos-status")).getText())
                    .contains("2 处问题", "未导入任何照片");
            browser.script("document.querySelector('#photos-form').scrollIntoView()");
            shot(browser, "admin-photos-rejected-zh");

            Path goodZip = dir.resolve("good.zip");
            Map<String, byte[]> good = new LinkedHashMap<>();
            good.put(first.ticket() + ".jpg", TestPhotos.jpeg(1));
            good.put(node.candidate(1).idNumber() + ".png", TestPhotos.png(2));
            Files.write(goodZip, TestPhotos.zip(good));
            browser.driver.findElement(By.cssSelector("#photos-form [name=file]")).sendKeys(goodZip.toString());
            browser.driver.findElement(By.cssSelector("#photos-form button")).click();
            browser.await(10, "the import", d -> d.findElement(By.cssSelector("#photos-coverage")).getText()
                    .startsWith("30 名考生中 2 人已有照片"));
            assertThat(browser.driver.findElement(By.cssSelector("#photo-errors")).isDisplayed()).isFalse();

            // The site printed on tickets.
            browser.driver.findElement(By.cssSelector("#admission-form [name=siteName]")).sendKeys("第一考点");
            browser.driver.findElement(By.cssSelector("#admission-form [name=siteAddress]"))
                    .sendKeys("上海市徐汇区漕溪北路 100 号");
            browser.driver.findElement(By.cssSelector("#admission-form button")).click();
            browser.await(10, "the settings saved", d -> d.findElement(By.cssSelector("#admission-status"))
                    .getText().equals("已保存准考证与身份核验设置。"));
            assertThat(api.get("/api/admin/sittings/" + node.sittingId() + "/admission", api.adminToken(node)).json()
                    .getString("siteAddress")).isEqualTo("上海市徐汇区漕溪北路 100 号");
            browser.script("document.querySelector('#admission-form').scrollIntoView()");
            shot(browser, "admin-tickets-zh");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> d.findElement(By.cssSelector("#tickets-download")).getText()
                    .equals("Download tickets (PDF)"));
            browser.script("document.querySelector('#photos-form').scrollIntoView()");
            shot(browser, "admin-photos-tickets-en");
            browser.driver.findElement(By.cssSelector("#tickets-download")).click();
            browser.await(20, "the batch PDF", d -> d.findElement(By.cssSelector("#status")).getText()
                    .endsWith("-A4.pdf downloaded."));

            // The public page: no login, Chinese first; a wrong name gets the one neutral answer.
            browser.driver.get(node.baseUrl() + "/tickets/");
            browser.await(10, "the ticket page", d -> d.findElement(By.cssSelector("h1")).getText().equals("准考证下载"));
            assertThat(browser.script("return document.activeElement.id")).isEqualTo("name");
            new Actions(browser.driver).sendKeys("王五").sendKeys(Keys.TAB).sendKeys(first.idNumber())
                    .sendKeys(Keys.ENTER).perform();
            browser.await(10, "the refusal", d -> d.findElement(By.cssSelector("#status")).getText()
                    .startsWith("没有与该姓名和身份证号相符的准考证"));
            shot(browser, "tickets-page-refused-zh");
            browser.driver.findElement(By.cssSelector("#name")).clear();
            browser.driver.findElement(By.cssSelector("#name")).sendKeys(first.name());
            browser.driver.findElement(By.cssSelector("#submit")).click();
            browser.await(15, "the ticket", d -> d.findElement(By.cssSelector("#status")).getText()
                    .startsWith("准考证已下载"));
            assertThat(browser.driver.findElement(By.cssSelector("#saved-link")).getAttribute("href"))
                    .startsWith("blob:");
            shot(browser, "tickets-page-done-zh");
            browser.driver.findElement(By.cssSelector("#lang")).click();
            browser.await(5, "English", d -> d.findElement(By.cssSelector("h1")).getText()
                    .equals("Admission ticket download"));
            assertThat(browser.driver.findElement(By.cssSelector("#status")).getText())
                    .startsWith("Ticket downloaded");
            shot(browser, "tickets-page-done-en");

            // The candidate sees their own photo in the page header once logged in.
            CandidatePage page = new CandidatePage(browser, node.baseUrl());
            page.open();
            page.enrol(first.seatCode(), node.pin());
            page.login(first.ticket(), first.idNumber());
            browser.await(10, "the photo in the header", d -> (Boolean) browser.script(
                    "const i = document.querySelector('#brand-photo');"
                            + " return !!i && !i.hidden && i.src.startsWith('blob:') && i.naturalWidth === 120"));
            shot(browser, "candidate-header-photo-zh");
        }
    }
}
