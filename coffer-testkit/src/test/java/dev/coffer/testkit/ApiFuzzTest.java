package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.testkit.ApiFuzzOracle.Access;
import dev.coffer.testkit.ApiFuzzOracle.Identity;
import dev.coffer.testkit.ApiFuzzRequests.Request;
import dev.coffer.testkit.ApiFuzzSchema.Coll;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seeded fuzz of the record list and view endpoints over HTTP on PocketBase's test fixture, as a guest, as two
 * signed-in regular users (users/4q1xlclmfloku33, whose collection excludes it from demo3, and
 * clients/gk390qegs4y47wn, which demo3 lets in) and as a superuser. Every answer must be 2xx or a 4xx in
 * PocketBase's error shape, with the status PocketBase gives where the rules fix it (403 for superusers-only
 * rules and for {@code @collection.}/{@code @request.} in a non-superuser's filter or sort, 404 for a record the
 * identity may not view). And nothing a rule hides may leak: listed, viewed and expanded records must be ones
 * the identity may list or view, without hidden fields, {@code password}, {@code tokenKey}, or emails it may
 * not see; see {@link ApiFuzzOracle} for how that baseline is computed and first checked.
 *
 * <p>{@code -Dcoffer.fuzz.seed=N} (default 42) and {@code -Dcoffer.fuzz.requests=N} (default 4000) change the
 * run; {@code -Dcoffer.fuzz.dump=FILE} writes every request with its identity and status, one a line, so the
 * same requests can be replayed against the reference PocketBase.
 */
class ApiFuzzTest {

    private static final long DEFAULT_SEED = 42;
    private static final int DEFAULT_REQUESTS = 4000;
    private static final int MAX_REPORTED = 40;
    /** PocketBase's answer to a non-superuser for a superusers-only ({@code null}) rule. */
    private static final String SUPERUSERS_ONLY =
            "{\"data\":{},\"message\":\"Only superusers can perform this action.\",\"status\":403}";

    private static TestApp app;
    private static String superuserToken;
    private static ApiFuzzSchema schema;
    private static List<Identity> identities;
    private static ApiFuzzOracle oracle;

    /** Starts Coffer on a fixture copy, gets the identities' tokens and reads the schema and the baseline. */
    @BeforeAll
    static void start() {
        long started = System.nanoTime();
        app = TestApp.fromFixture();
        superuserToken = superuserToken("sywbhecnh46rhm0");
        String userToken = token(post("/api/collections/users/impersonate/4q1xlclmfloku33", superuserToken, "{}"));
        String clientToken = token(post("/api/collections/clients/impersonate/gk390qegs4y47wn", superuserToken, "{}"));
        schema = readSchema();
        identities = List.of(
                new Identity("guest", null, null, null, false),
                new Identity("user", userToken, schema.named("users"),
                        schema.named("users").records().get("4q1xlclmfloku33"), false),
                new Identity("client", clientToken, schema.named("clients"),
                        schema.named("clients").records().get("gk390qegs4y47wn"), false),
                new Identity("superuser", superuserToken, schema.named("_superusers"),
                        schema.named("_superusers").records().get("sywbhecnh46rhm0"), true));
        oracle = new ApiFuzzOracle(schema, identities, ApiFuzzTest::superuserFilterIds);
        System.out.printf("ApiFuzzTest: fixture, tokens, schema and baseline ready in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void unfilteredListsAndViewsAgreeWithTheRules() {
        List<String> problems = new ArrayList<>();
        for (Identity who : identities) {
            if (!who.superuser()) {
                for (Coll c : schema.collections()) {
                    problems.addAll(checkBaseline(who, c));
                }
            }
        }
        assertThat(problems).as("what guests and users see without a filter, against the rules").isEmpty();
    }

    @Test
    void fuzzedRecordRequestsNeverFailAndNeverLeak() throws IOException {
        long seed = Long.getLong("coffer.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("coffer.fuzz.requests", DEFAULT_REQUESTS);
        System.out.printf("ApiFuzzTest: seed %d, %d requests (-Dcoffer.fuzz.seed=%d -Dcoffer.fuzz.requests=%d)%n",
                seed, count, seed, count);
        ApiFuzzRequests generator = new ApiFuzzRequests(schema);
        Random random = new Random(seed);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int failed = 0;
        StringBuilder dump = new StringBuilder();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Identity who = identities.get(random.nextInt(identities.size()));
            Request req = generator.next(random);
            HttpResponse<String> res = get(req.url(), who.token());
            statuses.merge(who.name() + " " + res.statusCode(), 1, Integer::sum);
            dump.append(who.name()).append('\t').append(res.statusCode()).append('\t').append(req.url()).append('\n');
            List<String> problems = oracle.checkAnswer(who, req, res.statusCode(), res.body());
            if (!problems.isEmpty()) {
                failed++;
                if (failures.size() < MAX_REPORTED) {
                    failures.add("#" + i + " " + who.name() + " GET " + req.url() + "\n    params " + req.params()
                            + "\n    -> " + res.statusCode() + " " + abbreviate(res.body()) + "\n    "
                            + String.join("\n    ", problems));
                }
            }
        }
        long elapsed = System.nanoTime() - started;
        String dumpFile = System.getProperty("coffer.fuzz.dump", "");
        if (!dumpFile.isBlank()) {
            Files.writeString(Path.of(dumpFile), dump);
        }
        System.out.printf("ApiFuzzTest: %d requests in %.1f s; %d records checked (%d of them expanded); answers by "
                + "identity and status: %s%n", count, elapsed / 1e9, oracle.recordsChecked(), oracle.expandedChecked(),
                statuses);
        assertThat(failures).as("%d of %d fuzzed requests (seed %d) went wrong; the first ones:%n%s", failed, count,
                seed, String.join("\n", failures)).isEmpty();
    }

    /**
     * Checks that the identity's unfiltered list (all pages) shows exactly the records the baseline says it may
     * list, with exactly the emails it may see, and that viewing each record answers 200 exactly when the
     * baseline says it may view it (else 404, or PocketBase's 403 for a superusers-only rule).
     */
    private static List<String> checkBaseline(Identity who, Coll c) {
        List<String> problems = new ArrayList<>();
        Access access = oracle.access(who, c);
        String base = "/api/collections/" + c.name() + "/records";
        if (access.listable() == null) {
            HttpResponse<String> res = get(base, who.token());
            if (!res.body().equals(SUPERUSERS_ONLY)) {
                problems.add(who.name() + " lists " + c.name() + " (superusers only): " + res.statusCode() + " "
                        + abbreviate(res.body()));
            }
        } else {
            Set<String> seen = new HashSet<>();
            for (JsonNode item : listAll(base + "?perPage=1000", who.token())) {
                String id = item.path("id").asString();
                seen.add(id);
                oracle.checkRecord(who, c, access.listable(), item, false, who.name() + " list " + c.name())
                        .forEach(problems::add);
                if (c.isAuth() && access.emailVisible().contains(id) && !item.has("email")) {
                    problems.add(who.name() + " list " + c.name() + ": record " + id + " hides an email it may see");
                }
            }
            if (!seen.equals(access.listable())) {
                problems.add(who.name() + " lists " + c.name() + " as " + seen + " but its list rule allows "
                        + access.listable());
            }
        }
        for (String id : c.records().keySet()) {
            HttpResponse<String> res = get(base + "/" + ApiFuzzRequests.encode(id), who.token());
            int expected = access.viewable() == null ? 403 : access.viewable().contains(id) ? 200 : 404;
            if (res.statusCode() != expected) {
                problems.add(who.name() + " views " + c.name() + "/" + id + ": " + res.statusCode() + ", expected "
                        + expected);
            } else if (expected == 200) {
                oracle.checkRecord(who, c, access.viewable(), Json.parse(res.body()), false,
                        who.name() + " view " + c.name() + "/" + id).forEach(problems::add);
            } else if (expected == 403 && !res.body().equals(SUPERUSERS_ONLY)) {
                problems.add(who.name() + " views " + c.name() + "/" + id + ": " + abbreviate(res.body()));
            }
        }
        return problems;
    }

    /** Reads the collections and, as the superuser, every record of each. */
    private static ApiFuzzSchema readSchema() {
        HttpResponse<String> res = get("/api/collections?perPage=1000", superuserToken);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode collections = Json.parse(res.body());
        Map<String, Map<String, JsonNode>> records = new LinkedHashMap<>();
        for (JsonNode c : collections.path("items")) {
            String name = c.path("name").asString();
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            for (JsonNode r : listAll("/api/collections/" + name + "/records?perPage=1000", superuserToken)) {
                byId.put(r.path("id").asString(), r);
            }
            records.put(name, byId);
        }
        return new ApiFuzzSchema(collections, records);
    }

    /** The ids of the records of {@code c} that a superuser's {@code filter} matches, all pages. */
    private static Set<String> superuserFilterIds(Coll c, String filter) {
        Set<String> ids = new HashSet<>();
        String url = "/api/collections/" + c.name() + "/records?fields=id&perPage=1000&filter="
                + ApiFuzzRequests.encode(filter);
        listAll(url, superuserToken).forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    /** Every item of a list, following the pages; fails unless each page answers 200. */
    private static List<JsonNode> listAll(String url, String token) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> res = get(url + "&page=" + page, token);
            if (res.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " -> " + res.statusCode() + " " + res.body());
            }
            JsonNode json = Json.parse(res.body());
            json.path("items").forEach(items::add);
            if (page >= json.path("totalPages").asInt()) {
                return items;
            }
        }
    }

    private static HttpResponse<String> get(String url, String token) {
        return app.send("GET", url, token == null ? Map.of() : Map.of("Authorization", token), null);
    }

    private static HttpResponse<String> post(String url, String token, String body) {
        return app.send("POST", url, token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    /**
     * A superuser's auth token, made in-process (a password sign-in would spend seconds on the fixture's
     * bcrypt cost); the regular users' tokens then come from the impersonate endpoint over HTTP.
     */
    private static String superuserToken(String id) {
        dev.coffer.core.App core = app.coffer().app();
        var superusers = core.collections().find("_superusers").orElseThrow();
        return core.tokens().newAuthToken(core.records().findById(superusers, id).orElseThrow(), false);
    }

    private static String token(HttpResponse<String> res) {
        if (res.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + res.statusCode() + " " + res.body());
        }
        return Json.parse(res.body()).path("token").asString();
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
