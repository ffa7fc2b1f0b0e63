package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/events} and the replay of an events-mode collection over HTTP: reading after a cursor, paging, a long
 * poll woken by a change, the events rule, what followers see of hidden and read-ruled fields, hostile parameters,
 * and a table dropped and rebuilt from its log with the same rows.
 */
class EventsApiTest {

    private static final String SUPERUSER = ApiCalls.SUPERUSER;
    private static final String USER = ApiCalls.USER;

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
        ok(send("POST", "/api/collections", SUPERUSER, """
                {"name":"ledger","type":"base","mode":"events","listRule":"","viewRule":"",
                 "eventsRule":"@request.auth.collectionName = 'users'",
                 "fields":[{"name":"title","type":"text"},{"name":"amount","type":"number"},
                   {"name":"internal","type":"text","hidden":true},
                   {"name":"pin","type":"text","readRule":null,"mask":"redact"},
                   {"name":"created","type":"autodate","onCreate":true},
                   {"name":"updated","type":"autodate","onCreate":true,"onUpdate":true}]}"""));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return ApiCalls.send(app, method, path, token, body);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        return ApiCalls.ok(r);
    }

    private String create(String title, double amount) {
        return ok(send("POST", "/api/collections/ledger/records", SUPERUSER, Json.write(Map.of("title", title,
                "amount", amount, "internal", "internal-" + title, "pin", "pin-" + title)))).path("id").asString();
    }

    @Test
    void eventsAreReadAfterACursorInOrderAndPaged() {
        String a = create("a", 1);
        String b = create("b", 2);
        ok(send("PATCH", "/api/collections/ledger/records/" + a, SUPERUSER, "{\"amount\":5}"));
        JsonNode all = ok(send("GET", "/api/events?collection=ledger", SUPERUSER, null));
        assertThat(all.path("items").valueStream().map(i -> i.path("recordId").asString() + ":"
                + i.path("action").asString())).containsExactly(a + ":create", b + ":create", a + ":update");
        assertThat(all.path("items").get(2).path("changes").path("amount").toString())
                .isEqualTo("{\"old\":1,\"new\":5}");
        assertThat(all.path("items").get(0).path("collectionName").asString()).isEqualTo("ledger");
        long last = all.path("cursor").asLong();
        assertThat(last).isEqualTo(all.path("items").get(2).path("id").asLong());

        JsonNode page1 = ok(send("GET", "/api/events?collection=ledger&limit=2", SUPERUSER, null));
        assertThat(page1.path("items")).hasSize(2);
        JsonNode page2 = ok(send("GET", "/api/events?collection=ledger&limit=2&after="
                + page1.path("cursor").asLong(), SUPERUSER, null));
        assertThat(page2.path("items")).hasSize(1);
        assertThat(page2.path("items").get(0).path("action").asString()).isEqualTo("update");
        JsonNode none = ok(send("GET", "/api/events?collection=ledger&after=" + last, SUPERUSER, null));
        assertThat(none.path("items")).isEmpty();
        assertThat(none.path("cursor").asLong()).isEqualTo(last);
        // without a collection a superuser follows every change, the schema's too
        assertThat(ok(send("GET", "/api/events", SUPERUSER, null)).path("items").valueStream()
                .anyMatch(i -> i.path("collectionId").asString().equals("_collections"))).isTrue();
    }

    @Test
    void aLongPollReturnsWithTheNextChange() throws Exception {
        create("a", 1);
        long cursor = ok(send("GET", "/api/events?collection=ledger", SUPERUSER, null)).path("cursor").asLong();
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> send("GET",
                "/api/events?collection=ledger&wait=20&after=" + cursor, SUPERUSER, null));
        Thread.sleep(300);
        assertThat(poll.isDone()).isFalse();
        String b = create("b", 2);
        JsonNode woken = ok(poll.get(10, TimeUnit.SECONDS));
        assertThat(woken.path("items").get(0).path("recordId").asString()).isEqualTo(b);
        long started = System.nanoTime();
        JsonNode empty = ok(send("GET", "/api/events?collection=ledger&wait=1&after=" + woken.path("cursor").asLong(),
                SUPERUSER, null));
        assertThat(empty.path("items")).isEmpty();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
    }

    /** Opens an SSE stream of the ledger's events and collects its lines. */
    private java.util.concurrent.BlockingQueue<String> stream(String lastEventId,
            java.util.List<java.io.Closeable> open) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                app.baseUrl() + "/api/events?collection=ledger&stream=1")).header("Authorization", SUPERUSER);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.Iterator<String> it = response.body().iterator();
        Thread.ofVirtual().start(() -> {
            while (it.hasNext()) {
                String line = it.next();
                if (!line.isEmpty() && !line.startsWith(":")) {
                    lines.add(line);
                }
            }
        });
        open.add(() -> response.body().close());
        return lines;
    }

    @Test
    void changesStreamAsServerSentEventsResumableByTheirId() throws Exception {
        String a = create("a", 1);
        java.util.List<java.io.Closeable> open = new java.util.ArrayList<>();
        try {
            var lines = stream(null, open);
            assertThat(lines.poll(10, TimeUnit.SECONDS)).startsWith("id: ");
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("event: change");
            JsonNode first = Json.parse(lines.poll(10, TimeUnit.SECONDS).substring("data: ".length()));
            assertThat(first.path("recordId").asString()).isEqualTo(a);
            String b = create("b", 2);
            String id = lines.poll(10, TimeUnit.SECONDS);
            assertThat(id).isEqualTo("id: " + (first.path("id").asLong() + 1));
            lines.poll(10, TimeUnit.SECONDS);
            assertThat(Json.parse(lines.poll(10, TimeUnit.SECONDS).substring(6)).path("recordId").asString())
                    .isEqualTo(b);

            // a client reconnecting with the last id it got gets what came after, and only that
            String c = create("c", 3);
            var resumed = stream(String.valueOf(first.path("id").asLong() + 1), open);
            resumed.poll(10, TimeUnit.SECONDS);
            resumed.poll(10, TimeUnit.SECONDS);
            assertThat(Json.parse(resumed.poll(10, TimeUnit.SECONDS).substring(6)).path("recordId").asString())
                    .isEqualTo(c);
            assertThat(resumed.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            for (java.io.Closeable closeable : open) {
                closeable.close();
            }
        }
        HttpResponse<String> bad = app.send("GET", "/api/events?collection=ledger&stream=1",
                Map.of("Authorization", SUPERUSER, "Last-Event-ID", "x"), null);
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void followersUnderTheEventsRuleSeeNoHiddenOrReadRuledValues() {
        create("a", 1);
        HttpResponse<String> r = send("GET", "/api/events?collection=ledger", USER, null);
        JsonNode changes = ok(r).path("items").get(0).path("changes");
        assertThat(changes.has("internal")).isFalse();
        assertThat(changes.path("pin").path("new").asString()).isEqualTo("***");
        assertThat(r.body()).doesNotContain("internal-a").doesNotContain("pin-a");
        assertThat(ok(r).path("items").get(0).has("ip")).isFalse();

        assertThat(send("GET", "/api/events", USER, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/events?collection=ledger", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/events?collection=demo2", USER, null).statusCode()).isEqualTo(403);
        ok(send("PATCH", "/api/collections/ledger", SUPERUSER, "{\"eventsRule\":\"@request.auth.id = 'nobody'\"}"));
        assertThat(send("GET", "/api/events?collection=ledger", USER, null).statusCode()).isEqualTo(403);
    }

    @Test
    void hostileParametersAreClearErrors() {
        for (String query : new String[] {"after=-1", "after=abc", "limit=0", "limit=5000", "wait=999", "wait=x"}) {
            HttpResponse<String> r = send("GET", "/api/events?collection=ledger&" + query, SUPERUSER, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(Json.parse(r.body()).path("message").asString()).startsWith("Invalid ");
        }
        assertThat(send("GET", "/api/events?collection=nosuch", SUPERUSER, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aDroppedTableIsRebuiltFromItsLogWithTheSameRows() {
        String a = create("a", 1);
        String b = create("b", 2);
        String c = create("c", 3);
        ok(send("PATCH", "/api/collections/ledger/records/" + a, SUPERUSER, "{\"amount\":10,\"title\":\"a2\"}"));
        assertThat(send("DELETE", "/api/collections/ledger/records/" + b, SUPERUSER, null).statusCode()).isEqualTo(204);
        ok(send("PATCH", "/api/collections/ledger/records/" + c, SUPERUSER, "{\"pin\":\"changed\"}"));
        String before = ok(send("GET", "/api/collections/ledger/records?sort=id&perPage=100", SUPERUSER, null))
                .path("items").toString();

        ok(send("POST", "/api/sql", SUPERUSER, "{\"query\":\"DROP TABLE ledger\"}"));
        assertThat(send("GET", "/api/collections/ledger/records", SUPERUSER, null).statusCode()).isEqualTo(400);
        JsonNode replay = ok(send("POST", "/api/collections/ledger/events/replay", SUPERUSER, null));
        assertThat(replay.path("applied").asInt()).isEqualTo(6);
        String after = ok(send("GET", "/api/collections/ledger/records?sort=id&perPage=100", SUPERUSER, null))
                .path("items").toString();
        assertThat(after).isEqualTo(before);

        assertThat(send("POST", "/api/collections/demo2/events/replay", SUPERUSER, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/collections/ledger/events/replay", USER, null).statusCode()).isEqualTo(403);
    }
}
