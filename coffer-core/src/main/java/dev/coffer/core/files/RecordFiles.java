package dev.coffer.core.files;

import dev.coffer.core.record.Record;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.filesystem.LocalFileSystem;
import dev.coffer.tools.filesystem.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of records in a {@link FileSystem}, laid out as PocketBase does: {@code <collectionId>/<recordId>/
 * <filename>}, with thumbnails under {@code <collectionId>/<recordId>/thumbs_<filename>/<size>_<filename>}.
 *
 * <p>Saving a record with file changes goes: {@link #writeUploads} before the database write; then
 * {@link #applyDeletions} once it succeeded, or {@link #discardUploads} when it failed. {@link #persist} does the
 * first and second step at once for callers that have already saved the record. Storage failures surface as
 * {@link UncheckedIOException}, except when removing files that are no longer referenced: those are logged.
 */
public final class RecordFiles {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFiles.class);

    private final FileSystem fs;
    private final ThumbnailStore thumbnails;

    /** Record files in the given file system. */
    public RecordFiles(FileSystem fs) {
        this.fs = fs;
        this.thumbnails = new ThumbnailStore(fs);
    }

    /** Record files in a local directory, such as the app's {@code <dataDir>/storage}. */
    public static RecordFiles local(Path storageDir) {
        return new RecordFiles(new LocalFileSystem(storageDir));
    }

    /** The underlying file system. */
    public FileSystem fileSystem() {
        return fs;
    }

    /** The thumbnails of the stored images (made on demand). */
    public ThumbnailStore thumbnails() {
        return thumbnails;
    }

    // --- key layout -------------------------------------------------------------------------------------

    /** The key prefix of a record's files, {@code <collectionId>/<recordId>} (no trailing slash). */
    public static String baseKey(String collectionId, String recordId) {
        requirePlainName(collectionId);
        requirePlainName(recordId);
        return collectionId + "/" + recordId;
    }

    /** The key of one of a record's files. */
    public static String fileKey(String collectionId, String recordId, String fileName) {
        requirePlainName(fileName);
        return baseKey(collectionId, recordId) + "/" + fileName;
    }

    /** The key prefix of a file's thumbnails, {@code <collectionId>/<recordId>/thumbs_<filename>/}. */
    public static String thumbsPrefix(String collectionId, String recordId, String fileName) {
        requirePlainName(fileName);
        return baseKey(collectionId, recordId) + "/thumbs_" + fileName + "/";
    }

    /** The key of a file's thumbnail of a size such as {@code 100x100} or {@code 70x50t}. */
    public static String thumbKey(String collectionId, String recordId, String fileName, String size) {
        requirePlainName(size);
        return thumbsPrefix(collectionId, recordId, fileName) + size + "_" + fileName;
    }

    // --- saving and deleting records --------------------------------------------------------------------

    /**
     * Writes the record's pending {@link Record#uploads() uploads}. When one fails, the ones already written are
     * removed before the error is thrown. The pending changes are kept for {@link #applyDeletions} or
     * {@link #discardUploads}.
     */
    public void writeUploads(Record r) {
        List<String> written = new ArrayList<>();
        try {
            for (List<UploadedFile> files : r.uploads().values()) {
                for (UploadedFile file : files) {
                    String key = fileKey(r, file.name());
                    try (InputStream in = file.open()) {
                        fs.put(key, in);
                    }
                    written.add(key);
                }
            }
        } catch (IOException | RuntimeException e) {
            written.forEach(this::deleteQuietly);
            throw e instanceof IOException io ? new UncheckedIOException("failed to store uploaded files", io)
                    : (RuntimeException) e;
        }
    }

    /**
     * Removes the files the record {@link Record#filesToDelete() marked for deletion}, with their thumbnails,
     * and forgets the pending changes. Names that aren't plain file names are skipped; failures are logged, as
     * the files are no longer referenced.
     */
    public void applyDeletions(Record r) {
        for (Map.Entry<String, List<String>> e : r.filesToDelete().entrySet()) {
            for (String name : e.getValue()) {
                if (!isPlainName(name)) {
                    continue;
                }
                deleteQuietly(fileKey(r, name));
                try {
                    fs.deletePrefix(thumbsPrefix(r.collection().id(), r.id(), name));
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("Failed to delete the thumbs of {} of field {}", name, e.getKey(), ex);
                }
            }
        }
        r.clearPendingFiles();
    }

    /** Writes the pending uploads, then applies the pending deletions (for a record already saved). */
    public void persist(Record r) {
        writeUploads(r);
        applyDeletions(r);
    }

    /**
     * Removes the files {@link #writeUploads} wrote for the record's pending uploads (after its database write
     * failed). Failures are logged. The pending changes stay on the record.
     */
    public void discardUploads(Record r) {
        for (List<UploadedFile> files : r.uploads().values()) {
            for (UploadedFile file : files) {
                deleteQuietly(fileKey(r, file.name()));
            }
        }
    }

    /** Removes all of a deleted record's files and thumbnails. */
    public void deleteAll(Record r) {
        try {
            fs.deletePrefix(baseKey(r.collection().id(), r.id()) + "/");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to delete the files of record " + r.id(), e);
        }
    }

    // --- reading ----------------------------------------------------------------------------------------

    /** Whether a file is stored under a key made by {@link #fileKey} or {@link #thumbKey}. */
    public boolean exists(String key) {
        try {
            return fs.exists(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Size, modification time and content type of a stored file (key from {@link #fileKey} or {@link #thumbKey}).
     *
     * @throws UncheckedIOException wrapping {@link java.nio.file.NoSuchFileException} when it is missing
     */
    public FileInfo info(String key) {
        try {
            return fs.info(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a stored file (key from {@link #fileKey} or {@link #thumbKey}) for reading; the caller closes it.
     *
     * @throws UncheckedIOException wrapping {@link java.nio.file.NoSuchFileException} when it is missing
     */
    public InputStream open(String key) {
        try {
            return fs.open(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code length} bytes of a stored file from {@code offset} (see {@link FileSystem#open(String, long,
     * long)}); the caller closes it.
     *
     * @throws UncheckedIOException wrapping {@link java.nio.file.NoSuchFileException} when it is missing
     */
    public InputStream open(String key, long offset, long length) {
        try {
            return fs.open(key, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local path of a key when the storage is a local directory (for range requests), else null. */
    public Path localPath(String key) {
        return fs instanceof LocalFileSystem local ? local.path(key) : null;
    }

    private static String fileKey(Record r, String name) {
        return fileKey(r.collection().id(), r.id(), name);
    }

    private void deleteQuietly(String key) {
        try {
            fs.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed to delete the stored file {}", key, e);
        }
    }

    private static boolean isPlainName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0;
    }

    private static void requirePlainName(String name) {
        if (!isPlainName(name)) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
    }
}
