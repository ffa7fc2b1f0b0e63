package dev.coffer.core.logs;

import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits a log's {@code data} into {@code logs.maxDataSize} bytes on a best-effort basis, as PocketBase does: the
 * longest texts inside it are shortened (ending in {@code ...}) until the serialised JSON fits or no text is
 * longer than {@link #MIN_KEPT} characters.
 */
final class LogDataLimit {

    /** Texts are never cut shorter than this. */
    static final int MIN_KEPT = 32;

    private static final String ELLIPSIS = "...";

    private LogDataLimit() {}

    /** The data serialised, shortened where it is over {@code maxBytes}. */
    static String write(JsonNode data, long maxBytes) {
        String text = Json.write(data);
        long excess = size(text) - maxBytes;
        if (excess <= 0 || !(data instanceof ObjectNode object)) {
            return text;
        }
        ObjectNode copy = object.deepCopy();
        while (excess > 0) {
            Slot longest = longest(copy, null);
            if (longest == null || longest.value.length() <= MIN_KEPT) {
                break;
            }
            int keep = (int) Math.max(MIN_KEPT, longest.value.length() - excess - ELLIPSIS.length());
            longest.set(longest.value.substring(0, keep) + ELLIPSIS);
            text = Json.write(copy);
            excess = size(text) - maxBytes;
        }
        return text;
    }

    private static long size(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A text inside the tree and where it sits, so it can be replaced. */
    private record Slot(JsonNode parent, String key, int index, String value) {
        void set(String v) {
            if (parent instanceof ObjectNode o) {
                o.put(key, v);
            } else {
                ((ArrayNode) parent).set(index, Json.MAPPER.getNodeFactory().stringNode(v));
            }
        }
    }

    private static Slot longest(JsonNode node, Slot best) {
        if (node instanceof ObjectNode o) {
            for (var p : o.properties()) {
                best = consider(o, p.getKey(), -1, p.getValue(), best);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                best = consider(a, null, i, a.get(i), best);
            }
        }
        return best;
    }

    private static Slot consider(JsonNode parent, String key, int index, JsonNode value, Slot best) {
        if (value.isString()) {
            String s = value.asString();
            return best == null || s.length() > best.value.length() ? new Slot(parent, key, index, s) : best;
        }
        return longest(value, best);
    }
}
