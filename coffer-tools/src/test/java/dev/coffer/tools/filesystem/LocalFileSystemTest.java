package dev.coffer.tools.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalFileSystemTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putReadAndInfo() throws IOException {
        LocalFileSystem fs = new LocalFileSystem(dir.resolve("storage"));
        fs.put("c1/r1/test_abc.txt", utf8("test\n"));

        assertThat(fs.exists("c1/r1/test_abc.txt")).isTrue();
        assertThat(fs.read("c1/r1/test_abc.txt")).isEqualTo(utf8("test\n"));
        FileInfo info = fs.info("c1/r1/test_abc.txt");
        assertThat(info.size()).isEqualTo(5);
        assertThat(info.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(info.modified()).isNotNull();
    }

    @Test
    void writesPocketBaseCompatibleSidecarsAndNoTempFiles() throws IOException {
        LocalFileSystem fs = new LocalFileSystem(dir);
        fs.put("c1/r1/test.txt", utf8("test\n"));
        fs.put("c1/r1/test.txt", utf8("test\n"));

        var attrs = Json.parse(Files.readString(dir.resolve("c1/r1/test.txt.attrs")));
        assertThat(attrs.get("user.content_type").asString()).isEqualTo("text/plain; charset=utf-8");
        assertThat(attrs.get("md5").asString()).isEqualTo("2Oj8otwPiW/Xy0ywAxuiSQ==");
        try (Stream<Path> files = Files.list(dir.resolve("c1/r1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("test.txt", "test.txt.attrs");
        }
    }

    @Test
    void readsAFileWithoutSidecarAsOctetStream() throws IOException {
        Files.createDirectories(dir.resolve("c1"));
        Files.write(dir.resolve("c1/legacy.bin"), utf8("x"));
        assertThat(new LocalFileSystem(dir).info("c1/legacy.bin").contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void missingFiles() throws IOException {
        LocalFileSystem fs = new LocalFileSystem(dir);
        assertThat(fs.exists("c1/nope.txt")).isFalse();
        assertThat(fs.delete("c1/nope.txt")).isFalse();
        assertThatThrownBy(() -> fs.open("c1/nope.txt")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.info("c1/nope.txt")).isInstanceOf(NoSuchFileException.class);
        assertThat(fs.list("c1/")).isEmpty();
    }

    @Test
    void listSkipsSidecarsAndFiltersByPrefix() throws IOException {
        LocalFileSystem fs = new LocalFileSystem(dir);
        fs.put("c1/r1/a.txt", utf8("a"));
        fs.put("c1/r1/thumbs_a.png/100x100_a.png", utf8("t"));
        fs.put("c1/r2/b.txt", utf8("b"));
        fs.put("c1/r10/c.txt", utf8("c"));

        assertThat(fs.list("c1/r1/")).extracting(FileInfo::key)
                .containsExactly("c1/r1/a.txt", "c1/r1/thumbs_a.png/100x100_a.png");
        assertThat(fs.list("c1/r1")).extracting(FileInfo::key)
                .containsExactly("c1/r1/a.txt", "c1/r1/thumbs_a.png/100x100_a.png", "c1/r10/c.txt");
        assertThat(fs.list("")).hasSize(4);
    }

    @Test
    void deleteRemovesSidecarAndEmptyDirectories() throws IOException {
        LocalFileSystem fs = new LocalFileSystem(dir);
        fs.put("c1/r1/a.txt", utf8("a"));
        fs.put("c1/r2/b.txt", utf8("b"));

        assertThat(fs.delete("c1/r1/a.txt")).isTrue();
        assertThat(dir.resolve("c1/r1")).doesNotExist();
        assertThat(dir.resolve("c1/r2/b.txt")).exists();
        assertThat(dir).exists();
    }

    @Test
    void deletePrefixRemovesADirectoryTree() throws IOException {
        LocalFileSystem fs = new LocalFileSystem(dir);
        fs.put("c1/r1/a.txt", utf8("a"));
        fs.put("c1/r1/thumbs_a.png/100x100_a.png", utf8("t"));
        fs.put("c1/r2/b.txt", utf8("b"));
        Files.createDirectories(dir.resolve("c1/r1/empty"));

        assertThat(fs.deletePrefix("c1/r1/")).isEqualTo(2);
        assertThat(dir.resolve("c1/r1")).doesNotExist();
        assertThat(fs.exists("c1/r2/b.txt")).isTrue();
        assertThat(fs.deletePrefix("c1/r2/b")).isEqualTo(1);
        assertThatThrownBy(() -> fs.deletePrefix("")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "c1/../../escape.txt", "/etc/passwd", "c1//a.txt", "c1/./a.txt",
        "c1\\..\\a.txt", "c1/a.txt.attrs", "", ".."})
    void refusesKeysOutsideTheRootOrMalformed(String key) {
        LocalFileSystem fs = new LocalFileSystem(dir.resolve("storage"));
        assertThatThrownBy(() -> fs.put(key, utf8("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void refusesTraversingPrefixes() {
        LocalFileSystem fs = new LocalFileSystem(dir.resolve("storage"));
        assertThatThrownBy(() -> fs.list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.deletePrefix("c1/../../")).isInstanceOf(IllegalArgumentException.class);
    }
}
