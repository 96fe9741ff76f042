package cnode.ui;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium for browser tests, driven by Selenium through Debian's chromedriver. Both
 * programs are named explicitly, so Selenium Manager never runs and nothing is downloaded.
 */
public final class Chromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** A headless Chromium; the caller quits it. */
    public static WebDriver start() {
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

    /**
     * Fails, naming the packages, when Chromium is missing; aborts (skips) instead under
     * {@code -Dcnode.skipExternal=1}.
     */
    public static void require() {
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
