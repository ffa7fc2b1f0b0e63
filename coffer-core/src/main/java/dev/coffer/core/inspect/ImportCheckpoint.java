package dev.coffer.core.inspect;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The progress of an import, kept in {@code FILE.coffer-import} beside the input after every committed batch so
 * that a run interrupted (killed, a full disk, a lost database) continues after its last committed batch. It
 * names the input by its size, modification time and a SHA-256 of its first 64 KiB, and the collection: a
 * checkpoint of another input or collection is not resumed from. A finished import deletes it.
 *
 * @param size the input's size in bytes
 * @param modified the input's modification time in milliseconds
 * @param head the SHA-256 of the input's first 64 KiB, in hex
 * @param collection the collection imported into
 * @param rows how many rows of the input are done (imported or rejected) and committed
 * @param imported how many of them were imported
 * @param rejected how many of them were rejected
 */
record ImportCheckpoint(long size, long modified, String head, String collection, long rows, long imported,
        long rejected) {

    private static final int HEAD_BYTES = 64 * 1024;

    /** Where the checkpoint of an input is kept. */
    static Path pathFor(Path input) {
        return input.resolveSibling(input.getFileName() + ".coffer-import");
    }

    /** The checkpoint of an input before any row is done. */
    static ImportCheckpoint start(Path input, String collection) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(input)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(head));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new ImportCheckpoint(Files.size(input), Files.getLastModifiedTime(input).toMillis(), digest,
                collection, 0, 0, 0);
    }

    /** Whether this checkpoint was written for the same input and collection as {@code other}. */
    boolean sameImport(ImportCheckpoint other) {
        return size == other.size && modified == other.modified && head.equals(other.head)
                && collection.equals(other.collection);
    }

    /** This checkpoint after more rows are done. */
    ImportCheckpoint advance(long moreImported, long moreRejected) {
        return new ImportCheckpoint(size, modified, head, collection, rows + moreImported + moreRejected,
                imported + moreImported, rejected + moreRejected);
    }

    /** The checkpoint stored at {@code file}, if there is a readable one. */
    static Optional<ImportCheckpoint> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode j = Json.parse(Files.readString(file));
            return Optional.of(new ImportCheckpoint(j.path("size").asLong(-1), j.path("modified").asLong(-1),
                    j.path("head").asString(""), j.path("collection").asString(""), j.path("rows").asLong(0),
                    j.path("imported").asLong(0), j.path("rejected").asLong(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stores the checkpoint at {@code file}, replacing the previous one in one step. */
    void write(Path file) throws IOException {
        ObjectNode j = Json.object();
        j.put("size", size);
        j.put("modified", modified);
        j.put("head", head);
        j.put("collection", collection);
        j.put("rows", rows);
        j.put("imported", imported);
        j.put("rejected", rejected);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(j) + "\n");
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
