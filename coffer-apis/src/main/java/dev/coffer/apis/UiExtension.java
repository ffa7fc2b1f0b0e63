package dev.coffer.apis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A named bundle of files for the dashboard: served under {@code /_/extensions/<name>/<path>}, and its
 * {@code main.js}, when present, concatenated into {@code /_/extensions.js}.
 */
public interface UiExtension {

    /** The name in the URL (any text; it is matched after URL decoding). */
    String name();

    /** The content of a file by its relative {@code /}-separated path, or empty when there is none. */
    Optional<byte[]> read(String path);

    /** An extension serving the files under a directory (paths leaving it are not served). */
    static UiExtension ofDirectory(String name, Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new UiExtension() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<byte[]> read(String path) {
                Path file = base.resolve(path).normalize();
                if (!file.startsWith(base) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** An extension serving in-memory files by path. */
    static UiExtension ofFiles(String name, Map<String, byte[]> files) {
        Map<String, byte[]> copy = Map.copyOf(files);
        return new UiExtension() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<byte[]> read(String path) {
                byte[] b = copy.get(path);
                return b == null ? Optional.empty() : Optional.of(b.clone());
            }
        };
    }
}
