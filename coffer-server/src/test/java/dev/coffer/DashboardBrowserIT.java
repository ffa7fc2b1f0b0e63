package dev.coffer;

import static dev.coffer.Processes.run;
import static dev.coffer.Processes.tail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in a real browser: runs {@code coffer-ui/src/test/browser/run.sh}, which starts
 * {@code coffer.jar serve} on a fresh data directory and drives headless Chromium (Debian's {@code chromium},
 * through npm's {@code playwright-core}) through every page: the installer link, login, collections, records,
 * logs, settings, backups, import/export. Screenshots of each page land in
 * {@code coffer-server/target/dashboard-screenshots/}.
 *
 * <p>Needs Node.js 20+, npm and Chromium ({@code /usr/bin/chromium}, or the path in {@code CHROMIUM}); without
 * them the test is skipped, or fails when {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
 */
class DashboardBrowserIT {

    private static final String TEST = "Dashboard browser test";

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void theDashboardWorksInARealBrowser() throws Exception {
        Path root = Processes.repositoryRoot();
        Path browser = root.resolve("coffer-ui/src/test/browser");
        Path jar = Path.of(System.getProperty("coffer.jar", root.resolve("coffer-server/target/coffer.jar").toString()));
        assertThat(jar).as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();
        NodeTools.requireService(TEST, !Processes.WINDOWS, "the browser tests run with bash");
        NodeTools.requireNodeAndNpm(TEST);
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        NodeTools.requireService(TEST, Files.isExecutable(Path.of(chromium)),
                "Chromium is not installed at " + chromium + " (Debian: apt-get install chromium)");
        NodeTools.ensureNodeModules(TEST, browser, "playwright-core");

        Path shots = root.resolve("coffer-server/target/dashboard-screenshots");
        Files.createDirectories(shots);
        Path log = Files.createTempFile("coffer-dashboard-", ".log");
        try {
            Processes.Result result = run(List.of("bash", browser.resolve("run.sh").toString()), root,
                    Map.of("COFFER_JAR", jar.toString(), "COFFER_SCREENSHOTS", shots.toString(), "CHROMIUM", chromium,
                            "COFFER_UI_DIR", "",
                            "NO_COLOR", "1"),
                    log, Duration.ofSeconds(880));
            System.out.println("---- coffer-ui/src/test/browser/run.sh ----");
            System.out.println(result.output());
            assertThat(result.exitCode()).as("browser tests exit code; output:%n%s", tail(result.output())).isZero();
            assertThat(result.output()).as("the tests ran").contains("dashboard browser tests against")
                    .contains("ℹ pass").doesNotContain("✖");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
