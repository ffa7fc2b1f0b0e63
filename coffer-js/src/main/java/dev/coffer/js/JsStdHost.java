package dev.coffer.js;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.HostAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code std.js} calls to give scripts PocketBase's standard globals ({@code $security}, {@code $http},
 * {@code $os}, {@code sleep}, ...). Values cross as strings, numbers and booleans; bytes cross as binary strings (one
 * char per byte, 0-255) and structures as JSON text. Failures throw {@link StdError}, whose message std.js turns into
 * a JS {@code Error} with the same wording PocketBase's Go functions give where that is practical.
 */
public final class JsStdHost {

    /** A failure meant for the script: the message is what the JS Error says. */
    public static final class StdError extends RuntimeException {
        StdError(String message) {
            super(message, null, false, false);
        }
    }

    private static final String DEFAULT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom SECURE = new SecureRandom();
    private static final int GCM_NONCE = 12;
    private static final int GCM_TAG_BITS = 128;
    private static final String JWT_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;

    private final List<String> args;
    private String lastError;

    /** A host whose {@code $os.args} is empty. */
    public JsStdHost() {
        this(List.of());
    }

    /** A host whose {@code $os.args} is {@code args} (PocketBase gives the program name and its arguments). */
    public JsStdHost(List<String> args) {
        this.args = List.copyOf(args);
    }

    // ------------------------------------------------------------------ errors

    /**
     * The message of the last {@link StdError} a call threw, cleared by reading it. Host exceptions have no readable
     * members under {@code HostAccess.EXPLICIT}, so std.js asks here when a call throws.
     */
    @HostAccess.Export
    public String takeError() {
        String e = lastError;
        lastError = null;
        return e;
    }

    private StdError fail(String message) {
        lastError = message;
        return new StdError(message);
    }

    // ------------------------------------------------------------------ bytes

    /** The UTF-8 bytes of {@code text} as a binary string. */
    @HostAccess.Export
    public String utf8Encode(String text) {
        return binary(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of UTF-8 bytes given as a binary string (bad sequences become U+FFFD). */
    @HostAccess.Export
    public String utf8Decode(String bytes) {
        return new String(bytes(bytes), StandardCharsets.UTF_8);
    }

    static String binary(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String binary) {
        return binary == null ? new byte[0] : binary.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ misc

    @HostAccess.Export
    public void sleep(double milliseconds) {
        if (!(milliseconds > 0)) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos((long) (milliseconds * 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("sleep interrupted");
        }
    }

    // ------------------------------------------------------------------ $security

    @HostAccess.Export
    public String randomString(int length, String alphabet, boolean secure) {
        if (length < 0) {
            throw fail("makeslice: len out of range");
        }
        String chars = alphabet == null ? DEFAULT_ALPHABET : alphabet;
        int[] points = chars.codePoints().toArray();
        if (points.length == 0 && length > 0) {
            throw fail("the alphabet must not be empty");
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int n = secure ? SECURE.nextInt(points.length) : ThreadLocalRandom.current().nextInt(points.length);
            sb.appendCodePoint(points[n]);
        }
        return sb.toString();
    }

    @HostAccess.Export
    public String randomStringByRegex(String pattern) {
        try {
            return RegexRandom.generate(pattern, SECURE);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    /** The lowercase hex digest ({@code md5}, {@code sha256}, {@code sha512}) of the UTF-8 text. */
    @HostAccess.Export
    public String digest(String algorithm, String text) {
        String name = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw fail("unknown digest " + algorithm);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(utf8(text)));
        } catch (NoSuchAlgorithmException e) {
            throw fail(e.getMessage());
        }
    }

    /** The lowercase hex HMAC ({@code sha256} or {@code sha512}) of the UTF-8 text with the UTF-8 secret. */
    @HostAccess.Export
    public String hmac(String algorithm, String text, String secret) {
        return HexFormat.of().formatHex(mac(algorithm, utf8(secret), utf8(text)));
    }

    @HostAccess.Export
    public boolean equal(String a, String b) {
        return MessageDigest.isEqual(utf8(a), utf8(b));
    }

    /** An HS256 token of the claims JSON (written by std.js as Go writes it: sorted keys), signed with the key. */
    @HostAccess.Export
    public String signJwt(String claimsJson, String key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(utf8(JWT_HEADER)) + "." + b64.encodeToString(utf8(claimsJson));
        return input + "." + b64.encodeToString(mac("sha256", utf8(key), utf8(input)));
    }

    /**
     * The claims (JSON text) of a token. With {@code verify}: only HS256 with this key, the signature checked, then
     * {@code exp} and {@code nbf}; without: {@code exp}, {@code nbf} and {@code iat} are still checked.
     */
    @HostAccess.Export
    public String parseJwt(String token, String key, boolean verify) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw fail("token is malformed: token contains an invalid number of segments");
        }
        JsonNode header = segment(parts[0], "header");
        String claimsText = new String(decodeSegment(parts[1], "claim"), StandardCharsets.UTF_8);
        JsonNode claims;
        try {
            claims = Json.parse(claimsText);
        } catch (RuntimeException e) {
            throw fail("token is malformed: could not JSON decode claim: invalid JSON");
        }
        if (!(claims instanceof ObjectNode)) {
            throw fail("token is malformed: could not JSON decode claim: not an object");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isString()) {
            throw fail("token is unverifiable: signing method (alg) is unspecified");
        }
        String algName = alg.asString();
        if (!Set.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256",
                "PS384", "PS512", "EdDSA", "none").contains(algName)) {
            throw fail("token is unverifiable: signing method (alg) is unavailable");
        }
        if (verify) {
            if (!algName.equals("HS256")) {
                throw fail("token signature is invalid: signing method " + algName + " is invalid");
            }
            byte[] signature = decodeSegment(parts[2], "signature");
            byte[] expected = mac("sha256", utf8(key), utf8(parts[0] + "." + parts[1]));
            if (!MessageDigest.isEqual(signature, expected)) {
                throw fail("token signature is invalid: signature is invalid");
            }
        }
        double now = System.currentTimeMillis() / 1000.0;
        List<String> problems = new ArrayList<>();
        Double exp = numericDate(claims, "exp");
        if (exp != null && !(now < exp)) {
            problems.add("token is expired");
        }
        Double nbf = numericDate(claims, "nbf");
        if (nbf != null && now < nbf) {
            problems.add("token is not valid yet");
        }
        Double iat = verify ? null : numericDate(claims, "iat");
        if (iat != null && now < iat) {
            problems.add("token used before issued");
        }
        if (!problems.isEmpty()) {
            throw fail("token has invalid claims: " + String.join(", ", problems));
        }
        return claimsText;
    }

    private JsonNode segment(String part, String what) {
        byte[] raw = decodeSegment(part, what);
        try {
            JsonNode n = Json.parse(new String(raw, StandardCharsets.UTF_8));
            if (n instanceof ObjectNode) {
                return n;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw fail("token is malformed: could not JSON decode " + what + ": invalid JSON");
    }

    private byte[] decodeSegment(String part, String what) {
        try {
            if (part.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padding");
            }
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw fail("token is malformed: could not base64 decode " + what + ": illegal base64 data");
        }
    }

    private Double numericDate(JsonNode claims, String name) {
        JsonNode v = claims.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw fail("token has invalid claims: invalid type for claim: " + name + " is invalid");
        }
        return v.asDouble();
    }

    /** AES-256-GCM (a 16, 24 or 32 byte key): standard base64 of the 12 byte nonce followed by the sealed data. */
    @HostAccess.Export
    public String encrypt(String data, String key) {
        byte[] nonce = new byte[GCM_NONCE];
        SECURE.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, bytes(data));
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /** The inverse of {@link #encrypt}: the plain bytes as UTF-8 text. */
    @HostAccess.Export
    public String decrypt(String cipherText, String key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(cipherText);
        } catch (IllegalArgumentException e) {
            throw fail("illegal base64 data");
        }
        checkAesKey(key);
        if (raw.length < GCM_NONCE) {
            throw fail("cipher: message authentication failed");
        }
        byte[] nonce = java.util.Arrays.copyOf(raw, GCM_NONCE);
        byte[] sealed = java.util.Arrays.copyOfRange(raw, GCM_NONCE, raw.length);
        return new String(gcm(Cipher.DECRYPT_MODE, key, nonce, sealed), StandardCharsets.UTF_8);
    }

    private void checkAesKey(String key) {
        int n = utf8(key).length;
        if (n != 16 && n != 24 && n != 32) {
            throw fail("crypto/aes: invalid key size " + n);
        }
    }

    private byte[] gcm(int mode, String key, byte[] nonce, byte[] data) {
        checkAesKey(key);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(utf8(key), "AES"), new GCMParameterSpec(GCM_TAG_BITS, nonce));
            return c.doFinal(data);
        } catch (AEADBadTagException e) {
            throw fail("cipher: message authentication failed");
        } catch (java.security.GeneralSecurityException e) {
            throw fail(mode == Cipher.DECRYPT_MODE ? "cipher: message authentication failed" : e.getMessage());
        }
    }

    private byte[] mac(String algorithm, byte[] key, byte[] data) {
        String name = switch (algorithm) {
            case "sha256" -> "HmacSHA256";
            case "sha512" -> "HmacSHA512";
            default -> throw fail("unknown hmac " + algorithm);
        };
        try {
            Mac mac = Mac.getInstance(name);
            // an empty key is allowed by HMAC but not by SecretKeySpec: any key shorter than the block is zero padded
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, name));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw fail(e.getMessage());
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ $http

    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** The answer of {@link #httpSend}: read by std.js to build the script's result object. */
    public static final class HttpResult {
        private final int status;
        private final String headersJson;
        private final String body;

        HttpResult(int status, String headersJson, String body) {
            this.status = status;
            this.headersJson = headersJson;
            this.body = body;
        }

        @HostAccess.Export
        public int statusCode() {
            return status;
        }

        /** {@code {"Header-Name": ["value", ...]}} with names in Go's canonical form. */
        @HostAccess.Export
        public String headers() {
            return headersJson;
        }

        /** The body as a binary string. */
        @HostAccess.Export
        public String body() {
            return body;
        }
    }

    /** Sends a request and waits for the whole answer, at most {@code timeoutSeconds}. */
    @HostAccess.Export
    public HttpResult httpSend(String method, String url, String headersJson, String body, int timeoutSeconds) {
        String m = method.toUpperCase(Locale.ROOT);
        String op = m.isEmpty() ? "Get" : m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT);
        String where = op + " \"" + url + "\": ";
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw fail("parse \"" + url + "\": " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw fail(where + "unsupported protocol scheme \"" + scheme + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw fail(where + "http: no Host in request URL");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds <= 0 ? 120 : timeoutSeconds);
        byte[] payload = bytes(body);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .version(scheme.equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .method(m.isEmpty() ? "GET" : m, payload.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload));
        JsonNode headers = headersJson == null || headersJson.isBlank() ? Json.object() : Json.parse(headersJson);
        for (Map.Entry<String, JsonNode> h : headers.properties()) {
            if (RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue; // the client sets these itself
            }
            try {
                rb.header(h.getKey(), h.getValue().asString(""));
            } catch (IllegalArgumentException e) {
                throw fail(where + "net/http: invalid header field " + h.getKey());
            }
        }
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = Http.CLIENT.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IllegalArgumentException e) {
            throw fail(where + e.getMessage());
        }
        HttpResponse<byte[]> res;
        try {
            res = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw fail(where + "context deadline exceeded");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw fail(where + "context canceled");
        } catch (ExecutionException | CancellationException e) {
            throw fail(where + describe(e.getCause() == null ? e : e.getCause(), uri));
        }
        TreeMap<String, List<String>> canonical = new TreeMap<>();
        res.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                canonical.computeIfAbsent(canonicalHeader(name), k -> new ArrayList<>()).addAll(values);
            }
        });
        ObjectNode outHeaders = Json.object();
        canonical.forEach((name, values) -> {
            ArrayNode a = outHeaders.putArray(name);
            values.forEach(a::add);
        });
        return new HttpResult(res.statusCode(), Json.write(outHeaders), binary(res.body()));
    }

    private static String describe(Throwable t, URI uri) {
        Throwable cause = t;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof IOException
                && cause.getCause() instanceof IOException)) {
            cause = cause.getCause();
        }
        String hostPort = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort()
                : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80);
        if (t instanceof HttpConnectTimeoutException) {
            return "dial tcp " + hostPort + ": i/o timeout";
        }
        if (t instanceof HttpTimeoutException) {
            return "context deadline exceeded";
        }
        if (t instanceof ConnectException || cause instanceof ConnectException) {
            return "dial tcp " + hostPort + ": connect: connection refused";
        }
        if (t instanceof UnknownHostException || cause instanceof UnknownHostException) {
            return "dial tcp: lookup " + uri.getHost() + ": no such host";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** Go's canonical header name: the first letter and each one after a hyphen upper case, the rest lower. */
    static String canonicalHeader(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c > 0x7e) {
                return name; // not a token: Go leaves such names as they are
            }
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ $os

    @HostAccess.Export
    public String args() {
        ArrayNode a = Json.array();
        args.forEach(a::add);
        return Json.write(a);
    }

    @HostAccess.Export
    public String getenv(String name) {
        String v = System.getenv(name);
        return v == null ? "" : v;
    }

    @HostAccess.Export
    public String tempDir() {
        String t = System.getenv("TMPDIR");
        return t == null || t.isEmpty() ? System.getProperty("java.io.tmpdir").replaceAll("(.)/$", "$1") : t;
    }

    @HostAccess.Export
    public String getwd() {
        return Path.of("").toAbsolutePath().toString();
    }

    @HostAccess.Export
    public String readFile(String path) {
        try {
            if (Files.isDirectory(Path.of(path))) {
                throw fail("read " + path + ": is a directory");
            }
            return binary(Files.readAllBytes(Path.of(path)));
        } catch (IOException e) {
            throw ioFail("open", path, e);
        }
    }

    @HostAccess.Export
    public void writeFile(String path, String data, int perm) {
        Path p = Path.of(path);
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(p, permissions(p.toAbsolutePath().getParent(), perm));
            }
            Files.write(p, bytes(data), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw ioFail("open", path, e);
        }
    }

    @HostAccess.Export
    public void truncate(String path, double size) {
        Path p = Path.of(path);
        try (var ch = Files.newByteChannel(p, StandardOpenOption.WRITE)) {
            long n = (long) size;
            if (n < ch.size()) {
                ch.truncate(n);
            } else if (n > ch.size()) {
                ch.position(n - 1);
                ch.write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
        } catch (IOException e) {
            throw ioFail("truncate", path, e);
        }
    }

    /** {@code {name, size, mode, isDir, modTime (ms)}} of the file (links followed) as JSON text. */
    @HostAccess.Export
    public String stat(String path) {
        Path p = Path.of(path);
        try {
            String name = p.getFileName() == null ? "/" : p.getFileName().toString();
            return Json.write(info(p, name, true));
        } catch (IOException e) {
            throw ioFail("stat", path, e);
        }
    }

    /** The entries of a folder, sorted by name, each as {@link #stat} gives it (links not followed). */
    @HostAccess.Export
    public String readDir(String path) {
        Path dir = Path.of(path);
        ArrayNode out = Json.array();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList()) {
                out.add(info(p, p.getFileName().toString(), false));
            }
        } catch (IOException e) {
            throw ioFail("open", path, e);
        }
        return Json.write(out);
    }

    private static ObjectNode info(Path p, String name, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, opts);
        long mode = 0;
        try {
            for (PosixFilePermission perm : Files.getPosixFilePermissions(p, opts)) {
                mode |= 1L << (8 - perm.ordinal());
            }
        } catch (UnsupportedOperationException | IOException e) {
            mode = a.isDirectory() ? 0755 : 0644;
        }
        if (a.isDirectory()) {
            mode |= MODE_DIR;
        } else if (a.isSymbolicLink()) {
            mode |= MODE_SYMLINK;
        }
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("size", a.size());
        o.put("mode", mode);
        o.put("isDir", a.isDirectory());
        o.put("type", a.isDirectory() ? MODE_DIR : a.isSymbolicLink() ? MODE_SYMLINK : 0);
        o.put("modTime", a.lastModifiedTime().toMillis());
        return o;
    }

    @HostAccess.Export
    public void mkdir(String path, int perm) {
        Path p = Path.of(path);
        try {
            Files.createDirectory(p, permissions(p.toAbsolutePath().getParent(), perm));
        } catch (IOException e) {
            throw ioFail("mkdir", path, e);
        }
    }

    @HostAccess.Export
    public void mkdirAll(String path, int perm) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            return;
        }
        try {
            List<Path> missing = new ArrayList<>();
            for (Path q = p; q != null && !Files.exists(q); q = q.getParent()) {
                missing.add(0, q);
            }
            for (Path q : missing) {
                Files.createDirectory(q, permissions(q.getParent(), perm));
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(p)) {
                throw fail("mkdir " + path + ": not a directory");
            }
        } catch (IOException e) {
            throw ioFail("mkdir", path, e);
        }
        if (!Files.isDirectory(p)) {
            throw fail("mkdir " + path + ": not a directory");
        }
    }

    @HostAccess.Export
    public void rename(String from, String to) {
        try {
            Files.move(Path.of(from), Path.of(to), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw fail("rename " + from + " " + to + ": " + reason(e));
        }
    }

    @HostAccess.Export
    public void remove(String path) {
        try {
            Files.delete(Path.of(path));
        } catch (IOException e) {
            throw ioFail("remove", path, e);
        }
    }

    @HostAccess.Export
    public void removeAll(String path) {
        Path root = Path.of(path);
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw ioFail("unlinkat", path, e);
        }
    }

    /** POSIX permissions for a new file from Go's perm bits (the umask still applies), when the store has them. */
    private static FileAttribute<?>[] permissions(Path parent, int perm) {
        Path where = parent == null ? Path.of("/") : parent;
        if (!where.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((perm & (1 << (8 - p.ordinal()))) != 0) {
                set.add(p);
            }
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(set)};
    }

    private StdError ioFail(String op, String path, IOException e) {
        return fail(op + " " + path + ": " + reason(e));
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "too many levels of symbolic links";
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        m = colon >= 0 ? m.substring(colon + 2) : m;
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
}
