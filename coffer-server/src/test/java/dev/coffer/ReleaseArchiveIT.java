package dev.coffer;

import static dev.coffer.Processes.deleteRecursively;
import static dev.coffer.Processes.freePort;
import static dev.coffer.Processes.java;
import static dev.coffer.Processes.read;
import static dev.coffer.Processes.run;
import static dev.coffer.Processes.stop;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The release archive ({@code target/coffer-VERSION.tar.gz} and {@code .zip}, built by {@code package}) and the
 * launchers: the archive holds what a user without Maven needs; {@code bin/coffer} finds Java 21, runs the jar,
 * and starts without a JVM warning, writing a class-data-sharing archive on the first run and using it after;
 * the container image's commands (the Dockerfile's CDS training run, ENTRYPOINT + CMD and HEALTHCHECK URL) work on
 * the unpacked archive; the repository's {@code ./coffer} runs the built jar.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs the POSIX launcher with sh and tar")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReleaseArchiveIT {

    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRAIN_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** What must not appear in the output of a start: JVM warnings (CDS or others), errors, stack traces. */
    private static final Pattern NOISE = Pattern.compile("(?im)^(.*(warn|error|exception|\\[cds).*|\\s+at \\S+\\(.*)$");

    private final String version = System.getProperty("coffer.version");
    private final Path root = Processes.repositoryRoot();
    private final Path target = root.resolve("coffer-server/target");
    private Path work;

    @BeforeEach
    void makeWorkDir() throws IOException {
        assertThat(version).as("system property coffer.version (set by the build)").isNotBlank();
        work = Files.createTempDirectory("coffer-release-");
    }

    @AfterEach
    void deleteWorkDir() {
        deleteRecursively(work);
    }

    @Test
    void archivesHoldTheLaunchersTheJarTheLicensesAndTheNotices() throws Exception {
        String base = "coffer-" + version + "/";
        Set<String> expected = Set.of(base + "bin/coffer", base + "bin/coffer.cmd", base + "lib/coffer.jar",
                base + "LICENSE", base + "NOTICE", base + "THIRD-PARTY.txt", base + "README.md");

        Path tarGz = target.resolve("coffer-" + version + ".tar.gz");
        Processes.Result listing = run(List.of("tar", "-tvzf", tarGz.toString()), work, Map.of(),
                work.resolve("tar.log"), CLI_TIMEOUT);
        assertThat(listing.exitCode()).as("tar -tvzf %s: %s", tarGz, listing.output()).isZero();
        Set<String> tarFiles = new TreeSet<>();
        for (String line : listing.output().lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            String name = parts[parts.length - 1];
            if (!name.endsWith("/") && !name.startsWith(base + "licenses/")) {
                tarFiles.add(name);
                if (name.equals(base + "bin/coffer")) {
                    assertThat(parts[0]).as("mode of bin/coffer").isEqualTo("-rwxr-xr-x");
                }
            }
        }
        assertThat(tarFiles).isEqualTo(expected);

        try (ZipFile zip = new ZipFile(target.resolve("coffer-" + version + ".zip").toFile())) {
            Set<String> zipFiles = new TreeSet<>();
            Set<String> licenseFiles = new TreeSet<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> (e.getName().startsWith(base + "licenses/")
                    ? licenseFiles : zipFiles).add(e.getName()));
            assertThat(zipFiles).isEqualTo(expected);
            assertThat(licenseFiles).as("the libraries' own license files").contains(
                    base + "licenses/thumbnailator/META-INF/LICENSE",
                    base + "licenses/slf4j-api/META-INF/LICENSE.txt",
                    base + "licenses/jakarta.mail-api/META-INF/LICENSE.md")
                    .noneMatch(n -> n.substring(base.length()).contains("coffer") || n.endsWith(".class"));
            assertThat(entry(zip, base + "licenses/slf4j-api/META-INF/LICENSE.txt")).contains("Copyright");
            assertThat(entry(zip, base + "LICENSE")).isEqualTo(Files.readString(root.resolve("LICENSE")));
            assertThat(entry(zip, base + "NOTICE")).isEqualTo(Files.readString(root.resolve("NOTICE")));
            assertThat(entry(zip, base + "README.md")).startsWith("# Coffer " + version + "\n").doesNotContain("${");
            assertThat(entry(zip, base + "bin/coffer")).startsWith("#!/bin/sh\n").doesNotContain("\r");
            assertThat(entry(zip, base + "bin/coffer.cmd")).startsWith("@echo off\r\n");
            assertThat(entry(zip, base + "THIRD-PARTY.txt"))
                    .contains("(Apache-2.0) SQLite JDBC (org.xerial:sqlite-jdbc:")
                    .contains("io.javalin:javalin:")
                    .contains("(MIT) thumbnailator")
                    .doesNotContain("dev.coffer:", "junit", "assertj");
        }
    }

    @Test
    void launcherStartsTheJvmWithTheSmallHostDefaultsAndLetsCofferJavaOptsOverrideThem() throws Exception {
        Path home = unpack();
        Processes.Result defaults = launcher(home, List.of("--version"),
                Map.of("COFFER_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
        assertThat(defaults.exitCode()).as(defaults.output()).isZero();
        assertThat(defaults.output()).contains("-XX:+UseSerialGC", "-XX:InitialHeapSize=8388608",
                "-XX:MaxHeapSize=268435456", "-XX:MaxDirectMemorySize=1073741824");

        Processes.Result raised = launcher(home, List.of("--version"),
                Map.of("COFFER_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC -XX:+PrintCommandLineFlags"));
        assertThat(raised.exitCode()).as(raised.output()).isZero();
        assertThat(raised.output()).contains("-XX:MaxHeapSize=1073741824", "-XX:+UseG1GC")
                .doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void launcherStartsQuietlyAndReusesItsClassDataArchive() throws Exception {
        Path home = unpack();
        Path jsa = home.resolve("lib/coffer.jsa");
        assertThat(jsa).doesNotExist();

        int port = freePort();
        String output = serve(List.of(home.resolve("bin/coffer").toString(), "serve", "--http=127.0.0.1:" + port,
                "--dir=" + work.resolve("pb_data")), port);
        assertThat(output).contains("Server started at http://127.0.0.1:");
        assertNoNoise(output);
        assertThat(jsa).as("the CDS archive written when the first run exits").isRegularFile();

        Processes.Result again = launcher(home, List.of("--version"), Map.of("COFFER_JAVA_OPTS", "-Xlog:class+load=info"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).as("classes come from the archive").contains("source: shared objects file (top)");

        // a rebuilt jar makes the archive stale: the JVM rewrites it, and says nothing about it
        Files.setLastModifiedTime(home.resolve("lib/coffer.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        Processes.Result stale = launcher(home, List.of("--version"), Map.of());
        assertThat(stale.exitCode()).isZero();
        assertThat(stale.output()).isEqualTo("coffer " + version + "\n");
    }

    @Test
    void trainingWritesTheAheadOfTimeCacheLaterRunsStartFrom() throws Exception {
        Path home = unpack();
        Path aot = home.resolve("lib/coffer.aot");
        Processes.Result trained = run(List.of(home.resolve("bin/coffer").toString(), "train", "--rounds=1"), work,
                launcherEnv(Map.of()), work.resolve("train.log"), TRAIN_TIMEOUT);
        assertThat(trained.exitCode()).as("coffer train: %s", trained.output()).isZero();
        assertNoNoise(trained.output());
        if (Runtime.version().feature() < 25) {
            // the JVM's ahead-of-time cache needs Java 25: the launcher runs the workload without it
            assertThat(aot).doesNotExist();
            return;
        }
        assertThat(aot).as("the cache written when the training run exits").isRegularFile();

        Processes.Result again = launcher(home, List.of("--version"), Map.of("COFFER_JAVA_OPTS", "-Xlog:class+load=info"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).as("Coffer's classes come from the cache")
                .contains("dev.coffer.cli.Cli source: shared objects file");

        int port = freePort();
        String output = serve(List.of(home.resolve("bin/coffer").toString(), "serve", "--http=127.0.0.1:" + port,
                "--dir=" + work.resolve("pb_data")), port);
        assertNoNoise(output);

        // a rebuilt jar makes the cache stale: it is left alone, and nothing is said about it
        Files.setLastModifiedTime(home.resolve("lib/coffer.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        Processes.Result stale = launcher(home, List.of("--version"), Map.of("COFFER_JAVA_OPTS", "-Xlog:class+load=info"));
        assertThat(stale.exitCode()).isZero();
        assertThat(stale.output()).contains("coffer " + version + "\n")
                .doesNotContain("dev.coffer.cli.Cli source: shared objects file");
        Processes.Result quiet = launcher(home, List.of("--version"), Map.of());
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.output()).isEqualTo("coffer " + version + "\n");
    }

    @Test
    void containerImageCommandsRunOnTheUnpackedArchive() throws Exception {
        Path home = unpack();
        List<String> dockerfile = joinContinuations(Files.readAllLines(root.resolve("Dockerfile")));
        assertThat(dockerfile).contains("FROM eclipse-temurin:21-jre", "COPY --from=build /dist /opt/coffer",
                "USER coffer", "VOLUME /pb_data", "EXPOSE 8090");

        // the CDS training run at image build time
        String training = dockerfile.stream().filter(l -> l.startsWith("RUN /opt/coffer/bin/coffer ")).findFirst()
                .orElseThrow().substring("RUN ".length())
                .replace("/opt/coffer", home.toString()).replace("/tmp/cds-training", work.resolve("training").toString());
        Processes.Result trained = run(List.of("sh", "-c", training), work, launcherEnv(Map.of()),
                work.resolve("training.log"), CLI_TIMEOUT);
        assertThat(trained.exitCode()).as("the Dockerfile's training run: %s", trained.output()).isZero();
        assertNoNoise(trained.output());
        assertThat(home.resolve("lib/coffer.jsa")).as("the CDS archive of the training run").isRegularFile();

        // ENTRYPOINT + CMD, with the volume and the port mapped to this machine; the HEALTHCHECK's URL answers
        List<String> command = new ArrayList<>();
        command.addAll(jsonArray(dockerfile, "ENTRYPOINT "));
        command.addAll(jsonArray(dockerfile, "CMD "));
        Path volume = Files.createDirectories(work.resolve("pb_data"));
        int port = freePort();
        List<String> local = command.stream()
                .map(a -> a.replace("/opt/coffer", home.toString()).replace("/pb_data", volume.toString())
                        .replace("--http=0.0.0.0:8090", "--http=127.0.0.1:" + port))
                .toList();
        assertThat(local).contains("--http=127.0.0.1:" + port, "--dir=" + volume);
        Matcher health = Pattern.compile("curl -fsS (http://127\\.0\\.0\\.1:8090(/\\S+))").matcher(String.join("\n", dockerfile));
        assertThat(health.find()).as("the HEALTHCHECK's curl line").isTrue();
        assertThat(health.group(2)).isEqualTo("/api/health");
        String output = serve(local, port);
        assertNoNoise(output);
        assertThat(volume.resolve("data.db")).as("data in the volume").isRegularFile();
    }

    @Test
    void repositoryLauncherRunsTheBuiltJar() throws Exception {
        Processes.Result result = run(List.of(root.resolve("coffer").toString(), "--version"), root,
                launcherEnv(Map.of()), work.resolve("coffer.log"), CLI_TIMEOUT);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("coffer " + version + "\n");
    }

    @Test
    void launcherReadsJavaVersionsAndExplainsAMissingJava() throws Exception {
        Path launcher = root.resolve("coffer-server/src/dist/bin/coffer");
        Map<String, String> versions = Map.of(
                "openjdk version \"17.0.15\" 2025-04-15", "17",
                "java version \"1.8.0_392\"", "1",
                "openjdk version \"21\" 2023-09-19", "21",
                "openjdk version \"25.0.1\" 2025-10-21 LTS", "25");
        for (Map.Entry<String, String> v : versions.entrySet()) {
            Path fake = work.resolve("java-" + v.getValue() + "/bin/java");
            Files.createDirectories(fake.getParent());
            Files.writeString(fake, "#!/bin/sh\necho '" + v.getKey() + "' >&2\necho 'OpenJDK Runtime Environment' >&2\n");
            assertThat(fake.toFile().setExecutable(true)).isTrue();
            Processes.Result major = run(List.of("sh", "-c", "COFFER_LAUNCHER_LIB=1; . \"$0\"; coffer_java_major \"$1\"",
                    launcher.toString(), fake.toString()), work, Map.of(), work.resolve("major.log"), CLI_TIMEOUT);
            assertThat(major.output()).as("major version of %s", v.getKey()).isEqualTo(v.getValue() + "\n");
        }

        Processes.Result found = run(List.of("sh", "-c", "COFFER_LAUNCHER_LIB=1; . \"$0\"; coffer_find_java",
                launcher.toString()), work, Map.of("JAVA_HOME", work.resolve("java-25").toString()),
                work.resolve("find.log"), CLI_TIMEOUT);
        assertThat(found.output()).as("JAVA_HOME comes first").isEqualTo(work.resolve("java-25/bin/java") + "\n");

        Processes.Result missing = run(List.of("sh", "-c", "COFFER_LAUNCHER_LIB=1; . \"$0\"; coffer_no_java",
                launcher.toString()), work, Map.of(), work.resolve("missing.log"), CLI_TIMEOUT);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.output()).startsWith("coffer: needs Java 21 or newer").contains("openjdk-21-jdk")
                .contains("temurin-21-jdk");
        assertThat(missing.output().lines()).hasSizeLessThanOrEqualTo(4);
    }

    /** Unpacks the tar.gz (keeping file modes) into the work directory; returns the coffer-VERSION directory. */
    private Path unpack() throws IOException, InterruptedException {
        Path into = Files.createDirectories(work.resolve("unpacked"));
        Processes.Result untar = run(List.of("tar", "-xzf", target.resolve("coffer-" + version + ".tar.gz").toString(),
                "-C", into.toString()), work, Map.of(), work.resolve("untar.log"), CLI_TIMEOUT);
        assertThat(untar.exitCode()).as(untar.output()).isZero();
        return into.resolve("coffer-" + version);
    }

    private Processes.Result launcher(Path home, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/coffer").toString()));
        command.addAll(args);
        return run(command, work, launcherEnv(env), work.resolve("launcher.log"), CLI_TIMEOUT);
    }

    /** Starts {@code command}, waits until /api/health answers 200 on {@code port}, stops it (SIGTERM). */
    private String serve(List<String> command, int port) throws Exception {
        Path log = work.resolve("serve-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(launcherEnv(Map.of()));
        Process server = builder.start();
        try {
            Processes.awaitHealthy(server, "http://127.0.0.1:" + port, log, STARTUP_TIMEOUT);
        } finally {
            stop(server);
        }
        assertThat(server.exitValue()).as("exit status after SIGTERM; output:%n%s", read(log)).isIn(0, 143);
        return read(log);
    }

    /** A minimal environment: the test JVM's Java as JAVA_HOME, the system PATH, a temp HOME, no extra JVM options. */
    private Map<String, String> launcherEnv(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", work.toString());
        env.put("JAVA_HOME", Path.of(java()).getParent().getParent().toString());
        env.put("COFFER_JAVA_OPTS", "");
        env.putAll(extra);
        return env;
    }

    private static void assertNoNoise(String output) {
        List<String> noisy = NOISE.matcher(output).results().map(MatchResult::group).toList();
        assertThat(noisy).as("warnings or errors in the output:%n%s", output).isEmpty();
    }

    private static String entry(ZipFile zip, String name) throws IOException {
        try (var in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    /** The Dockerfile's instructions, each on one line (continuations joined), comments dropped. */
    private static List<String> joinContinuations(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
            } else {
                out.add(current.append(t).toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return out;
    }

    /** The JSON-array form of a Dockerfile instruction ({@code ENTRYPOINT ["a", "b"]}) as a list. */
    private static List<String> jsonArray(List<String> dockerfile, String instruction) {
        String line = dockerfile.stream().filter(l -> l.startsWith(instruction)).findFirst().orElseThrow();
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line.substring(instruction.length()));
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
