package dev.coffer.core.history;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of a history entry's changes: the JSON text deflated against a preset dictionary of what such
 * JSON is made of (so even a one-field change shrinks), prefixed with a format byte; text that doesn't shrink is
 * kept as it is.
 */
final class HistoryCodec {

    private static final byte PLAIN = 0;
    private static final byte DEFLATED = 1;

    /** Frequent pieces of entries' JSON, the likelier ones last (deflate finds near matches cheaper). */
    private static final byte[] DICTIONARY = ("\"changed\":true}\"emailVisibility\":{\"old\":false,\"new\":true}"
            + "\"verified\":{\"old\":false,\"new\":true}\"email\":{\"old\":\"\",\"new\":\"\"}.000Z\"},\"title\":"
            + "{\"old\":null,\"new\":[]},\"name\":{\"old\":\"\",\"new\":\"\"},\"created\":{\"old\":\"2026-01-01 "
            + "00:00:00.000Z\",\"new\":\"\"},\"updated\":{\"old\":\"2026-01-01 00:00:00.000Z\",\"new\":\"2026-01-01 "
            + "00:00:00.000Z\"},\"id\":{\"old\":\"\",\"new\":\"\"}").getBytes(StandardCharsets.UTF_8);

    private HistoryCodec() {}

    /** The stored form of an entry's JSON. */
    static byte[] encode(String json) {
        byte[] plain = json.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setDictionary(DICTIONARY);
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
            out.write(DEFLATED);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            if (out.size() < plain.length + 1) {
                return out.toByteArray();
            }
        } finally {
            deflater.end();
        }
        byte[] kept = new byte[plain.length + 1];
        kept[0] = PLAIN;
        System.arraycopy(plain, 0, kept, 1, plain.length);
        return kept;
    }

    /** The JSON text of a stored entry. */
    static String decode(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return "{}";
        }
        if (stored[0] == PLAIN) {
            return new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8);
        }
        if (stored[0] != DEFLATED) {
            throw new IllegalStateException("unknown history entry format " + stored[0]);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setDictionary(DICTIONARY); // raw deflate carries no dictionary id: set it before reading
            inflater.setInput(stored, 1, stored.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
            byte[] buffer = new byte[1024];
            boolean padded = false;
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    if (padded) {
                        throw new DataFormatException("truncated");
                    }
                    inflater.setInput(new byte[1]); // raw deflate may need one more byte to see its end
                    padded = true;
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a history entry is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
