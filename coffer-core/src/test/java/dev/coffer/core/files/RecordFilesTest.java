package dev.coffer.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionType;
import dev.coffer.core.record.Record;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFilesTest {

    @TempDir
    Path storage;

    private RecordFiles files;
    private Record record;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void setUp() {
        Collection demo = new Collection("col1", "demo", CollectionType.BASE, false,
                Collection.parseFields(Json.parse("[{\"name\":\"id\",\"type\":\"text\",\"primaryKey\":true},"
                        + "{\"name\":\"docs\",\"type\":\"file\",\"maxSelect\":5}]")),
                new Collection.Rules(null, null, null, null, null), List.of(), null, "", "");
        record = new Record(demo);
        record.set("id", "rec1");
        files = RecordFiles.local(storage);
    }

    @Test
    void keyLayoutMatchesPocketBase() {
        assertThat(RecordFiles.fileKey("col1", "rec1", "a_x.png")).isEqualTo("col1/rec1/a_x.png");
        assertThat(RecordFiles.thumbsPrefix("col1", "rec1", "a_x.png")).isEqualTo("col1/rec1/thumbs_a_x.png/");
        assertThat(RecordFiles.thumbKey("col1", "rec1", "a_x.png", "100x100"))
                .isEqualTo("col1/rec1/thumbs_a_x.png/100x100_a_x.png");
        assertThatThrownBy(() -> RecordFiles.fileKey("col1", "rec1", "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordFiles.fileKey("col1", "..", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void persistWritesUploadsAndRemovesMarkedFilesWithTheirThumbs() throws IOException {
        FileSystem fs = files.fileSystem();
        fs.put("col1/rec1/old_abc.png", utf8("old"));
        fs.put("col1/rec1/thumbs_old_abc.png/100x100_old_abc.png", utf8("thumb"));
        fs.put("col1/rec1/kept_abc.txt", utf8("kept"));

        record.addUpload("docs", UploadedFile.named("new.txt", "new_abc.txt", utf8("new\n")));
        record.addFileToDelete("docs", "old_abc.png");
        record.addFileToDelete("docs", "../../escape");
        files.persist(record);

        assertThat(fs.list("col1/rec1/")).extracting(FileInfo::key)
                .containsExactly("col1/rec1/kept_abc.txt", "col1/rec1/new_abc.txt");
        assertThat(storage.resolve("col1/rec1/thumbs_old_abc.png")).doesNotExist();
        assertThat(record.uploads()).isEmpty();
        assertThat(record.filesToDelete()).isEmpty();
        try (InputStream in = files.open(RecordFiles.fileKey("col1", "rec1", "new_abc.txt"))) {
            assertThat(in.readAllBytes()).isEqualTo(utf8("new\n"));
        }
        assertThat(files.info("col1/rec1/new_abc.txt").contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(files.localPath("col1/rec1/new_abc.txt")).isEqualTo(storage.resolve("col1/rec1/new_abc.txt"));
    }

    @Test
    void discardUploadsRemovesWhatWasWrittenAfterAFailedSave() {
        record.addUpload("docs", UploadedFile.named("a.txt", "a_abc.txt", utf8("a")));
        record.addUpload("docs", UploadedFile.named("b.txt", "b_abc.txt", utf8("b")));
        record.addFileToDelete("docs", "still_referenced.txt");
        files.writeUploads(record);
        assertThat(files.exists("col1/rec1/a_abc.txt")).isTrue();

        files.discardUploads(record);

        assertThat(files.exists("col1/rec1/a_abc.txt")).isFalse();
        assertThat(files.exists("col1/rec1/b_abc.txt")).isFalse();
        assertThat(record.uploads()).containsKey("docs");
    }

    @Test
    void aFailedWriteRemovesTheUploadsAlreadyWritten() throws IOException {
        // a directory squatting on the second name makes its write fail
        Files.createDirectories(storage.resolve("col1/rec1/b_abc.txt/inner"));
        record.addUpload("docs", UploadedFile.named("a.txt", "a_abc.txt", utf8("a")));
        record.addUpload("docs", UploadedFile.named("b.txt", "b_abc.txt", utf8("b")));

        assertThatThrownBy(() -> files.writeUploads(record)).isInstanceOf(UncheckedIOException.class);
        assertThat(storage.resolve("col1/rec1/a_abc.txt")).doesNotExist();
    }

    @Test
    void deleteAllRemovesTheRecordDirectoryOnly() throws IOException {
        FileSystem fs = files.fileSystem();
        fs.put("col1/rec1/a.txt", utf8("a"));
        fs.put("col1/rec1/thumbs_a.png/100x100_a.png", utf8("t"));
        fs.put("col1/rec10/b.txt", utf8("b"));

        files.deleteAll(record);

        assertThat(storage.resolve("col1/rec1")).doesNotExist();
        assertThat(fs.exists("col1/rec10/b.txt")).isTrue();
    }
}
