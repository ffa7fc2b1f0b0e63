package dev.coffer.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.jobs.JobState;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.record.Record;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Webhooks against a local receiver: outbox, signatures, retries on a test clock, disabling, URL checks. */
class WebhooksTest {

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private final List<Received> flaky = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyAnswer = new AtomicInteger(500);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private App app;
    private Collection notes;

    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            byte[] out = ("{\"got\":" + received.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        receiver.createContext("/flaky", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            flaky.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(flakyAnswer.get(), -1);
            exchange.close();
        });
        receiver.start();
        app = App.open(AppConfig.of(dir));
        app.jobs().clock(() -> now.get());
        app.webhooks().install();
        notes = new CollectionService(app).create((ObjectNode) Json.parse("{\"name\":\"notes\",\"fields\":["
                + "{\"name\":\"title\",\"type\":\"text\"},{\"name\":\"secretNote\",\"type\":\"text\",\"hidden\":true}]}"));
    }

    @AfterEach
    void stop() {
        app.close();
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private Record webhook(String events, String filter) {
        Record w = new Record(app.collections().find(Webhooks.WEBHOOKS).orElseThrow());
        w.set("name", "test");
        w.set("url", url());
        w.set("events", events);
        w.set("filter", filter);
        w.set("headers", "{\"X-Team\":\"blue\"}");
        w.set("enabled", true);
        app.save(w);
        return w;
    }

    private Record note(String title) {
        Record r = new Record(notes);
        r.set("title", title);
        r.set("secretNote", "hush");
        app.save(r);
        return r;
    }

    private List<Record> deliveries() {
        return app.records().query(app.collections().find(Webhooks.DELIVERIES).orElseThrow(), "", List.of(), 0);
    }

    /** The Standard Webhooks check, written from the spec: HMAC-SHA256 of id.timestamp.body with the decoded key. */
    private static boolean verifies(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        for (String part : r.header("webhook-signature").split(" ")) {
            if (part.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aMatchingChangeIsDeliveredSignedWithTheRecordAndItsPreviousValues() throws Exception {
        Record hook = webhook("[\"notes.create\",\"notes.update\"]", "title != 'skip'");
        String secret = hook.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSignature.isValid(secret)).isTrue();

        Record n = note("hello");
        note("skip"); // filtered out
        assertThat(app.jobs().counts().get(JobState.PENDING)).isEqualTo(1);
        assertThat(app.jobs().runDue()).isEqualTo(1);
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(verifies(secret, r)).isTrue();
        assertThat(r.header("webhook-id")).startsWith("msg_");
        assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(now.get().getEpochSecond()));
        assertThat(r.header("X-Team")).isEqualTo("blue");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("type").asString()).isEqualTo("notes.create");
        assertThat(body.path("data").path("record").path("title").asString()).isEqualTo("hello");
        assertThat(body.path("data").path("record").has("secretNote")).isFalse();
        assertThat(body.path("data").path("previous").isNull()).isTrue();

        n.set("title", "hello again");
        app.save(n);
        app.jobs().runDue();
        JsonNode update = Json.parse(received.get(1).body());
        assertThat(update.path("type").asString()).isEqualTo("notes.update");
        assertThat(update.path("data").path("record").path("title").asString()).isEqualTo("hello again");
        assertThat(update.path("data").path("previous").path("title").asString()).isEqualTo("hello");

        app.delete(n); // not subscribed
        assertThat(app.jobs().runDue()).isZero();

        List<Record> log = deliveries();
        assertThat(log).hasSize(2);
        assertThat(log).allSatisfy(d -> {
            assertThat(d.getBool("success")).isTrue();
            assertThat(d.getString("webhook")).isEqualTo(hook.id());
            assertThat(((Number) d.get("status")).intValue()).isEqualTo(200);
            assertThat(d.getString("response")).startsWith("{\"got\":");
        });
    }

    @Test
    void aChangeThatRollsBackSendsNothing() {
        webhook("[\"*\"]", "");
        assertThatThrownBy(() -> app.db().write(c -> {
            note("doomed");
            throw new IllegalStateException("abort");
        })).hasMessageContaining("abort");
        assertThat(app.jobs().runDue()).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void failedDeliveriesAreRetriedOnTheScheduleAndLogged() {
        Record hook = webhook("[\"notes.*\"]", "");
        answer.set(500);
        note("a");
        app.jobs().runDue();
        assertThat(received).hasSize(1);
        Record first = deliveries().get(0);
        assertThat(first.getBool("success")).isFalse();
        assertThat(((Number) first.get("status")).intValue()).isEqualTo(500);
        assertThat(first.getString("nextAttempt")).isEqualTo("2030-01-01 00:00:05.000Z");
        assertThat(app.webhooks().webhookRecord(hook.id()).orElseThrow().getString("failingSince")).isNotEmpty();

        now.set(now.get().plusSeconds(4));
        assertThat(app.jobs().runDue()).isZero();
        now.set(now.get().plusSeconds(1));
        assertThat(app.jobs().runDue()).isEqualTo(1); // second try after 5 s
        now.set(now.get().plus(Duration.ofMinutes(5)));
        answer.set(204);
        assertThat(app.jobs().runDue()).isEqualTo(1); // third try after 5 min succeeds
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("webhook-id")).containsOnly(received.get(0).header("webhook-id"));
        assertThat(deliveries()).extracting(d -> ((Number) d.get("attempt")).intValue()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(app.webhooks().webhookRecord(hook.id()).orElseThrow().getString("failingSince")).isEmpty();
    }

    @Test
    void aGoneReceiverDisablesTheWebhookAndLongFailureDisablesAndMails() {
        Record hook = webhook("[\"notes.create\"]", "");
        answer.set(410);
        note("a");
        app.jobs().runDue();
        Record disabled = app.webhooks().webhookRecord(hook.id()).orElseThrow();
        assertThat(disabled.getBool("enabled")).isFalse();
        assertThat(disabled.getString("disabledReason")).contains("410");
        note("b"); // a disabled webhook gets nothing
        assertThat(app.jobs().runDue()).isZero();

        List<MailMessage> mails = new ArrayList<>();
        app.setMailer(mails::add);
        new dev.coffer.core.auth.Superusers(app).upsert("ops@example.com", "1234567890");
        disabled.set("enabled", true);
        app.save(disabled);
        answer.set(503);
        note("c");
        app.jobs().runDue(); // failing since now
        now.set(now.get().plus(Duration.ofDays(6)));
        note("d");
        app.jobs().runDue();
        Record off = app.webhooks().webhookRecord(hook.id()).orElseThrow();
        assertThat(off.getBool("enabled")).isFalse();
        assertThat(off.getString("disabledReason")).contains("5 days");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).to()).contains("ops@example.com");
        assertThat(mails.get(0).subject()).contains("Webhook disabled");
    }

    @Test
    void targetsAndFieldsAreChecked() {
        app.webhooks().serverAddress("http://127.0.0.1:8090");
        Collection hooks = app.collections().find(Webhooks.WEBHOOKS).orElseThrow();
        for (String bad : List.of("ftp://example.com/x", "http://localhost:8090/api/collections",
                "http://[::1]:8090/x", "http://0.0.0.0:8090/", "http://user:pw@example.com/")) {
            Record w = new Record(hooks);
            w.set("url", bad);
            w.set("events", "[\"*\"]");
            assertThatThrownBy(() -> app.save(w)).as(bad).isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).errors()).containsKey("url"));
        }
        Record w = new Record(hooks);
        w.set("url", "https://example.com/hook");
        w.set("events", "[\"posts.publish\"]");
        w.set("filter", "title = ");
        w.set("headers", "{\"X\": 1}");
        w.set("secret", "nope");
        assertThatThrownBy(() -> app.save(w)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors())
                        .containsKeys("events", "filter", "headers", "secret"));
    }

    @Test
    void aRotatedSecretKeepsSigningBesideTheNewOneForADay() throws Exception {
        Record hook = webhook("[\"notes.create\"]", "");
        String old = hook.getString("secret");
        String fresh = WebhookSignature.newSecret();
        hook.set("secret", fresh);
        app.save(hook);
        note("a");
        app.jobs().runDue();
        Received r = received.get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(fresh, r)).isTrue();
        assertThat(verifies(old, r)).isTrue();

        now.set(now.get().plus(Duration.ofHours(25)));
        app.webhooks().forget();
        note("b");
        app.jobs().runDue();
        Received later = received.get(1);
        assertThat(later.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(verifies(fresh, later)).isTrue();
        assertThat(verifies(old, later)).isFalse();
    }

    @Test
    void aTestEventAndARedeliveryGoThroughTheQueue() {
        Record hook = webhook("[\"notes.create\"]", "");
        app.webhooks().sendTest(hook.id());
        app.jobs().runDue();
        assertThat(Json.parse(received.get(0).body()).path("type").asString()).isEqualTo("webhook.test");
        note("x");
        app.jobs().runDue();
        Record sent = deliveries().stream().filter(d -> d.getString("event").equals("notes.create")).findFirst()
                .orElseThrow();
        app.webhooks().redeliver(sent.id());
        app.jobs().runDue();
        assertThat(received).hasSize(3);
        assertThat(received.get(2).body()).isEqualTo(received.get(1).body());
        assertThat(received.get(2).header("webhook-id")).isEqualTo(received.get(1).header("webhook-id"));
    }

    @Test
    void anEventForSeveralWebhooksIsOneStoredJobAndAFailedTargetRetriesAlone() {
        webhook("[\"notes.create\"]", "");
        webhook("[\"notes.*\"]", "");
        Record failing = webhook("[\"*\"]", "");
        failing.set("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/flaky");
        app.save(failing);
        app.webhooks().forget();
        note("fan");
        assertThat(app.jobs().counts().get(JobState.PENDING)).isEqualTo(1); // one job for three deliveries
        assertThat(app.jobs().runDue()).isEqualTo(1);
        assertThat(received).hasSize(2);
        assertThat(flaky).hasSize(1);
        assertThat(received.get(0).header("webhook-id")).isNotEqualTo(received.get(1).header("webhook-id"));
        assertThat(app.jobs().list(JobState.PENDING, Webhooks.JOB_TYPE, 1, 10).items()).hasSize(1);
        Record firstTry = deliveries().stream().filter(d -> !d.getBool("success")).findFirst().orElseThrow();
        assertThat(((Number) firstTry.get("attempt")).intValue()).isEqualTo(1);
        assertThat(firstTry.getString("nextAttempt")).isEqualTo("2030-01-01 00:00:05.000Z");

        flakyAnswer.set(200);
        now.set(now.get().plusSeconds(5));
        assertThat(app.jobs().runDue()).isEqualTo(1);
        assertThat(received).hasSize(2); // the others are not sent again
        assertThat(flaky).hasSize(2);
        assertThat(flaky.get(1).header("webhook-id")).isEqualTo(flaky.get(0).header("webhook-id"));
        assertThat(flaky.get(1).body()).isEqualTo(flaky.get(0).body());
        Record secondTry = deliveries().stream().filter(d -> d.getBool("success")
                && d.getString("url").endsWith("/flaky")).findFirst().orElseThrow();
        assertThat(((Number) secondTry.get("attempt")).intValue()).isEqualTo(2);
        assertThat(app.jobs().counts().get(JobState.PENDING)).isZero();
    }
}
