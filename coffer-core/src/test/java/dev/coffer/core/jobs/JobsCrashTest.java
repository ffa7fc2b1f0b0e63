package dev.coffer.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue under a real {@code kill -9}: a process enqueues jobs and runs them, is killed mid-way (SIGKILL, no
 * shutdown hooks), and a new process on the same data directory runs the rest. Every job acknowledged as enqueued
 * runs to its end; within a process no job runs twice; only the few that were running (or ended but not yet
 * recorded) at the kill run again.
 */
class JobsCrashTest {

    private static final int JOBS = 400;

    @TempDir
    Path dir;

    private Process child(String mode, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), JobsCrashChild.class.getName(), dir.resolve("data").toString(),
                mode, log.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void everyEnqueuedJobRunsAfterAKillAndNoneTwiceAtOnce() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        Process p = child("enqueue:" + JOBS, first);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ENQUEUED");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(first).stream().filter(l -> l.startsWith("E ")).count() < JOBS / 4
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<String> before = lines(first);
        Set<String> finishedBefore = ids(before, "E ");
        assertThat(finishedBefore.size()).as("some ran before the kill").isGreaterThanOrEqualTo(JOBS / 4);
        assertThat(finishedBefore.size()).as("the kill came before the end").isLessThan(JOBS);

        Process rest = child("finish", second);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(rest.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("DONE");
        }
        assertThat(rest.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> after = lines(second);

        Set<String> all = new HashSet<>(finishedBefore);
        all.addAll(ids(after, "E "));
        assertThat(all).as("every enqueued job ran to its end").hasSize(JOBS);
        assertThat(starts(before).values()).as("no job started twice in the first process").containsOnly(1);
        assertThat(starts(after).values()).as("no job started twice in the second process").containsOnly(1);
        Set<String> again = new HashSet<>(ids(before, "S "));
        again.retainAll(ids(after, "S "));
        // run again: the ones running at the kill, or ended but not yet recorded (each worker's last one)
        assertThat(again.size()).as("jobs run in both processes").isLessThanOrEqualTo(6);
        try (App app = App.open(AppConfig.of(dir.resolve("data")))) {
            assertThat(app.jobs().counts().get(JobState.DONE)).isEqualTo(JOBS);
        }
    }

    private static Set<String> ids(List<String> lines, String prefix) {
        Set<String> out = new HashSet<>();
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                out.add(l.substring(prefix.length()));
            }
        }
        return out;
    }

    private static Map<String, Integer> starts(List<String> lines) {
        Map<String, Integer> out = new HashMap<>();
        for (String l : new ArrayList<>(lines)) {
            if (l.startsWith("S ")) {
                out.merge(l.substring(2), 1, Integer::sum);
            }
        }
        return out;
    }
}
