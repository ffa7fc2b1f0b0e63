package dev.coffer;

import static dev.coffer.Processes.WINDOWS;
import static dev.coffer.Processes.run;
import static dev.coffer.Processes.tail;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests that run Node.js scripts share: checking node and npm, installing a folder's node_modules
 * from its lock file once, and skipping (or, with {@code COFFER_REQUIRE_SERVICES=1}, failing) when a tool is
 * missing.
 */
final class NodeTools {

    static final int MIN_NODE_MAJOR = 20;
    private static final Duration TOOL_CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration NPM_CI_TIMEOUT = Duration.ofSeconds(120);
    private static final String INSTALL_STAMP = ".coffer-e2e-lock.sha256";

    private NodeTools() {}

    /** Requires node >= 20 and npm on the PATH. */
    static void requireNodeAndNpm(String test) throws InterruptedException {
        String nodeVersion = toolOutput(List.of(command("node"), "--version"));
        requireService(test, nodeVersion != null, "Node.js is not on the PATH (needs node >= " + MIN_NODE_MAJOR + ")");
        Matcher major = Pattern.compile("v(\\d+)\\.").matcher(nodeVersion);
        requireService(test, major.find() && Integer.parseInt(major.group(1)) >= MIN_NODE_MAJOR,
                "node >= " + MIN_NODE_MAJOR + " is required, found " + nodeVersion.strip());
        requireService(test, toolOutput(List.of(command("npm"), "--version")) != null, "npm is not on the PATH");
    }

    /** Output of a quick tool command, or {@code null} when it can't run or exits non-zero. */
    static String toolOutput(List<String> command) throws InterruptedException {
        try {
            Path log = Files.createTempFile("coffer-tool-", ".log");
            try {
                Processes.Result result = run(command, Path.of(System.getProperty("user.dir")), Map.of(), log,
                        TOOL_CHECK_TIMEOUT);
                return result.exitCode() == 0 ? result.output() : null;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException | AssertionError notRunnable) {
            return null;
        }
    }

    /**
     * Runs {@code npm ci} in a folder unless its node_modules was installed from the current package-lock.json
     * and holds {@code module} (a checksum stamp inside node_modules records the lock it came from).
     */
    static void ensureNodeModules(String test, Path dir, String module) throws IOException, InterruptedException {
        String lockHash = sha256(Files.readAllBytes(dir.resolve("package-lock.json")));
        Path stamp = dir.resolve("node_modules").resolve(INSTALL_STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp, UTF_8).strip().equals(lockHash)
                && Files.isDirectory(dir.resolve("node_modules").resolve(module))) {
            return;
        }
        Path log = Files.createTempFile("coffer-npm-", ".log");
        try {
            Processes.Result ci = run(List.of(command("npm"), "ci", "--no-audit", "--no-fund"), dir,
                    Map.of("npm_config_update_notifier", "false"), log, NPM_CI_TIMEOUT);
            requireService(test, ci.exitCode() == 0, "`npm ci` in " + dir + " failed (exit " + ci.exitCode()
                    + "; is the npm registry reachable?):\n" + tail(ci.output()));
            Files.writeString(stamp, lockHash + "\n", UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Skips the test with {@code message}, or fails it when {@code COFFER_REQUIRE_SERVICES=1}. */
    static void requireService(String test, boolean available, String message) {
        if (available) {
            return;
        }
        if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
            fail(message + " (COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping)");
        }
        String reason = test + " skipped: " + message;
        System.out.println(reason); // the console summary shows only "Skipped: 1"
        Assumptions.abort(reason);
    }

    /** The command of a tool on this OS ({@code npm.cmd} on Windows). */
    static String command(String name) {
        return WINDOWS && name.equals("npm") ? "npm.cmd" : name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
