package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP plumbing the OAuth2 providers share: one client that follows redirects, request sending with the
 * failures turned into {@link OAuth2Exception}s, JSON object parsing and form encoding as Go's
 * {@code url.Values.Encode} writes it (the order given, {@code *} escaped, {@code ~} kept).
 */
final class ProviderHttp {

    /** How long a connection and a whole request may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private ProviderHttp() {}

    /** A request builder for a URL, with the shared timeout. */
    static HttpRequest.Builder request(String url) throws OAuth2Exception {
        return HttpRequest.newBuilder(uri(url)).timeout(TIMEOUT);
    }

    /** A plain GET request (for public documents such as key sets). */
    static HttpResponse<String> getPublic(String url) throws OAuth2Exception {
        return send(request(url).GET().build());
    }

    /** Sends a request and reads the answer as UTF-8 text. */
    static HttpResponse<String> send(HttpRequest request) throws OAuth2Exception {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OAuth2Exception("request to " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2Exception("interrupted", e);
        }
    }

    private static URI uri(String url) throws OAuth2Exception {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new OAuth2Exception("invalid URL " + url, e);
        }
    }

    /** Parses a JSON object response. */
    static ObjectNode parseObject(String body) throws OAuth2Exception {
        JsonNode n = parse(body);
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw new OAuth2Exception("expected a JSON object");
    }

    /** Parses any JSON response. */
    static JsonNode parse(String body) throws OAuth2Exception {
        try {
            return Json.parse(body);
        } catch (RuntimeException e) {
            throw new OAuth2Exception("invalid JSON response", e);
        }
    }

    /** Encodes query or form parameters in the given order, escaping as Go's {@code url.QueryEscape} does. */
    static String encode(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(urlEncode(k)).append('=').append(urlEncode(v));
        });
        return sb.toString();
    }

    /** One value escaped as Go's {@code url.QueryEscape} does. */
    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
