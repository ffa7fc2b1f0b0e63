package dev.coffer.tools.filesystem;

/** Storage names for uploaded files. */
public final class FileNames {

    private FileNames() {}

    /** The name an uploaded file is stored under (placeholder until the real normalisation lands). */
    public static String storageName(String originalName, byte[] content) {
        return originalName;
    }
}
