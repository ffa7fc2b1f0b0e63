package dev.coffer;

import static dev.coffer.Processes.awaitHealthy;
import static dev.coffer.Processes.deleteRecursively;
import static dev.coffer.Processes.freePort;
import static dev.coffer.Processes.java;
import static dev.coffer.Processes.read;
import static dev.coffer.Processes.run;
import static dev.coffer.Processes.stop;
import static dev.coffer.Processes.tail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three {@code coffer.jar serve} processes on one PostgreSQL database and one shared data directory, driven by the
 * official JS SDK ({@code e2e/cluster/cluster.test.mjs}): the instances list each other, a schema change made on one
 * is used by the next request on another, a record change made on one reaches a realtime subscriber of another with
 * the collection's rules applied, {@code kill -9} of one loses no acknowledged write and leaves the others serving,
 * and an every-minute automatic backup runs once per minute across the cluster, also after its instance was killed.
 *
 * <p>Skipped without PostgreSQL or Node.js, failed instead under {@code COFFER_REQUIRE_SERVICES=1}.
 */
class ClusterIT {

    private static final String TEST = "cluster test";
    private static final String SUPERUSER_EMAIL = "test@example.com";
    private static final String SUPERUSER_PASSWORD = "1234567890";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(240);

    @Test
    @Timeout(value = 330, unit = TimeUnit.SECONDS)
    void threeInstancesOnOnePostgresDatabaseBehaveAsOneServer() throws Exception {
        ServerDatabases databases = ServerDatabases.postgres(TEST);
        Path root = Processes.repositoryRoot();
        Path e2e = root.resolve("e2e");
        Path jar = Path.of(System.getProperty("coffer.jar", root.resolve("coffer-server/target/coffer.jar").toString()));
        assertThat(jar).as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();
        NodeTools.requireNodeAndNpm(TEST);
        NodeTools.ensureNodeModules(TEST, e2e, "pocketbase");

        Path work = Files.createTempDirectory("coffer-cluster-");
        String database = databases.create();
        List<Process> servers = new ArrayList<>();
        try {
            Path data = Files.createDirectories(work.resolve("pb_data"));
            Processes.Result upsert = run(List.of(java(), "-jar", jar.toString(), "superuser", "upsert", SUPERUSER_EMAIL,
                    SUPERUSER_PASSWORD, "--dir=" + data, "--db=" + database), work, Map.of(), work.resolve("upsert.log"),
                    CLI_TIMEOUT);
            assertThat(upsert.exitCode()).as("superuser upsert: %s", upsert.output()).isZero();

            List<String> urls = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int port = freePort();
                Path log = work.resolve("server-" + i + ".log");
                Process server = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar.toString(), "serve",
                        "--http=127.0.0.1:" + port, "--dir=" + data, "--db=" + database)
                        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                servers.add(server);
                urls.add("http://127.0.0.1:" + port);
                logs.add(log);
            }
            for (int i = 0; i < 3; i++) {
                awaitHealthy(servers.get(i), urls.get(i), logs.get(i), STARTUP_TIMEOUT);
            }
            List<String> pids = servers.stream().map(p -> String.valueOf(p.pid())).toList();
            Processes.Result node = run(List.of(NodeTools.command("node"), "--test", "--test-reporter=spec",
                    "--test-concurrency=1", "--test-timeout=200000", "cluster/cluster.test.mjs"), e2e,
                    Map.of("COFFER_CLUSTER_URLS", String.join(",", urls), "COFFER_CLUSTER_PIDS", String.join(",", pids),
                            "COFFER_SUPERUSER_EMAIL", SUPERUSER_EMAIL, "COFFER_SUPERUSER_PASSWORD", SUPERUSER_PASSWORD),
                    work.resolve("node.log"), NODE_TIMEOUT);
            StringBuilder serverLogs = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                serverLogs.append("\n-- server ").append(i).append(" (").append(urls.get(i)).append("):\n")
                        .append(tail(read(logs.get(i))));
            }
            assertThat(node.exitCode()).as("e2e/cluster/cluster.test.mjs:%n%s%nserver logs:%s", node.output(), serverLogs)
                    .isZero();
        } finally {
            servers.forEach(s -> {
                if (s.isAlive()) {
                    stop(s);
                }
            });
            databases.drop(database);
            deleteRecursively(work);
        }
    }
}
