package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coffer.Coffer;
import dev.coffer.CofferConfig;
import dev.coffer.core.auth.Superusers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The embedded server answers PocketBase's API, the application's own route, and runs its hooks. */
class MainTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void servesTheApiTheRouteAndTheHooks() throws Exception {
        try (Coffer coffer = Main.create(CofferConfig.of(dataDir))) { // 127.0.0.1, any free port
            coffer.start();
            new Superusers(coffer.app()).upsert("admin@example.com", "a-long-password");
            String base = coffer.baseUrl();

            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/health"))).statusCode());

            HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create(base + "/hello/world")));
            assertEquals(200, hello.statusCode());
            assertEquals("world", JSON.readTree(hello.body()).path("hello").asString());

            JsonNode auth = post(base + "/api/collections/_superusers/auth-with-password", null,
                    "{\"identity\":\"admin@example.com\",\"password\":\"a-long-password\"}", 200);
            assertEquals("pro", auth.path("meta").path("plan").asString(), "the add-meta hook");
            String token = auth.path("token").asString();

            post(base + "/api/collections", token, "{\"name\":\"posts\",\"type\":\"base\",\"createRule\":\"\","
                    + "\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}", 200);
            JsonNode post = post(base + "/api/collections/posts/records", null, "{\"title\":\"  Hello  \"}", 200);
            assertEquals("Hello", post.path("title").asString(), "the trim-title hook");
        }
    }

    private static JsonNode post(String url, String token, String json, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", token);
        }
        HttpResponse<String> response = send(request);
        assertEquals(expectedStatus, response.statusCode(), () -> "POST " + url + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
