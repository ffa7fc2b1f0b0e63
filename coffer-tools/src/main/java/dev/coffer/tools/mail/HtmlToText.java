package dev.coffer.tools.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an HTML email body as plain text, the way PocketBase derives its text alternative: runs of whitespace
 * collapse to one space, a block element starts a new line ({@code \r\n}), {@code <br>} breaks the line, list
 * items start with {@code "- "}, links become {@code [text](href)} and non-content elements (styles, scripts,
 * images, forms, …) are dropped.
 */
public final class HtmlToText {

    private static final Set<String> SKIPPED = Set.of("style", "script", "iframe", "applet", "object", "svg", "img",
            "button", "form", "textarea", "input", "select", "option", "template");
    private static final Set<String> RAW_TEXT = Set.of("style", "script", "textarea", "iframe", "template");
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "param", "source", "track", "wbr");
    private static final Set<String> INLINE = Set.of("a", "span", "small", "strike", "strong", "sub", "sup", "em",
            "b", "u", "i");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\n\\f\\r]+");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s=/>]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", "\u00a0", "copy", "\u00a9", "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013");

    private final String html;
    private final StringBuilder out = new StringBuilder();
    private StringBuilder active = out;
    private String linkHref;
    private boolean canAddNewLine;
    private int pos;

    private HtmlToText(String html) {
        this.html = html;
    }

    /** The plain text of an HTML document or fragment, trimmed. */
    public static String convert(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        HtmlToText c = new HtmlToText(html);
        c.run();
        if (c.linkHref != null) {
            c.closeLink();
        }
        return c.out.toString().strip();
    }

    private void run() {
        while (pos < html.length()) {
            int lt = html.indexOf('<', pos);
            if (lt < 0) {
                text(html.substring(pos));
                return;
            }
            if (lt > pos) {
                text(html.substring(pos, lt));
            }
            pos = lt;
            if (html.startsWith("<!--", pos)) {
                int end = html.indexOf("-->", pos + 4);
                pos = end < 0 ? html.length() : end + 3;
            } else if (html.startsWith("</", pos)) {
                endTag(tagEnd(pos));
            } else if (pos + 1 < html.length() && Character.isLetter(html.charAt(pos + 1))) {
                startTag(tagEnd(pos));
            } else if (html.startsWith("<!", pos) || html.startsWith("<?", pos)) {
                pos = tagEnd(pos);
            } else {
                text("<");
                pos++;
            }
        }
    }

    /** The index just past the {@code >} closing the tag that starts at {@code from}, honouring quotes. */
    private int tagEnd(int from) {
        char quote = 0;
        for (int i = from + 1; i < html.length(); i++) {
            char ch = html.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '>') {
                return i + 1;
            }
        }
        return html.length();
    }

    private static String tagName(String tag, int start) {
        int i = start;
        while (i < tag.length() && !Character.isWhitespace(tag.charAt(i)) && tag.charAt(i) != '>'
                && tag.charAt(i) != '/') {
            i++;
        }
        return tag.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private void startTag(int end) {
        String tag = html.substring(pos, end);
        pos = end;
        String name = tagName(tag, 1);
        boolean selfClosing = tag.endsWith("/>") || VOID.contains(name);
        if (SKIPPED.contains(name)) {
            if (!selfClosing) {
                skipElement(name);
            }
            return;
        }
        if (name.equals("br")) {
            active.append("\r\n");
            canAddNewLine = false;
        } else if (canAddNewLine && !INLINE.contains(name)) {
            active.append("\r\n");
            canAddNewLine = false;
        }
        if (name.equals("li")) {
            active.append("- ");
        }
        if (name.equals("a") && !selfClosing) {
            if (linkHref != null) {
                closeLink();
            }
            linkHref = attribute(tag.substring(1 + name.length()), "href");
            active = new StringBuilder();
        }
    }

    private void endTag(int end) {
        String name = tagName(html.substring(pos, end), 2);
        pos = end;
        if (name.equals("a") && linkHref != null) {
            closeLink();
        }
    }

    /** Moves past the content and the end tag of a dropped element, counting nested ones of the same name. */
    private void skipElement(String name) {
        String close = "</" + name;
        String lower = html.toLowerCase(Locale.ROOT);
        if (RAW_TEXT.contains(name)) {
            int at = lower.indexOf(close, pos);
            pos = at < 0 ? html.length() : tagEnd(at);
            return;
        }
        int depth = 1;
        while (depth > 0) {
            int next = lower.indexOf("<" + name, pos);
            int closing = lower.indexOf(close, pos);
            if (closing < 0) {
                pos = html.length();
                return;
            }
            if (next >= 0 && next < closing && boundary(lower, next + 1 + name.length())) {
                depth++;
                pos = tagEnd(next);
            } else {
                depth--;
                pos = tagEnd(closing);
            }
        }
    }

    private static boolean boundary(String s, int i) {
        return i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
    }

    private void closeLink() {
        String text = active.toString().strip();
        active = out;
        out.append('[').append(text.isEmpty() ? "LINK" : text).append(']');
        if (!linkHref.isEmpty()) {
            out.append('(').append(linkHref).append(')');
        }
        linkHref = null;
    }

    private void text(String raw) {
        String t = WHITESPACE.matcher(decode(raw)).replaceAll(" ");
        if (!canAddNewLine) {
            t = t.stripLeading();
        }
        if (!t.isEmpty()) {
            active.append(t);
            canAddNewLine = true;
        }
    }

    private static String attribute(String attributes, String wanted) {
        Matcher m = ATTRIBUTE.matcher(attributes);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(wanted)) {
                String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                return v == null ? "" : decode(v);
            }
        }
        return "";
    }

    /** Decodes character references: numeric ones and the common named ones. */
    static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String value;
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                value = codePoint(ref.substring(2), 16, m.group());
            } else if (ref.startsWith("#")) {
                value = codePoint(ref.substring(1), 10, m.group());
            } else {
                value = NAMED.getOrDefault(ref, m.group());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String codePoint(String digits, int radix, String original) {
        try {
            int cp = Integer.parseInt(digits, radix);
            return Character.isValidCodePoint(cp) ? Character.toString(cp) : original;
        } catch (NumberFormatException e) {
            return original;
        }
    }
}
