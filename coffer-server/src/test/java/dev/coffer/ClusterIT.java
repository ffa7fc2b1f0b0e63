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

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three {@code coffer.jar serve} processes on one database, driven by the official JS
 * SDK ({@code e2e/cluster/cluster.test.mjs}): the instances list each other, a schema change made on one is used by
 * the next request on another, a record change made on one reaches a realtime subscriber of another with the
 * collection's rules applied, a rate limit counts the requests to all three, {@code kill -9} of one loses no
 * acknowledged write and leaves the others serving, and an every-minute automatic backup runs once per minute across
 * the cluster with an instance dead.
 *
 * <p>Three clusters run side by side (the test is mostly waiting for the minute): PostgreSQL with its own bus
 * ({@code LISTEN}/{@code NOTIFY}), PostgreSQL with {@code --bus=redis://…}, both with the files and backups in a bucket
 * of an in-process S3Proxy and a data directory per instance, and MariaDB with {@code --bus=nats://…} on one shared
 * data directory.
 * Skipped without PostgreSQL, MariaDB, Redis, NATS or Node.js; failed instead under {@code COFFER_REQUIRE_SERVICES=1}.
 */
class ClusterIT {

    private static final String TEST = "cluster test";
    private static final String SUPERUSER_EMAIL = "test@example.com";
    private static final String SUPERUSER_PASSWORD = "1234567890";
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(240);

    /** A cluster to run: {@code s3} keeps the files (and backups) in a bucket and gives each instance its own --dir. */
    private record Variant(String name, ServerDatabases databases, String bus, boolean s3) {}

    private static final String S3_KEY = "cluster-key";
    private static final String S3_SECRET = "cluster-secret";

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void threeInstancesOnOneDatabaseBehaveAsOneServer() throws Exception {
        String redis = System.getenv().getOrDefault("COFFER_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        String nats = System.getenv().getOrDefault("COFFER_TEST_NATS_URL", "nats://127.0.0.1:4222");
        NodeTools.requireService(TEST, reachable(redis, 6379), "Redis is unreachable at " + redis);
        NodeTools.requireService(TEST, reachable(nats, 4222), "NATS is unreachable at " + nats);
        String prefix = "coffer_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<Variant> variants = List.of(
                new Variant("postgres", ServerDatabases.postgres(TEST), "", true),
                new Variant("postgres+redis", ServerDatabases.postgres(TEST), redis + "?prefix=" + prefix, true),
                new Variant("mariadb+nats", ServerDatabases.mariadb(TEST), nats + "?prefix=" + prefix, false));
        Path root = Processes.repositoryRoot();
        Path e2e = root.resolve("e2e");
        Path jar = Path.of(System.getProperty("coffer.jar", root.resolve("coffer-server/target/coffer.jar").toString()));
        assertThat(jar).as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();
        NodeTools.requireNodeAndNpm(TEST);
        NodeTools.ensureNodeModules(TEST, e2e, "pocketbase");

        Path blobs = Files.createTempDirectory("coffer-cluster-s3-");
        BlobStore store = new FilesystemNio2BlobStore(blobs.toString());
        S3Proxy s3 = S3Proxy.builder().blobStore(store).awsAuthentication(AuthenticationType.AWS_V4, S3_KEY, S3_SECRET)
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        s3.start();
        ExecutorService pool = Executors.newFixedThreadPool(variants.size());
        try {
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(5);
            }
            String endpoint = "http://127.0.0.1:" + s3.getPort();
            List<Future<String>> runs = new ArrayList<>();
            for (Variant v : variants) {
                String bucket = "cluster-" + v.name().replace('+', '-');
                if (v.s3()) {
                    store.createContainer(bucket);
                }
                runs.add(pool.submit(() -> runCluster(v, jar, e2e, v.s3() ? s3Settings(endpoint, bucket) : null)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : runs) {
                String failure = f.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
            assertThat(failures).as("clusters whose checks failed").isEmpty();
        } finally {
            pool.shutdownNow();
            s3.stop();
            deleteRecursively(blobs);
        }
    }

    /** The settings that keep the records' files and the backups in a bucket of the S3Proxy. */
    private static String s3Settings(String endpoint, String bucket) {
        String section = "{\"enabled\":true,\"bucket\":\"" + bucket + "\",\"region\":\"us-east-1\",\"endpoint\":\""
                + endpoint + "\",\"accessKey\":\"" + S3_KEY + "\",\"secret\":\"" + S3_SECRET + "\",\"forcePathStyle\":true}";
        return "{\"s3\":" + section + ",\"backups\":{\"s3\":" + section + "}}";
    }

    /** Turns S3 on through the settings API of a running instance (as the superuser). */
    private static void patchSettings(String url, String settings) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> auth = http.send(HttpRequest.newBuilder(URI.create(url
                        + "/api/collections/_superusers/auth-with-password")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + SUPERUSER_EMAIL + "\",\"password\":\""
                        + SUPERUSER_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
        String token = Json.MAPPER.readTree(auth.body()).path("token").asString();
        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(URI.create(url + "/api/settings"))
                .header("Content-Type", "application/json").header("Authorization", token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(settings)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    private static boolean reachable(String url, int defaultPort) {
        String rest = url.substring(url.indexOf("://") + 3);
        rest = rest.substring(rest.lastIndexOf('@') + 1).split("[/?]")[0];
        String host = rest.contains(":") ? rest.substring(0, rest.lastIndexOf(':')) : rest;
        int port = rest.contains(":") ? Integer.parseInt(rest.substring(rest.lastIndexOf(':') + 1)) : defaultPort;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs one cluster through the script; null when every check passed, else what failed with the logs. With
     * {@code s3Settings} the first instance starts alone, turns the bucket on, and the others start on their own
     * data directories; without it the three share one.
     */
    private static String runCluster(Variant v, Path jar, Path e2e, String s3Settings) throws Exception {
        Path work = Files.createTempDirectory("coffer-cluster-" + v.name().replace('+', '-') + "-");
        String database = v.databases().create();
        List<Process> servers = new ArrayList<>();
        try {
            List<String> urls = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path data = Files.createDirectories(work.resolve(s3Settings == null ? "pb_data" : "pb_data_" + i));
                List<String> common = new ArrayList<>(List.of("--dir=" + data, "--db=" + database));
                if (!v.bus().isEmpty()) {
                    common.add("--bus=" + v.bus());
                }
                if (i == 0) {
                    List<String> upsert = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "superuser",
                            "upsert", SUPERUSER_EMAIL, SUPERUSER_PASSWORD));
                    upsert.addAll(common);
                    Processes.Result made = run(upsert, work, Map.of(), work.resolve("upsert.log"), CLI_TIMEOUT);
                    if (made.exitCode() != 0) {
                        return v.name() + ": superuser upsert failed: " + made.output();
                    }
                }
                int port = freePort();
                Path log = work.resolve("server-" + i + ".log");
                List<String> serve = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "serve", "--http=127.0.0.1:" + port));
                serve.addAll(common);
                servers.add(new ProcessBuilder(serve).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start());
                urls.add("http://127.0.0.1:" + port);
                logs.add(log);
                if (i == 0 && s3Settings != null) {
                    // the others find the files in the bucket, not in a data directory they share
                    awaitHealthy(servers.get(0), urls.get(0), log, STARTUP_TIMEOUT);
                    patchSettings(urls.get(0), s3Settings);
                }
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
            System.out.println("== cluster " + v.name() + ":\n" + node.output());
            if (node.exitCode() == 0) {
                return null;
            }
            StringBuilder out = new StringBuilder(v.name() + ": e2e/cluster/cluster.test.mjs failed:\n")
                    .append(node.output());
            for (int i = 0; i < 3; i++) {
                out.append("\n-- server ").append(i).append(" (").append(urls.get(i)).append("):\n")
                        .append(tail(read(logs.get(i))));
            }
            return out.toString();
        } finally {
            servers.forEach(s -> {
                if (s.isAlive()) {
                    stop(s);
                }
            });
            v.databases().drop(database);
            deleteRecursively(work);
        }
    }
}
