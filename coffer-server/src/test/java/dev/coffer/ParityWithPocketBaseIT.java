package dev.coffer;

import static dev.coffer.Processes.deleteRecursively;
import static dev.coffer.Processes.run;
import static dev.coffer.Processes.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs {@code conformance/compare-with-pocketbase}: the built jar and the reference PocketBase 0.40.4 each on a
 * copy of the fixture data receive every request of {@code conformance/parity/requests.mjs}, and no difference in
 * status, headers or normalised body may be left unexplained.
 *
 * <p>Needs Node.js 20+ and npm (which installs the reference binary once); without node the test is skipped, or
 * fails when {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the comparison script is a POSIX shell script")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ParityWithPocketBaseIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(280);

    @Test
    void everyDifferenceFromPocketBaseIsExplained() throws Exception {
        Path root = Processes.repositoryRoot();
        assertThat(root.resolve("coffer-server/target/coffer.jar"))
                .as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();
        requireNode(root);
        Path work = Files.createTempDirectory("coffer-parity-");
        try {
            Path report = work.resolve("report.json");
            Processes.Result result = run(List.of("bash", root.resolve("conformance/compare-with-pocketbase").toString(),
                    "--json", report.toString()), root, Map.of("NO_COLOR", "1"), work.resolve("compare.log"),
                    RUN_TIMEOUT);
            String summary = result.output().lines().filter(l -> l.matches("\\d+ requests: .*")).findFirst().orElse("");
            System.out.println("---- compare-with-pocketbase: " + summary);
            assertThat(result.exitCode()).as("compare-with-pocketbase exit code (1 = an unexplained difference); output:%n%s",
                    tail(result.output())).isZero();
            assertThat(summary).as("the comparison's summary line").contains("(0 unexplained");
            assertThat(Files.readString(report)).as("the JSON report").contains("\"problems\"");
        } finally {
            deleteRecursively(work);
        }
    }

    private static void requireNode(Path root) throws IOException, InterruptedException {
        Path log = Files.createTempFile("coffer-node-version", ".log");
        boolean available;
        try {
            available = run(List.of("node", "--version"), root, Map.of(), log, Duration.ofSeconds(30)).exitCode() == 0;
        } catch (IOException e) {
            available = false;
        } finally {
            Files.deleteIfExists(log);
        }
        if (available) {
            return;
        }
        if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
            fail("node is not on the PATH (COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping)");
        }
        String reason = "PocketBase parity comparison skipped: node is not on the PATH";
        System.out.println(reason);
        Assumptions.abort(reason);
    }
}
