package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Requests of the API tests against the fixture, as a caller with a token (or a guest), and their JSON answers. */
final class ApiCalls {

    /** The fixture's long-lived token of the superuser test@example.com. */
    static final String SUPERUSER = BatchApiTest.SUPERUSER;
    /** The fixture's long-lived token of test@example.com of {@code users} ({@link #USER_ID}). */
    static final String USER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    /** The id of test@example.com of {@code users}. */
    static final String USER_ID = "4q1xlclmfloku33";

    private ApiCalls() {}

    /** Sends a request with {@code token} as its Authorization (none when null) and a JSON body (or none). */
    static HttpResponse<String> send(TestApp app, String method, String path, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", token);
        }
        headers.put("User-Agent", "coffer-api-test");
        return app.send(method, path, headers, body);
    }

    /** The JSON of a 200 answer (the test fails on any other status, showing the body). */
    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }
}
