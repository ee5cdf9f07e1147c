package io.github.requesttracking.consumer.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's Chromium, driven headless through the system's chromedriver (Debian
 * packages {@code chromium} and {@code chromium-driver}); Selenium is given both paths,
 * so it downloads nothing. Each instance uses a fresh profile directory, deleted on
 * close.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));

	private final Path profile;

	private final ChromeDriver driver;

	private HeadlessChromium(Path profile, ChromeDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}

	/**
	 * Start Chromium.
	 * @return the browser
	 * @throws IllegalStateException naming the packages to install when Chromium or
	 * chromedriver is missing
	 */
	static HeadlessChromium start() {
		for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(executable)) {
				throw new IllegalStateException("The dashboard browser tests need " + executable
						+ ": install Chromium and its driver with 'apt-get install chromium chromium-driver' "
						+ "(or point -Ddashboard.chromium and -Ddashboard.chromedriver at them)");
			}
		}
		try {
			Path profile = Files.createTempDirectory("dashboard-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
			LoggingPreferences logging = new LoggingPreferences();
			logging.enable(LogType.BROWSER, Level.ALL);
			options.setCapability("goog:loggingPrefs", logging);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
			return new HeadlessChromium(profile, driver);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Return the console messages at level SEVERE (errors, failed loads, uncaught
	 * exceptions) logged since the last call.
	 * @return the messages
	 */
	List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/**
	 * Take a screenshot of the whole page and write it as PNG.
	 * @param file where to write it
	 */
	void screenshot(Path file) {
		Object height = ((JavascriptExecutor) this.driver)
			.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
		Dimension size = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(new Dimension(size.getWidth(), ((Number) height).intValue() + 140));
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.driver.manage().window().setSize(size);
		}
	}

	/**
	 * Run a script in the page.
	 * @param script the script, returning a value
	 * @return the value
	 */
	Object script(String script) {
		return ((JavascriptExecutor) this.driver).executeScript(script);
	}

	/**
	 * Return the values of one attribute of every element matching a CSS selector.
	 * @param selector the selector
	 * @param attribute the attribute
	 * @return the values, in document order
	 */
	@SuppressWarnings("unchecked")
	List<String> attributes(String selector, String attribute) {
		return (List<String>) script("return Array.from(document.querySelectorAll(" + quote(selector)
				+ ")).map((e) => e.getAttribute(" + quote(attribute) + "))");
	}

	/**
	 * Return the text of every element matching a CSS selector as rendered (so that table
	 * cells and grid items stay apart).
	 * @param selector the selector
	 * @return the texts, trimmed, in document order
	 */
	@SuppressWarnings("unchecked")
	List<String> texts(String selector) {
		return (List<String>) script("return Array.from(document.querySelectorAll(" + quote(selector)
				+ ")).map((e) => (e.innerText || e.textContent).trim())");
	}

	/**
	 * Return one map of attribute values per element matching a CSS selector.
	 * @param selector the selector
	 * @return the data attributes ({@code dataset}) of each element
	 */
	@SuppressWarnings("unchecked")
	List<Map<String, String>> dataset(String selector) {
		return (List<Map<String, String>>) script("return Array.from(document.querySelectorAll(" + quote(selector)
				+ ")).map((e) => Object.assign({}, e.dataset))");
	}

	private static String quote(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteRecursively(this.profile);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (var paths = Files.walk(directory)) {
			paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A profile left in the temporary directory costs disk space only.
		}
	}

}
