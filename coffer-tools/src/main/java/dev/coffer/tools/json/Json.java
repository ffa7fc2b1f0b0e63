package dev.coffer.tools.json;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one configured JSON mapper and small helpers around Jackson's tree model. */
public final class Json {

    /**
     * Shared, thread-safe mapper: compact output, unknown properties ignored, big decimals kept exact, and
     * {@code <}, {@code >} and {@code &} in strings written as {@code \u003c}, {@code \u003e} and
     * {@code \u0026}, as PocketBase's encoder writes them (JSON embedded in HTML can't close a tag).
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .characterEscapes(new HtmlSafeEscapes()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** JSON's standard escapes plus HTML's three special characters, in lower-case hex. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private static final SerializableString LT = new SerializedString("\\u003c");
        private static final SerializableString GT = new SerializedString("\\u003e");
        private static final SerializableString AMP = new SerializedString("\\u0026");

        private final int[] table;

        HtmlSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&'}) {
                table[c] = ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> LT;
                case '>' -> GT;
                case '&' -> AMP;
                default -> null;
            };
        }
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A copy of an object with its keys, and those of every object inside it, in alphabetical order. */
    public static ObjectNode sortedKeys(ObjectNode node) {
        ObjectNode out = object();
        node.propertyNames().stream().sorted().forEach(name -> out.set(name, sortedKeysOf(node.get(name))));
        return out;
    }

    private static JsonNode sortedKeysOf(JsonNode node) {
        if (node instanceof ObjectNode o) {
            return sortedKeys(o);
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = array();
            a.forEach(item -> out.add(sortedKeysOf(item)));
            return out;
        }
        return node;
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
