package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The analytics pages in a real headless Chromium, in English and in Japanese, against a known pattern
 * published to the ledger stream (three services of this run, two weeks from Monday 5 April 2027). Every
 * figure asserted below is worked out by hand from this pattern:
 *
 * <pre>
 *        registered   signed in: service day [amr] region              consents  tokens
 *  m1    A  Apr 5     A 5 [pwd] JP-13 (+1 failed JP-13), B 6 [pwd otp]    A 5, B 6  A 5 code
 *                     JP-13, A 12 [pwd]
 *  m2    B  Apr 6     B 6 [pwd] US                                                  B 7 refresh
 *  m3    self Apr 7   C 7 [pwd otp], A 13 [pwd]                           C 7
 * </pre>
 */
@KizunaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsPagesBrowserIT {
    private static final String RANGE = "from=2027-04-05&to=2027-04-18";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    Producer<String, String> producer;

    String a;
    String b;
    String c;
    String abc;
    ChromeDriver chrome;
    WebDriverWait wait;

    @BeforeAll
    void publishKnownPattern() throws Exception {
        String run = "p" + UUID.randomUUID().toString().substring(0, 8);
        a = run + "-a";
        b = run + "-b";
        c = run + "-c";
        abc = "service=" + a + "," + b + "," + c;
        String m1 = UUID.randomUUID().toString();
        String m2 = UUID.randomUUID().toString();
        String m3 = UUID.randomUUID().toString();
        var ledger = new io.kizuna.server.analytics.SyntheticLedger(producer);
        ledger.registered(m1, a, "2027-04-05T09:00:00Z");
        ledger.loginFailedFrom(m1, a, "2027-04-05T09:01:00Z", "JP-13");
        ledger.loginFrom(m1, a, "2027-04-05T09:02:00Z", "JP-13", "pwd");
        ledger.consent(m1, a, "2027-04-05T09:03:00Z");
        ledger.token(m1, a, "authorization_code", "2027-04-05T09:04:00Z");
        ledger.loginFrom(m1, b, "2027-04-06T09:00:00Z", "JP-13", "pwd", "otp");
        ledger.consent(m1, b, "2027-04-06T09:01:00Z");
        ledger.loginFrom(m1, a, "2027-04-12T09:00:00Z", null, "pwd");

        ledger.registered(m2, b, "2027-04-06T10:00:00Z");
        ledger.loginFrom(m2, b, "2027-04-06T10:01:00Z", "US", "pwd");
        ledger.token(m2, b, "refresh_token", "2027-04-07T10:00:00Z");

        ledger.registered(m3, "self", "2027-04-07T11:00:00Z");
        ledger.loginFrom(m3, c, "2027-04-07T11:01:00Z", null, "pwd", "otp");
        ledger.consent(m3, c, "2027-04-07T11:02:00Z");
        ledger.loginFrom(m3, a, "2027-04-13T11:00:00Z", null, "pwd");
        ledger.awaitIndexed(elasticsearch);
    }

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
            chrome = null;
        }
    }

    @Test
    @DisplayName("English: every page shows its chart (inline SVG with a text alternative) and the exact figures in a table")
    void requestWhenPagesInEnglishThenFiguresShown() {
        start("en");
        chrome.get(issuer + "/analytics");
        assertThat(heading()).isEqualTo("Member analytics");
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

        open("/analytics/active-members?interval=month&" + RANGE + "&" + abc);
        assertThat(heading()).isEqualTo("Active members");
        assertThat(rows("active-table")).containsExactly("2027-04-01 A 2", "2027-04-01 B 2", "2027-04-01 C 1");
        assertChart("active-chart", "Monthly active members (MAU)", 3);
        assertThat(barTexts("active-chart")).contains("A — 2027-04-01: 2", "C — 2027-04-01: 1");
        assertThat(rows("stickiness-table")).containsExactly(
                "A 14 0.2143 2 10.71%", "B 14 0.1429 2 7.14%", "C 14 0.0714 1 7.14%");

        open("/analytics/active-members?interval=day&" + RANGE + "&" + abc);
        assertThat(rows("active-table")).containsExactly(
                "2027-04-05 A 1", "2027-04-06 B 2", "2027-04-07 C 1", "2027-04-12 A 1", "2027-04-13 A 1");

        open("/analytics/overlap?" + RANGE + "&" + abc);
        assertThat(rows("overlap-table")).containsExactly(
                "A 0", "B 1", "C 0", "A + B 1", "A + C 1", "B + C 0", "A + B + C 0");
        assertThat(chrome.findElement(By.id("overlap-total")).getText()).isEqualTo("3");
        assertChart("overlap-chart", "Members by the exact combination of services they used", 3);
        assertThat(rows("acquisition-table")).containsExactly(
                "A (first service) 1", "A C 1", "B (first service) 1", "B A 1", "C (first service) 1");

        open("/analytics/registrations?" + RANGE + "&" + abc);
        assertThat(rows("registrations-table")).containsExactly("A 1", "B 1");
        assertChart("registrations-chart", "Registrations per service of origin", 2);

        open("/analytics/sign-ins?" + RANGE + "&" + abc);
        assertThat(rows("sign-ins-table")).containsExactly(
                "A 3 1 0 75.0% 25.0% 0.0%", "B 2 0 1 100.0% 0.0% 50.0%", "C 1 0 1 100.0% 0.0% 100.0%");
        assertThat(barTexts("sign-ins-chart")).contains("Succeeded — A: 3", "Failed — A: 1", "Multi-factor — B: 1");

        // the filter form: a region typed into its labelled field narrows the sign-ins to that region
        WebElement region = chrome.findElement(By.id("region"));
        assertThat(chrome.findElement(By.cssSelector("label[for=region]")).getText()).isEqualTo("Region");
        region.sendKeys("JP-13");
        WebElement apply = chrome.findElement(By.id("apply"));
        apply.click();
        wait.until(HeadlessChromium.replaced(apply));
        assertThat(rows("sign-ins-table")).containsExactly("A 1 1 0 50.0% 50.0% 0.0%", "B 1 0 1 100.0% 0.0% 100.0%");
        assertThat(chrome.findElement(By.id("region")).getAttribute("value")).isEqualTo("JP-13");

        // the navigation keeps the filters; consents carry no region, so the page says so instead of showing 0
        chrome.findElement(By.id("nav-consents")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invalid"))).getText())
                .contains("region and method filter sign-in events");

        open("/analytics/consents?" + RANGE + "&" + abc);
        assertThat(rows("consents-table")).containsExactly("A 1 1", "B 1 1", "C 1 1");

        open("/analytics/tokens?" + RANGE + "&" + abc);
        assertThat(rows("tokens-table")).containsExactly("A 1 1 0", "B 1 0 1");
        assertThat(chrome.findElements(By.cssSelector("#tokens-table thead th")).stream().map(WebElement::getText).toList())
                .containsExactly("Client", "Tokens", "authorization_code", "refresh_token");

        open("/analytics/cohorts?from=2027-04-05&to=2027-04-11&weeks=1&" + abc);
        assertThat(rows("cohorts-table")).containsExactly("2027-04-05 3 3 (100.0%) 2 (66.7%)");
        assertChart("cohorts-chart", "Share of each cohort active per week after registration (%)", 2);
    }

    @Test
    @DisplayName("日本語: the same figures with Japanese headings, labels, chart titles and legends")
    void requestWhenPagesInJapaneseThenFiguresShown() {
        start("ja");
        chrome.get(issuer + "/analytics");
        assertThat(heading()).isEqualTo("会員分析");
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");

        open("/analytics/active-members?interval=week&" + RANGE + "&" + abc);
        assertThat(heading()).isEqualTo("アクティブ会員");
        assertThat(rows("active-table")).containsExactly(
                "2027-04-05 A 1", "2027-04-05 B 2", "2027-04-05 C 1", "2027-04-12 A 2");
        assertChart("active-chart", "週次アクティブ会員（WAU・月曜始まり）", 4);

        open("/analytics/sign-ins?" + RANGE + "&" + abc + "&method=otp");
        assertThat(heading()).isEqualTo("サービス別のサインイン");
        assertThat(chrome.findElement(By.cssSelector("label[for=method]")).getText()).isEqualTo("認証方式");
        assertThat(rows("sign-ins-table")).containsExactly("B 1 0 1 100.0% 0.0% 100.0%", "C 1 0 1 100.0% 0.0% 100.0%");
        assertThat(barTexts("sign-ins-chart")).contains("成功 — B: 1", "多要素 — C: 1");
        assertThat(chrome.findElements(By.cssSelector("#sign-ins-chart .legend li")).stream().map(WebElement::getText)
                .toList()).containsExactly("成功", "失敗", "多要素");

        open("/analytics/overlap?" + RANGE + "&" + abc);
        assertThat(rows("acquisition-table")).containsExactly(
                "A （最初のサービス） 1", "A C 1", "B （最初のサービス） 1", "B A 1", "C （最初のサービス） 1");

        open("/analytics/cohorts?from=2027-04-05&to=2027-04-11&weeks=1&" + abc);
        assertThat(chrome.findElements(By.cssSelector("#cohorts-table thead th")).stream().map(WebElement::getText).toList())
                .containsExactly("登録した週", "会員数", "第 0 週", "第 1 週");
        assertThat(rows("cohorts-table")).containsExactly("2027-04-05 3 3 (100.0%) 2 (66.7%)");

        // a malformed filter is a clear message on the page (400), never an error page
        open("/analytics/active-members?from=2027-04-31");
        assertThat(chrome.findElement(By.id("invalid")).getText())
                .startsWith("この条件では集計できません：").contains("from and to must be ISO dates (yyyy-MM-dd)");
        assertThat(chrome.getTitle()).startsWith("エラー: ");

        // the language switch keeps the filters
        open("/analytics/registrations?" + RANGE + "&" + abc);
        chrome.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Registrations by service of origin"));
        assertThat(rows("registrations-table")).containsExactly("A 1", "B 1");
    }

    private void start(String language) {
        chrome = HeadlessChromium.start(language);
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
    }

    private void open(String path) {
        chrome.get(issuer + path);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
    }

    private String heading() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText();
    }

    /** The chart is an image with an accessible name, a description pointing at the table, and its bars. */
    private void assertChart(String id, String title, int bars) {
        WebElement svg = chrome.findElement(By.cssSelector("#" + id + " svg[role=img]"));
        String labelledBy = svg.getAttribute("aria-labelledby");
        assertThat(chrome.findElement(By.id(labelledBy)).getAttribute("textContent")).isEqualTo(title);
        assertThat(chrome.findElement(By.id(svg.getAttribute("aria-describedby"))).getAttribute("textContent")).isNotBlank();
        assertThat(chrome.findElements(By.cssSelector("#" + id + " rect.bar"))).hasSize(bars);
    }

    private List<String> barTexts(String id) {
        return chrome.findElements(By.cssSelector("#" + id + " rect.bar > title")).stream()
                .map(t -> shorten(t.getAttribute("textContent"))).toList();
    }

    /** Each body row's cells joined by spaces, the run's service ids shortened to A, B, C. */
    private List<String> rows(String tableId) {
        List<String> out = new ArrayList<>();
        for (WebElement tr : chrome.findElements(By.cssSelector("#" + tableId + " tbody tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement cell : tr.findElements(By.cssSelector("th, td"))) {
                cells.add(cell.getText());
            }
            out.add(shorten(String.join(" ", cells)));
        }
        return out;
    }

    private String shorten(String text) {
        return text.replace(a, "A").replace(b, "B").replace(c, "C");
    }
}
