package dev.coffer;

import static dev.coffer.Processes.deleteRecursively;
import static dev.coffer.Processes.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

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
 * The reverse of {@code coffer-js}'s JsMigrationsTest: {@code fixtures/pb-automigrate/make.mjs --reverse} makes the
 * fixture's collection changes on the built jar with automigrate on, checks each file Coffer writes against the
 * one PocketBase 0.40.4 wrote for the same change, and has a fresh PocketBase apply Coffer's files, step by step,
 * ending with the collections Coffer had.
 *
 * <p>Needs Node.js 20+ (and npm, which installs the reference binary once); skipped without node, failing instead
 * when {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the reference PocketBase is installed by a POSIX shell script")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MigrationsWithPocketBaseIT {

    @Test
    void pocketBaseAppliesTheFilesCofferWritesAndGetsCoffersCollections() throws Exception {
        Path root = Processes.repositoryRoot();
        Path jar = root.resolve("coffer-server/target/coffer.jar");
        assertThat(jar).as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();
        Path work = Files.createTempDirectory("coffer-reverse-migrations-");
        try {
            if (!nodeAvailable(root, work)) {
                return;
            }
            Processes.Result install = run(List.of("bash", root.resolve("tools/install-reference-pocketbase.sh")
                    .toString()), root, Map.of(), work.resolve("install.log"), Duration.ofSeconds(180));
            assertThat(install.exitCode()).as("install-reference-pocketbase.sh:%n%s", install.output()).isZero();
            // the script installs to ~/.cache/coffer/pocketbase-0.40.4/, where make.mjs looks
            Processes.Result result = run(List.of("node", root.resolve("fixtures/pb-automigrate/make.mjs").toString(),
                    "--reverse", "--coffer-jar", jar.toString(), "--java", Processes.java()), root,
                    Map.of("NO_COLOR", "1"), work.resolve("reverse.log"),
                    Duration.ofSeconds(200));
            assertThat(result.exitCode()).as("make.mjs --reverse exit code; output:%n%s", result.output()).isZero();
            assertThat(result.output()).contains("PASS").doesNotContain("FAIL");
        } finally {
            deleteRecursively(work);
        }
    }

    private static boolean nodeAvailable(Path root, Path work) throws IOException, InterruptedException {
        boolean available;
        try {
            available = run(List.of("node", "--version"), root, Map.of(), work.resolve("node.log"),
                    Duration.ofSeconds(30)).exitCode() == 0;
        } catch (IOException e) {
            available = false;
        }
        if (available) {
            return true;
        }
        if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
            fail("node is not on the PATH (COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping)");
        }
        Assumptions.abort("PocketBase migrations check skipped: node is not on the PATH");
        return false;
    }
}
