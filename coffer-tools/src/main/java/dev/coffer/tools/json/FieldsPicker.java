package dev.coffer.tools.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trims JSON to the keys a {@code ?fields=} list names: {@code a,b.c,*,d:excerpt(200,true)}. Nested paths
 * reach into objects and arrays of objects; {@code *} keeps every key at its level; the {@code excerpt}
 * modifier turns an HTML or text value into plain text cut to a length.
 */
public final class FieldsPicker {

    private static final Pattern EXCERPT = Pattern.compile("^excerpt\\(\\s*(\\d+)\\s*(?:,\\s*(\\w+)\\s*)?\\)$");

    private final Node root;

    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        String modifier;
    }

    private FieldsPicker(Node root) {
        this.root = root;
    }

    /**
     * Parses a fields list.
     *
     * @throws IllegalArgumentException for an unknown or malformed modifier
     */
    public static FieldsPicker parse(String fields) {
        Node root = new Node();
        for (String raw : splitTopLevel(fields)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            String modifier = null;
            int colon = item.indexOf(':');
            if (colon >= 0) {
                modifier = item.substring(colon + 1).trim();
                item = item.substring(0, colon).trim();
                if (!EXCERPT.matcher(modifier).matches()) {
                    throw new IllegalArgumentException("unknown fields modifier \"" + modifier + "\"");
                }
            }
            Node n = root;
            for (String part : item.split("\\.")) {
                n = n.children.computeIfAbsent(part, k -> new Node());
            }
            if (modifier != null) {
                n.modifier = modifier;
            }
        }
        return new FieldsPicker(root);
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Whether the list names nothing (then the data is left as it is). */
    public boolean isEmpty() {
        return root.children.isEmpty();
    }

    /** Returns the picked copy of a JSON value. */
    public JsonNode pick(JsonNode data) {
        if (isEmpty()) {
            return data;
        }
        return pick(data, root);
    }

    private static JsonNode pick(JsonNode data, Node node) {
        if (data instanceof ArrayNode arr) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            arr.forEach(item -> out.add(pick(item, node)));
            return out;
        }
        if (!(data instanceof ObjectNode obj)) {
            return data;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Node star = node.children.get("*");
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            Node child = node.children.get(e.getKey());
            if (child == null && star == null) {
                continue;
            }
            Node effective = child != null ? child : star;
            JsonNode value = e.getValue();
            if (!effective.children.isEmpty()) {
                value = pick(value, effective);
            }
            if (effective.modifier != null) {
                value = applyModifier(value, effective.modifier);
            }
            out.set(e.getKey(), value);
        }
        return out;
    }

    private static JsonNode applyModifier(JsonNode value, String modifier) {
        Matcher m = EXCERPT.matcher(modifier);
        if (!m.matches() || !value.isString()) {
            return value;
        }
        int max = Integer.parseInt(m.group(1));
        boolean ellipsis = m.group(2) != null && Boolean.parseBoolean(m.group(2).toLowerCase(java.util.Locale.ROOT))
                || "1".equals(m.group(2)) || "t".equalsIgnoreCase(m.group(2));
        return JsonNodeFactory.instance.stringNode(excerpt(value.asString(), max, ellipsis));
    }

    /** Plain text of an HTML fragment, whitespace collapsed, cut to {@code max} characters. */
    public static String excerpt(String html, int max, boolean withEllipsis) {
        String text = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'")
                .replaceAll("\\s+", " ").trim();
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max);
        String cut = text.substring(0, end).trim();
        return withEllipsis ? cut + "..." : cut;
    }
}
