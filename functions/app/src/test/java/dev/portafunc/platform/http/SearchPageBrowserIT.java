package dev.portafunc.platform.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portafunc.contract.Http;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search page in a real browser: headless Chromium and its driver from Debian's packages, driving the page the
 * application serves at {@code /}. They run in the full test run ({@code PORTAFUNC_TESTS=full}, as CI sets it),
 * which fails, saying what to install, where the browser is missing; without it they are skipped.
 */
class SearchPageBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path STATIC_FILES = Path.of("src/main/resources/static");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** The README's picture of the page, at the repository's root. */
    static final Path README_SCREENSHOT =
            Path.of(System.getProperty("portafunc.repo", "../..")).resolve("docs/images/search-page.png");

    static ChromeDriver browser;
    static Path profile;

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                saveScreenshot(
                        SCREENSHOTS.resolve(context.getRequiredTestMethod().getName() + "-failed.png"));
            }
        }
    };

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        boolean full = Boolean.getBoolean("portafunc.full-tests");
        if (full) {
            assertThat(installed)
                    .as(
                            "PORTAFUNC_TESTS=full needs %s and %s (apt-get install chromium chromium-driver)",
                            CHROMIUM, CHROMEDRIVER)
                    .isTrue();
        }
        if (!full) {
            return; // skipped test by test (desktopViewport), so that reports count them as skipped
        }
        profile = Files.createTempDirectory("portafunc-chromium");
        // Both paths given: Selenium Manager has nothing to look up, and so downloads nothing.
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toString())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--lang=en-US",
                        "--window-size=1280,900",
                        "--user-data-dir=" + profile);
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    @BeforeEach
    void desktopViewport() {
        Assumptions.assumeTrue(
                browser != null,
                "browser tests run with PORTAFUNC_TESTS=full (they need chromium and chromium-driver)");
        viewport(1280, 900, false);
    }

    @AfterEach
    void resetViewport() {
        if (browser != null) {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The application as it ships: the local provider, the page on the same origin as the functions. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class LocalProvider {

        @LocalServerPort
        int port;

        String page() {
            return "http://127.0.0.1:" + port + "/";
        }

        @Test
        void typingAQueryAndPressingEnterShowsHighlightedResultsFromTheLocalProvider() {
            browser.get(page());
            searchBox().sendKeys("serverless functions", Keys.ENTER);
            awaitAnswer();

            assertThat(results()).isNotEmpty();
            assertThat(marks()).anySatisfy(mark -> assertThat(mark).isEqualToIgnoringCase("serverless"));
            assertThat(summary()).contains("from local").containsPattern("in \\d+ ms");
            assertThat(alerts()).isEmpty();
            // The picture the README shows: this test takes it, and writes it into docs/ when asked to
            // (-Dportafunc.screenshots.update=true), so that a test run leaves the working tree as it was.
            saveScreenshot(SCREENSHOTS.resolve("search-page.png"));
            if (Boolean.getBoolean("portafunc.screenshots.update")) {
                saveScreenshot(README_SCREENSHOT);
            }
        }

        @Test
        void theQueryIsKeptInTheUrlAndReloadingItShowsTheSameResults() {
            browser.get(page());
            searchBox().sendKeys("kubernetes operators", Keys.ENTER);
            awaitAnswer();
            List<String> titles = results();

            assertThat(browser.getCurrentUrl()).isEqualTo(page() + "?q=kubernetes+operators");
            browser.navigate().refresh();
            awaitAnswer();

            assertThat(results()).isNotEmpty().isEqualTo(titles);
            assertThat(searchBox().getDomProperty("value")).isEqualTo("kubernetes operators");
            assertThat(browser.getTitle()).isEqualTo("kubernetes operators – Search");
        }

        @Test
        void openingASharedLinkRunsItsSearch() {
            browser.get(page() + "?q=" + "garbage%20collection");
            awaitAnswer();

            assertThat(searchBox().getDomProperty("value")).isEqualTo("garbage collection");
            assertThat(summary()).contains("“garbage collection”").contains("from local");
            assertThat(marks()).anySatisfy(mark -> assertThat(mark).isEqualToIgnoringCase("garbage"));
        }

        @Test
        void backAndForwardRunTheirSearchesAgain() {
            browser.get(page());
            searchBox().sendKeys("coffee", Keys.ENTER);
            awaitAnswer();
            searchBox().clear();
            searchBox().sendKeys("kubernetes", Keys.ENTER);
            awaitAnswer();

            browser.navigate().back();
            awaitAnswer();
            assertThat(browser.getCurrentUrl()).endsWith("?q=coffee");
            assertThat(searchBox().getDomProperty("value")).isEqualTo("coffee");
            assertThat(summary()).contains("“coffee”");

            browser.navigate().forward();
            awaitAnswer();
            assertThat(searchBox().getDomProperty("value")).isEqualTo("kubernetes");
            assertThat(summary()).contains("“kubernetes”");
        }

        @Test
        void anEmptyQueryShowsAMessageAndMakesNoRequest() {
            browser.get(page());
            countRequests();
            searchBox().sendKeys("   ", Keys.ENTER);

            assertThat(awaitAlert()).contains("Nothing to search for").contains("Type a word or two");
            assertThat(searchBox().getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(results()).isEmpty();
            assertThat(apiRequests()).isZero();
        }

        @Test
        void anAddressWithAnEmptyQueryShowsTheSameMessage() {
            for (String empty : new String[] {"?q=", "?q=%20"}) {
                browser.get(page() + empty);
                countRequests();

                assertThat(awaitAlert()).as(empty).contains("Nothing to search for");
                assertThat(results()).as(empty).isEmpty();
                assertThat(apiRequests()).as(empty).isZero();
            }
        }

        @Test
        void aQueryTheServerRefusesShowsTheProblemDetail() {
            // Longer than the box lets anyone type, but a link can carry it.
            browser.get(page() + "?q=" + "a".repeat(2100));

            assertThat(awaitAlert()).contains("Invalid input").contains("query must be at most 2048 characters");
            assertThat(results()).isEmpty();
            assertThat(summary()).isEmpty();
        }

        @Test
        void atPhoneWidthThereIsNoHorizontalScroll() {
            viewport(360, 740, true);
            // A word longer than the screen is wide, shown back in the summary.
            browser.get(page() + "?q=kubernetes+" + "containerorchestrationwithoutanyspaceinit".repeat(2));
            awaitAnswer();

            assertThat(results()).isNotEmpty();
            assertThat(script("return window.innerWidth")).isEqualTo(360L);
            assertThat((Long) script("return document.documentElement.scrollWidth"))
                    .isLessThanOrEqualTo((Long) script("return window.innerWidth"));
            saveScreenshot(SCREENSHOTS.resolve("search-page-phone.png"));
        }

        @Test
        void theWholeFlowWorksWithTheKeyboardOnly() {
            browser.get(page());
            assertThat(focused().getDomAttribute("id")).as("focus on load").isEqualTo("q");

            new Actions(browser)
                    .sendKeys("jit compilation")
                    .sendKeys(Keys.ENTER)
                    .perform();
            awaitAnswer();
            WebElement firstLink = browser.findElement(By.cssSelector("#items li:first-child h2 a"));
            int tabs = 0;
            while (!focused().equals(firstLink) && tabs < 3) {
                new Actions(browser).sendKeys(Keys.TAB).perform();
                tabs++;
            }

            assertThat(focused()).as("Tab reaches the first result").isEqualTo(firstLink);
            assertThat(script("return getComputedStyle(document.activeElement).outlineStyle"))
                    .as("focus is visible")
                    .isEqualTo("solid");
            assertThat(firstLink.getDomProperty("href")).startsWith("https://");
            assertThat(firstLink.getDomAttribute("rel")).isEqualTo("noopener noreferrer nofollow");
        }

        @Test
        void thePageLinksToTheServerRenderedPageForTheSameQuery() {
            browser.get(page() + "?q=spring+boot");
            awaitAnswer();

            String classic = browser.findElement(By.id("classic")).getDomProperty("href");
            assertThat(classic).isEqualTo(page() + "v1/spring%20boot");
            Http.Response rendered = new Http(URI.create(page())).get(classic, "text/html");
            assertThat(rendered.status()).isEqualTo(200);
            assertThat(rendered.body()).contains("value=\"spring boot\"").contains("<mark>");
            assertThat(browser.findElement(By.tagName("noscript")).getDomProperty("textContent"))
                    .contains("/v1/{text}");
        }

        @Test
        void markupInAnAnswerOtherThanMarkStaysText() {
            browser.get(page());
            // An answer the server never gives (it escapes everything), to show the page would not trust one that did.
            script("""
                    window.fetch = async () => new Response(JSON.stringify({
                      query: 'x', provider: 'local', totalResults: 2, searchTimeMs: 1,
                      items: [
                        {title: '<img src=x onerror="window.pwned=1">Title', url: 'https://example.org/',
                         site: 'example.org', text: 'x',
                         html: '<mark>x</mark> <img src=x onerror="window.pwned=2"> &lt;b&gt; </mark><mark>'},
                        {title: 'Script', url: 'javascript:window.pwned=3', site: 'example.org', text: 'y', html: 'y'}]
                    }), {status: 200, headers: {'Content-Type': 'application/json'}});
                    """);
            searchBox().sendKeys("x", Keys.ENTER);
            awaitAnswer();

            assertThat(browser.findElements(By.cssSelector("#results img, #results b")))
                    .isEmpty();
            assertThat(marks()).containsExactly("x");
            assertThat(results()).containsExactly("<img src=x onerror=\"window.pwned=1\">Title", "Script");
            assertThat(result("<img src=x onerror=\"window.pwned=1\">Title")
                            .findElement(By.cssSelector(".result-snippet"))
                            .getText())
                    .isEqualTo("x <img src=x onerror=\"window.pwned=2\"> <b> </mark>");
            assertThat(browser.findElements(By.cssSelector("#results a")))
                    .as("only the http(s) address is a link")
                    .singleElement()
                    .satisfies(link -> assertThat(link.getDomAttribute("href")).isEqualTo("https://example.org/"));
            assertThat(script("return window.pwned === undefined")).isEqualTo(true);
        }
    }

    /** The application on SearXNG, played by WireMock, which can fail or answer with markup. */
    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=searxng",
                "portafunc.search.resilience.max-attempts=1",
                "portafunc.search.resilience.cache-ttl=0"
            })
    class SearxngProvider {

        @DynamicPropertySource
        static void searxngUrl(DynamicPropertyRegistry registry) {
            registry.add("portafunc.search.searxng.url", searxng::baseUrl);
        }

        @LocalServerPort
        int port;

        String page() {
            return "http://127.0.0.1:" + port + "/";
        }

        @Test
        void aFailingProviderShowsTheProblemDetailAndWhenToTryAgain() {
            searxng.stubFor(get(urlPathEqualTo("/search"))
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
            Http.Response problem = new Http(URI.create(page()))
                    .post("/v2/searchManipulate", "application/json", "application/json", "{\"query\":\"knative\"}");
            assertThat(problem.status()).isEqualTo(503);

            browser.get(page());
            searchBox().sendKeys("knative", Keys.ENTER);

            assertThat(awaitAlert())
                    .contains(jsonString(problem.body(), "title"))
                    .contains(jsonString(problem.body(), "detail"))
                    .contains("Try again in 7 s");
            assertThat(results()).isEmpty();
        }

        static Map<String, String> searxngResult(String url, String title, String content) {
            return Map.of("url", url, "title", title, "content", content);
        }

        @Test
        void hostileResultsAreRenderedAsText() {
            List<Map<String, String>> answer = List.of(
                    searxngResult(
                            "https://evil.example.org/",
                            "knative <script>window.pwned=1</script>& < img src=x onerror=window.pwned=2>",
                            "knative <img src=x onerror=window.pwned=3> 1 <2 & 3> 2 "
                                    + "&lt;script&gt;window.pwned=4&lt;/script&gt; \"q\" 'a'"),
                    searxngResult("javascript:window.pwned=5", "knative by script", "a link that is not http"));
            searxng.stubFor(get(urlPathEqualTo("/search"))
                    .willReturn(jsonResponse(Map.of("query", "knative", "results", answer), 200)));

            browser.get(page() + "?q=" + "knative%20%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D6%3E");
            awaitAnswer();

            assertThat(browser.findElements(By.cssSelector("script:not([src]), img, iframe, object")))
                    .isEmpty();
            assertThat(script("return window.pwned === undefined")).isEqualTo(true);
            assertThat(summary()).contains("for “knative <img src=x onerror=window.pwned=6>” from searxng");
            assertThat(results())
                    .containsExactlyInAnyOrder("knative & < img src=x onerror=window.pwned=2>", "knative by script");
            WebElement hostile = result("knative & < img src=x onerror=window.pwned=2>");
            assertThat(hostile.findElement(By.cssSelector(".result-snippet")).getText())
                    .isEqualTo("knative 1 <2 & 3> 2 \"q\" 'a'");
            assertThat(hostile.findElements(By.cssSelector("a"))).hasSize(1);
            assertThat(result("knative by script").findElements(By.cssSelector("a")))
                    .as("no link but to http(s)")
                    .isEmpty();
        }
    }

    /**
     * Jamstack: the static files served from an origin of their own, calling the functions across origins. The
     * site's port is chosen before the application starts, to be the one origin it allows.
     */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class PageOnAnotherOrigin {

        // Started as the class is first used, before the application: its origin is a property the application reads.
        static volatile int functionsPort;
        static final StaticSite allowedSite = new StaticSite(() -> "http://127.0.0.1:" + functionsPort);
        static final StaticSite otherSite = new StaticSite(() -> "http://127.0.0.1:" + functionsPort);

        @AfterAll
        static void stopSites() {
            allowedSite.stop();
            otherSite.stop();
        }

        @DynamicPropertySource
        static void allowTheSite(DynamicPropertyRegistry registry) {
            registry.add("portafunc.web.cors.allowed-origins", () -> allowedSite.origin());
        }

        @LocalServerPort
        int port;

        @BeforeEach
        void pointTheSitesAtTheFunctions() {
            functionsPort = port;
        }

        @Test
        void thePageHostedOnAnAllowedOriginSearchesThroughCors() {
            browser.get(allowedSite.origin() + "/");
            searchBox().sendKeys("kubernetes", Keys.ENTER);
            awaitAnswer();

            assertThat(alerts()).isEmpty();
            assertThat(summary()).contains("from local").containsPattern("in \\d+ ms");
            assertThat(marks()).anySatisfy(mark -> assertThat(mark).isEqualToIgnoringCase("kubernetes"));
            assertThat(browser.getCurrentUrl()).isEqualTo(allowedSite.origin() + "/?q=kubernetes");
            assertThat(browser.findElement(By.id("classic")).getDomProperty("href"))
                    .isEqualTo("http://127.0.0.1:" + port + "/v1/kubernetes");
        }

        @Test
        void aProblemIsReadableAcrossOrigins() {
            browser.get(allowedSite.origin() + "/?q=" + "a".repeat(2100));

            assertThat(awaitAlert()).contains("Invalid input").contains("query must be at most 2048 characters");
        }

        @Test
        void aPageOnAnOriginNotConfiguredCannotCallTheFunctions() {
            browser.get(otherSite.origin() + "/?q=kubernetes");

            assertThat(awaitAlert()).contains("Could not reach the search service");
            assertThat(results()).isEmpty();
        }
    }

    /** Serves the page's folder as a static host would, with config.js pointing at the functions. */
    static final class StaticSite {

        private static final Map<String, String> TYPES = Map.of(
                "html", "text/html; charset=utf-8",
                "css", "text/css; charset=utf-8",
                "js", "text/javascript; charset=utf-8");
        private static final String SAME_ORIGIN = "window.PORTAFUNC_API = '';";

        private final HttpServer server;
        private final Supplier<String> api;

        StaticSite(Supplier<String> api) {
            this.api = api;
            try {
                this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::serve);
            server.start();
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                Path file = STATIC_FILES
                        .resolve(path.equals("/") ? "index.html" : path.substring(1))
                        .normalize();
                if (!file.startsWith(STATIC_FILES) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                if (file.endsWith("config.js")) {
                    String config = new String(body, StandardCharsets.UTF_8);
                    assertThat(config).contains(SAME_ORIGIN);
                    body = config.replace(SAME_ORIGIN, "window.PORTAFUNC_API = '" + api.get() + "';")
                            .getBytes(StandardCharsets.UTF_8);
                }
                String name = file.getFileName().toString();
                exchange.getResponseHeaders()
                        .set(
                                "Content-Type",
                                TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "text/plain"));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    static WebElement searchBox() {
        return browser.findElement(By.id("q"));
    }

    static WebElement focused() {
        return browser.switchTo().activeElement();
    }

    static String summary() {
        return browser.findElement(By.id("summary")).getText();
    }

    /** The titles of the results shown. */
    static List<String> results() {
        return browser.findElements(By.cssSelector("#items > li h2")).stream()
                .map(WebElement::getText)
                .toList();
    }

    static WebElement result(String title) {
        return browser.findElements(By.cssSelector("#items > li")).stream()
                .filter(item -> item.findElement(By.cssSelector("h2")).getText().equals(title))
                .findFirst()
                .orElseThrow();
    }

    static List<String> marks() {
        return browser.findElements(By.cssSelector("#items mark")).stream()
                .map(WebElement::getText)
                .toList();
    }

    static List<WebElement> alerts() {
        return browser.findElements(By.cssSelector("[role=alert]"));
    }

    /** Waits until the search in flight has its answer: results, or a message. */
    static void awaitAnswer() {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .withMessage(() -> "no answer on the page: "
                        + browser.findElement(By.tagName("main")).getText())
                .until(d -> d.findElement(By.id("results")).getDomAttribute("aria-busy") == null
                        && (!summary().isEmpty() || !alerts().isEmpty()));
    }

    static String awaitAlert() {
        awaitAnswer();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .withMessage(() -> "no alert on the page: "
                        + browser.findElement(By.tagName("main")).getText())
                .until(d -> !alerts().isEmpty());
        return alerts().getFirst().getText();
    }

    /** Counts, from now on, the page's calls to the API: through fetch, and as the browser saw them go out. */
    static void countRequests() {
        script("""
                window.apiCalls = 0;
                const fetch = window.fetch;
                window.fetch = (...args) => { window.apiCalls++; return fetch(...args); };
                performance.clearResourceTimings();
                """);
    }

    static long apiRequests() {
        return (Long) script("""
                return window.apiCalls + performance.getEntriesByType('resource')
                    .filter(entry => entry.name.includes('/v2/')).length;
                """);
    }

    static Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    static void viewport(int width, int height, boolean mobile) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    static void saveScreenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string member of a small JSON object, such as a problem's title. */
    static String jsonString(String json, String name) {
        return JsonMapper.builder().build().readTree(json).path(name).asString();
    }
}
