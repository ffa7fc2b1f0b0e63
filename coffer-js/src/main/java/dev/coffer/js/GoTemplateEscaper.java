package dev.coffer.js;

import dev.coffer.js.GoTemplateExec.SafeHtml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output escaping of Go's html/template, decided at run time: the template's text is read through a small
 * HTML tokenizer as it is written, and each printed value is escaped for the context reached.
 *
 * <ul>
 *   <li>HTML text and quoted attribute values: {@code & < > " ' +} and NUL escaped as Go does; unquoted values
 *       also escape white space, {@code =} and the backtick; {@code raw} (Go's template.HTML) is printed as is in
 *       text, and with its tags removed in attributes. {@code <title>} and {@code <textarea>} are text.
 *   <li>{@code <script>} bodies and {@code on*} attributes: values are written as JSON (strings quoted, {@code <}
 *       as {@code \u003c}, padded with spaces when they start or end like a word); inside a JS string, regular
 *       expression or template literal they are escaped for it; in comments they print nothing.
 *   <li>URL attributes ({@code href}, {@code src}, {@code action}, names containing src/uri/url, ...): a value
 *       starting the URL must have no scheme or http, https or mailto, else it becomes {@code #ZgotmplZ}; it is
 *       percent-encoded where a URL can't hold it as is, and fully query-escaped after a {@code ?} or {@code #}.
 *   <li>{@code <style>} bodies and {@code style} attributes: values in CSS strings are CSS-escaped, others must
 *       be plain CSS values (no quotes, parentheses, semicolons, ...) or they become {@code ZgotmplZ}.
 *   <li>HTML comments are removed from the template's text, as are JS and CSS comments in script and style
 *       elements.
 * </ul>
 *
 * <p>Approximations: Go decides contexts when parsing and rejects templates whose branches end in different
 * contexts; here the context simply follows the output. Entities in attribute values are not decoded before
 * JS/URL/CSS analysis; the JS tokenizer guesses whether {@code /} starts a regular expression from the previous
 * character; {@code <script type=...>} is always JS.
 */
final class GoTemplateEscaper {

    private enum State { TEXT, TAG, ATTR_NAME, AFTER_NAME, BEFORE_VALUE, ATTR, SCRIPT, STYLE, RCDATA, COMMENT }

    private enum Attr { PLAIN, URL, JS, CSS }

    /** Where JS or CSS code is: in code, a string, a template literal, a regular expression or a comment. */
    private enum Code { CODE, DQ, SQ, BQ, REGEX, LINE_COMMENT, BLOCK_COMMENT }

    private static final String FAILSAFE = "ZgotmplZ";
    private static final Set<String> URL_ATTRS = Set.of("action", "archive", "background", "cite", "classid",
            "codebase", "data", "formaction", "href", "icon", "longdesc", "manifest", "poster", "profile", "src",
            "srcset", "usemap", "xmlns");

    private State state = State.TEXT;
    private Attr attr = Attr.PLAIN;
    private Code code = Code.CODE;
    private String element = "";
    private String attrName = "";
    private boolean endTag;
    private char delim;
    private boolean regexAllowed = true;
    private int urlPart;

    /** Whether Go's {@code html} at the end of a pipeline stands for the escaping this context needs. */
    boolean inHtml() {
        return state == State.TEXT || state == State.RCDATA || state == State.ATTR && attr == Attr.PLAIN;
    }

    /** Reads template text, returning what is written (the text without its comments). */
    String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            switch (state) {
                case TEXT -> {
                    if (s.startsWith("<!--", i)) {
                        state = State.COMMENT;
                        i += 4;
                    } else if (c == '<' && (letterAt(s, i + 1) || s.startsWith("/", i + 1) && letterAt(s, i + 2))) {
                        endTag = s.charAt(i + 1) == '/';
                        int j = i + (endTag ? 2 : 1);
                        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '-')) {
                            j++;
                        }
                        element = s.substring(i + (endTag ? 2 : 1), j).toLowerCase();
                        out.append(s, i, j);
                        i = j;
                        state = State.TAG;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                case COMMENT -> {
                    int end = s.indexOf("-->", i);
                    i = end < 0 ? s.length() : end + 3;
                    state = end < 0 ? State.COMMENT : State.TEXT;
                }
                case TAG -> {
                    if (c == '>') {
                        state = endTag ? State.TEXT : switch (element) {
                            case "script" -> State.SCRIPT;
                            case "style" -> State.STYLE;
                            case "title", "textarea" -> State.RCDATA;
                            default -> State.TEXT;
                        };
                        code = Code.CODE;
                        regexAllowed = true;
                    } else if (!isSpace(c) && c != '/') {
                        state = State.ATTR_NAME;
                        attrName = "";
                        continue;
                    }
                    out.append(c);
                    i++;
                }
                case ATTR_NAME -> {
                    if (isSpace(c) || c == '=' || c == '>' || c == '/') {
                        state = State.AFTER_NAME;
                        attr = attrType(attrName);
                        continue;
                    }
                    attrName += Character.toLowerCase(c);
                    out.append(c);
                    i++;
                }
                case AFTER_NAME, BEFORE_VALUE -> {
                    if (isSpace(c)) {
                        out.append(c);
                        i++;
                    } else if (state == State.AFTER_NAME && c == '=') {
                        state = State.BEFORE_VALUE;
                        out.append(c);
                        i++;
                    } else if (state == State.AFTER_NAME || c == '>') {
                        state = State.TAG;
                    } else {
                        boolean quoted = c == '"' || c == '\'';
                        startValue(quoted ? c : 0);
                        if (quoted) {
                            out.append(c);
                            i++;
                        }
                    }
                }
                case ATTR -> {
                    if (delim != 0 ? c == delim : isSpace(c) || c == '>') {
                        state = State.TAG;
                        if (delim != 0) {
                            out.append(c);
                            i++;
                        }
                    } else if (attr == Attr.JS || attr == Attr.CSS) {
                        i = code(s, i, out, false, attr == Attr.JS);
                    } else {
                        urlPart = c == '?' || c == '#' ? 2 : Math.max(urlPart, 1);
                        out.append(c);
                        i++;
                    }
                }
                case SCRIPT, STYLE, RCDATA -> {
                    String close = "</" + element;
                    int after = i + close.length();
                    if (s.regionMatches(true, i, close, 0, close.length())
                            && (after >= s.length() || isSpace(s.charAt(after)) || "/>".indexOf(s.charAt(after)) >= 0)) {
                        state = State.TEXT;
                    } else if (state == State.RCDATA) {
                        out.append(c);
                        i++;
                    } else {
                        i = code(s, i, out, true, state == State.SCRIPT);
                    }
                }
            }
        }
        return out.toString();
    }

    private void startValue(char quote) {
        state = State.ATTR;
        delim = quote;
        code = Code.CODE;
        regexAllowed = true;
        urlPart = 0;
    }

    /** Reads one JS or CSS token step at {@code i}, writing it unless it is a comment being stripped. */
    private int code(String s, int i, StringBuilder out, boolean strip, boolean js) {
        char c = s.charAt(i);
        int n = 1;
        Code before = code;
        switch (code) {
            case CODE -> {
                if (c == '"' || c == '\'' || c == '`' && js) {
                    code = c == '"' ? Code.DQ : c == '\'' ? Code.SQ : Code.BQ;
                } else if (s.startsWith("/*", i)) {
                    code = Code.BLOCK_COMMENT;
                    n = 2;
                } else if (js && s.startsWith("//", i)) {
                    code = Code.LINE_COMMENT;
                    n = 2;
                } else if (js && c == '/' && regexAllowed) {
                    code = Code.REGEX;
                } else if (!isSpace(c)) {
                    regexAllowed = !(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == ')' || c == ']');
                }
            }
            case DQ, SQ, BQ, REGEX -> {
                char end = switch (code) {
                    case DQ -> '"';
                    case SQ -> '\'';
                    case BQ -> '`';
                    default -> '/';
                };
                if (c == '\\') {
                    n = Math.min(2, s.length() - i);
                } else if (c == end) {
                    code = Code.CODE;
                    regexAllowed = false;
                }
            }
            case LINE_COMMENT -> {
                if (c == '\n' || c == '\r') {
                    code = Code.CODE;
                    before = Code.CODE;
                }
            }
            case BLOCK_COMMENT -> {
                if (s.startsWith("*/", i)) {
                    code = Code.CODE;
                    n = 2;
                }
            }
        }
        boolean comment = before == Code.LINE_COMMENT || before == Code.BLOCK_COMMENT
                || code == Code.LINE_COMMENT || code == Code.BLOCK_COMMENT;
        if (!(strip && comment)) {
            out.append(s, i, i + n);
        }
        return i + n;
    }

    /** Escapes a printed value for the current context. */
    String value(Object v) {
        String s = plain(v);
        switch (state) {
            case TEXT -> {
                return v instanceof SafeHtml ? s : html(s, true);
            }
            case RCDATA -> {
                return html(s, !(v instanceof SafeHtml));
            }
            case COMMENT -> {
                return "";
            }
            case TAG, ATTR_NAME, AFTER_NAME -> {
                String name = s.toLowerCase();
                if (!name.matches("[a-z0-9_:-]+") || attrType(attrName + name) != Attr.PLAIN) {
                    name = FAILSAFE;
                }
                attrName = state == State.ATTR_NAME ? attrName + name : name;
                state = State.ATTR_NAME;
                return name;
            }
            case BEFORE_VALUE -> startValue((char) 0);
            case SCRIPT -> {
                return jsValue(v, s);
            }
            case STYLE -> {
                return cssValue(s);
            }
            default -> {}
        }
        String inner = switch (attr) {
            case PLAIN -> v instanceof SafeHtml ? s.replaceAll("<[^>]*>?", "") : s;
            case URL -> url(s);
            case JS -> jsValue(v, s);
            case CSS -> cssValue(s);
        };
        if (delim == 0) {
            return inner.isEmpty() ? FAILSAFE : replace(inner, NOSPACE);
        }
        return html(inner, !(attr == Attr.PLAIN && v instanceof SafeHtml));
    }

    private static String plain(Object v) {
        return switch (v) {
            case null -> "";
            case String s -> s;
            case SafeHtml h -> h.html();
            default -> GoTemplateExec.fmt(v);
        };
    }

    private static Attr attrType(String name) {
        String n = name.startsWith("data-") ? name.substring(5) : name;
        if (n.contains(":")) {
            n = n.startsWith("xmlns") ? "xmlns" : n.substring(n.indexOf(':') + 1);
        }
        if (n.startsWith("on")) {
            return Attr.JS;
        }
        if (n.equals("style")) {
            return Attr.CSS;
        }
        return URL_ATTRS.contains(n) || n.contains("src") || n.contains("uri") || n.contains("url") ? Attr.URL
                : Attr.PLAIN;
    }

    // ---- URLs ----

    private String url(String s) {
        String out;
        if (urlPart == 0) {
            int colon = s.indexOf(':');
            boolean schemeOk = colon < 0 || s.substring(0, colon).contains("/")
                    || Set.of("http", "https", "mailto").contains(s.substring(0, colon).toLowerCase());
            out = percent(schemeOk ? s : "#" + FAILSAFE, true);
        } else {
            out = percent(s, urlPart == 1);
        }
        urlPart = out.contains("?") || out.contains("#") || urlPart == 2 ? 2 : 1;
        return out;
    }

    /** Percent-encodes bytes outside the unreserved set; normalizing keeps reserved characters and escapes. */
    private static String percent(String s, boolean normalize) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0
                    || normalize && "!#$&*+,/:;=?@[]%".indexOf(c) >= 0);
            sb.append(keep ? String.valueOf(c) : String.format("%%%02x", (int) c));
        }
        return sb.toString();
    }

    /** Go's url.QueryEscape, the urlquery function. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append(c == ' ' ? "+" : String.format("%%%02X", (int) c));
            }
        }
        return sb.toString();
    }

    // ---- JS ----

    private String jsValue(Object v, String s) {
        return switch (code) {
            case CODE -> {
                regexAllowed = false;
                String json = json(v);
                boolean pad = isIdentPart(json.charAt(0)) || isIdentPart(json.charAt(json.length() - 1));
                yield pad ? " " + json + " " : json;
            }
            case DQ, SQ -> replace(s, JS_STRING);
            case BQ -> replace(s, JS_STRING).replace("$", "\\u0024").replace("{", "\\u007b").replace("}", "\\u007d");
            case REGEX -> s.isEmpty() ? "(?:)" : replace(s.replaceAll("([$()*\\-.?\\[\\]^{|}])", "\\\\$1"), JS_STRING);
            default -> "";
        };
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** JSON as Go's encoding/json writes it, with {@code < > &} and U+2028/9 escaped. */
    static String json(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> jsonString(s);
            case SafeHtml h -> jsonString(h.html());
            case Double d -> {
                double a = Math.abs(d);
                String g = GoTemplateExec.GoFmt.floatG(d, -1);
                if (a != 0 && (a < 1e-6 || a >= 1e21)) {
                    yield g.replaceAll("e([-+])0(\\d)$", "e$1$2");
                }
                yield new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            }
            case List<?> l -> "[" + String.join(",", l.stream().map(GoTemplateEscaper::json).toList()) + "]";
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("{");
                m.forEach((k, e) -> sb.append(sb.length() > 1 ? "," : "").append(jsonString((String) k)).append(':')
                        .append(json(e)));
                yield sb.append('}').toString();
            }
            default -> v.toString();
        };
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c < 0x20 || "<>&\u2028\u2029".indexOf(c) >= 0
                        ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    /** Go's text/template {@code js} function. */
    static String jsFunc(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> sb.append(c < 0x20 || Character.isISOControl(c) ? String.format("\\u%04X", (int) c)
                        : String.valueOf(c));
            }
        }
        return sb.toString();
    }

    // ---- CSS ----

    private String cssValue(String s) {
        if (code == Code.DQ || code == Code.SQ) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ("\0\t\n\f\r\"&'()+/:;<>\\{}".indexOf(c) >= 0) {
                    sb.append('\\').append(Integer.toHexString(c));
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : 'x';
                    if (Character.digit(next, 16) >= 0 || next == ' ') {
                        sb.append(' ');
                    }
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        if (code != Code.CODE) {
            return "";
        }
        String lower = s.toLowerCase();
        boolean bad = s.chars().anyMatch(c -> "\0\"'()/;@[\\]`{}<>".indexOf(c) >= 0) || s.contains("--")
                || lower.contains("expression") || lower.contains("mozbinding");
        return bad ? FAILSAFE : s;
    }

    // ---- HTML ----

    private static final Map<Character, String> HTML = Map.of('\0', "\uFFFD", '"', "&#34;", '&', "&amp;", '\'',
            "&#39;", '+', "&#43;", '<', "&lt;", '>', "&gt;");
    private static final Map<Character, String> NOSPACE = Map.ofEntries(Map.entry('\0', "&#xfffd;"),
            Map.entry('\t', "&#9;"), Map.entry('\n', "&#10;"), Map.entry('\u000b', "&#11;"),
            Map.entry('\f', "&#12;"), Map.entry('\r', "&#13;"), Map.entry(' ', "&#32;"), Map.entry('"', "&#34;"),
            Map.entry('&', "&amp;"), Map.entry('\'', "&#39;"), Map.entry('+', "&#43;"), Map.entry('<', "&lt;"),
            Map.entry('=', "&#61;"), Map.entry('>', "&gt;"), Map.entry('`', "&#96;"));
    private static final Map<Character, String> JS_STRING = Map.ofEntries(Map.entry('\t', "\\t"),
            Map.entry('\n', "\\n"), Map.entry('\f', "\\f"), Map.entry('\r', "\\r"), Map.entry('"', "\\u0022"),
            Map.entry('`', "\\u0060"), Map.entry('&', "\\u0026"), Map.entry('\'', "\\u0027"),
            Map.entry('+', "\\u002b"), Map.entry('/', "\\/"), Map.entry('<', "\\u003c"), Map.entry('>', "\\u003e"),
            Map.entry('\\', "\\\\"), Map.entry('\u2028', "\\u2028"), Map.entry('\u2029', "\\u2029"));

    private static final Map<Character, String> HTML_NORM = Map.of('\0', "\uFFFD", '"', "&#34;", '\'', "&#39;",
            '+', "&#43;", '<', "&lt;", '>', "&gt;");
    private static final Map<Character, String> HTML_FUNC = Map.of('\0', "\uFFFD", '"', "&#34;", '&', "&amp;",
            '\'', "&#39;", '<', "&lt;", '>', "&gt;");

    /** html/template's escaping of text and quoted attributes; without {@code &} for already-HTML content. */
    private static String html(String s, boolean ampersand) {
        return replace(s, ampersand ? HTML : HTML_NORM);
    }

    /** Go's text/template {@code html} function. */
    static String htmlFunc(String s) {
        return replace(s, HTML_FUNC);
    }

    private static String replace(String s, Map<Character, String> table) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = table.get(c);
            if (r == null && table == JS_STRING && c < 0x20) {
                r = String.format("\\u%04x", (int) c);
            }
            if (r != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(r != null ? r : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean letterAt(String s, int i) {
        return i < s.length() && Character.isLetter(s.charAt(i));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
