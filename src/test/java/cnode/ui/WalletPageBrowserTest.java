package cnode.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cnode.wallet.Decisions;
import cnode.wallet.PendingDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A person in a real browser (issue 4): headless Chromium from Debian, driven by Selenium
 * through Debian's chromedriver, opens the wallet page, sees the balance and the empty list,
 * then sees an offered request and clicks Accept, which completes the requester's future.
 * Both programs are named explicitly, so Selenium Manager never runs and nothing is
 * downloaded. Without Chromium the test fails, naming the packages, unless
 * {@code -Dcnode.skipExternal=1} (./cnode test --skip-external), which skips it.
 */
class WalletPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void aPersonSeesTheBalanceAndAcceptsARequestInChromium() throws Exception {
        requireChromium();
        try (PageRig rig = PageRig.start()) {
            WebDriver browser = chromium();
            try {
                browser.get(rig.origin() + "/ui/");
                assertThat(browser.getTitle()).isEqualTo("cnode wallet: bruno");
                assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("bruno");
                assertThat(browser.findElement(By.cssSelector("#balance-PLN .free")).getText())
                    .isEqualTo("500.000 PLN");
                assertThat(browser.findElement(By.id("decisions")).getText())
                    .contains("No pending requests");

                PendingDecision request = PageRig.request(12_500, "Coffee at the shop");
                CompletableFuture<Decisions.Verdict> verdict = rig.decisions.offer(request);
                browser.navigate().refresh();
                assertThat(browser.findElement(By.id("decision-" + request.id())).getText())
                    .contains("alice").contains("12.500 PLN").contains("Coffee at the shop");
                browser.findElement(By.cssSelector("#decision-" + request.id()
                    + " button.accept")).click();

                assertThat(browser.findElement(By.id("notice")).getText())
                    .isEqualTo("You accepted the request.");
                assertThat(verdict.get(10, TimeUnit.SECONDS)).isEqualTo(Decisions.Verdict.ACCEPT);
                assertThat(browser.getCurrentUrl()).isEqualTo(rig.origin() + "/ui/?done=accepted");
                assertThat(browser.findElement(By.id("decisions")).getText())
                    .contains("No pending requests");
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        ChromeDriver driver = new ChromeDriver(service, options);
        // Waits for elements that appear after a navigation (the redirect after a POST).
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "Chromium is not installed (" + CHROMIUM + " and " + CHROMEDRIVER
            + "): install the Debian packages chromium and chromium-driver (apt-get install "
            + "chromium chromium-driver; ./cnode test installs them when run as root), or run "
            + "./cnode test --skip-external to leave the browser test out";
        if ("1".equals(System.getProperty("cnode.skipExternal"))) {
            Assumptions.abort(message);
        }
        fail(message);
    }
}
