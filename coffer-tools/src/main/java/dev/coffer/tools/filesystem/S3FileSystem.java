package dev.coffer.tools.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FileSystem} in a bucket of an S3-compatible object store (AWS S3, MinIO, R2, ...), spoken to over plain
 * HTTP with Signature V4. Keys are object keys as they are; there are no directories. A missing object is a
 * {@link NoSuchFileException}; any other error answer is an {@link S3Exception} naming S3's error code.
 *
 * <p>Uploads are buffered (in memory up to a few megabytes, else in a temporary file) so that their length, SHA-256
 * and content type are known before sending; the content type is detected from the content as the local store does.
 */
public final class S3FileSystem implements FileSystem {

    private static final int MEMORY_LIMIT = 8 * 1024 * 1024;
    private static final int PAGE_SIZE = 1000;

    private final S3Config config;
    private final S3Http http;
    private final int pageSize;

    /** A file system in the configured bucket, with a shared HTTP/1.1 client. */
    public S3FileSystem(S3Config config) {
        this(config, PAGE_SIZE);
    }

    /** As {@link #S3FileSystem(S3Config)}, listing at most {@code pageSize} keys per request (tests use small pages). */
    public S3FileSystem(S3Config config, int pageSize) {
        this.config = config;
        this.pageSize = pageSize;
        this.http = new S3Http(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** The bucket settings this file system uses. */
    public S3Config config() {
        return config;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        validateKey(key, false);
        MessageDigest sha = sha256();
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path spill = null;
        try {
            byte[] head = content.readNBytes(MimeTypes.SNIFF_LIMIT + 1);
            String contentType = MimeTypes.detect(head, key);
            sha.update(head);
            memory.write(head);
            byte[] buf = new byte[64 * 1024];
            OutputStream sink = memory;
            for (int n; (n = content.read(buf)) > 0; ) {
                if (spill == null && memory.size() + n > MEMORY_LIMIT) {
                    spill = Files.createTempFile("coffer-s3-", ".upload");
                    sink = new DigestOutputStream(Files.newOutputStream(spill), sha);
                    sha.reset();
                    sink.write(memory.toByteArray());
                    memory = null;
                }
                if (spill == null) {
                    sha.update(buf, 0, n);
                }
                sink.write(buf, 0, n);
            }
            if (spill != null) {
                sink.close();
            }
            HttpRequest.BodyPublisher body = spill != null ? HttpRequest.BodyPublishers.ofFile(spill)
                    : HttpRequest.BodyPublishers.ofByteArray(memory.toByteArray());
            HttpResponse<InputStream> r = http.send("PUT", key, Map.of(), Map.of("content-type", contentType), body,
                    HexFormat.of().formatHex(sha.digest()));
            r.body().close();
        } finally {
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return get(key, Map.of());
    }

    /** Fetches only the range from the service (an HTTP {@code Range} request). */
    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("invalid range " + offset + "+" + length);
        }
        return get(key, Map.of("range", "bytes=" + offset + "-" + (offset + length - 1)));
    }

    private InputStream get(String key, Map<String, String> headers) throws IOException {
        validateKey(key, false);
        try {
            return http.send("GET", key, Map.of(), headers, HttpRequest.BodyPublishers.noBody(),
                    S3Signature.EMPTY_SHA256).body();
        } catch (S3Exception e) {
            throw missing(key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            info(key);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public FileInfo info(String key) throws IOException {
        validateKey(key, false);
        HttpResponse<InputStream> r;
        try {
            r = http.send("HEAD", key, Map.of(), Map.of(), HttpRequest.BodyPublishers.noBody(),
                    S3Signature.EMPTY_SHA256);
        } catch (S3Exception e) {
            throw missing(key, e);
        }
        r.body().close();
        long size = r.headers().firstValueAsLong("content-length").orElse(0);
        Instant modified = r.headers().firstValue("last-modified")
                .map(v -> ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .orElse(Instant.EPOCH);
        String type = r.headers().firstValue("content-type").orElse(MimeTypes.OCTET_STREAM);
        return new FileInfo(key, size, modified, type);
    }

    @Override
    public boolean delete(String key) throws IOException {
        if (!exists(key)) {
            return false;
        }
        http.sendAndDiscard("DELETE", key, Map.of(), HttpRequest.BodyPublishers.noBody(), S3Signature.EMPTY_SHA256);
        return true;
    }

    @Override
    public int deletePrefix(String prefix) throws IOException {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("the prefix mustn't be empty");
        }
        IOException failure = null;
        int deleted = 0;
        for (FileInfo file : list(prefix)) {
            try {
                http.sendAndDiscard("DELETE", file.key(), Map.of(), HttpRequest.BodyPublishers.noBody(),
                        S3Signature.EMPTY_SHA256);
                deleted++;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return deleted;
    }

    @Override
    public List<FileInfo> list(String prefix) throws IOException {
        validateKey(prefix, true);
        List<FileInfo> out = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("list-type", "2");
            query.put("max-keys", Integer.toString(pageSize));
            query.put("prefix", prefix);
            if (token != null) {
                query.put("continuation-token", token);
            }
            HttpResponse<InputStream> r = http.send("GET", "", query, Map.of(), HttpRequest.BodyPublishers.noBody(),
                    S3Signature.EMPTY_SHA256);
            S3ListPage page;
            try (InputStream in = r.body()) {
                page = S3ListPage.parse(in);
            }
            out.addAll(page.files());
            token = page.nextToken();
        } while (token != null);
        out.sort(Comparator.comparing(FileInfo::key));
        return out;
    }

    private static IOException missing(String key, S3Exception e) {
        boolean missing = e.status() == 404 && (e.code().isEmpty() || e.code().equals("NoSuchKey"));
        if (missing) {
            NoSuchFileException n = new NoSuchFileException(key);
            n.initCause(e);
            return n;
        }
        return e;
    }

    /** Keys are relative, {@code /}-separated, without empty, {@code .} or {@code ..} segments. */
    private static void validateKey(String key, boolean prefix) {
        if (key.isEmpty() && prefix) {
            return;
        }
        boolean ok = !key.isEmpty() && !key.startsWith("/") && key.indexOf('\\') < 0 && key.indexOf('\0') < 0;
        String[] segments = key.split("/", -1);
        for (int i = 0; ok && i < segments.length; i++) {
            String s = segments[i];
            ok = !s.equals(".") && !s.equals("..") && (!s.isEmpty() || (prefix && i == segments.length - 1));
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid file key: " + key);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
