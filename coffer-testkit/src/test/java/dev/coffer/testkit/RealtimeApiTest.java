package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Realtime over HTTP: the SSE stream, subscriptions, record events filtered by rules, and many idle clients. */
class RealtimeApiTest {

    /** The fixture's long-lived auth token of users/4q1xlclmfloku33. */
    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";

    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(VIRTUAL).build();

    private static TestApp app;
    private static String superuser;

    /** One SSE frame. */
    private record Frame(String id, String event, String data) {
        JsonNode json() {
            return Json.MAPPER.readTree(data);
        }
    }

    /** A connected SSE client reading frames in the background. */
    private static final class Sse implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        final String clientId;

        Sse() throws Exception {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/realtime")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            Iterator<String> lines = response.body().iterator();
            VIRTUAL.submit(() -> {
                String id = "";
                String event = "";
                StringBuilder data = new StringBuilder();
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.isEmpty()) {
                        frames.add(new Frame(id, event, data.toString()));
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6);
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    }
                }
                return null;
            });
            Frame connect = next();
            assertThat(connect.event()).isEqualTo("PB_CONNECT");
            clientId = connect.id();
            assertThat(connect.data()).isEqualTo("{\"clientId\":\"" + clientId + "\"}");
        }

        Frame next() throws InterruptedException {
            Frame f = frames.poll(10, TimeUnit.SECONDS);
            assertThat(f).as("a frame within 10s").isNotNull();
            return f;
        }

        void assertSilent() throws InterruptedException {
            assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }

        void subscribe(String token, String... subs) {
            HttpResponse<String> r = app.send("POST", "/api/realtime", token == null ? Map.of()
                    : Map.of("Authorization", token), Json.write(Map.of("clientId", clientId, "subscriptions", subs)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
        HttpResponse<String> login = app.send("POST", "/api/collections/_superusers/auth-with-password", Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        superuser = Json.MAPPER.readTree(login.body()).path("token").asString();
        String rule = "public = true || @request.auth.id != \"\"";
        HttpResponse<String> created = app.send("POST", "/api/collections", Map.of("Authorization", superuser),
                Json.write(Map.of("name", "rt_notes", "type", "base", "listRule", rule, "viewRule", rule,
                        "fields", List.of(Map.of("name", "title", "type", "text"),
                                Map.of("name", "public", "type", "bool")))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String createNote(String title, boolean isPublic) {
        HttpResponse<String> r = app.send("POST", "/api/collections/rt_notes/records", Map.of("Authorization", superuser),
                Json.write(Map.of("title", title, "public", isPublic)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).path("id").asString();
    }

    @Test
    void connectSendsHeadersAndTheClientId() throws Exception {
        try (Sse sse = new Sse()) {
            assertThat(sse.response.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(sse.response.headers().firstValue("cache-control")).hasValue("no-store");
            assertThat(sse.response.headers().firstValue("x-accel-buffering")).hasValue("no");
            assertThat(sse.clientId).matches("[A-Za-z0-9]{40}");
        }
    }

    @Test
    void recordEventsReachOnlyClientsTheRuleAllows() throws Exception {
        try (Sse guest = new Sse(); Sse user = new Sse()) {
            guest.subscribe(null, "rt_notes/*");
            String options = URLEncoder.encode("{\"query\":{\"fields\":\"id,title\"}}", StandardCharsets.UTF_8);
            user.subscribe(USER_TOKEN, "rt_notes/*?options=" + options);

            String hidden = createNote("private", false);
            Frame userCreate = user.next();
            assertThat(userCreate.id()).isEqualTo(user.clientId);
            assertThat(userCreate.event()).isEqualTo("rt_notes/*?options=" + options);
            assertThat(userCreate.data()).isEqualTo("{\"record\":{\"id\":\"" + hidden
                    + "\",\"title\":\"private\"},\"action\":\"create\"}");
            guest.assertSilent();

            String shown = createNote("public", true);
            Frame guestCreate = guest.next();
            assertThat(guestCreate.event()).isEqualTo("rt_notes/*");
            assertThat(guestCreate.json().path("action").asString()).isEqualTo("create");
            assertThat(guestCreate.json().path("record").path("id").asString()).isEqualTo(shown);
            assertThat(guestCreate.json().path("record").path("collectionName").asString()).isEqualTo("rt_notes");
            assertThat(user.next().json().path("record").path("id").asString()).isEqualTo(shown);

            HttpResponse<String> updated = app.send("PATCH", "/api/collections/rt_notes/records/" + shown,
                    Map.of("Authorization", superuser), "{\"title\":\"renamed\"}");
            assertThat(updated.statusCode()).isEqualTo(200);
            Frame guestUpdate = guest.next();
            assertThat(guestUpdate.json().path("action").asString()).isEqualTo("update");
            assertThat(guestUpdate.json().path("record").path("title").asString()).isEqualTo("renamed");
            assertThat(user.next().json().path("action").asString()).isEqualTo("update");

            HttpResponse<String> deleted = app.send("DELETE", "/api/collections/rt_notes/records/" + hidden,
                    Map.of("Authorization", superuser), null);
            assertThat(deleted.statusCode()).isEqualTo(204);
            Frame userDelete = user.next();
            assertThat(userDelete.json().path("action").asString()).isEqualTo("delete");
            assertThat(userDelete.json().path("record").path("id").asString()).isEqualTo(hidden);
            guest.assertSilent();
        }
    }

    @Test
    void eventsLargerThanTheStreamsSmallOutputBufferArriveWholeAndInOrder() throws Exception {
        // each stream keeps a 1 KiB output buffer: frames of 3 KiB and more go out in pieces, back to back
        try (Sse guest = new Sse()) {
            guest.subscribe(null, "rt_notes/*");
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                titles.add(String.valueOf((char) ('a' + i)).repeat(3_000 + i * 701) + "é✓" + i);
            }
            for (String title : titles) {
                createNote(title, true);
            }
            for (String title : titles) {
                Frame f = guest.next();
                assertThat(f.event()).isEqualTo("rt_notes/*");
                assertThat(f.json().path("record").path("title").asString()).isEqualTo(title);
            }
            guest.assertSilent();
        }
    }

    @Test
    void eventsThatQueueUpTogetherGoOutAsSeparateFramesInOrder() throws Exception {
        // one batch request commits its creates at once: the stream finds them queued and writes them in one go
        HttpResponse<String> enabled = app.send("PATCH", "/api/settings", Map.of("Authorization", superuser),
                "{\"batch\":{\"enabled\":true,\"maxRequests\":100}}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        try (Sse guest = new Sse()) {
            guest.subscribe(null, "rt_notes/*");
            List<String> titles = new ArrayList<>();
            List<Map<String, Object>> requests = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                String title = "queued " + i + " " + "x".repeat(i % 7 == 0 ? 1_500 : 10);
                titles.add(title);
                requests.add(Map.of("method", "POST", "url", "/api/collections/rt_notes/records",
                        "body", Map.of("title", title, "public", true)));
            }
            HttpResponse<String> batch = app.send("POST", "/api/batch", Map.of("Authorization", superuser),
                    Json.write(Map.of("requests", requests)));
            assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            for (String title : titles) {
                Frame f = guest.next();
                assertThat(f.id()).isEqualTo(guest.clientId);
                assertThat(f.event()).isEqualTo("rt_notes/*");
                assertThat(f.json().path("action").asString()).isEqualTo("create");
                assertThat(f.json().path("record").path("title").asString()).isEqualTo(title);
            }
            guest.assertSilent();
        }
    }

    @Test
    void singleRecordTopicUsesTheViewRuleAndTheExactSubscriptionName() throws Exception {
        String id = createNote("watched", true);
        try (Sse guest = new Sse()) {
            guest.subscribe(null, "rt_notes/" + id, "rt_notes/other");
            app.send("PATCH", "/api/collections/rt_notes/records/" + id, Map.of("Authorization", superuser),
                    "{\"title\":\"changed\"}");
            Frame f = guest.next();
            assertThat(f.event()).isEqualTo("rt_notes/" + id);
            assertThat(f.json().path("record").path("title").asString()).isEqualTo("changed");
            guest.assertSilent();
        }
    }

    @Test
    void subscribeErrors() throws Exception {
        HttpResponse<String> missing = app.send("POST", "/api/realtime", Map.of(),
                "{\"clientId\":\"missing\",\"subscriptions\":[\"a\"]}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(missing.body()).path("message").asString())
                .isEqualTo("Missing or invalid client id.");

        HttpResponse<String> blank = app.send("POST", "/api/realtime", Map.of(), "{\"subscriptions\":[]}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(blank.body()).path("data").path("clientId").path("code").asString())
                .isEqualTo("validation_required");

        try (Sse sse = new Sse()) {
            sse.subscribe(USER_TOKEN, "rt_notes/*");
            HttpResponse<String> downgrade = app.send("POST", "/api/realtime", Map.of(),
                    Json.write(Map.of("clientId", sse.clientId, "subscriptions", List.of())));
            assertThat(downgrade.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void closedStreamsLeaveTheBroker() throws Exception {
        Sse sse = new Sse();
        sse.subscribe(null, "rt_notes/*");
        assertThat(app.coffer().realtime().client(sse.clientId)).isPresent();
        sse.close();
        // the server notices the gone peer when writing to it (TCP may accept one more write after the close)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.coffer().realtime().client(sse.clientId).isPresent() && System.nanoTime() < deadline) {
            createNote("after close", true);
            Thread.sleep(50);
        }
        assertThat(app.coffer().realtime().client(sse.clientId)).isEmpty();
    }

    @Test
    void aClientThatClosesOrResetsItsConnectionIsDroppedWithoutAnyWrite() throws Exception {
        for (boolean reset : new boolean[] {false, true}) {
            java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(app.baseUrl()).getPort());
            socket.getOutputStream().write("GET /api/realtime HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String clientId = null;
            for (String line = in.readLine(); line != null && clientId == null; line = in.readLine()) {
                if (line.startsWith("id:")) {
                    clientId = line.substring(3);
                }
            }
            assertThat(clientId).as("the PB_CONNECT frame").isNotNull();
            assertThat(app.coffer().realtime().client(clientId)).isPresent();
            if (reset) {
                socket.setSoLinger(true, 0); // close with a reset, as a killed process's socket may
            }
            socket.close();
            // no event is written to it: the server notices the closed connection by itself
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (app.coffer().realtime().client(clientId).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(app.coffer().realtime().client(clientId)).as("reset=%s", reset).isEmpty();
        }
        // the streams' writer threads ended; none is left spinning in the HTTP layer's error handling after the
        // exchange was over (which would hold a carrier of every virtual thread of the process)
        Thread.sleep(500);
        assertThat(realtimeThreadsInErrorHandling()).isEmpty();
    }

    @Test
    void streamsOpenWhenTheServerStopsEndWithIt() throws Exception {
        TestApp other = TestApp.fromFixture();
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create(other.baseUrl()
                        + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines());
                assertThat(r.body().iterator().next()).startsWith("id:");
                open.add(r);
            }
        } finally {
            other.close();
        }
        Thread.sleep(1_000);
        assertThat(realtimeThreadsInErrorHandling()).as("writer threads still busy after the server stopped").isEmpty();
        open.forEach(r -> r.body().close());
    }

    /** The stacks of the streams' writer threads (virtual) that are inside Javalin's exception mapping. */
    private static List<String> realtimeThreadsInErrorHandling() throws Exception {
        java.nio.file.Path dump = java.nio.file.Files.createTempDirectory("coffer-threads").resolve("threads.json");
        java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        List<String> out = new ArrayList<>();
        for (JsonNode container : Json.MAPPER.readTree(dump.toFile()).path("threadDump").path("threadContainers")) {
            for (JsonNode t : container.path("threads")) {
                String stack = t.path("stack").toString();
                if (t.path("name").asString().equals("coffer-realtime") && stack.contains("ExceptionMapper")) {
                    out.add(stack);
                }
            }
        }
        java.nio.file.Files.deleteIfExists(dump);
        java.nio.file.Files.deleteIfExists(dump.getParent());
        return out;
    }

    @Test
    void idleClientsHoldNoPlatformThreads() throws Exception {
        int clients = 2000;
        long before = platformThreads();
        List<CompletableFuture<HttpResponse<java.io.InputStream>>> pending = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            pending.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/realtime"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<java.io.InputStream> streams = new ArrayList<>();
        List<CompletableFuture<String>> firstLines = new ArrayList<>();
        for (var p : pending) {
            java.io.InputStream in = p.get(60, TimeUnit.SECONDS).body();
            streams.add(in);
            firstLines.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }, VIRTUAL));
        }
        for (var f : firstLines) {
            assertThat(f.get(60, TimeUnit.SECONDS)).startsWith("id:");
        }
        assertThat(app.coffer().realtime().size()).isGreaterThanOrEqualTo(clients);
        long during = platformThreads();
        // only bounded pools may grow (Jetty's request pool is capped at 200 and serves the connect bursts)
        assertThat(during - before).as("platform threads added for %d streams", clients).isLessThan(250);
        for (var in : streams) {
            in.close();
        }
    }

    private static long platformThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isVirtual()).count();
    }
}
