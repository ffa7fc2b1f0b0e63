package dev.coffer;

import static dev.coffer.Processes.deleteRecursively;
import static dev.coffer.Processes.destroyTree;
import static dev.coffer.Processes.freePort;
import static dev.coffer.Processes.java;
import static dev.coffer.Processes.read;
import static dev.coffer.Processes.run;
import static dev.coffer.Processes.stop;
import static dev.coffer.Processes.tail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the official PocketBase JS SDK against a real {@code coffer.jar serve}: starts the jar on a free port
 * with a test superuser, then requires every {@code e2e/*.test.mjs} script ({@code node --test}) to pass.
 * {@code NAME.test.mjs} runs against a server on a copy of {@code e2e/fixtures/NAME/} when that directory
 * exists (records does: collections PocketBase made), and with a copy of {@code e2e/apps/NAME/} (a PocketBase app:
 * {@code pb_hooks/}, {@code pb_migrations/}) beside its data directory when that one exists (hooks does), as
 * {@code e2e/run.sh} does; the other scripts share one server on a fresh data directory.
 *
 * <p>Needs Node.js 20 or newer and npm on the {@code PATH}; without them the test is skipped, or fails when the
 * environment variable {@code COFFER_REQUIRE_SERVICES=1} is set (as in CI). {@code e2e/node_modules} is
 * (re)installed with {@code npm ci} unless it was installed from the current {@code e2e/package-lock.json}
 * (a checksum stamp inside node_modules records that).
 *
 * <p>System properties: {@code coffer.jar} runs another jar than {@code coffer-server/target/coffer.jar};
 * {@code coffer.e2e.pattern} passes {@code --test-name-pattern} to node to run only some tests.
 */
class SdkEndToEndIT {

  private static final String SUPERUSER_EMAIL = "test@example.com";
  private static final String SUPERUSER_PASSWORD = "1234567890";
  private static final String TEST = "SDK end-to-end test";

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration NODE_TESTS_TIMEOUT = Duration.ofSeconds(120);
  /** Per-test bound inside node, so one hanging SDK call fails that test instead of the whole run. */
  private static final int NODE_PER_TEST_TIMEOUT_MS = 30_000;


  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void officialJsSdkPassesTheE2eScripts() throws Exception {
    runAllGroups(null);
  }

  /**
   * The same scripts against Coffer on PostgreSQL: each group's data directory is moved into a database of its own
   * with {@code coffer db copy}, then {@code superuser upsert} and {@code serve} get {@code --db}. Skipped without
   * a PostgreSQL server at {@code COFFER_TEST_POSTGRES_URL} (default the local one), or failed under
   * {@code COFFER_REQUIRE_SERVICES=1}.
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void officialJsSdkPassesTheE2eScriptsOnPostgres() throws Exception {
    runAllGroups(ServerDatabases.postgres(TEST));
  }

  /** The same scripts against Coffer on MariaDB, as {@link #officialJsSdkPassesTheE2eScriptsOnPostgres()} does. */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void officialJsSdkPassesTheE2eScriptsOnMariadb() throws Exception {
    runAllGroups(ServerDatabases.mariadb(TEST));
  }

  private static void runAllGroups(ServerDatabases databases) throws Exception {
    Path root = Processes.repositoryRoot();
    Path e2e = root.resolve("e2e");
    Path jar = Path.of(System.getProperty("coffer.jar", root.resolve("coffer-server/target/coffer.jar").toString()));
    assertThat(jar).as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();

    NodeTools.requireNodeAndNpm(TEST);
    NodeTools.ensureNodeModules(TEST, e2e, "pocketbase");

    Path work = Files.createTempDirectory("coffer-e2e-");
    try {
      List<String> failures = new ArrayList<>();
      for (Map.Entry<String, List<Path>> group : scriptsByFixture(e2e).entrySet()) {
        Path fixture = groupFolder(e2e, "fixtures", group.getKey());
        Path app = groupFolder(e2e, "apps", group.getKey());
        Path groupDir = Files.createDirectories(work.resolve(group.getKey().isEmpty() ? "fresh" : group.getKey()));
        String database = databases == null ? null : databases.create();
        try {
          String failure = runScripts(root, e2e, jar, fixture, app, group.getValue(), groupDir, database);
          if (failure != null) {
            failures.add(failure);
          }
        } finally {
          if (database != null) {
            databases.drop(database);
          }
        }
      }
      assertThat(failures).as("failing e2e script groups").isEmpty();
    } finally {
      deleteRecursively(work);
    }
  }

  /**
   * The scripts hold only PocketBase's behaviour: {@code e2e/run.sh pocketbase} runs every one of them against the
   * reference PocketBase 0.40.4 (installed once by {@code tools/install-reference-pocketbase.sh}).
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void theScriptsPassAgainstTheReferencePocketBase() throws Exception {
    Path root = Processes.repositoryRoot();
    Path e2e = root.resolve("e2e");
    NodeTools.requireNodeAndNpm(TEST);
    NodeTools.ensureNodeModules(TEST, e2e, "pocketbase");
    Path log = Files.createTempFile("coffer-e2e-pocketbase-", ".log");
    try {
      Processes.Result result = run(List.of("bash", e2e.resolve("run.sh").toString(), "pocketbase"), root,
          Map.of("NO_COLOR", "1"), log, Duration.ofSeconds(280));
      System.out.println("---- e2e/run.sh pocketbase ----");
      System.out.println(result.output());
      assertThat(result.exitCode()).as("`e2e/run.sh pocketbase` exit code; output:%n%s", tail(result.output())).isZero();
      assertThat(result.output()).as("the scripts ran").contains("against pocketbase").doesNotContain("✖");
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Starts {@code coffer.jar serve} on a data directory {@code work/pb_data} (a copy of {@code fixture}, or fresh
   * when it is {@code null}; with a copy of the app folder {@code app}, when not {@code null}, in {@code work}
   * beside it: its {@code pb_hooks/} and {@code pb_migrations/}) with the test superuser, runs {@code scripts} with
   * node against it and returns a failure description, or {@code null} when node exited with 0.
   */
  private static String runScripts(Path root, Path e2e, Path jar, Path fixture, Path app, List<Path> scripts,
      Path work, String database) throws Exception {
    Path data = Files.createDirectories(work.resolve("pb_data"));
    if (fixture != null) {
      copyRecursively(fixture, data);
    }
    if (app != null) {
      copyRecursively(app, work);
    }
    List<String> dbFlag = database == null ? List.of() : List.of("--db=" + database);
    if (database != null && fixture != null) {
      Processes.Result copy = run(List.of(java(), "-jar", jar.toString(), "db", "copy", "--from=" + data,
          "--to=" + database), root, Map.of(), work.resolve("copy.log"), CLI_TIMEOUT);
      assertThat(copy.exitCode()).as("`coffer db copy` exit code; output:%n%s", copy.output()).isZero();
      assertThat(copy.output()).contains("the counts match");
      Files.delete(data.resolve("data.db"));
      Files.deleteIfExists(data.resolve("auxiliary.db"));
    }
    Process server = null;
    Thread killOnExit = null;
    try {
      List<String> upsertCommand = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "superuser", "upsert",
          SUPERUSER_EMAIL, SUPERUSER_PASSWORD, "--dir=" + data));
      upsertCommand.addAll(dbFlag);
      Processes.Result upsert = run(upsertCommand, root, Map.of(), work.resolve("upsert.log"), CLI_TIMEOUT);
      assertThat(upsert.exitCode()).as("`coffer superuser upsert` exit code; output:%n%s", upsert.output()).isZero();

      int port = freePort();
      Path serverLog = work.resolve("server.log");
      List<String> serve = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "serve",
          "--http=127.0.0.1:" + port, "--dir=" + data));
      serve.addAll(dbFlag);
      server = new ProcessBuilder(serve)
          .directory(root.toFile())
          .redirectErrorStream(true)
          .redirectOutput(serverLog.toFile())
          .start();
      Process serverProcess = server;
      killOnExit = new Thread(() -> destroyTree(serverProcess.toHandle()), "coffer-e2e-server-killer");
      Runtime.getRuntime().addShutdownHook(killOnExit);

      String url = "http://127.0.0.1:" + port;
      Processes.awaitHealthy(server, url, serverLog, STARTUP_TIMEOUT);

      List<String> node = new ArrayList<>(List.of(NodeTools.command("node"), "--test", "--test-reporter=spec",
          "--test-concurrency=1", "--test-timeout=" + NODE_PER_TEST_TIMEOUT_MS));
      String pattern = System.getProperty("coffer.e2e.pattern", "");
      if (!pattern.isBlank()) {
        node.add("--test-name-pattern=" + pattern);
      }
      scripts.forEach(script -> node.add(script.getFileName().toString()));
      Processes.Result tests = run(node, e2e, Map.of(
              "COFFER_URL", url,
              "COFFER_SUPERUSER_EMAIL", SUPERUSER_EMAIL,
              "COFFER_SUPERUSER_PASSWORD", SUPERUSER_PASSWORD,
              "NO_COLOR", "1"),
          work.resolve("node.log"), NODE_TESTS_TIMEOUT);
      String where = url + (fixture == null ? " (fresh data dir)" : " (data dir: copy of " + root.relativize(fixture) + ")")
          + (app == null ? "" : " (app: copy of " + root.relativize(app) + ")")
          + (database == null ? "" : " on " + database.replaceAll(":[^:@/]*@", "@"));
      System.out.println("---- node --test " + scripts.stream().map(Path::getFileName).toList() + " against " + where
          + " ----");
      System.out.println(tests.output());
      if (tests.exitCode() == 0) {
        return null;
      }
      return String.format("`node --test %s` against %s exited with %d%n---- node output ----%n%s%n"
              + "---- server output (tail) ----%n%s", scripts.stream().map(Path::getFileName).toList(), where,
          tests.exitCode(), tests.output(), tail(read(serverLog)));
    } finally {
      if (server != null) {
        stop(server);
      }
      if (killOnExit != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
      }
    }
  }

  /**
   * Every {@code e2e/*.test.mjs}, grouped by server: {@code NAME.test.mjs} gets a server of its own (key
   * {@code NAME}) when {@code e2e/fixtures/NAME/} (its data directory) or {@code e2e/apps/NAME/} (its app folder)
   * exists, the others share a server on a fresh data directory (key {@code ""}). Groups are in name order, the
   * fresh one first.
   */
  private static Map<String, List<Path>> scriptsByFixture(Path e2e) throws IOException {
    try (Stream<Path> files = Files.list(e2e)) {
      List<Path> scripts = files.filter(f -> f.getFileName().toString().endsWith(".test.mjs")).sorted().toList();
      assertThat(scripts).as("e2e/*.test.mjs scripts").isNotEmpty();
      Map<String, List<Path>> groups = new TreeMap<>();
      for (Path script : scripts) {
        String name = script.getFileName().toString().replaceFirst("\\.test\\.mjs$", "");
        boolean ownServer = Files.isDirectory(e2e.resolve("fixtures").resolve(name))
            || Files.isDirectory(e2e.resolve("apps").resolve(name));
        String key = ownServer ? name : "";
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(script);
      }
      return groups;
    }
  }

  /** {@code e2e/KIND/KEY/} when that directory exists and {@code key} names a group of its own, else {@code null}. */
  private static Path groupFolder(Path e2e, String kind, String key) {
    if (key.isEmpty()) {
      return null;
    }
    Path folder = e2e.resolve(kind).resolve(key);
    return Files.isDirectory(folder) ? folder : null;
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

}
