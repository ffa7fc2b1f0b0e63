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
 * Trims JSON to the keys a {@code ?fields=} list names, as PocketBase's picker does:
 * {@code a,b.c,*,d:excerpt(200,true)}.
 *
 * <ul>
 *   <li>The list splits at commas outside quotes ({@code ' " `}) and parentheses; an unbalanced quote or
 *       parenthesis is an error. Items are trimmed; empty ones are skipped; a later item for the same path
 *       replaces an earlier one.</li>
 *   <li>A dotted path reaches into objects and arrays of objects (other values are kept as they are). A key
 *       named as a whole keeps its whole value, even when longer paths through it are also named.</li>
 *   <li>{@code *} (named as a whole) keeps every key of its level that no other item names.</li>
 *   <li>{@code :excerpt(max[, withEllipsis])} turns a string value into plain text cut to {@code max}
 *       characters; {@code max} is read like Go's {@code cast.ToInt} and must be above 0, {@code withEllipsis}
 *       like {@code strconv.ParseBool} (anything else is false). Any other modifier is an error.</li>
 * </ul>
 */
public final class FieldsPicker {

    /** The characters PocketBase's tokenizer trims from each item. */
    private static final String TRIMMED = "\t\n\u000B\f\r \u0085\u00A0";
    private static final Pattern DECIMAL = Pattern.compile("^([-+]?[0-9]*)(\\.[0-9]*)?$");

    private final Node root;

    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        /** Whether an item names this path as a whole (then its whole value is kept). */
        boolean named;
        /** The excerpt of the item naming this path, or null. */
        Excerpt excerpt;
    }

    private record Excerpt(int max, boolean withEllipsis) {}

    private FieldsPicker(Node root) {
        this.root = root;
    }

    /**
     * Parses a fields list.
     *
     * @throws IllegalArgumentException for an unbalanced quote or parenthesis, or an unknown or malformed
     *     modifier
     */
    public static FieldsPicker parse(String fields) {
        Node root = new Node();
        for (String token : tokens(fields, ",", false)) {
            String item = goTrimSpace(token);
            int colon = item.indexOf(':');
            String path = colon < 0 ? item : item.substring(0, colon);
            Excerpt excerpt = colon < 0 ? null : modifier(item.substring(colon + 1));
            if (path.endsWith(".")) {
                path = path.substring(0, path.length() - 1); // "a." names "a", as in PocketBase
            }
            Node n = root;
            for (String part : path.split("\\.", -1)) {
                n = n.children.computeIfAbsent(part, k -> new Node());
            }
            n.named = true;
            n.excerpt = excerpt;
        }
        return new FieldsPicker(root);
    }

    /**
     * Splits at the separators outside quotes and (unless ignored) parentheses, as PocketBase's tokenizer does:
     * a backslash keeps the next quote or parenthesis from counting, tokens are trimmed and empty ones dropped,
     * and a token with an open quote or parenthesis is an error. A NUL character (Go's reader's end-of-input
     * marker) ends the token it is in, and ends the whole input where a token would start.
     */
    private static List<String> tokens(String input, String separators, boolean ignoreParentheses) {
        List<String> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < input.length() && input.charAt(pos[0]) != '\u0000') {
            String token = token(input, pos, separators, ignoreParentheses);
            if (!token.isEmpty()) {
                out.add(token);
            }
        }
        return out;
    }

    /** Reads one token from {@code pos[0]} on, leaving {@code pos[0]} after its end (separator or NUL). */
    private static String token(String input, int[] pos, String separators, boolean ignoreParentheses) {
        StringBuilder token = new StringBuilder();
        int parentheses = 0;
        int quote = 0;
        int previous = 0;
        while (pos[0] < input.length()) {
            int ch = input.codePointAt(pos[0]);
            pos[0] += Character.charCount(ch);
            if (ch == 0) {
                break;
            }
            if (previous != '\\') {
                if (!ignoreParentheses && ch == '(' && quote == 0) {
                    parentheses++;
                } else if (!ignoreParentheses && ch == ')' && parentheses > 0 && quote == 0) {
                    parentheses--;
                } else if (ch == '\'' || ch == '"' || ch == '`') {
                    if (quote == ch) {
                        quote = 0;
                    } else if (quote == 0) {
                        quote = ch;
                    }
                }
            }
            if (separators.indexOf(ch) >= 0 && parentheses == 0 && quote == 0) {
                break;
            }
            previous = ch;
            token.appendCodePoint(ch);
        }
        if (parentheses > 0 || quote != 0) {
            throw new IllegalArgumentException("unbalanced parenthesis or quoted expression: " + token);
        }
        return trim(token, separators);
    }

    private static String trim(StringBuilder token, String separators) {
        int start = 0;
        int end = token.length();
        while (start < end && trimmed(token.charAt(start), separators)) {
            start++;
        }
        while (end > start && trimmed(token.charAt(end - 1), separators)) {
            end--;
        }
        return token.substring(start, end);
    }

    private static boolean trimmed(char c, String separators) {
        return TRIMMED.indexOf(c) >= 0 && separators.indexOf(c) < 0;
    }

    /** Go's {@code strings.TrimSpace}: Unicode white space off both ends. */
    private static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && goSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && goSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean goSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** The modifier after a path's colon: {@code excerpt} with 1 or 2 arguments, else an error. */
    private static Excerpt modifier(String raw) {
        List<String> parts = tokens(raw, "(), ", true);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("invalid or empty modifier expression \"" + raw + "\"");
        }
        if (!parts.get(0).equals("excerpt")) {
            throw new IllegalArgumentException("missing or invalid modifier \"" + parts.get(0) + "\"");
        }
        List<String> args = parts.subList(1, parts.size());
        if (args.isEmpty() || args.size() > 2) {
            throw new IllegalArgumentException("excerpt expects (max, withEllipsis?): \"" + raw + "\"");
        }
        long max = castToInt(args.get(0));
        if (max <= 0) {
            throw new IllegalArgumentException("excerpt max must be > 0: \"" + raw + "\"");
        }
        boolean withEllipsis = args.size() > 1 && parseBool(args.get(1));
        return new Excerpt((int) Math.min(max, Integer.MAX_VALUE), withEllipsis);
    }

    /**
     * Go's {@code cast.ToInt} of a string: a decimal part is dropped ({@code "1.5"} is 1), the rest is read
     * like {@code strconv.ParseInt(s, 0, 64)} (base prefixes {@code 0x 0o 0b}, a leading 0 for octal,
     * underscores between digits); anything unreadable, overflow included, is 0.
     */
    static long castToInt(String raw) {
        String s = raw;
        if (s.contains(".")) {
            Matcher m = DECIMAL.matcher(s);
            if (m.matches()) {
                s = switch (m.group(1)) {
                    case "-", "+" -> m.group(1) + "0";
                    case "" -> "0";
                    default -> m.group(1);
                };
            }
        }
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty() || !underscoresOk(s)) {
            return 0;
        }
        int radix = 10;
        if (s.length() > 1 && s.charAt(0) == '0') {
            switch (Character.toLowerCase(s.charAt(1))) {
                case 'x' -> { radix = 16; s = s.substring(2); }
                case 'b' -> { radix = 2; s = s.substring(2); }
                case 'o' -> { radix = 8; s = s.substring(2); }
                default -> { radix = 8; s = s.substring(1); }
            }
        }
        String digits = s.replace("_", "");
        int base = radix;
        if (digits.isEmpty() || digits.chars().anyMatch(c -> c > 0x7f || Character.digit(c, base) < 0)) {
            return 0;
        }
        try {
            return Long.parseLong(negative ? "-" + digits : digits, radix);
        } catch (NumberFormatException overflow) {
            return 0;
        }
    }

    /** Go's rule for underscores in an integer literal: each one between digits (or after a base prefix). */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
            i = 2;
            saw = '0';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && "abcdefABCDEF".indexOf(c) >= 0)) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    /** Go's {@code strconv.ParseBool}, anything else being false (as {@code cast.ToBool} gives it). */
    private static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
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
            if (arr.isEmpty() || !arr.get(0).isObject()) {
                return data; // like PocketBase, only arrays of objects are picked into
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            arr.forEach(item -> out.add(item instanceof ObjectNode obj ? pickObject(obj, node) : item));
            return out;
        }
        return data instanceof ObjectNode obj ? pickObject(obj, node) : data;
    }

    private static ObjectNode pickObject(ObjectNode obj, Node node) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Node star = node.children.get("*");
        boolean starNamed = star != null && star.named;
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            Node child = node.children.get(e.getKey());
            if (child == null) {
                if (starNamed) {
                    out.set(e.getKey(), apply(e.getValue(), star.excerpt));
                }
            } else if (child.named) {
                out.set(e.getKey(), apply(e.getValue(), child.excerpt));
            } else {
                out.set(e.getKey(), pick(e.getValue(), child));
            }
        }
        return out;
    }

    private static JsonNode apply(JsonNode value, Excerpt excerpt) {
        if (excerpt == null || !value.isString()) {
            return value;
        }
        return JsonNodeFactory.instance.stringNode(excerpt(value.asString(), excerpt.max(), excerpt.withEllipsis()));
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
