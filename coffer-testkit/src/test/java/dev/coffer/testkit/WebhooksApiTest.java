package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.coffer.core.jobs.JobFailure;
import dev.coffer.tools.json.Json;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks and the job queue over HTTP with a running server (its job workers on): webhooks kept as records of
 * {@code _webhooks}, a record created through the API delivered signed to a local receiver, sign-in events, the
 * delivery log, test sends and redeliveries, and the superuser job API (list, stats, retry, cancel, purge).
 */
class WebhooksApiTest {

    private static final String SUPERUSER = ApiCalls.SUPERUSER;
    private static final String USER = ApiCalls.USER;

    private static TestApp app;
    private static HttpServer receiver;
    private static final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(new String[] {h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                h.getFirst("webhook-signature"), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        app = TestApp.fromFixture(c -> {
            c.app().jobs().handle("test:fails", job -> {
                throw JobFailure.permanent("always fails");
            });
            c.app().jobs().handle("test:ok", job -> {});
        });
    }

    @AfterAll
    static void stop() {
        app.close();
        receiver.stop(0);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) {
        return ApiCalls.send(app, method, path, token, body);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        return ApiCalls.ok(r);
    }

    private static String[] await(Predicate<JsonNode> which) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String[] r : received) {
                if (which.test(Json.parse(r[3]))) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such delivery arrived; got " + received.size());
    }

    private static boolean verifies(String secret, String[] r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((r[0] + "." + r[1] + "." + r[3]).getBytes(StandardCharsets.UTF_8)));
        return List.of(r[2].split(" ")).contains(expected);
    }

    @Test
    void onlySuperusersReachWebhooksAndJobs() {
        assertThat(send("GET", "/api/jobs", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/jobs", USER, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/webhooks/install", USER, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/webhooks/status", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aRecordCreatedThroughTheApiIsDeliveredSignedAndLogged() throws Exception {
        ok(send("POST", "/api/webhooks/install", SUPERUSER, null));
        assertThat(ok(send("GET", "/api/webhooks/status", SUPERUSER, null)).path("installed").asBoolean()).isTrue();
        assertThat(send("GET", "/api/collections/_webhooks/records", USER, null).statusCode()).isEqualTo(403);
        ok(send("POST", "/api/collections", SUPERUSER, """
                {"name":"orders","type":"base","createRule":"","listRule":"","viewRule":"",
                 "fields":[{"name":"total","type":"number"},{"name":"note","type":"text","hidden":true}]}"""));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        HttpResponse<String> bad = send("POST", "/api/collections/_webhooks/records", SUPERUSER,
                Json.write(Map.of("url", app.baseUrl() + "/api/collections", "events", List.of("*"), "enabled", true)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.parse(bad.body()).path("data").path("url").path("code").asString())
                .isEqualTo("validation_invalid_url");
        JsonNode hook = ok(send("POST", "/api/collections/_webhooks/records", SUPERUSER, Json.write(Map.of(
                "name", "orders feed", "url", url, "events", List.of("orders.create"),
                "filter", "total > 10", "enabled", true))));
        String secret = hook.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        ok(send("POST", "/api/collections/_webhooks/records", SUPERUSER, Json.write(Map.of(
                "name", "sign-ins", "url", url, "events", List.of("*.auth"), "enabled", true))));

        ok(send("POST", "/api/collections/orders/records", null, "{\"total\":5,\"note\":\"small\"}"));
        String big = ok(send("POST", "/api/collections/orders/records", null, "{\"total\":50,\"note\":\"x\"}"))
                .path("id").asString();
        String[] order = await(b -> b.path("type").asString().equals("orders.create"));
        JsonNode body = Json.parse(order[3]);
        assertThat(body.path("data").path("record").path("id").asString()).isEqualTo(big);
        assertThat(body.path("data").path("record").has("note")).isFalse();
        assertThat(verifies(secret, order)).isTrue();

        ok(send("POST", "/api/collections/clients/auth-with-password", null,
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}"));
        String[] auth = await(b -> b.path("type").asString().equals("clients.auth"));
        assertThat(Json.parse(auth[3]).path("data").path("record").path("email").asString())
                .isEqualTo("test@example.com");

        String hookId = hook.path("id").asString();
        String testId = ok(send("POST", "/api/webhooks/" + hookId + "/test", SUPERUSER, null)).path("messageId")
                .asString();
        await(b -> b.path("type").asString().equals("webhook.test"));
        assertThat(received.stream().filter(r -> r[0].equals(testId))).hasSize(1);
        assertThat(send("POST", "/api/webhooks/nope/test", SUPERUSER, null).statusCode()).isEqualTo(404);

        JsonNode log = waitForDeliveries(3);
        assertThat(log.path("items").valueStream().map(d -> d.path("event").asString()))
                .contains("orders.create", "clients.auth", "webhook.test");
        assertThat(log.path("items").valueStream().allMatch(d -> d.path("success").asBoolean())).isTrue();
        assertThat(ok(send("GET", "/api/collections/orders/records", null, null)).path("totalItems").asInt())
                .isEqualTo(2); // the 5 was stored, only not sent
        String orderDelivery = log.path("items").valueStream()
                .filter(d -> d.path("event").asString().equals("orders.create")).findFirst().orElseThrow()
                .path("id").asString();
        int before = received.size();
        ok(send("POST", "/api/webhooks/deliveries/" + orderDelivery + "/redeliver", SUPERUSER, null));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (received.size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received.get(received.size() - 1)[3]).isEqualTo(order[3]);
        assertThat(received.get(received.size() - 1)[0]).isEqualTo(order[0]);

        // the deliveries as the job queue's meters count them
        PrometheusText metrics;
        deadline = System.nanoTime() + 15_000_000_000L;
        do { // the last try is counted once its handler returns, a moment after the receiver has it
            metrics = PrometheusText.parse(send("GET", "/api/metrics", SUPERUSER, null).body());
        } while (metrics.value("coffer_jobs_runs_seconds_count", "type", "coffer:webhook", "outcome", "done")
                .orElse(0.0) < 4 && System.nanoTime() < deadline && sleep(20));
        assertThat(metrics.value("coffer_jobs_runs_seconds_count", "type", "coffer:webhook", "outcome", "done"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(4));
        assertThat(metrics.value("coffer_jobs_enqueued_total", "type", "coffer:webhook"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(4));
        assertThat(metrics.value("coffer_jobs_queued")).isPresent();
        assertThat(metrics.value("coffer_webhook_deliveries_seconds_count", "outcome", "success"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(4));
        assertThat(metrics.value("coffer_jobs", "state", "done"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(4));
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    private static JsonNode waitForDeliveries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonNode log;
        do {
            log = ok(send("GET", "/api/collections/_webhookDeliveries/records?perPage=100", SUPERUSER, null));
            if (log.path("totalItems").asInt() >= n) {
                return log;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return log;
    }

    @Test
    void superusersListRetryCancelAndPurgeJobs() throws Exception {
        var jobs = app.coffer().app().jobs();
        String failing = jobs.enqueue("test:fails", Json.parse("{\"n\":1}"));
        String later = jobs.enqueueAt("test:ok", Json.parse("{\"n\":2}"), Instant.now().plusSeconds(3600));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!ok(send("GET", "/api/jobs/" + failing, SUPERUSER, null)).path("state").asString().equals("dead")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        JsonNode dead = ok(send("GET", "/api/jobs?state=dead&type=test:fails", SUPERUSER, null));
        assertThat(dead.path("items").valueStream().map(j -> j.path("id").asString())).contains(failing);
        assertThat(dead.path("items").get(0).path("lastError").asString()).isEqualTo("always fails");
        JsonNode stats = ok(send("GET", "/api/jobs/stats", SUPERUSER, null));
        assertThat(stats.path("counts").path("dead").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("types").valueStream().map(JsonNode::asString)).contains("test:fails", "test:ok");

        // a paused instance takes no jobs until resumed
        assertThat(send("POST", "/api/jobs/pause", SUPERUSER, null).statusCode()).isEqualTo(204);
        assertThat(ok(send("GET", "/api/jobs/stats", SUPERUSER, null)).path("paused").asBoolean()).isTrue();
        String held = jobs.enqueue("test:ok", Json.parse("{\"n\":3}"));
        Thread.sleep(1500); // longer than the workers' poll interval
        assertThat(ok(send("GET", "/api/jobs/" + held, SUPERUSER, null)).path("state").asString()).isEqualTo("pending");
        assertThat(send("POST", "/api/jobs/resume", USER, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/jobs/resume", SUPERUSER, null).statusCode()).isEqualTo(204);
        deadline = System.nanoTime() + 15_000_000_000L;
        while (!ok(send("GET", "/api/jobs/" + held, SUPERUSER, null)).path("state").asString().equals("done")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ok(send("GET", "/api/jobs/" + held, SUPERUSER, null)).path("state").asString()).isEqualTo("done");

        assertThat(send("POST", "/api/jobs/" + later + "/retry", SUPERUSER, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/jobs/" + later + "/cancel", SUPERUSER, null).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/api/jobs/" + later + "/cancel", SUPERUSER, null).statusCode()).isEqualTo(400);
        assertThat(ok(send("GET", "/api/jobs/" + later, SUPERUSER, null)).path("state").asString())
                .isEqualTo("cancelled");
        assertThat(send("POST", "/api/jobs/" + failing + "/retry", SUPERUSER, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/jobs/missing", SUPERUSER, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/jobs?state=bogus", SUPERUSER, null).statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "/api/jobs?state=pending", SUPERUSER, null).statusCode()).isEqualTo(400);
        assertThat(ok(send("DELETE", "/api/jobs?state=cancelled", SUPERUSER, null)).path("deleted").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(send("GET", "/api/jobs/" + later, SUPERUSER, null).statusCode()).isEqualTo(404);
    }
}
