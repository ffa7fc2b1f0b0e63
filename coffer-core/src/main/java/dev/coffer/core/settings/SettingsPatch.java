package dev.coffer.core.settings;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a submitted settings body onto settings JSON the way Go decodes JSON into PocketBase's settings
 * struct: unknown keys are ignored, objects merge key by key, arrays are replaced, {@code null} keeps a scalar
 * and empties a list, and a value of the wrong type fails the whole body.
 */
final class SettingsPatch {

    private SettingsPatch() {}

    /**
     * Applies {@code patch} onto {@code target}, checking each value against the same key of {@code schema}.
     *
     * @throws IllegalArgumentException naming the first key whose value has the wrong type
     */
    static void apply(ObjectNode target, ObjectNode patch, ObjectNode schema) {
        ObjectNode result = target.deepCopy();
        merge(result, patch, schema, "");
        target.setAll(result);
    }

    private static void merge(ObjectNode target, ObjectNode patch, ObjectNode schema, String path) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode shape = schema.get(e.getKey());
            if (shape == null) {
                continue;
            }
            String key = path + e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                if (shape.isArray()) {
                    target.putArray(e.getKey());
                }
            } else if (shape.isObject()) {
                if (!value.isObject()) {
                    throw mismatch(key, "an object");
                }
                JsonNode existing = target.get(e.getKey());
                ObjectNode nested = existing instanceof ObjectNode o ? o : target.putObject(e.getKey());
                merge(nested, (ObjectNode) value, (ObjectNode) shape, key + ".");
            } else if (shape.isArray()) {
                target.set(e.getKey(), checkedArray(value, (ArrayNode) shape, key));
            } else {
                checkScalar(value, shape, key);
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static ArrayNode checkedArray(JsonNode value, ArrayNode shape, String key) {
        if (!value.isArray()) {
            throw mismatch(key, "an array");
        }
        JsonNode itemShape = shape.isEmpty() ? null : shape.get(0);
        ArrayNode out = shape.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemKey = key + "." + i;
            if (itemShape instanceof ObjectNode objectShape) {
                if (!item.isObject()) {
                    throw mismatch(itemKey, "an object");
                }
                ObjectNode entry = zeroed(objectShape);
                merge(entry, (ObjectNode) item, objectShape, itemKey + ".");
                out.add(entry);
            } else {
                if (!item.isString()) {
                    throw mismatch(itemKey, "a string");
                }
                out.add(item.deepCopy());
            }
        }
        return out;
    }

    /** An entry with every key of the shape at Go's zero value of its type. */
    private static ObjectNode zeroed(ObjectNode shape) {
        ObjectNode entry = shape.objectNode();
        for (Map.Entry<String, JsonNode> f : shape.properties()) {
            if (f.getValue().isString()) {
                entry.put(f.getKey(), "");
            } else if (f.getValue().isBoolean()) {
                entry.put(f.getKey(), false);
            } else {
                entry.put(f.getKey(), 0);
            }
        }
        return entry;
    }

    private static void checkScalar(JsonNode value, JsonNode shape, String key) {
        if (shape.isString() && !value.isString()) {
            throw mismatch(key, "a string");
        }
        if (shape.isBoolean() && !value.isBoolean()) {
            throw mismatch(key, "a boolean");
        }
        if (shape.isNumber() && !(value.isIntegralNumber() || (value.isNumber() && value.asDouble() % 1 == 0))) {
            throw mismatch(key, "an integer");
        }
    }

    private static IllegalArgumentException mismatch(String key, String expected) {
        return new IllegalArgumentException("settings value " + key + " must be " + expected);
    }
}
