package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/metrics} over HTTP, its text parsed: requests counted by route pattern, method and status with
 * histogram buckets; the JVM's, the databases', the log writer's and the realtime broker's meters; OpenMetrics on
 * request; and who may scrape (superusers, the metrics token, allowed IPs).
 */
class MetricsApiTest {

    private static final String SUPERUSER = ApiCalls.SUPERUSER;
    private static final String RECORDS = "/api/collections/{collection}/records";
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) {
        return ApiCalls.send(app, method, path, token, body);
    }

    private static PrometheusText scrape() {
        HttpResponse<String> r = send("GET", "/api/metrics", SUPERUSER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static double requests(PrometheusText t, String route, String method, int status) {
        return t.value("coffer_http_requests_seconds_count", "route", route, "method", method, "status",
                Integer.toString(status)).orElse(0.0);
    }

    @Test
    void requestsAreCountedByRoutePatternMethodAndStatus() {
        PrometheusText before = scrape();
        for (int i = 0; i < 7; i++) {
            ApiCalls.ok(send("GET", "/api/collections/demo1/records?perPage=1", SUPERUSER, null));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/api/collections/demo1/records", null, null).statusCode()).isEqualTo(403);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(send("GET", "/api/no/such/route/" + i, null, null).statusCode()).isEqualTo(404);
        }
        assertThat(send("POST", "/api/collections/demo1/records", SUPERUSER, "{not json").statusCode())
                .isEqualTo(400);
        PrometheusText after = scrape();

        assertThat(requests(after, RECORDS, "GET", 200) - requests(before, RECORDS, "GET", 200)).isEqualTo(7);
        assertThat(requests(after, RECORDS, "GET", 403) - requests(before, RECORDS, "GET", 403)).isEqualTo(3);
        assertThat(requests(after, "NOT_FOUND", "GET", 404) - requests(before, "NOT_FOUND", "GET", 404)).isEqualTo(2);
        assertThat(requests(after, RECORDS, "POST", 400) - requests(before, RECORDS, "POST", 400)).isEqualTo(1);
        // the scrape before this one was counted under its own route
        assertThat(requests(after, "/api/metrics", "GET", 200)).isGreaterThanOrEqualTo(1);
        // a raw path never becomes a label
        assertThat(after.find("coffer_http_requests_seconds_count"))
                .allSatisfy(s -> assertThat(s.labels().get("route")).doesNotContain("demo1", "no/such"));

        var buckets = after.find("coffer_http_requests_seconds_bucket", "route", RECORDS, "method", "GET",
                "status", "200");
        assertThat(buckets).extracting(s -> s.labels().get("le")).contains("0.001", "0.005", "0.1", "1.0", "+Inf");
        double count = after.value("coffer_http_requests_seconds_count", "route", RECORDS, "method", "GET", "status",
                "200").orElseThrow();
        assertThat(after.value("coffer_http_requests_seconds_bucket", "route", RECORDS, "method", "GET", "status",
                "200", "le", "+Inf")).hasValue(count);
        assertThat(after.value("coffer_http_requests_seconds_sum", "route", RECORDS, "method", "GET", "status",
                "200").orElseThrow()).isPositive();
    }

    @Test
    void jvmDatabaseLogAndRealtimeMetersArePresent() throws Exception {
        PrometheusText t = scrape();
        assertThat(t.find("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(t.find("jvm_gc_memory_allocated_bytes_total")).isNotEmpty();
        assertThat(t.value("jvm_threads_live_threads").orElseThrow()).isPositive();
        assertThat(t.find("jvm_classes_loaded_classes")).isNotEmpty();
        assertThat(t.find("process_uptime_seconds")).isNotEmpty();
        assertThat(t.find("system_cpu_count")).isNotEmpty();

        assertThat(t.value("coffer_db_pool_max", "db", "data").orElseThrow()).isPositive();
        assertThat(t.find("coffer_db_pool_connections", "db", "data", "state", "idle")).hasSize(1);
        assertThat(t.find("coffer_db_pool_pending", "db", "data")).hasSize(1);
        assertThat(t.value("coffer_db_transactions_seconds_count", "db", "data", "kind", "read", "outcome",
                "success").orElseThrow()).isPositive();
        assertThat(t.find("coffer_db_transactions_seconds_bucket", "db", "data", "kind", "write")).isNotEmpty();
        assertThat(t.find("coffer_db_connection_wait_seconds_count", "db", "data", "kind", "write")).hasSize(1);
        if (TestDatabases.onServer()) {
            assertThat(t.find("coffer_db_wal_size_bytes")).isEmpty();
        } else {
            assertThat(t.value("coffer_db_wal_size_bytes", "db", "data").orElseThrow()).isGreaterThanOrEqualTo(0);
            assertThat(t.value("coffer_db_wal_size_bytes", "db", "auxiliary")).isPresent();
            assertThat(t.value("coffer_db_pool_max", "db", "auxiliary")).isPresent();
        }
        assertThat(t.value("coffer_logs_dropped_total")).isPresent();
        assertThat(t.value("coffer_logs_written_total")).isPresent();
        assertThat(t.value("coffer_logs_queued")).isPresent();

        double clients = t.value("coffer_realtime_clients").orElseThrow();
        double sent = t.value("coffer_realtime_messages_sent_total").orElseThrow();
        HttpResponse<Stream<String>> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines());
        try {
            Iterator<String> lines = sse.body().iterator();
            while (!lines.next().startsWith("event:PB_CONNECT")) {
                // until the client is registered
            }
            app.coffer().realtime().clients().forEach(c -> c.send(new Message("custom", "{}")));
            PrometheusText connected = scrape();
            assertThat(connected.value("coffer_realtime_clients").orElseThrow()).isEqualTo(clients + 1);
            assertThat(connected.value("coffer_realtime_messages_sent_total").orElseThrow()).isEqualTo(sent + 1);
            assertThat(connected.value("coffer_realtime_clients_dropped_total")).isPresent();
        } finally {
            sse.body().close();
        }
    }

    @Test
    void openMetricsIsServedWhenAskedFor() {
        HttpResponse<String> r = app.send("GET", "/api/metrics", Map.of("Authorization", SUPERUSER, "Accept",
                "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5"), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(r.body()).endsWith("# EOF\n");
        assertThat(PrometheusText.parse(r.body()).find("jvm_threads_live_threads")).isNotEmpty();
    }

    @Test
    void superusersAllowedIpsAndTheTokenMayScrape() {
        HttpResponse<String> guest = send("GET", "/api/metrics", null, null);
        assertThat(guest.statusCode()).isEqualTo(401);
        JsonNode error = Json.parse(guest.body());
        assertThat(error.path("status").asInt()).isEqualTo(401);
        assertThat(error.path("message").asString()).isNotEmpty();
        assertThat(error.path("data").isObject()).isTrue();
        assertThat(send("GET", "/api/metrics", ApiCalls.USER, null).statusCode()).isEqualTo(403);
        HttpResponse<String> superuser = send("GET", "/api/metrics", SUPERUSER, null);
        assertThat(superuser.statusCode()).isEqualTo(200);
        assertThat(superuser.headers().firstValue("content-type")).hasValue(TEXT_FORMAT);
        // Coffer's section is not in the settings until it is set
        assertThat(ApiCalls.ok(send("GET", "/api/settings", SUPERUSER, null)).has("metrics")).isFalse();

        try {
            HttpResponse<String> shortToken = send("PATCH", "/api/settings", SUPERUSER,
                    "{\"metrics\":{\"token\":\"short\"}}");
            assertThat(shortToken.statusCode()).isEqualTo(400);
            assertThat(Json.parse(shortToken.body()).path("data").path("metrics").path("token").path("code")
                    .asString()).isEqualTo("validation_min_text_constraint");
            JsonNode saved = ApiCalls.ok(send("PATCH", "/api/settings", SUPERUSER,
                    "{\"metrics\":{\"token\":\"scrape-me-0123456789\",\"allowedIPs\":[\"10.0.0.0/8\"]}}"));
            assertThat(saved.path("metrics").has("token")).isFalse();
            assertThat(saved.path("metrics").path("allowedIPs").get(0).asString()).isEqualTo("10.0.0.0/8");
            assertThat(ApiCalls.ok(send("GET", "/api/settings", SUPERUSER, null)).path("metrics").has("token"))
                    .isFalse();

            HttpResponse<String> token = send("GET", "/api/metrics", "Bearer scrape-me-0123456789", null);
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(PrometheusText.parse(token.body()).find("jvm_memory_used_bytes")).isNotEmpty();
            assertThat(send("GET", "/api/metrics", "Bearer scrape-me-0123456780", null).statusCode()).isEqualTo(401);
            assertThat(send("GET", "/api/metrics", null, null).statusCode()).isEqualTo(401);

            ApiCalls.ok(send("PATCH", "/api/settings", SUPERUSER,
                    "{\"metrics\":{\"allowedIPs\":[\"10.0.0.0/8\",\"127.0.0.1\"]}}"));
            assertThat(send("GET", "/api/metrics", null, null).statusCode()).isEqualTo(200);
            HttpResponse<String> badIp = send("PATCH", "/api/settings", SUPERUSER,
                    "{\"metrics\":{\"allowedIPs\":[\"10.0.0.0/33\"]}}");
            assertThat(badIp.statusCode()).isEqualTo(400);
            assertThat(Json.parse(badIp.body()).path("data").path("metrics").path("allowedIPs").has("0")).isTrue();
        } finally {
            ApiCalls.ok(send("PATCH", "/api/settings", SUPERUSER, "{\"metrics\":{\"allowedIPs\":[],\"token\":\"\"}}"));
        }
        assertThat(send("GET", "/api/metrics", null, null).statusCode()).isEqualTo(401);
    }
}
