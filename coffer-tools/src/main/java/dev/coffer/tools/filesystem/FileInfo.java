package dev.coffer.tools.filesystem;

import java.time.Instant;

/**
 * What a file system knows about a stored file.
 *
 * @param key the file's key, segments separated by {@code /}
 * @param size the size in bytes
 * @param modified when it was last written
 * @param contentType the MIME type recorded when it was written ({@code application/octet-stream} if unknown)
 */
public record FileInfo(String key, long size, Instant modified, String contentType) {}
