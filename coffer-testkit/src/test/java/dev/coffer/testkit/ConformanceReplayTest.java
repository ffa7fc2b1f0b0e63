package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replays PocketBase's public API scenarios against Coffer in-process, each on a fresh copy of the fixture;
 * prints a per-file table and {@code N passed, M failed}, and fails when a scenario of the committed
 * must-pass list fails. The list only grows.
 */
class ConformanceReplayTest {

    private record Outcome(String id, String file, String name, List<String> failures) {}

    @Test
    void replayPublicScenarios() throws IOException {
        Path scenariosFile = TestApp.repositoryDir().resolve("conformance").resolve("pb-scenarios-public.json");
        JsonNode root = Json.parse(Files.readString(scenariosFile));
        List<JsonNode> replayable = new ArrayList<>();
        for (JsonNode s : root.get("scenarios")) {
            if (s.path("replayable").asBoolean(true)) {
                replayable.add(s);
            }
        }
        // each scenario has an app (and, on a database server, a database) of its own, so on a server, where a
        // scenario mostly waits for the server, several run at once; the outcomes keep the file's order
        ExecutorService pool = Executors.newFixedThreadPool(TestDatabases.onServer() ? 4 : 1);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (JsonNode s : replayable) {
                pending.add(pool.submit(() -> replay(s)));
            }
            for (Future<Outcome> f : pending) {
                outcomes.add(f.get());
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        report(outcomes);

        Set<String> mustPass = readMustPass();
        List<String> broken = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (Outcome o : outcomes) {
            known.add(o.id());
            if (mustPass.contains(o.id()) && !o.failures().isEmpty()) {
                broken.add(o.id() + " (" + o.name() + "): " + String.join("; ", o.failures()));
            }
        }
        Set<String> unknown = new TreeSet<>(mustPass);
        unknown.removeAll(known);
        assertThat(unknown).as("must-pass ids that are not in the scenarios file").isEmpty();
        assertThat(broken).as("must-pass scenarios that fail").isEmpty();
    }

    private static Outcome replay(JsonNode s) {
        ApiScenario scenario = toScenario(s);
        List<String> failures;
        try (TestApp app = TestApp.fromFixture(c -> c.app().setMailer(new TestMailer()))) {
            failures = scenario.run(app);
        } catch (RuntimeException e) {
            failures = List.of("exception: " + e);
        }
        return new Outcome(s.get("id").asString(), s.get("file").asString(), scenario.name(), failures);
    }

    private static ApiScenario toScenario(JsonNode s) {
        Map<String, String> headers = new LinkedHashMap<>();
        s.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        List<String> expected = new ArrayList<>();
        s.path("expected_content").forEach(n -> expected.add(n.asString()));
        List<String> notExpected = new ArrayList<>();
        s.path("not_expected_content").forEach(n -> notExpected.add(n.asString()));
        JsonNode body = s.get("body");
        return new ApiScenario(s.path("name").asString(), s.get("method").asString(), s.get("url").asString(), headers,
                body == null || body.isNull() ? null : body.asString(), s.get("expected_status").asInt(),
                expected, notExpected);
    }

    private static Set<String> readMustPass() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(TestApp.repositoryDir().resolve("conformance").resolve("must-pass.txt"))) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                ids.add(t);
            }
        }
        return ids;
    }

    private static void report(List<Outcome> outcomes) throws IOException {
        Map<String, int[]> perFile = new TreeMap<>();
        StringBuilder failed = new StringBuilder();
        StringBuilder passedIds = new StringBuilder();
        int passed = 0;
        for (Outcome o : outcomes) {
            int[] counts = perFile.computeIfAbsent(o.file(), k -> new int[2]);
            if (o.failures().isEmpty()) {
                counts[0]++;
                passed++;
                passedIds.append(o.id()).append('\n');
            } else {
                counts[1]++;
                failed.append("FAIL ").append(o.id()).append(" ").append(o.name()).append("\n    ")
                        .append(String.join("\n    ", o.failures())).append('\n');
            }
        }
        StringBuilder out = new StringBuilder("\nConformance replay (pb-scenarios-public.json)\n");
        out.append(String.format("%-52s %6s %6s%n", "file", "passed", "failed"));
        perFile.forEach((file, c) -> out.append(String.format("%-52s %6d %6d%n", file, c[0], c[1])));
        out.append(passed).append(" passed, ").append(outcomes.size() - passed).append(" failed\n");
        System.out.print(out);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("conformance-failures.txt"), failed.toString());
        Files.writeString(target.resolve("conformance-passed.txt"), passedIds.toString());
    }
}
