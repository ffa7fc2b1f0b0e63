package dev.coffer.apis;

import dev.coffer.tools.filesystem.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link Exchange} held in memory: a request built by code rather than received, whose response is kept
 * for reading back ({@link #responseStatus()}, {@link #responseBody()}). A batch runs its sub-requests on
 * these. The body is a multipart form of plain values and files, as PocketBase forwards sub-requests.
 */
public final class MemoryExchange implements Exchange {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final String remoteAddr;
    private final MultipartForm form;
    private int status = 200;
    private final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] responseBody = new byte[0];

    /**
     * Creates a request.
     *
     * @param method the HTTP method
     * @param url the path with an optional query string
     * @param headers the request headers (a {@code Content-Type} is replaced by the multipart one)
     * @param values the plain form values by name
     * @param files the uploaded files by part name
     * @param remoteAddr the peer address to report
     */
    public MemoryExchange(String method, String url, Map<String, List<String>> headers,
            Map<String, List<String>> values, Map<String, List<UploadedFile>> files, String remoteAddr) {
        this.method = method.toUpperCase(Locale.ROOT);
        int q = url.indexOf('?');
        this.path = q < 0 ? url : url.substring(0, q);
        if (q >= 0) {
            parseQuery(url.substring(q + 1));
        }
        this.headers.putAll(headers);
        this.headers.put("Content-Type", List.of("multipart/form-data; boundary=coffer-memory"));
        this.headers.remove("Content-Length");
        this.remoteAddr = remoteAddr;
        this.form = new MultipartForm(Map.copyOf(values), Map.copyOf(files));
    }

    private void parseQuery(String raw) {
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The response status (200 until set). */
    public int responseStatus() {
        return status;
    }

    /** The response body written so far. */
    public byte[] responseBody() {
        return responseBody.clone();
    }

    /** The first value of a response header, or null. */
    public String responseHeader(String name) {
        List<String> v = responseHeaders.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return query;
    }

    @Override
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    @Override
    public List<String> headerNames() {
        return List.copyOf(headers.keySet());
    }

    @Override
    public String remoteAddr() {
        return remoteAddr;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    @Override
    public byte[] bodyBytes() {
        return new byte[0];
    }

    @Override
    public Map<String, List<String>> formParams() {
        return Map.of();
    }

    @Override
    public MultipartForm multipart() {
        return form;
    }

    @Override
    public void status(int value) {
        status = value;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void setHeader(String name, String value) {
        if (value == null) {
            responseHeaders.remove(name);
        } else {
            responseHeaders.put(name, new ArrayList<>(List.of(value)));
        }
    }

    @Override
    public void addHeader(String name, String value) {
        responseHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public void result(byte[] body) {
        responseBody = body.clone();
    }

    @Override
    public void result(InputStream body) {
        try (InputStream in = body) {
            responseBody = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
