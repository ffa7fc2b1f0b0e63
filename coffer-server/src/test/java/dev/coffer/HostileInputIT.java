package dev.coffer;

import static dev.coffer.Processes.deleteRecursively;
import static dev.coffer.Processes.freePort;
import static dev.coffer.Processes.java;
import static dev.coffer.Processes.read;
import static dev.coffer.Processes.stop;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Hostile input against the runnable jar in a 256 MiB heap, on a copy of PocketBase's fixture: thumbnails of an
 * image whose header declares 46000x46000 pixels, a 12 MB urlencoded body of 1.2 million fields, a multipart body
 * of 2000 parts and 1.1 MB of headers are all refused or served quickly, in the JSON error shape, and the server
 * keeps answering with its peak resident memory under 1 GiB.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads the peak memory from /proc")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileInputIT {

    private static final long ONE_GIB = 1L << 30;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path work;
    private Process server;
    private String base;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        Path root = Processes.repositoryRoot();
        work = Files.createTempDirectory("coffer-hostile-");
        Path data = work.resolve("pb_data");
        copy(root.resolve("fixtures/pocketbase-testdata"), data);
        port = freePort();
        base = "http://127.0.0.1:" + port;
        Path log = work.resolve("server.log");
        server = new ProcessBuilder(java(), "-Xmx256m", "-jar", root.resolve("coffer-server/target/coffer.jar").toString(),
                "serve", "--http=127.0.0.1:" + port, "--dir=" + data)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Processes.awaitHealthy(server, base, log, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            stop(server);
        }
        deleteRecursively(work);
    }

    @Test
    void hostileRequestsAreRefusedQuicklyWithinBoundedMemory() throws Exception {
        // a user whose avatar is a PNG claiming 46000x46000 pixels (8 GB decoded); users' createRule is public
        String boundary = "hostileBoundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        part(form, boundary, "email", "huge@example.com");
        part(form, boundary, "password", "1234567890");
        part(form, boundary, "passwordConfirm", "1234567890");
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"huge.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] hugePng = hugePng();
        form.writeBytes(hugePng);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/collections/users/records"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = created.body().replaceAll(".*\"id\":\"([a-z0-9]+)\".*", "$1");
        String avatar = created.body().replaceAll(".*\"avatar\":\"([^\"]+)\".*", "$1");

        // eight thumbnail requests at once: each gets the original, the image is never decoded
        List<CompletableFuture<HttpResponse<byte[]>>> thumbs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            thumbs.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/files/_pb_users_auth_/" + id + "/"
                    + avatar + "?thumb=70x50")).timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> f : thumbs) {
            HttpResponse<byte[]> r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(hugePng);
        }

        // 1.2 million urlencoded fields (12 MB): refused before they are decoded
        StringBuilder flood = new StringBuilder(12_500_000);
        for (int i = 0; i < 1_200_000; i++) {
            flood.append(i == 0 ? "" : "&").append('f').append(i).append("=1");
        }
        HttpResponse<String> floodAnswer = send(HttpRequest.newBuilder(URI.create(base + "/api/collections/demo1/records"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(flood.toString())));
        assertJsonError(floodAnswer, 400);

        // 2000 multipart parts
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            part(parts, boundary, "f" + i, "1");
        }
        parts.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertJsonError(send(HttpRequest.newBuilder(URI.create(base + "/api/collections/demo1/records"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(parts.toByteArray()))), 400);

        // 1.1 MB of headers: over the 1 MiB limit, answered in the JSON shape with the usual headers
        String answer = rawRequest("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(1_100_000) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431").contains("Content-Type: application/json")
                .contains("Access-Control-Allow-Origin: *")
                .contains("{\"data\":{},\"message\":\"Request Header Fields Too Large.\",\"status\":431}");
        // 20 KB of headers are fine, as in PocketBase
        assertThat(rawRequest("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n")).startsWith("HTTP/1.1 200");

        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/health")).GET()).statusCode()).isEqualTo(200);
        assertThat(server.isAlive()).isTrue();
        long peak = peakResidentBytes(server.pid());
        assertThat(peak).as("peak resident memory of the server").isLessThan(ONE_GIB);
        assertThat(read(work.resolve("server.log"))).doesNotContain("OutOfMemoryError");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).startsWith("{\"data\":{},\"message\":").endsWith("\"status\":" + status + "}");
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before it has read everything
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    answer.write(buf, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("\"status\":")) {
                        break;
                    }
                }
            } catch (IOException reset) {
                // what arrived before the connection closed is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A PNG whose header declares 46000x46000 pixels, with one small deflate block of data. */
    private static byte[] hugePng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(46_000).putInt(46_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] idat = new byte[8192];
        int n = deflater.deflate(idat);
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The peak resident set size of a process ({@code VmHWM} in /proc). */
    private static long peakResidentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
