package dev.coffer.core.collection;

import tools.jackson.databind.JsonNode;

/**
 * Whether submitted collection JSON has the shape PocketBase's Go structs can take: every key a collection of that
 * type has gets a value of the same JSON kind (a string for a string, an integer for an integer, an object for an
 * object, recursively), rules and other nullable strings get a string, {@code fields} holds objects and
 * {@code indexes} strings; {@code null} is always accepted and unknown keys are ignored. PocketBase answers a
 * mismatch with "Failed to load the submitted data due to invalid formatting." before validating anything.
 */
public final class CollectionJsonShape {

    private CollectionJsonShape() {}

    /**
     * Checks {@code submitted} against {@code template}, the JSON of a collection of the submitted type (a
     * scaffold for a new one, the stored collection for an update).
     */
    public static boolean accepts(JsonNode submitted, JsonNode template) {
        if (submitted == null || submitted.isNull() || template == null) {
            return true;
        }
        if (template.isNull()) {
            return submitted.isString(); // a rule, a manage rule: a *string in Go
        }
        if (template.isObject()) {
            if (!submitted.isObject()) {
                return false;
            }
            for (var property : submitted.properties()) {
                String key = property.getKey();
                JsonNode value = property.getValue();
                boolean ok = switch (key) {
                    case "fields" -> elements(value, JsonNode::isObject);
                    case "indexes" -> elements(value, JsonNode::isString);
                    // an OAuth2 provider's *bool, stored as null while unset (not a *string like the rules)
                    case "pkce" -> value.isNull() || value.isBoolean();
                    default -> accepts(value, template.get(key));
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
        if (template.isArray()) {
            return submitted.isArray()
                    && (template.isEmpty() || elements(submitted, item -> accepts(item, template.get(0))));
        }
        if (template.isString()) {
            return submitted.isString();
        }
        if (template.isBoolean()) {
            return submitted.isBoolean();
        }
        if (template.isIntegralNumber()) {
            return submitted.isIntegralNumber(); // Go reads 2.0 into an int as an error
        }
        if (template.isNumber()) {
            return submitted.isNumber();
        }
        return true;
    }

    private static boolean elements(JsonNode array, java.util.function.Predicate<JsonNode> each) {
        if (array == null || array.isNull()) {
            return true;
        }
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (!item.isNull() && !each.test(item)) {
                return false;
            }
        }
        return true;
    }
}
