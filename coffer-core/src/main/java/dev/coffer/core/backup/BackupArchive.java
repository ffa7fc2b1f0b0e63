package dev.coffer.core.backup;

import dev.coffer.tools.filesystem.FileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The zip form of a data directory: writing one from a directory (with some top-level entries replaced by
 * snapshot files) and extracting one safely (no entry may land outside the target directory).
 */
final class BackupArchive {

    /** Files of the local file store that are still being written. */
    private static final String STORE_TEMP_PREFIX = ".coffer-tmp-";

    private BackupArchive() {}

    /** Files of a store that go into an archive's folder {@code dir}, each under its key. */
    record Remote(String dir, FileSystem store, List<String> keys) {}

    /**
     * Writes {@code zip} with the content of {@code dir}, leaving out the top-level names in {@code excluded}
     * and the files of the databases being replaced, whose snapshots ({@code name → file}) go in instead; then the
     * files of {@code remote} when it is not null (a file removed meanwhile is left out).
     */
    static void write(Path zip, Path dir, Map<String, Path> snapshots, Set<String> excluded, Remote remote)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (var s : snapshots.entrySet()) {
                add(out, s.getKey(), s.getValue());
            }
            List<Path> top;
            try (Stream<Path> entries = Files.list(dir)) {
                top = entries.sorted().toList();
            }
            for (Path entry : top) {
                String name = entry.getFileName().toString();
                if (excluded.contains(name) || isDatabaseFile(name, snapshots.keySet())) {
                    continue;
                }
                for (Path file : regularFiles(entry)) {
                    String entryName = dir.relativize(file).toString().replace('\\', '/');
                    if (!file.getFileName().toString().startsWith(STORE_TEMP_PREFIX)) {
                        add(out, entryName, file);
                    }
                }
            }
            if (remote != null) {
                for (String key : remote.keys()) {
                    InputStream in;
                    try {
                        in = remote.store().open(key);
                    } catch (NoSuchFileException gone) {
                        continue;
                    }
                    try (in) {
                        out.putNextEntry(new ZipEntry(remote.dir() + "/" + key));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
    }

    private static boolean isDatabaseFile(String name, Set<String> databases) {
        for (String db : databases) {
            if (name.equals(db) || name.startsWith(db + "-")) {
                return true; // the file itself, or its -wal, -shm or -journal companion
            }
        }
        return false;
    }

    private static List<Path> regularFiles(Path entry) throws IOException {
        if (Files.isRegularFile(entry)) {
            return List.of(entry);
        }
        if (!Files.isDirectory(entry)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(entry)) {
            files.filter(Files::isRegularFile).sorted().forEach(out::add);
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
        }
        return out;
    }

    private static void add(ZipOutputStream out, String name, Path file) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException gone) {
            return; // removed while the archive was written
        }
        try (in) {
            out.putNextEntry(new ZipEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    /**
     * Extracts {@code zip} into {@code target}.
     *
     * @throws IOException when the file is not a zip or an entry would land outside {@code target}
     */
    static void extract(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        int entries = 0;
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries++;
                Path dest = root.resolve(e.getName()).normalize();
                if (!dest.startsWith(root) || dest.equals(root)) {
                    throw new IOException("invalid archive entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (entries == 0) {
            throw new IOException("the backup is not a zip archive or is empty");
        }
    }
}
