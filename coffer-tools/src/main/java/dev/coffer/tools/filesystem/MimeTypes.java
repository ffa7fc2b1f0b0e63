package dev.coffer.tools.filesystem;

/** MIME type detection from file content. */
public final class MimeTypes {

    private MimeTypes() {}

    /** The MIME type of the content (placeholder until detection lands). */
    public static String detect(byte[] content, String fileName) {
        return "application/octet-stream";
    }
}
