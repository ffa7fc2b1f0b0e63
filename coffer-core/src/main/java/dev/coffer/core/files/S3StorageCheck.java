package dev.coffer.core.files;

import dev.coffer.core.settings.S3Settings;
import dev.coffer.tools.filesystem.S3FileSystem;
import dev.coffer.tools.security.RandomString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks that an S3 settings section works by writing a small file under a random {@code pb_settings_test_*}
 * prefix and removing that prefix again (which needs listing and deleting too).
 */
public final class S3StorageCheck {

    private S3StorageCheck() {}

    /**
     * Why the section doesn't work, as one line (empty when the check passed): {@code S3 storage filesystem is not
     * enabled}, or the failing step with the service's error.
     */
    public static Optional<String> failure(S3Settings section) {
        if (!section.enabled()) {
            return Optional.of("S3 storage filesystem is not enabled");
        }
        S3FileSystem fs;
        try {
            fs = new S3FileSystem(section.connection());
        } catch (IllegalArgumentException e) {
            return Optional.of("failed to initialize the S3 filesystem: " + e.getMessage());
        }
        String prefix = "pb_settings_test_" + RandomString.alphanumeric(5);
        try {
            fs.put(prefix + "/test.txt", "test".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.of("failed to upload a test file: " + describe(e));
        }
        try {
            fs.deletePrefix(prefix + "/");
        } catch (IOException | RuntimeException e) {
            return Optional.of("failed to delete a test file: " + describe(e));
        }
        return Optional.empty();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
