package dev.coffer.tools.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link S3FileSystem} against an in-process S3Proxy with a filesystem blob store and V4 authentication. */
class S3FileSystemTest {

    private static final String KEY = "access-key";
    private static final String SECRET = "secret/key+value";

    @TempDir
    static Path blobs;

    private static S3Proxy proxy;
    private static String endpoint;

    @BeforeAll
    static void startProxy() throws Exception {
        BlobStore store = new FilesystemNio2BlobStore(blobs.toString());
        store.createContainer("bucket");
        proxy = S3Proxy.builder().blobStore(store).awsAuthentication(AuthenticationType.AWS_V4, KEY, SECRET)
                .endpoint(java.net.URI.create("http://127.0.0.1:0")).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(5);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.stop();
    }

    private static S3FileSystem fs(int pageSize) {
        return new S3FileSystem(new S3Config(endpoint, "us-east-1", "bucket", KEY, SECRET, true), pageSize);
    }

    @Test
    void putOpenInfoExistsDeleteRoundTrip() throws Exception {
        S3FileSystem fs = fs(1000);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        fs.put("c1/r1/pic a+ü.png", png);
        assertThat(fs.exists("c1/r1/pic a+ü.png")).isTrue();
        assertThat(fs.read("c1/r1/pic a+ü.png")).isEqualTo(png);
        FileInfo info = fs.info("c1/r1/pic a+ü.png");
        assertThat(info.size()).isEqualTo(png.length);
        assertThat(info.contentType()).isEqualTo("image/png");
        assertThat(info.modified()).isAfter(java.time.Instant.now().minusSeconds(120));
        try (InputStream in = fs.open("c1/r1/pic a+ü.png", 1, 3)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        assertThat(fs.delete("c1/r1/pic a+ü.png")).isTrue();
        assertThat(fs.exists("c1/r1/pic a+ü.png")).isFalse();
        assertThat(fs.delete("c1/r1/pic a+ü.png")).isFalse();
    }

    @Test
    void missingKeysAreNoSuchFile() throws Exception {
        S3FileSystem fs = fs(1000);
        assertThat(fs.exists("nope/x.txt")).isFalse();
        assertThatThrownBy(() -> fs.open("nope/x.txt")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.info("nope/x.txt")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.put("../x", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeUploadsAreSpooledAndStreamedBack() throws Exception {
        S3FileSystem fs = fs(1000);
        byte[] big = new byte[9 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);
        fs.put("big/blob.bin", new ByteArrayInputStream(big));
        assertThat(fs.info("big/blob.bin").size()).isEqualTo(big.length);
        assertThat(fs.read("big/blob.bin")).isEqualTo(big);
        fs.deletePrefix("big/");
    }

    @Test
    void listPagesThroughContinuationTokensAndDeletePrefixRemovesOnlyThePrefix() throws Exception {
        S3FileSystem fs = fs(2);
        for (int i = 0; i < 7; i++) {
            fs.put("list/a/f" + i + ".txt", ("file " + i).getBytes(StandardCharsets.UTF_8));
        }
        fs.put("list/b/keep.txt", "keep".getBytes(StandardCharsets.UTF_8));
        List<FileInfo> listed = fs.list("list/a/");
        assertThat(listed).extracting(FileInfo::key).containsExactly("list/a/f0.txt", "list/a/f1.txt",
                "list/a/f2.txt", "list/a/f3.txt", "list/a/f4.txt", "list/a/f5.txt", "list/a/f6.txt");
        assertThat(listed.get(0).size()).isEqualTo(6);
        assertThat(fs.list("list/")).hasSize(8);
        assertThat(fs.deletePrefix("list/a/")).isEqualTo(7);
        assertThat(fs.list("list/")).extracting(FileInfo::key).containsExactly("list/b/keep.txt");
        assertThat(fs.deletePrefix("list/a/")).isZero();
        assertThatThrownBy(() -> fs.deletePrefix("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorsCarryS3sCodeAndMessage() {
        S3FileSystem badSecret = new S3FileSystem(new S3Config(endpoint, "us-east-1", "bucket", KEY, "wrong", true));
        assertThatThrownBy(() -> badSecret.put("x.txt", new byte[] {1}))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                });
        S3FileSystem noBucket = new S3FileSystem(new S3Config(endpoint, "us-east-1", "missing", KEY, SECRET, true));
        assertThatThrownBy(() -> noBucket.list("")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
        assertThatThrownBy(() -> noBucket.open("x.txt")).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.getMessage()).startsWith("404 NoSuchBucket"));
    }

    @Test
    void virtualHostStylePutsTheBucketInTheHostName() {
        S3Http vhost = new S3Http(new S3Config("https://s3.example.com/", "eu-west-1", "b1", "k", "s", false),
                java.net.http.HttpClient.newHttpClient());
        assertThat(vhost.uri("a b/c.txt", java.util.Map.of()).toString())
                .isEqualTo("https://b1.s3.example.com/a%20b/c.txt");
        S3Http path = new S3Http(new S3Config("minio:9000", "", "b1", "k", "s", true),
                java.net.http.HttpClient.newHttpClient());
        assertThat(path.uri("x", java.util.Map.of("prefix", "a/")).toString())
                .isEqualTo("https://minio:9000/b1/x?prefix=a%2F");
        S3Http aws = new S3Http(new S3Config("", "eu-west-1", "b1", "k", "s", false),
                java.net.http.HttpClient.newHttpClient());
        assertThat(aws.uri("x", java.util.Map.of()).getHost()).isEqualTo("b1.s3.eu-west-1.amazonaws.com");
    }

    @Test
    void aBucketBeforeAnIpAddressIsRefusedWithAReason() {
        S3FileSystem ipVirtualHost = new S3FileSystem(new S3Config(endpoint, "us-east-1", "bucket", KEY, SECRET, false));
        assertThatThrownBy(() -> ipVirtualHost.put("x.txt", new byte[] {1}))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("\"bucket." + endpoint.substring("http://".length())
                        + "\" is not a valid S3 host (an IP address endpoint needs forcePathStyle)");
    }
}
