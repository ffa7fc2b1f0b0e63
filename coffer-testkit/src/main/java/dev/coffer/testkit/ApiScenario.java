package dev.coffer.testkit;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request and what its response must show, PocketBase style: the status, substrings the compacted body
 * must contain and must not contain, or an empty body when both lists are empty.
 *
 * @param name a readable name
 * @param method the HTTP method
 * @param url the path and query
 * @param headers request headers
 * @param body the request body or null
 * @param expectedStatus the status
 * @param expectedContent substrings that must occur in the compacted body
 * @param notExpectedContent substrings that must not occur
 */
public record ApiScenario(String name, String method, String url, Map<String, String> headers, String body,
        int expectedStatus, List<String> expectedContent, List<String> notExpectedContent) {

    /** Copies the lists and maps. */
    public ApiScenario {
        headers = Map.copyOf(headers);
        expectedContent = List.copyOf(expectedContent);
        notExpectedContent = List.copyOf(notExpectedContent);
    }

    /** Sends the request to the app and returns the reasons it failed (empty when it passed). */
    public List<String> run(TestApp app) {
        HttpResponse<String> res = app.send(method, url, headers, body);
        return check(res.statusCode(), res.body());
    }

    /** Checks a response; returns the reasons it failed (empty when it passed). */
    public List<String> check(int status, String rawBody) {
        List<String> failures = new ArrayList<>();
        if (status != expectedStatus) {
            failures.add("status " + status + " != " + expectedStatus);
        }
        String body = compact(rawBody);
        if (expectedContent.isEmpty() && notExpectedContent.isEmpty()) {
            if (!rawBody.isEmpty()) {
                failures.add("expected an empty body, got " + abbreviate(rawBody));
            }
        }
        for (String s : expectedContent) {
            if (!body.contains(s)) {
                failures.add("missing " + s);
            }
        }
        for (String s : notExpectedContent) {
            if (body.contains(s)) {
                failures.add("unexpected " + s);
            }
        }
        if (!failures.isEmpty()) {
            failures.add("body: " + abbreviate(body));
        }
        return failures;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    /** Removes whitespace outside JSON strings when the body is valid JSON (like Go's json.Compact). */
    public static String compact(String body) {
        if (body == null || body.isBlank() || !Json.isValid(body)) {
            return body == null ? "" : body;
        }
        StringBuilder out = new StringBuilder(body.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
