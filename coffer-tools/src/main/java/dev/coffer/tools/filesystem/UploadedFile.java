package dev.coffer.tools.filesystem;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file submitted with a request, held in memory until the record that references it is saved.
 * {@link #name()} is the normalised, unique name it will be stored under; {@link #originalName()} is the
 * name the client sent.
 */
public final class UploadedFile {

    private final String originalName;
    private final String name;
    private final byte[] content;

    private UploadedFile(String originalName, String name, byte[] content) {
        this.originalName = Objects.requireNonNull(originalName, "originalName");
        this.name = Objects.requireNonNull(name, "name");
        this.content = Objects.requireNonNull(content, "content");
    }

    /** A file with a freshly generated storage name derived from the client's file name. */
    public static UploadedFile of(String originalName, byte[] content) {
        return new UploadedFile(originalName, FileNames.storageName(originalName, content), content);
    }

    /** A file stored under exactly this name (for tests and imports). */
    public static UploadedFile named(String originalName, String name, byte[] content) {
        return new UploadedFile(originalName, name, content);
    }

    /** The file name as the client sent it. */
    public String originalName() {
        return originalName;
    }

    /** The name the file is stored under. */
    public String name() {
        return name;
    }

    /** The size in bytes. */
    public long size() {
        return content.length;
    }

    /** The content. */
    public InputStream open() {
        return new ByteArrayInputStream(content);
    }

    /** The content's bytes (not copied; don't change them). */
    public byte[] bytes() {
        return content;
    }

    /** The MIME type detected from the content (not from the client's header), such as {@code image/png}. */
    public String mimeType() {
        return MimeTypes.detect(content, originalName);
    }

    @Override
    public String toString() {
        return name;
    }
}
