package dev.coffer.tools.filesystem;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link FileSystem} in a local directory, laid out the way PocketBase's local storage is, so a data
 * directory works with either: a key is a relative path, and each file has a {@code <file>.attrs} JSON
 * sidecar with its content type and MD5. Writes go to a temporary file in the target directory that is then
 * moved into place; directories are created as needed and removed when a delete leaves them empty.
 */
public final class LocalFileSystem implements FileSystem {

    /** The suffix of attribute sidecars; keys may not end with it. */
    static final String ATTRS_SUFFIX = ".attrs";
    private static final String TEMP_PREFIX = ".coffer-tmp-";

    private final Path root;

    /** A file system storing under {@code root} (created on the first write). */
    public LocalFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The directory files are stored under. */
    public Path root() {
        return root;
    }

    /**
     * The local path of a key (for serving files with range support).
     *
     * @throws IllegalArgumentException when the key is empty, malformed or would leave the root
     */
    public Path path(String key) {
        validateKey(key, false);
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("invalid file key: " + key);
        }
        return p;
    }

    @Override
    public void put(String key, InputStream content) throws IOException {
        Path target = path(key);
        Path temp = createTemp(target.getParent());
        try {
            MessageDigest md5 = md5();
            byte[] head;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md5)) {
                head = content.readNBytes(MimeTypes.SNIFF_LIMIT + 1);
                out.write(head);
                content.transferTo(out);
            }
            writeAttrs(target, MimeTypes.detect(head, target.getFileName().toString()), md5.digest());
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path p = path(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(key);
        }
        return Files.newInputStream(p);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public FileInfo info(String key) throws IOException {
        Path p = path(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(key);
        }
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
        return new FileInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant(), contentType(p));
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path p = path(key);
        if (!Files.isRegularFile(p)) {
            return false;
        }
        Files.deleteIfExists(p);
        Files.deleteIfExists(sidecar(p));
        pruneEmptyParents(p.getParent());
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
                if (delete(file.key())) {
                    deleted++;
                }
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (prefix.endsWith("/")) {
            Path dir = path(prefix.substring(0, prefix.length() - 1));
            if (Files.isDirectory(dir)) {
                removeEmptyDirs(dir);
                pruneEmptyParents(dir.getParent());
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
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : path(prefix.substring(0, slash));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<FileInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = p.getFileName().toString();
                String key = root.relativize(p).toString().replace('\\', '/');
                if (!name.endsWith(ATTRS_SUFFIX) && !name.startsWith(TEMP_PREFIX) && key.startsWith(prefix)) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    out.add(new FileInfo(key, a.size(), a.lastModifiedTime().toInstant(), contentType(p)));
                }
            }
        }
        out.sort(Comparator.comparing(FileInfo::key));
        return out;
    }

    private Path createTemp(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            return Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
        } catch (NoSuchFileException e) {
            // a concurrent delete removed the directory after it was emptied: make it again
            Files.createDirectories(dir);
            return Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void writeAttrs(Path target, String contentType, byte[] md5) throws IOException {
        ObjectNode attrs = Json.object();
        attrs.put("user.cache_control", "");
        attrs.put("user.content_disposition", "");
        attrs.put("user.content_encoding", "");
        attrs.put("user.content_language", "");
        attrs.put("user.content_type", contentType);
        attrs.putNull("user.metadata");
        attrs.put("md5", Base64.getEncoder().encodeToString(md5));
        Path temp = createTemp(target.getParent());
        try {
            Files.write(temp, Json.writeBytes(attrs));
            moveIntoPlace(temp, sidecar(target));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String contentType(Path file) {
        Path attrs = sidecar(file);
        try {
            if (Files.isRegularFile(attrs)) {
                JsonNode type = Json.MAPPER.readTree(Files.readAllBytes(attrs)).get("user.content_type");
                if (type != null && type.isString() && !type.asString().isEmpty()) {
                    return type.asString();
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable sidecar means an unknown type
        }
        return MimeTypes.OCTET_STREAM;
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ATTRS_SUFFIX);
    }

    /** Removes empty directories below and including {@code dir}, deepest first. */
    private static void removeEmptyDirs(Path dir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(dir)) {
            dirs = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path d : dirs) {
            removeIfEmpty(d);
        }
    }

    /** Removes {@code dir} and its ancestors below the root while they are empty. */
    private void pruneEmptyParents(Path dir) throws IOException {
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            if (!removeIfEmpty(d)) {
                return;
            }
        }
    }

    private static boolean removeIfEmpty(Path dir) throws IOException {
        try {
            return Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            return false;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    /** Keys are relative, {@code /}-separated, without empty, {@code .} or {@code ..} segments. */
    private static void validateKey(String key, boolean prefix) {
        if (key.isEmpty() && prefix) {
            return;
        }
        boolean ok = !key.isEmpty() && !key.startsWith("/") && key.indexOf('\\') < 0 && key.indexOf('\0') < 0
                && (prefix || !key.endsWith(ATTRS_SUFFIX));
        String[] segments = key.split("/", -1);
        for (int i = 0; ok && i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            ok = !s.equals(".") && !s.equals("..") && (!s.isEmpty() || (prefix && last))
                    && (prefix || !s.startsWith(TEMP_PREFIX));
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid file key: " + key);
        }
    }
}
