package dev.coffer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Child processes for the integration tests: commands run to completion, servers started, awaited and stopped. */
final class Processes {

    static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_CHARS = 20_000;

    private Processes() {}

    /** A finished command: its exit code and its output (stdout and stderr together). */
    record Result(int exitCode, String output) {}

    /** Runs a command to completion (stdout and stderr into {@code log}), killing it after {@code timeout}. */
    static Result run(List<String> command, Path dir, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process.toHandle());
                process.waitFor(5, TimeUnit.SECONDS);
                fail("%s did not finish within %s; output:%n%s", command, timeout, tail(read(log)));
            }
            return new Result(process.exitValue(), read(log));
        } finally {
            if (process.isAlive()) {
                destroyTree(process.toHandle());
            }
        }
    }

    /** Waits until {@code url/api/health} answers 200, failing with the server's output if it exits or times out. */
    static void awaitHealthy(Process server, String url, Path serverLog, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/api/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    fail("`coffer serve` exited with code %d before answering %s/api/health; output:%n%s",
                            server.exitValue(), url, tail(read(serverLog)));
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        fail("`coffer serve` did not answer %s/api/health with 200 within %s; output:%n%s",
                url, timeout, tail(read(serverLog)));
    }

    /** SIGTERM, then a forced kill if the server has not exited within ten seconds. */
    static void stop(Process server) {
        List<ProcessHandle> descendants = server.descendants().toList();
        server.destroy();
        try {
            if (!server.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    static void destroyTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The java binary of the JVM running the tests (a JDK 21 or newer, chosen by the build's toolchain). */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java").toString();
    }

    /** The root of the checkout: the nearest directory, from the working directory upwards, holding {@code mvnw}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("coffer-server"))) {
                return dir;
            }
        }
        return fail("no mvnw beside a coffer-server directory in %s or any parent", System.getProperty("user.dir"));
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(String text) {
        return text.length() <= LOG_TAIL_CHARS ? text : "…" + text.substring(text.length() - LOG_TAIL_CHARS);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("could not delete " + path + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
