package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Realtime over a WebSocket: the JSON protocol, rules and options as over SSE, and the same payloads as SSE. */
class RealtimeSocketTest {

    /** The fixture's long-lived auth token of users/4q1xlclmfloku33. */
    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestApp app;
    private static String superuser;
    private static String tagId;

    /** A WebSocket client collecting the server's frames. */
    private static final class Ws implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket socket;
        final String clientId;

        Ws() {
            this(Map.of());
        }

        Ws(Map<String, String> headers) {
            WebSocket.Builder b = HTTP.newWebSocketBuilder();
            headers.forEach(b::header);
            socket = b.buildAsync(URI.create(app.baseUrl().replace("http:", "ws:") + "/api/realtime/ws"), this).join();
            JsonNode connect = next();
            assertThat(connect.path("type").asString()).isEqualTo("connect");
            clientId = connect.path("clientId").asString();
            assertThat(clientId).matches("[A-Za-z0-9]{40}");
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.MAPPER.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next() {
            try {
                JsonNode f = frames.poll(10, TimeUnit.SECONDS);
                assertThat(f).as("a frame within 10s").isNotNull();
                return f;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        void assertSilent() throws InterruptedException {
            assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }

        /** Sends a request and returns its answer. */
        JsonNode ask(Object request) {
            socket.sendText(request instanceof String s ? s : Json.write(request), true).join();
            return next();
        }

        void subscribe(Object... topics) {
            JsonNode ack = ask(Map.of("type", "subscribe", "id", "s", "topics", List.of(topics)));
            assertThat(ack.path("type").asString()).as(ack.toString()).isEqualTo("ack");
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
        superuser = Json.MAPPER.readTree(app.send("POST", "/api/collections/_superusers/auth-with-password", Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}").body()).path("token").asString();
        create("/api/collections", Map.of("name", "ws_tags", "type", "base", "listRule", "", "viewRule", "",
                "fields", List.of(Map.of("name", "name", "type", "text"))));
        String tags = Json.MAPPER.readTree(app.send("GET", "/api/collections/ws_tags", Map.of("Authorization",
                superuser), null).body()).path("id").asString();
        String rule = "public = true || @request.auth.id != \"\"";
        create("/api/collections", Map.of("name", "ws_notes", "type", "base", "listRule", rule, "viewRule", rule,
                "fields", List.of(Map.of("name", "title", "type", "text"), Map.of("name", "public", "type", "bool"),
                        Map.of("name", "tag", "type", "relation", "collectionId", tags, "maxSelect", 1))));
        tagId = create("/api/collections/ws_tags/records", Map.of("name", "red")).path("id").asString();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonNode create(String path, Map<String, ?> body) {
        HttpResponse<String> r = app.send("POST", path, Map.of("Authorization", superuser), Json.write(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static String note(String title, boolean isPublic) {
        return create("/api/collections/ws_notes/records", Map.of("title", title, "public", isPublic, "tag", tagId))
                .path("id").asString();
    }

    @Test
    void recordEventsFollowTheRulesWithTheClientsAuth() throws Exception {
        try (Ws guest = new Ws(); Ws user = new Ws()) {
            guest.subscribe("ws_notes/*");
            JsonNode authed = user.ask(Map.of("type", "auth", "id", 7, "token", USER_TOKEN));
            assertThat(authed.toString()).isEqualTo("{\"type\":\"ack\",\"id\":7,\"auth\":{\"id\":\"4q1xlclmfloku33\","
                    + "\"collectionId\":\"_pb_users_auth_\",\"collectionName\":\"users\"}}");
            JsonNode ack = user.ask(Map.of("type", "subscribe", "id", "r1", "topics", List.of("ws_notes/*"),
                    "options", Map.of("query", Map.of("fields", "id,title,expand.tag.name", "expand", "tag"))));
            String topic = ack.path("topics").get(0).asString();
            assertThat(topic).startsWith("ws_notes/*?options=");

            String hidden = note("private", false);
            JsonNode created = user.next();
            assertThat(created.toString()).isEqualTo("{\"type\":\"event\",\"topic\":" + Json.write(Json.MAPPER
                    .getNodeFactory().stringNode(topic)) + ",\"data\":{\"record\":{\"expand\":{\"tag\":{\"name\":"
                    + "\"red\"}},\"id\":\"" + hidden + "\",\"title\":\"private\"},\"action\":\"create\"}}");
            guest.assertSilent();

            String shown = note("public", true);
            assertThat(guest.next().path("data").path("record").path("id").asString()).isEqualTo(shown);
            assertThat(user.next().path("data").path("record").path("id").asString()).isEqualTo(shown);

            app.send("PATCH", "/api/collections/ws_notes/records/" + shown, Map.of("Authorization", superuser),
                    "{\"title\":\"renamed\"}");
            JsonNode updated = guest.next();
            assertThat(updated.path("data").path("action").asString()).isEqualTo("update");
            assertThat(updated.path("data").path("record").path("title").asString()).isEqualTo("renamed");
            assertThat(user.next().path("data").path("action").asString()).isEqualTo("update");

            app.send("DELETE", "/api/collections/ws_notes/records/" + hidden, Map.of("Authorization", superuser), null);
            JsonNode deleted = user.next();
            assertThat(deleted.path("data").path("action").asString()).isEqualTo("delete");
            assertThat(deleted.path("data").path("record").path("id").asString()).isEqualTo(hidden);
            guest.assertSilent();

            // back to a guest: the private note's change no longer reaches it
            assertThat(user.ask(Map.of("type", "auth", "token", "")).path("auth").isNull()).isTrue();
            note("private again", false);
            user.assertSilent();
        }
    }

    @Test
    void theUpgradesAuthorizationHeaderBindsTheAuthAndABadTokenFallsBackToAGuest() throws Exception {
        try (Ws user = new Ws(Map.of("Authorization", USER_TOKEN))) {
            user.subscribe("ws_notes/*");
            String id = note("for users", false);
            assertThat(user.next().path("data").path("record").path("id").asString()).isEqualTo(id);

            JsonNode refused = user.ask(Map.of("type", "auth", "id", "a", "token", "not-a-token"));
            assertThat(refused.path("type").asString()).isEqualTo("error");
            assertThat(refused.path("id").asString()).isEqualTo("a");
            assertThat(refused.path("status").asInt()).isEqualTo(401);
            note("hidden now", false);
            user.assertSilent();
        }
    }

    @Test
    void unsubscribeStopsEvents() throws Exception {
        try (Ws ws = new Ws()) {
            ws.subscribe("ws_notes/*", "ws_tags/*");
            JsonNode ack = ws.ask(Map.of("type", "unsubscribe", "id", "u", "topics", List.of("ws_notes/*")));
            assertThat(ack.toString()).isEqualTo("{\"type\":\"ack\",\"id\":\"u\"}");
            note("after unsubscribe", true);
            ws.assertSilent();
            create("/api/collections/ws_tags/records", Map.of("name", "blue"));
            assertThat(ws.next().path("topic").asString()).isEqualTo("ws_tags/*");
            ws.ask(Map.of("type", "unsubscribe"));
            create("/api/collections/ws_tags/records", Map.of("name", "green"));
            ws.assertSilent();
        }
    }

    @Test
    void badMessagesGetErrorsAndPingsPongs() {
        try (Ws ws = new Ws()) {
            assertThat(ws.ask(Map.of("type", "ping", "id", "x")).toString()).isEqualTo("{\"type\":\"pong\",\"id\":\"x\"}");
            JsonNode notJson = ws.ask("{nope");
            assertThat(notJson.path("type").asString()).isEqualTo("error");
            assertThat(notJson.path("status").asInt()).isEqualTo(400);
            JsonNode unknown = ws.ask(Map.of("type", "dance", "id", "d"));
            assertThat(unknown.path("id").asString()).isEqualTo("d");
            assertThat(unknown.path("data").path("type").path("code").asString()).isEqualTo("validation_in_invalid");
            assertThat(ws.ask(Map.of("type", "subscribe", "topics", "ws_notes")).path("data").path("topics")
                    .path("code").asString()).isEqualTo("validation_not_array");
            JsonNode tooLong = ws.ask(Map.of("type", "subscribe", "topics", List.of("ok", "x".repeat(2501))));
            assertThat(tooLong.path("data").path("topics").path("1").path("code").asString())
                    .isEqualTo("validation_length_too_long");
            assertThat(tooLong.path("message").asString()).isNotBlank();
            assertThat(ws.ask(Map.of("type", "subscribe", "topics", List.of())).path("data").path("topics")
                    .path("code").asString()).isEqualTo("validation_required");
        }
    }

    @Test
    void sseAndWebSocketClientsGetTheSamePayload() throws Exception {
        HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader sse = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
                Ws ws = new Ws()) {
            String clientId = sse.readLine().substring(3);
            sse.readLine();
            sse.readLine();
            sse.readLine();
            String options = "?options=" + java.net.URLEncoder.encode("{\"query\":{\"expand\":\"tag\"}}",
                    StandardCharsets.UTF_8);
            assertThat(app.send("POST", "/api/realtime", Map.of(), Json.write(Map.of("clientId", clientId,
                    "subscriptions", List.of("ws_notes/*" + options)))).statusCode()).isEqualTo(204);
            ws.subscribe("ws_notes/*" + options);
            // a WebSocket client's subscriptions change only over its socket
            assertThat(app.send("POST", "/api/realtime", Map.of(), Json.write(Map.of("clientId", ws.clientId,
                    "subscriptions", List.of("ws_tags/*")))).statusCode()).isEqualTo(404);

            note("both", true);
            assertThat(sse.readLine()).isEqualTo("id:" + clientId);
            assertThat(sse.readLine()).isEqualTo("event:ws_notes/*" + options);
            String data = sse.readLine().substring(5);
            JsonNode event = ws.next();
            assertThat(event.path("topic").asString()).isEqualTo("ws_notes/*" + options);
            assertThat(Json.write(event.path("data"))).isEqualTo(data);
            assertThat(event.path("data").path("record").path("expand").path("tag").path("name").asString())
                    .isEqualTo("red");
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aPlainRequestIsRefused() {
        HttpResponse<String> r = app.send("GET", "/api/realtime/ws", Map.of(), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).path("message").asString()).contains("WebSocket");
    }

    @Test
    void aDeletedAuthRecordLeavesTheClientAGuestAndTellsIt() throws Exception {
        JsonNode user = create("/api/collections/users/records", Map.of("email", "ws-gone@example.com",
                "password", "12345678", "passwordConfirm", "12345678"));
        String token = Json.MAPPER.readTree(app.send("POST", "/api/collections/users/impersonate/"
                + user.path("id").asString(), Map.of("Authorization", superuser), "{}").body()).path("token").asString();
        try (Ws ws = new Ws()) {
            assertThat(ws.ask(Map.of("type", "auth", "token", token)).path("auth").path("id").asString())
                    .isEqualTo(user.path("id").asString());
            ws.subscribe("ws_notes/*");
            HttpResponse<String> deleted = app.send("DELETE", "/api/collections/users/records/"
                    + user.path("id").asString(), Map.of("Authorization", superuser), null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            JsonNode notice = ws.next();
            assertThat(notice.path("type").asString()).isEqualTo("error");
            assertThat(notice.path("status").asInt()).isEqualTo(401);
            note("private after delete", false);
            ws.assertSilent();
        }
    }
}
