package ch.petziwebhook.dashboard.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.logging.Level;

import ch.petziwebhook.dashboard.DashboardTestDatabase;
import ch.petziwebhook.dashboard.ReadModelFixtures;
import ch.petziwebhook.dashboard.ReadModelFixtures.TicketRow;
import ch.petziwebhook.model.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests in a real headless Chromium: the form login and a page whose chart ApexCharts
 * draws from our own script under the Content-Security-Policy. They need
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium}
 * and {@code chromium-driver}). Without them they fail when {@code CI=true} and are
 * skipped otherwise; {@value #SKIP_VARIABLE}{@code =true} skips them anywhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BrowserTests {

	static final String SKIP_VARIABLE = "PETZI_SKIP_BROWSER_TESTS";

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final TestDatabase database = DashboardTestDatabase.withReadModel();

	/** Where the screenshots of pages go, as test artifacts. */
	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	private static final List<String> PAGES = List.of("/dashboard/home", "/dashboard/tickets", "/dashboard/events",
			"/dashboard/deliveries", "/dashboard/deliveries?status=rejected", "/dashboard/deliveries?status=accepted",
			"/dashboard/settings", "/auth/settings");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbcClient;

	private WebDriver driver;

	private Path userDataDirectory;

	@DynamicPropertySource
	static void databaseProperties(DynamicPropertyRegistry registry) {
		DashboardTestDatabase.register(registry, database);
	}

	@BeforeEach
	void startBrowser() throws IOException {
		Assumptions.assumeFalse("true".equals(System.getenv(SKIP_VARIABLE)),
				SKIP_VARIABLE + "=true: browser tests skipped on request");
		// A developer's machine may lack Chromium, so the test is skipped there; CI
		// installs
		// it and sets CI=true, where a missing browser fails the build.
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
					"Chromium is not installed (apt-get install chromium chromium-driver): browser tests skipped");
		}
		assertThat(CHROMIUM).as("Chromium for browser tests: apt-get install chromium chromium-driver").exists();
		assertThat(CHROMEDRIVER).as("ChromeDriver for browser tests: apt-get install chromium-driver").exists();

		this.userDataDirectory = Files.createTempDirectory("chrome-user-data");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + this.userDataDirectory);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.userDataDirectory != null) {
			FileSystemUtils.deleteRecursively(this.userDataDirectory);
		}
	}

	@Test
	void loginShowsChartOfRecentSales() {
		seedTicketSoldToday();

		logIn();

		assertThat(java.net.URI.create(this.driver.getCurrentUrl()).getPath()).isEqualTo("/dashboard/tickets");
		new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.attributeToBe(By.id("recent-sales-chart"), "data-chart-state", "rendered"));
		assertThat(this.driver.findElements(By.cssSelector("#recent-sales-chart svg"))).isNotEmpty();
		assertThat(this.driver.findElement(By.id("tickets")).getText()).contains("BROWSER-1");
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void wrongPasswordStaysOnLogin() {
		this.driver.get(url("/auth/login"));

		this.driver.findElement(By.id("username")).sendKeys("admin");
		this.driver.findElement(By.id("password")).sendKeys("wrong-password");
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		// The click can return before the browser followed the redirect.
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("?error"));

		assertThat(this.driver.getCurrentUrl()).endsWith("/auth/login?error");
		assertThat(this.driver.findElement(By.cssSelector(".alert-danger")).getText())
			.contains("Wrong username or password");
	}

	@Test
	void everyPageRendersWithAndWithoutData() throws IOException {
		logIn();

		for (boolean withData : List.of(true, false)) {
			if (withData) {
				seedEveryPage();
			}
			else {
				deleteAll();
			}
			for (String page : PAGES) {
				this.driver.get(url(page));

				String name = screenshotName(page, withData);
				assertThat(this.driver.findElements(By.id("error-page"))).as(name + " error page").isEmpty();
				assertThat(this.driver.findElements(By.id("freshness"))).as(name + " freshness").isNotEmpty();
				saveScreenshot(name);
			}
		}
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void deliveryLogShowsRowsAndRedrive() throws IOException {
		seedEveryPage();
		logIn();

		this.driver.get(url("/dashboard/deliveries?lang=fr"));

		assertThat(this.driver.findElement(By.id("deliveries")).getText()).contains("BROWSER-1");
		assertThat(this.driver.findElement(By.id("deliveries")).getText()).contains("Signée il y a 3 h");
		assertThat(this.driver.findElements(By.cssSelector("form.redrive"))).hasSize(1);
		saveScreenshot("deliveries-fr");
		this.driver.get(url("/dashboard/deliveries?status=lost&lang=en"));
		assertThat(this.driver.findElement(By.id("invalid-parameter")).getText()).contains("Invalid parameter");
		saveScreenshot("deliveries-invalid-parameter");
	}

	@Test
	void swaggerUiRendersUnderPolicy() throws IOException {
		logIn();

		this.driver.get(url("/swagger-ui/index.html"));

		new WebDriverWait(this.driver, Duration.ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
		assertThat(this.driver.findElement(By.cssSelector(".swagger-ui .info .title")).getText())
			.contains("Petzi webhook dashboard API");
		new WebDriverWait(this.driver, Duration.ofSeconds(30))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
		saveScreenshot("swagger-ui");
		assertThat(policyViolations()).isEmpty();
	}

	private void seedEveryPage() {
		deleteAll();
		seedTicketSoldToday();
		ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Zurich"));
		this.jdbcClient.sql("""
				INSERT INTO read_model.deliveries (delivery_id, received_at, event, ticket_number, status, error,
				    source_partition, source_offset, processed_at)
				VALUES (gen_random_uuid(), :at, 'ticket_created', 'BROWSER-1', 'projected', NULL, 0, 1, :at),
				       (gen_random_uuid(), :at, 'ticket_updated', 'BROWSER-1', 'failed', 'Missing field', 0, 2, :at)
				""").param("at", now.toOffsetDateTime()).update();
		this.jdbcClient.sql("""
				INSERT INTO dashboard.rejected_webhooks (rejected_at, reason, status, detail, remote_address,
				    body_length, timestamp_skew_seconds, source_partition, source_offset)
				VALUES (:at, 'timestamp_out_of_window', 400, 'Signature timestamp outside the accepted window',
				    '192.0.2.1', 512, 10800, 0, 1)
				""").param("at", now.toOffsetDateTime()).update();
	}

	private void deleteAll() {
		new ReadModelFixtures(this.jdbcClient).deleteAll();
		this.jdbcClient.sql("TRUNCATE dashboard.rejected_webhooks").update();
	}

	private void saveScreenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		Files.write(SCREENSHOTS.resolve(name + ".png"), png);
	}

	private static String screenshotName(String page, boolean withData) {
		String name = page.substring(1).replace('/', '-').replaceAll("[?=&]", "-");
		return name + (withData ? "" : "-empty");
	}

	private void logIn() {
		this.driver.get(url("/dashboard/tickets"));
		this.driver.findElement(By.id("username")).sendKeys("admin");
		this.driver.findElement(By.id("password")).sendKeys(DashboardTestDatabase.ADMIN_PASSWORD);
		this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.not(ExpectedConditions.urlContains("/auth/login")));
	}

	// Console errors that the Content-Security-Policy reports, for scripts and styles.
	private List<String> policyViolations() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	private void seedTicketSoldToday() {
		ReadModelFixtures fixtures = new ReadModelFixtures(this.jdbcClient);
		fixtures.deleteAll();
		long event = fixtures.anEvent(1L, "Browser Konzert", "P");
		ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Zurich"));
		fixtures.aTicket(TicketRow.aValidTicket("BROWSER-1", event, now.toOffsetDateTime()));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
