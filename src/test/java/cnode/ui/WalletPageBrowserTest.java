package cnode.ui;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.wallet.Decisions;
import cnode.wallet.PendingDecision;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A person in a real browser (issue 4): headless Chromium from Debian, driven by Selenium
 * through Debian's chromedriver, opens the wallet page, sees the balance and the empty list,
 * then sees an offered request and clicks Accept, which completes the requester's future.
 * Both programs are named explicitly, so Selenium Manager never runs and nothing is
 * downloaded. Without Chromium the test fails, naming the packages, unless
 * {@code -Dcnode.skipExternal=1} (./cnode test --skip-external), which skips it.
 */
class WalletPageBrowserTest {
    @Test
    void aPersonSeesTheBalanceAndAcceptsARequestInChromium() throws Exception {
        Chromium.require();
        try (PageRig rig = PageRig.start()) {
            WebDriver browser = Chromium.start();
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
}
