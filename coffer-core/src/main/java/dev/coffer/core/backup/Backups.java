package dev.coffer.core.backup;

import dev.coffer.core.App;
import dev.coffer.core.DataCopy;
import dev.coffer.core.cluster.Cluster;
import dev.coffer.core.files.RecordFiles;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.FileSystem;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backups of an app's data directory, kept in {@link App#backupsFileSystem()}: creating one (a zip with
 * consistent snapshots of both databases and the stored files, taken while the app keeps serving), restoring
 * one in place, and the automatic backups. Only one backup or restore runs at a time on an instance.
 *
 * <p>When the records' files are in a bucket, or several instances share the database, the API's writes wait on
 * every instance while a backup reads the database and the files (reads go on), so that the files match the
 * records; the bucket's files go into the archive's {@value #S3_FILES} folder.
 */
public final class Backups {

    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    /** The names a backup may be given. */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9_-]+\\.zip$");
    /** The name prefix of automatic backups. */
    public static final String AUTO_PREFIX = "@auto_pb_backup_";
    /** The data directory's folder for temporary work (deleted content lands here too). */
    public static final String TEMP_DIR = ".pb_temp_to_delete";
    /**
     * The archive's folder for the records' files when they are kept in a bucket (the {@code s3} settings), with the
     * bucket's keys as paths; a backup without it leaves the bucket alone when restored, as PocketBase's do.
     */
    public static final String S3_FILES = "storage_s3";
    private static final Set<String> KEPT = Set.of("backups", TEMP_DIR, ".autocert_cache", "lost+found",
            App.INSTANCE_MARKERS, S3_FILES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final App app;
    private final AtomicReference<String> active = new AtomicReference<>();

    /** Creates the backups service of an app. */
    public Backups(App app) {
        this.app = app;
    }

    /** The name of the backup being created or restored, if one is. */
    public Optional<String> active() {
        return Optional.ofNullable(active.get());
    }

    /** Whether a backup or restore is running. */
    public boolean isBusy() {
        return active.get() != null;
    }

    /** Takes the single backup/restore slot for {@code name}; false when another operation holds it. */
    public boolean claim(String name) {
        return active.compareAndSet(null, name);
    }

    /** Gives the slot taken by {@link #claim} back. */
    public void release(String name) {
        active.compareAndSet(name, null);
    }

    /** The stored backups, sorted by key. */
    public List<FileInfo> list() throws IOException {
        return app.backupsFileSystem().list("");
    }

    /** A fresh backup name with the given prefix: {@code <prefix><app name in snake case>_<UTC timestamp>.zip}. */
    public String generateName(String prefix) {
        String appName = snakeCase(app.settings().appName());
        if (appName.length() > 50) {
            appName = appName.substring(0, 50);
        }
        return prefix + appName + "_" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".zip";
    }

    static String snakeCase(String s) {
        String spaced = s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        return spaced.replaceAll("^_+|_+$", "").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Creates a backup named {@code name} (a generated {@code pb_backup_…} name when blank) and returns its key.
     *
     * @throws BackupBusyException when another backup or restore is running
     */
    public String create(String name) throws IOException {
        String key = name == null || name.isBlank() ? generateName("pb_backup_") : name;
        if (!claim(key)) {
            throw new BackupBusyException();
        }
        try {
            createClaimed(key);
            return key;
        } finally {
            release(key);
        }
    }

    private void createClaimed(String key) throws IOException {
        Path work = newTempDir("pb_backup_");
        try {
            Path zip = work.resolve("backup.zip");
            // files in a bucket, or several instances writing: writes wait while the database and the files are read
            boolean s3 = app.settings().s3().enabled();
            try (Cluster.WritesHold hold = s3 || app.cluster().clustered()
                    ? app.cluster().holdWritesEverywhere(false) : null) {
                Map<String, Path> snapshots = new LinkedHashMap<>();
                if (app.db().hasFile()) {
                    snapshot(app.db(), work, "data.db", snapshots);
                    snapshot(app.auxDb(), work, "auxiliary.db", snapshots);
                } else {
                    // a database server's content goes into the archive as PocketBase's two SQLite files
                    Path export = work.resolve("export");
                    DataCopy.export(app.db(), app.auxDb(), export);
                    snapshots.put("data.db", export.resolve("data.db"));
                    snapshots.put("auxiliary.db", export.resolve("auxiliary.db"));
                }
                BackupArchive.Remote bucket = null;
                if (s3) {
                    FileSystem storage = app.files().fileSystem();
                    bucket = new BackupArchive.Remote(S3_FILES, storage, recordFileKeys(storage, collectionIds()));
                }
                BackupArchive.write(zip, app.dataDir(), snapshots, KEPT, bucket);
            }
            try (InputStream in = Files.newInputStream(zip)) {
                app.backupsFileSystem().put(key, in);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** The ids of the app's collections (the first key segment of their records' files). */
    private Set<String> collectionIds() {
        Set<String> ids = new HashSet<>();
        app.collections().all().forEach(c -> ids.add(c.id()));
        return ids;
    }

    /**
     * The keys of the records' files in a store ({@code <collectionId>/<recordId>/<name>}, of the given collections),
     * without thumbnails (they are made again when asked for) or anything else the bucket may hold.
     */
    private static List<String> recordFileKeys(FileSystem storage, Set<String> collectionIds) throws IOException {
        List<String> keys = new ArrayList<>();
        for (FileInfo f : storage.list("")) {
            String[] parts = f.key().split("/", -1);
            if (parts.length == 3 && collectionIds.contains(parts[0])) {
                keys.add(f.key());
            }
        }
        return keys;
    }

    /**
     * The keys a restore removes from a store: those under the records' folders of the given collections
     * ({@code <collectionId>/<recordId>/…}, thumbnails included) that the backup does not have.
     */
    private static List<String> filesNotIn(FileSystem storage, Set<String> collectionIds, Set<String> restored)
            throws IOException {
        List<String> extra = new ArrayList<>();
        for (FileInfo f : storage.list("")) {
            String[] parts = f.key().split("/", 3);
            if (parts.length == 3 && collectionIds.contains(parts[0]) && !restored.contains(f.key())) {
                extra.add(f.key());
            }
        }
        return extra;
    }

    private static void snapshot(Database db, Path work, String name, Map<String, Path> snapshots) {
        Path target = work.resolve(name);
        db.snapshotTo(target);
        snapshots.put(name, target);
    }

    /**
     * Creates an automatic backup ({@code @auto_pb_backup_…}) and then removes the oldest automatic backups
     * beyond {@code backups.cronMaxKeep} (0 keeps all). Returns the new backup's key.
     */
    public String createAuto() throws IOException {
        String key = create(generateName(AUTO_PREFIX));
        int keep = app.settings().backupsCronMaxKeep();
        if (keep > 0) {
            FileSystem fs = app.backupsFileSystem();
            List<FileInfo> autos = new ArrayList<>(fs.list(AUTO_PREFIX));
            autos.sort(Comparator.comparing(FileInfo::modified).thenComparing(FileInfo::key).reversed());
            for (FileInfo old : autos.subList(Math.min(keep, autos.size()), autos.size())) {
                if (!old.key().equals(key)) {
                    fs.delete(old.key());
                }
            }
        }
        return key;
    }

    /**
     * Replaces the app's data with a stored backup, in place: the databases reopen on the restored files and
     * the app goes on serving. A backup that is not a valid archive with a sound {@code data.db} changes nothing.
     *
     * @throws BackupBusyException when another backup or restore is running
     */
    public void restore(String key) throws IOException {
        if (!claim(key)) {
            throw new BackupBusyException();
        }
        try {
            restoreClaimed(key);
        } finally {
            release(key);
        }
    }

    /**
     * Restores like {@link #restore} when the caller already holds the slot for {@code key} (and releases it).
     *
     * <p>Writes wait on every instance while the data is replaced. A backup taken with the files in a bucket has
     * them in its {@value #S3_FILES} folder: they are uploaded before anything is replaced (the names of stored files
     * are never reused, so this changes nothing anyone reads), and once the databases are restored the records'
     * files the backup doesn't have are removed.
     */
    public void restoreClaimed(String key) throws IOException {
        FileSystem fs = app.backupsFileSystem();
        if (!fs.exists(key)) {
            throw new NoSuchFileException("missing or invalid backup file " + key + " to restore");
        }
        Path work = newTempDir("pb_restore_");
        try {
            Path zip = work.resolve("backup.zip");
            try (InputStream in = fs.open(key)) {
                Files.copy(in, zip);
            }
            Path extracted = work.resolve("data");
            BackupArchive.extract(zip, extracted);
            Files.delete(zip);
            check(extracted.resolve("data.db"), true);
            check(extracted.resolve("auxiliary.db"), false);
            Path bucketFiles = null;
            Set<String> bucketKeys = Set.of();
            if (Files.isDirectory(extracted.resolve(S3_FILES))) {
                bucketFiles = work.resolve(S3_FILES);
                Files.move(extracted.resolve(S3_FILES), bucketFiles);
                bucketKeys = relativeFiles(bucketFiles);
            }
            RecordFiles filesBefore = app.files();
            if (bucketFiles != null && app.settings().s3().enabled()) {
                upload(bucketFiles, bucketKeys, filesBefore.fileSystem());
            }
            Set<String> collectionIds = collectionIds();
            List<String> extra = List.of();
            FileSystem storage = null;
            // every instance sharing the database holds its writes until the restore is done, then reloads
            try (Cluster.WritesHold hold = app.cluster().holdWritesEverywhere(true)) {
                if (app.db().hasFile()) {
                    DataDirSwap.replace(app, extracted, work.resolve("old_data"), KEPT);
                } else {
                    Path databases = work.resolve("databases");
                    Files.createDirectories(databases);
                    for (String file : List.of("data.db", "auxiliary.db")) {
                        if (Files.exists(extracted.resolve(file))) {
                            Files.move(extracted.resolve(file), databases.resolve(file));
                        }
                    }
                    DataDirSwap.replaceFiles(app, extracted, work.resolve("old_data"), KEPT,
                            () -> DataCopy.importFrom(databases, app.db(), app.auxDb()));
                }
                if (bucketFiles != null) {
                    // the restored settings say where the files live now
                    RecordFiles filesAfter = app.files();
                    storage = filesAfter.fileSystem();
                    if (filesAfter != filesBefore || !app.settings().s3().enabled()) {
                        upload(bucketFiles, bucketKeys, storage);
                    }
                    collectionIds.addAll(collectionIds());
                    extra = filesNotIn(storage, collectionIds, bucketKeys);
                }
            }
            // files put in after the writes went on again are not in the list
            for (String k : extra) {
                try {
                    storage.delete(k);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("restored backup {}: failed to remove the file {} it doesn't have", key, k, e);
                }
            }
            LOG.info("restored backup {}", key);
        } finally {
            deleteTree(work);
        }
    }

    /** The paths of the records' files under {@code dir} ({@code <collectionId>/<recordId>/<name>}, relative, {@code /}). */
    private static Set<String> relativeFiles(Path dir) throws IOException {
        Set<String> keys = new HashSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace(File.separatorChar, '/'))
                    .filter(k -> k.split("/", -1).length == 3).forEach(keys::add);
        }
        return keys;
    }

    private static void upload(Path dir, Set<String> keys, FileSystem storage) throws IOException {
        for (String k : keys) {
            try (InputStream in = Files.newInputStream(dir.resolve(k))) {
                storage.put(k, in);
            }
        }
    }

    private static void check(Path db, boolean required) throws IOException {
        if (!Files.isRegularFile(db)) {
            if (required) {
                throw new IOException(db.getFileName() + " file is missing or invalid");
            }
            return;
        }
        try (Database d = Database.openSqlite(db, 1)) {
            List<String> problems = d.integrityProblems();
            if (!problems.isEmpty()) {
                throw new IOException(db.getFileName() + " is corrupt: " + problems.get(0));
            }
        } catch (RuntimeException e) {
            throw new IOException(db.getFileName() + " is not a usable database: " + e.getMessage(), e);
        }
    }

    private Path newTempDir(String prefix) throws IOException {
        Path temp = app.dataDir().resolve(TEMP_DIR);
        Files.createDirectories(temp);
        Path dir = temp.resolve(prefix + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(dir);
        return dir;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("failed to remove temporary backup files in {}", dir, e);
        }
    }
}
