package org.gatehouse.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for one test class, as a JUnit extension:
 * {@code @RegisterExtension static final Browser browser = new Browser();}.
 *
 * <p>Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (installed by {@code .ci/run}) are named
 * explicitly, so Selenium Manager never runs (it would try to download a driver; there is no network). The browser
 * starts before the class's first test with a fresh profile in a temporary directory, and is closed and the profile
 * deleted after its last. It resolves no host name but localhost (a page's images from elsewhere fail at once, and no
 * query leaves the machine). Before each test every cookie of every site is cleared, so each test starts without a
 * session. When a test fails, a screenshot and the page source are written to
 * {@code target/failsafe-reports/browser/}.
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback, AfterAllCallback {

    public static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path FAILURES = Path.of("target", "failsafe-reports", "browser");

    /** Held, so the level sticks: Selenium ships no CDP bindings for every Chromium, and these tests need none. */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private ChromeDriver driver;
    private ChromeDriverService service;
    private Path profile;

    // --- lifecycle ---------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clearCookies();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && driver != null) {
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
            try {
                Files.createDirectories(FAILURES);
                Files.write(FAILURES.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(FAILURES.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
            } catch (IOException | RuntimeException e) {
                Logger.getLogger(Browser.class.getName()).log(Level.WARNING, "no screenshot for " + name, e);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts Chromium with a fresh profile (also usable without JUnit: pair it with {@link #close()}). */
    public Browser start() throws IOException {
        for (String executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!new File(executable).canExecute()) {
                throw new IllegalStateException(executable + " is missing: install Debian's chromium and chromium-driver (.ci/run does)");
            }
        }
        profile = Files.createTempDirectory("gatehouse-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath(),
                // Loopback only: every other host name fails at once, without a DNS query (a client's LogoUri, …).
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
        options.setAcceptInsecureCerts(false);
        // Third-party cookies allowed (a browser setting; this Chromium's default profile blocks them): the check-session
        // iframe (Session Management 1.0) reads its cookie inside a relying party's page. Where a browser blocks them,
        // the iframe can only answer "changed" (README).
        options.setExperimentalOption("prefs", Map.of("profile.cookie_controls_mode", 0));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return this;
    }

    /** Quits Chromium, stops its driver, and deletes the profile. */
    public void close() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (service != null) {
                service.stop();
                service = null;
            }
            if (profile != null) {
                deleteTree(profile);
                profile = null;
            }
        }
    }

    // --- use ---------------------------------------------------------------------------------------

    public ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("the browser is not started");
        }
        return driver;
    }

    /** Navigates as if the address were typed (a top-level navigation: SameSite=Lax cookies go along). */
    public void open(URI uri) {
        driver().get(uri.toString());
    }

    public String currentUrl() {
        return driver().getCurrentUrl();
    }

    /** Deletes every cookie of every site (the driver's own deleteAllCookies only clears the current one's). */
    public void clearCookies() {
        if (driver != null) {
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        }
    }

    /** Every cookie the browser holds, of every site, as the DevTools protocol describes them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> allCookies() {
        var result = driver.executeCdpCommand("Storage.getCookies", Map.of());
        return (List<Map<String, Object>>) result.get("cookies");
    }

    /** The cookie named {@code name} for any site, as the DevTools protocol describes it. */
    public Optional<Map<String, Object>> cookie(String name) {
        return allCookies().stream().filter(c -> name.equals(c.get("name"))).findFirst();
    }

    /**
     * Sets a cookie as {@link #cookie(String)} described it (name, value, domain, path, secure, httpOnly, sameSite),
     * e.g. one kept from before, as someone who copied it would.
     */
    public void setCookie(Map<String, Object> cookie) {
        var parameters = new java.util.HashMap<String, Object>();
        for (String key : List.of("name", "value", "domain", "path", "secure", "httpOnly", "sameSite")) {
            if (cookie.get(key) != null) {
                parameters.put(key, cookie.get(key));
            }
        }
        var result = driver.executeCdpCommand("Network.setCookie", parameters);
        if (Boolean.FALSE.equals(result.get("success"))) {
            throw new IllegalStateException("the browser refused the cookie " + parameters);
        }
    }

    /** Whether {@link #snapshot(String)} saves anything: {@code -Dit.browser.screenshots=true}. */
    public static final boolean SNAPSHOTS = Boolean.getBoolean("it.browser.screenshots");
    private int snapshots;

    /** With {@code -Dit.browser.screenshots=true}: saves a screenshot of the page to target/browser-screenshots/. */
    public void snapshot(String name) {
        if (!SNAPSHOTS || driver == null) {
            return;
        }
        try {
            var dir = Path.of("target", "browser-screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(String.format("%03d-%s.png", ++snapshots, name)), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until an element with this id is on the page and returns it. */
    public WebElement waitForId(String id) {
        return until("an element #" + id + " on the page", d -> {
            var found = d.findElements(By.id(id));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Whether the current page has an element with this id (no waiting). */
    public boolean has(String id) {
        return !driver().findElements(By.id(id)).isEmpty();
    }

    /** Waits until the browser's address starts with {@code prefix} and returns the address. */
    public String waitForUrlStartingWith(String prefix) {
        return until("at " + prefix + "…", d -> {
            String url = d.getCurrentUrl();
            return url != null && url.startsWith(prefix) ? url : null;
        });
    }

    /** Waits until the current page's document has finished loading. */
    public void waitForLoad() {
        until("the page loaded", d -> "complete".equals(driver.executeScript("return document.readyState")) ? Boolean.TRUE : null);
    }

    /**
     * Waits until {@code condition} answers neither null nor false, and returns its answer. What a page that is being
     * replaced can throw (a stale element, or ChromeDriver's "does not belong to the document") counts as not yet.
     */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), WAIT).withMessage(() -> what + "; the browser is at " + driver.getCurrentUrl())
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /**
     * Does something that leaves the page (a click, a key) and waits until the browser has left it: the old
     * document's window is marked first, and a new document has a fresh one.
     */
    public void leaving(String what, Runnable action) {
        driver().executeScript("window.__gatehouseLeaving = true;");
        action.run();
        until("the page left: " + what, d -> {
            try {
                return Boolean.TRUE.equals(driver.executeScript("return window.__gatehouseLeaving === undefined;")) ? Boolean.TRUE : null;
            } catch (WebDriverException e) { // between two documents
                return null;
            }
        });
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the browser profile " + root, e);
        }
    }
}
