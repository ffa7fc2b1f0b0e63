package dev.coffer.core.migrations;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Writes JSON text the way PocketBase v0.39 (Go's {@code encoding/json}) stores it: compact, keys in the
 * node's order, and {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as {@code \u003c}-style sequences.
 */
final class GoJson {

    private GoJson() {}

    /** Serialises a tree compactly with Go's HTML-safe escaping. */
    static String write(JsonNode node) {
        String text = Json.write(node);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 64).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
