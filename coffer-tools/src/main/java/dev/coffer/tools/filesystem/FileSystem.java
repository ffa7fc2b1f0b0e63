package dev.coffer.tools.filesystem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * A flat store of files addressed by keys such as {@code collectionId/recordId/name.png}: segments separated by
 * {@code /}, no leading slash, no {@code .} or {@code ..} segments. Implementations may be a local directory or an
 * object store, so callers never rely on real directories: a "directory" is just a key prefix ending in
 * {@code /}.
 */
public interface FileSystem {

    /**
     * Stores the stream's content under the key, replacing what was there. Readers never see a partly written
     * file.
     *
     * @throws IllegalArgumentException when the key is invalid
     */
    void put(String key, InputStream content) throws IOException;

    /** Stores the bytes under the key (see {@link #put(String, InputStream)}). */
    default void put(String key, byte[] content) throws IOException {
        put(key, new ByteArrayInputStream(content));
    }

    /**
     * Opens a stored file for reading; the caller closes the stream.
     *
     * @throws NoSuchFileException when there is no such file
     */
    InputStream open(String key) throws IOException;

    /**
     * Opens {@code length} bytes of a stored file starting at {@code offset} (fewer at its end); the caller closes
     * the stream. Object stores fetch only that range.
     *
     * @throws NoSuchFileException when there is no such file
     */
    default InputStream open(String key, long offset, long length) throws IOException {
        InputStream in = open(key);
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** The whole content of a stored file (for small files). */
    default byte[] read(String key) throws IOException {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        }
    }

    /** Whether a file is stored under the key. */
    boolean exists(String key) throws IOException;

    /**
     * Size, modification time and content type of a stored file.
     *
     * @throws NoSuchFileException when there is no such file
     */
    FileInfo info(String key) throws IOException;

    /** Removes a stored file; returns false when there was none. */
    boolean delete(String key) throws IOException;

    /**
     * Removes every file whose key starts with the prefix; a prefix ending in {@code /} removes a whole
     * "directory" (and the directory itself where the store has them). Tries every file before reporting the
     * first failure.
     *
     * @return how many files were removed
     * @throws IllegalArgumentException when the prefix is empty
     */
    int deletePrefix(String prefix) throws IOException;

    /** The files whose keys start with the prefix, sorted by key, at any depth. */
    List<FileInfo> list(String prefix) throws IOException;
}
