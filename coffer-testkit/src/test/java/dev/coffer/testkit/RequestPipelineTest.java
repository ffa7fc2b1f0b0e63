package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The request pipeline over HTTP: CORS, body limits, rate limits, trusted proxy headers and gzip. */
class RequestPipelineTest {

    /** The fixture's long-lived auth token of users/4q1xlclmfloku33. */
    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    private static final String TOO_MANY = "{\"data\":{},\"message\":\"Too Many Requests.\",\"status\":429}";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String superuser() {
        HttpResponse<String> r = app.send("POST", "/api/collections/_superusers/auth-with-password", Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).path("token").asString();
    }

    private static JsonNode json(String body) {
        return Json.MAPPER.readTree(body);
    }

    private void patchSettings(String body) {
        HttpResponse<String> r = app.send("PATCH", "/api/settings", Map.of("Authorization", superuser()), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        return app.send("GET", path, headers, null);
    }

    // --- CORS ---

    @Test
    void anyOriginIsAllowedByDefault() {
        app = TestApp.fromFixture();
        HttpResponse<String> r = get("/api/health", Map.of("Origin", "https://app.example.com"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().allValues("Vary")).contains("Origin");

        HttpResponse<String> pre = app.send("OPTIONS", "/api/collections/demo2/records",
                Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "authorization,content-type"), null);
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.body()).isEmpty();
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,HEAD,PUT,PATCH,POST,DELETE");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers")).hasValue("authorization,content-type");
        assertThat(pre.headers().allValues("Vary")).contains("Origin", "Access-Control-Request-Method");

        HttpResponse<String> noOrigin = get("/api/health", Map.of());
        assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void onlyConfiguredOriginsAreAllowed() {
        app = TestApp.fromFixture(c -> c.withOrigins(List.of("https://app.example.com", "https://*.example.org")),
                c -> {});
        assertThat(get("/api/health", Map.of("Origin", "https://app.example.com")).headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(get("/api/health", Map.of("Origin", "https://a.b.example.org")).headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("https://a.b.example.org");

        HttpResponse<String> denied = get("/api/health", Map.of("Origin", "https://evil.example.com"));
        assertThat(denied.statusCode()).isEqualTo(200); // served, but the browser won't let the page read it
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(get("/api/health", Map.of("Origin", "http://a.example.org")).headers()
                .firstValue("Access-Control-Allow-Origin")).as("other scheme").isEmpty();

        HttpResponse<String> pre = app.send("OPTIONS", "/api/health",
                Map.of("Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"), null);
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    // --- body limit ---

    @Test
    void bodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        app = TestApp.fromFixture();
        String token = superuser();
        int before = json(get("/api/collections/demo2/records", Map.of("Authorization", token)).body())
                .path("totalItems").asInt();
        String answer = rawRequest("POST /api/collections/demo2/records", token, (32L << 20) + 1);
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4).trim())
                .isEqualTo("{\"data\":{},\"message\":\"Request entity too large.\",\"status\":413}");
        int after = json(get("/api/collections/demo2/records", Map.of("Authorization", token)).body())
                .path("totalItems").asInt();
        assertThat(after).isEqualTo(before);

        assertThat(rawRequest("PATCH /api/settings", token, 40L << 20)).startsWith("HTTP/1.1 413");
    }

    /** Sends only the head of a request announcing {@code length} body bytes plus one byte, and reads the answer. */
    private String rawRequest(String requestLine, String token, long length) throws IOException {
        URI base = URI.create(app.baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + token
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + length
                    + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer;
        }
    }

    // --- rate limits ---

    @Test
    void labelledRouteIsLimitedThenRecovers() throws InterruptedException {
        app = TestApp.fromFixture();
        patchSettings("{\"rateLimits\":{\"enabled\":true,\"rules\":[{\"label\":\"GET /api/health\",\"maxRequests\":2,"
                + "\"duration\":1}]}}");
        waitForWindowStart();
        assertThat(get("/api/health", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/api/health", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get("/api/health", Map.of());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body().trim()).isEqualTo(TOO_MANY);
        assertThat(get("/api/collections/demo2/records", Map.of()).statusCode()).as("other routes").isEqualTo(200);
        assertThat(get("/api/health", Map.of("Authorization", superuser())).statusCode()).as("superuser")
                .isEqualTo(200);
        Thread.sleep(1100);
        assertThat(get("/api/health", Map.of()).statusCode()).as("next window").isEqualTo(200);
    }

    /** Waits for the start of the next second, so two quick requests fall in one 1-second window. */
    private static void waitForWindowStart() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }

    @Test
    void collectionTagsAndAudiencesPickTheRule() {
        app = TestApp.fromFixture();
        patchSettings("{\"rateLimits\":{\"enabled\":true,\"rules\":["
                + "{\"label\":\"*:list\",\"audience\":\"@guest\",\"maxRequests\":1,\"duration\":60},"
                + "{\"label\":\"demo2:view\",\"audience\":\"@auth\",\"maxRequests\":1,\"duration\":60},"
                + "{\"label\":\"/api/\",\"maxRequests\":100,\"duration\":60}]}}");
        String list = "/api/collections/demo2/records";
        assertThat(get(list, Map.of()).statusCode()).isEqualTo(200);
        assertThat(get(list, Map.of()).body().trim()).isEqualTo(TOO_MANY);
        assertThat(get("/api/collections/users/records", Map.of()).statusCode()).as("a limiter per collection")
                .isNotEqualTo(429);
        for (int i = 0; i < 3; i++) {
            assertThat(get(list, Map.of("Authorization", USER_TOKEN)).statusCode()).as("@guest rule, auth client")
                    .isEqualTo(200);
        }
        String id = json(get(list, Map.of("Authorization", USER_TOKEN)).body()).path("items").get(0).path("id")
                .asString();
        String view = list + "/" + id;
        assertThat(get(view, Map.of()).statusCode()).as("@auth rule, guest").isEqualTo(200);
        assertThat(get(view, Map.of()).statusCode()).isEqualTo(200);
        assertThat(get(view, Map.of("Authorization", USER_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(get(view, Map.of("Authorization", USER_TOKEN)).statusCode()).isEqualTo(429);
    }

    @Test
    void clientsAreCountedByTheirTrustedProxyAddress() {
        app = TestApp.fromFixture();
        patchSettings("{\"rateLimits\":{\"enabled\":true,\"excludedIPs\":[\"10.9.0.0/16\"],\"rules\":[{\"label\":"
                + "\"/api/health\",\"maxRequests\":1,\"duration\":60}]}}");
        assertThat(get("/api/health", Map.of("X-Forwarded-For", "10.0.0.1")).statusCode()).isEqualTo(200);
        assertThat(get("/api/health", Map.of("X-Forwarded-For", "10.0.0.2")).statusCode())
                .as("untrusted header: same client").isEqualTo(429);

        patchSettings("{\"trustedProxy\":{\"headers\":[\"X-Forwarded-For\"]}}");
        assertThat(get("/api/health", Map.of("X-Forwarded-For", "10.0.0.1")).statusCode()).isEqualTo(200);
        assertThat(get("/api/health", Map.of("X-Forwarded-For", "10.0.0.1")).statusCode()).isEqualTo(429);
        assertThat(get("/api/health", Map.of("X-Forwarded-For", "10.0.0.2")).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/health", Map.of("X-Forwarded-For", "10.9.3.4")).statusCode()).as("excluded")
                    .isEqualTo(200);
        }
    }

    // --- real IP ---

    @Test
    void realIpFollowsTrustedProxySettingsOnly() {
        app = TestApp.fromFixture();
        String token = superuser();
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", token,
                "X-Forwarded-For", "203.0.113.7, 2001:db8::1, not-an-ip"));
        JsonNode data = json(get("/api/health", headers).body()).path("data");
        assertThat(data.path("realIP").asString()).isEqualTo("127.0.0.1");
        assertThat(data.path("possibleProxyHeader").asString()).isEqualTo("X-Forwarded-For");
        assertThat(json(get("/api/health", Map.of()).body()).path("data").isEmpty()).as("guests").isTrue();

        patchSettings("{\"trustedProxy\":{\"headers\":[\"X-Real-IP\",\"X-Forwarded-For\"]}}");
        assertThat(json(get("/api/health", headers).body()).path("data").path("realIP").asString())
                .as("rightmost valid").isEqualTo("2001:0db8:0000:0000:0000:0000:0000:0001");
        patchSettings("{\"trustedProxy\":{\"useLeftmostIP\":true}}");
        assertThat(json(get("/api/health", headers).body()).path("data").path("realIP").asString())
                .isEqualTo("203.0.113.7");
        headers.put("X-Real-IP", "198.51.100.9");
        data = json(get("/api/health", headers).body()).path("data");
        assertThat(data.path("realIP").asString()).as("first configured header").isEqualTo("198.51.100.9");
        assertThat(data.path("possibleProxyHeader").asString()).isEqualTo("X-Real-IP");
    }

    // --- gzip ---

    @Test
    void gzipIsOffByDefault() {
        app = TestApp.fromFixture();
        HttpResponse<String> r = get("/api/collections", Map.of("Authorization", superuser(),
                "Accept-Encoding", "gzip"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void gzipCompressesJsonWhenAcceptedButNeverStreams() throws Exception {
        app = TestApp.fromFixture(c -> c.withGzip(true), c -> {});
        String token = superuser();
        HttpResponse<String> plain = get("/api/collections", Map.of("Authorization", token));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().allValues("Vary")).contains("Accept-Encoding");

        HttpResponse<byte[]> zipped = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/collections"))
                .header("Authorization", token).header("Accept-Encoding", "br, gzip;q=0.8").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(zipped.body().length).isLessThan(unzipped.length);
        assertThat(json(new String(unzipped, StandardCharsets.UTF_8))).isEqualTo(json(plain.body()));

        assertThat(get("/api/collections", Map.of("Authorization", token, "Accept-Encoding", "gzip;q=0")).headers()
                .firstValue("Content-Encoding")).as("refused").isEmpty();
        assertThat(get("/api/health", Map.of("Accept-Encoding", "gzip")).headers().firstValue("Content-Encoding"))
                .as("small").isEmpty();

        HttpResponse<InputStream> sse = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/realtime"))
                .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = sse.body()) {
            assertThat(sse.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(sse.headers().firstValue("Content-Encoding")).isEmpty();
            StringBuilder text = new StringBuilder();
            byte[] buf = new byte[256];
            while (!text.toString().contains("PB_CONNECT") && text.length() < 4096) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(text.toString()).contains("event:PB_CONNECT");
        }
    }

    // --- connection bursts ---

    @Test
    void aBurstOfSimultaneousConnectionsOverflowsNoListenQueue() throws Exception {
        Path netstat = Path.of("/proc/net/netstat");
        Assumptions.assumeTrue(Files.isReadable(netstat), "the kernel's listen-queue counters are Linux-only");
        app = TestApp.fromFixture();
        URI base = URI.create(app.baseUrl());
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        long overflowsBefore = listenOverflows(netstat);
        // 400 handshakes at once: with the JDK's default backlog of 50 the kernel drops most of them (each then
        // waits a second to retry); with the backlog PocketBase's listener asks for, the queue holds them all
        List<SocketChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(address);
                channels.add(channel);
            }
            for (SocketChannel channel : channels) {
                channel.configureBlocking(true);
                channel.finishConnect();
            }
        } finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
        assertThat(listenOverflows(netstat) - overflowsBefore).as("TcpExt ListenOverflows during the burst").isZero();
        assertThat(get("/api/health", Map.of()).statusCode()).isEqualTo(200);
    }

    /** The kernel's count of connections dropped because a listen queue was full (all listeners). */
    private static long listenOverflows(Path netstat) throws IOException {
        List<String> lines = Files.readAllLines(netstat);
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            if (lines.get(i).startsWith("TcpExt:")) {
                List<String> names = List.of(lines.get(i).trim().split("\\s+"));
                String[] values = lines.get(i + 1).trim().split("\\s+");
                return Long.parseLong(values[names.indexOf("ListenOverflows")]);
            }
        }
        throw new IllegalStateException("no TcpExt counters in " + netstat);
    }
}
