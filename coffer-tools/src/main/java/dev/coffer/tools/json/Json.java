package dev.coffer.tools.json;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one configured JSON mapper and small helpers around Jackson's tree model. */
public final class Json {

    /** Shared, thread-safe mapper: compact output, unknown properties ignored, big decimals kept exact. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Parses JSON text.
     *
     * @throws IllegalArgumentException when the text is not valid JSON
     */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON from a stream.
     *
     * @throws IllegalArgumentException when the content is not valid JSON
     */
    public static JsonNode parse(InputStream in) throws IOException {
        try {
            return MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Tells whether the text is a single valid JSON value. */
    public static boolean isValid(String text) {
        try {
            MAPPER.readTree(text);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Serialises a value (tree or POJO) compactly. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Serialises a value (tree or POJO) compactly to UTF-8 bytes. */
    public static byte[] writeBytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }
}
