package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.logs.LogEntry;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The logs and crons endpoints over HTTP, and the request log that every request writes. */
class LogsCronsApiTest {

    /** The fixture's long-lived auth token of users/4q1xlclmfloku33. */
    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    /** The one log row of the fixture's auxiliary.db: older than logs.maxDays, so gone once the app starts. */
    private static final String FIXTURE_LOG = "zqj48gjhf7zj0nk";
    /** A log row each test starts with, an hour old. */
    private static final String KNOWN_LOG = "knownlog0000001";

    private final Instant knownLogTime = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

    private TestApp app;
    private String superuser;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
        HttpResponse<String> r = app.send("POST", "/api/collections/_superusers/auth-with-password", Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        superuser = json(r).path("token").asString();
        ObjectNode data = Json.object().put("type", "request").put("auth", "_superusers");
        assertThat(app.coffer().app().logger().batcher().offer(new LogEntry(KNOWN_LOG, DateTime.format(knownLogTime),
                0, "PATCH /api/settings", data))).isTrue();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String token) {
        return app.send(method, path, token == null ? Map.of() : Map.of("Authorization", token), null);
    }

    private void flushLogs() throws InterruptedException {
        assertThat(app.coffer().app().logger().batcher().flush(5000)).isTrue();
    }

    private void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("message").asString()).isEqualTo(message);
        assertThat(body.path("data").isObject()).isTrue();
    }

    @Test
    void onlySuperusersReachLogsAndCrons() {
        for (String[] route : new String[][] {{"GET", "/api/logs"}, {"GET", "/api/logs/stats"},
                {"GET", "/api/logs/" + FIXTURE_LOG}, {"DELETE", "/api/logs"}, {"GET", "/api/crons"},
                {"POST", "/api/crons/__pbDBOptimize__"}}) {
            assertError(send(route[0], route[1], null), 401, "The request requires valid record authorization token.");
            assertError(send(route[0], route[1], USER_TOKEN), 403,
                    "The authorized record is not allowed to perform this action.");
        }
    }

    @Test
    void aRequestWritesOneLogRowThatTheListFinds() throws Exception {
        assertThat(app.send("GET", "/api/health?perPage=1", Map.of("User-Agent", "logs-test",
                "Referer", "http://ref.test/"), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/collections/missing/records", USER_TOKEN).statusCode()).isEqualTo(404);
        flushLogs();

        HttpResponse<String> r = send("GET", "/api/logs?filter=" + enc("data.userAgent='logs-test'"), superuser);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = json(r);
        assertThat(list.path("totalItems").asInt()).isEqualTo(1);
        JsonNode row = list.path("items").get(0);
        assertThat(row.path("message").asString()).isEqualTo("GET /api/health?perPage=1");
        assertThat(row.path("level").asInt()).isEqualTo(LogEntry.INFO);
        JsonNode data = row.path("data");
        assertThat(data.path("type").asString()).isEqualTo("request");
        assertThat(data.path("method").asString()).isEqualTo("GET");
        assertThat(data.path("url").asString()).isEqualTo("/api/health?perPage=1");
        assertThat(data.path("status").asInt()).isEqualTo(200);
        assertThat(data.path("execTime").isNumber()).isTrue();
        assertThat(data.path("auth").asString()).isEmpty();
        assertThat(data.path("referer").asString()).isEqualTo("http://ref.test/");
        assertThat(data.has("userIP")).isFalse(); // the fixture's logs.logIP is false

        JsonNode failed = json(send("GET", "/api/logs?filter=" + enc("data.status=404 && data.auth='users'"),
                superuser)).path("items");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("level").asInt()).isEqualTo(LogEntry.ERROR);
        assertThat(failed.get(0).path("data").path("error").asString())
                .isEqualTo("Missing collection context.");
        assertThat(failed.get(0).path("data").path("details").isObject()).isTrue();

        // successful calls of the logs API are not logged themselves
        flushLogs();
        assertThat(json(send("GET", "/api/logs?filter=" + enc("message~'/api/logs'"), superuser))
                .path("totalItems").asInt()).isZero();
    }

    @Test
    void listingSortsPagesAndRefusesBadFilters() throws Exception {
        send("GET", "/api/health?a=1", null);
        send("GET", "/api/health?a=2", null);
        flushLogs();
        HttpResponse<String> r = send("GET", "/api/logs?sort=-created,-@rowid&perPage=2&filter="
                + enc("message~'/api/health'"), superuser);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = json(r);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("perPage").asInt()).isEqualTo(2);
        assertThat(page.path("totalItems").asInt()).isEqualTo(2);
        assertThat(page.path("totalPages").asInt()).isEqualTo(1);
        JsonNode sorted = json(send("GET", "/api/logs?sort=message&filter=" + enc("message~'/api/health'"),
                superuser)).path("items");
        assertThat(sorted.get(0).path("message").asString()).isEqualTo("GET /api/health?a=1");
        assertThat(sorted.get(1).path("message").asString()).isEqualTo("GET /api/health?a=2");

        assertError(send("GET", "/api/logs?filter=" + enc("unknown=1"), superuser), 400,
                "Something went wrong while processing your request.");
        assertError(send("GET", "/api/logs?sort=unknown", superuser), 400,
                "Something went wrong while processing your request.");
        assertError(send("GET", "/api/logs/stats?filter=" + enc("level >"), superuser), 400, "Invalid filter format.");
    }

    @Test
    void statsCountPerHour() throws Exception {
        flushLogs();
        HttpResponse<String> r = send("GET", "/api/logs/stats", superuser);
        assertThat(r.statusCode()).isEqualTo(200);
        String hour = DateTime.format(knownLogTime.truncatedTo(ChronoUnit.HOURS));
        assertThat(r.body()).contains("{\"total\":1,\"date\":\"" + hour + "\"}");
        JsonNode none = json(send("GET", "/api/logs/stats?filter=" + enc("level > 100"), superuser));
        assertThat(none.isArray()).isTrue();
        assertThat(none).isEmpty();
    }

    @Test
    void viewReturnsOneRowOr404() throws Exception {
        flushLogs();
        HttpResponse<String> r = send("GET", "/api/logs/" + KNOWN_LOG, superuser);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode log = json(r);
        assertThat(log.path("id").asString()).isEqualTo(KNOWN_LOG);
        assertThat(log.path("message").asString()).isEqualTo("PATCH /api/settings");
        assertThat(log.path("created").asString()).isEqualTo(DateTime.format(knownLogTime));
        assertThat(log.path("data").path("auth").asString()).isEqualTo("_superusers");
        assertError(send("GET", "/api/logs/missing", superuser), 404, "The requested resource wasn't found.");
        // as in PocketBase, loading the settings at start dropped the fixture's row, older than logs.maxDays (5)
        assertError(send("GET", "/api/logs/" + FIXTURE_LOG, superuser), 404, "The requested resource wasn't found.");
    }

    @Test
    void deleteRemovesEveryLog() throws Exception {
        // the logs of earlier requests are written in the background: let them land first, so the delete meets them
        flushLogs();
        assertThat(core().logs().list("", "", 1, 1, false).totalItems()).isPositive();
        assertThat(send("DELETE", "/api/logs", superuser).statusCode()).isEqualTo(204);
        // only the delete request's own log may have been written since
        JsonNode left = json(send("GET", "/api/logs?filter=" + enc("message!~'DELETE /api/logs'"), superuser));
        assertThat(left.path("totalItems").asInt()).isZero();
    }

    private dev.coffer.core.App core() {
        return app.coffer().app();
    }

    @Test
    void noLogsWhenMaxDaysIsZero() throws Exception {
        var core = app.coffer().app();
        flushLogs();
        long before = core.logs().list("", "", 1, 30, false).totalItems();
        core.replaceSettings(core.settings().withPatch((ObjectNode) Json.parse("{\"logs\":{\"maxDays\":0}}")));
        app.send("GET", "/api/health", Map.of("User-Agent", "off-test"), null);
        send("GET", "/api/collections/missing/records", null);
        flushLogs();
        assertThat(core.logs().list("", "", 1, 30, false).totalItems()).isEqualTo(before);
    }

    @Test
    void logIpAndAuthIdFollowTheSettings() throws Exception {
        var core = app.coffer().app();
        core.replaceSettings(core.settings().withPatch(
                (ObjectNode) Json.parse("{\"logs\":{\"logIP\":true,\"logAuthId\":true}}")));
        send("GET", "/api/collections/demo1/records?ipcheck=1", USER_TOKEN);
        flushLogs();
        JsonNode data = core.logs().list("message~'ipcheck'", "", 1, 1, false).items().get(0).data();
        assertThat(data.path("auth").asString()).isEqualTo("users");
        assertThat(data.path("authId").asString()).isEqualTo("4q1xlclmfloku33");
        assertThat(data.path("userIP").asString()).isEqualTo("127.0.0.1");
        assertThat(data.path("remoteIP").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void cronsAreListedWithBuiltInsLastAndRunOnDemand() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        app.coffer().app().cron().add("myJob", "*/5 * * * *", ran::countDown);
        app.coffer().app().cron().add("aJob", "@daily", () -> { });
        HttpResponse<String> r = send("GET", "/api/crons", superuser);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("[{\"id\":\"aJob\",\"expression\":\"@daily\"},"
                + "{\"id\":\"myJob\",\"expression\":\"*/5 * * * *\"}");
        // the app's jobs by id, then the built-in ones in PocketBase's registration order
        assertThat(json(r).findValuesAsString("id")).containsExactly("aJob", "myJob", "__pbDBOptimize__",
                "__pbMFACleanup__", "__pbOTPCleanup__", "__pbLogsCleanup__");

        assertThat(send("POST", "/api/crons/myJob", superuser).statusCode()).isEqualTo(204);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertError(send("POST", "/api/crons/nope", superuser), 404, "Missing or invalid cron job.");
        assertThat(send("POST", "/api/crons/__pbDBOptimize__", superuser).statusCode()).isEqualTo(204);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
