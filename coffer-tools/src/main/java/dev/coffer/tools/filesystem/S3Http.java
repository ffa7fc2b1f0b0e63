package dev.coffer.tools.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends signed requests to one bucket of an S3-compatible service: builds the object URL (path or virtual-host
 * style), signs with {@link S3Signature}, and turns error answers into {@link S3Exception}s.
 */
final class S3Http {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final S3Config config;
    private final HttpClient client;
    private final S3Signature signer;
    private final String scheme;
    private final String host;

    S3Http(S3Config config, HttpClient client) {
        if (config.bucket().isEmpty()) {
            throw new IllegalArgumentException("the S3 bucket is required");
        }
        this.config = config;
        this.client = client;
        this.signer = new S3Signature(config.accessKey(), config.secret(),
                config.region().isEmpty() ? "us-east-1" : config.region(), "s3");
        String endpoint = config.endpoint().replaceAll("/+$", "");
        String s = "https";
        if (endpoint.startsWith("https://")) {
            endpoint = endpoint.substring(8);
        } else if (endpoint.startsWith("http://")) {
            endpoint = endpoint.substring(7);
            s = "http";
        }
        if (endpoint.isEmpty()) {
            endpoint = "s3." + (config.region().isEmpty() ? "us-east-1" : config.region()) + ".amazonaws.com";
        }
        this.scheme = s;
        this.host = config.forcePathStyle() ? endpoint : config.bucket() + "." + endpoint;
    }

    /** The URL of an object (or of the bucket when the key is empty) with the query appended. */
    URI uri(String key, Map<String, String> query) {
        String q = S3Signature.canonicalQuery(query);
        return URI.create(scheme + "://" + host + path(key) + (q.isEmpty() ? "" : "?" + q));
    }

    /** The encoded request path of a key. */
    String path(String key) {
        String path = config.forcePathStyle() ? "/" + config.bucket() + "/" + key : "/" + key;
        return S3Signature.encode(path, false);
    }

    /**
     * Sends a signed request and returns the answer with its body as a stream (the caller closes it).
     *
     * @throws S3Exception when the service answers with a status of 400 or more
     */
    HttpResponse<InputStream> send(String method, String key, Map<String, String> query, Map<String, String> headers,
            HttpRequest.BodyPublisher body, String payloadHash) throws IOException {
        URI uri = uri(key, query);
        Instant now = Instant.now();
        if (uri.getHost() == null) {
            // e.g. the bucket put before an IP address endpoint (virtual-host style): not a host name
            throw new IOException("\"" + uri.getAuthority() + "\" is not a valid S3 host"
                    + (config.forcePathStyle() ? "" : " (an IP address endpoint needs forcePathStyle)"));
        }
        Map<String, String> signed = new LinkedHashMap<>(headers);
        signed.put("host", hostHeader(uri));
        signed.put("x-amz-date", S3Signature.AMZ_DATE.format(now));
        signed.put("x-amz-content-sha256", payloadHash);
        String authorization = signer.authorization(method, path(key), query, signed, payloadHash, now);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .method(method, body).header("Authorization", authorization);
        signed.forEach((k, v) -> {
            if (!k.equals("host")) {
                b.header(k, v);
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling S3");
        }
        if (response.statusCode() >= 400) {
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            }
            throw new S3Exception(response.statusCode(), first(CODE, text), unescape(first(MESSAGE, text)));
        }
        return response;
    }

    /** Sends a request whose answer body doesn't matter, and discards it. */
    int sendAndDiscard(String method, String key, Map<String, String> query, HttpRequest.BodyPublisher body,
            String payloadHash) throws IOException {
        HttpResponse<InputStream> r = send(method, key, query, Map.of(), body, payloadHash);
        try (InputStream in = r.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return r.statusCode();
    }

    /** The Host header the HTTP client sends for the URL (no port when it is the scheme's default). */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 80 && uri.getScheme().equals("http"))
                || (port == 443 && uri.getScheme().equals("https"));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }

    static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
