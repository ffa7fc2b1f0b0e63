package dev.coffer.apis;

import dev.coffer.core.validation.FieldError;
import dev.coffer.tools.json.Json;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** Writes validation errors as the {@code data} object of an error response. */
final class FieldErrorsJson {

    private FieldErrorsJson() {}

    /** The errors (field name to {@link FieldError} or a nested map of the same shape) as JSON, keys sorted. */
    static ObjectNode of(Map<String, ?> errors) {
        ObjectNode out = Json.object();
        new TreeMap<String, Object>(errors).forEach((name, value) -> {
            if (value instanceof FieldError fe) {
                ObjectNode node = out.putObject(name);
                node.put("code", fe.code());
                node.put("message", fe.message());
                if (!fe.params().isEmpty()) {
                    node.set("params", Json.MAPPER.valueToTree(new TreeMap<>(fe.params())));
                }
            } else if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                out.set(name, of(typed));
            }
        });
        return out;
    }
}
